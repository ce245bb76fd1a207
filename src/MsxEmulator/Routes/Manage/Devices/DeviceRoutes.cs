using static MsxEmulator.Routes.ManageRouting;

namespace MsxEmulator.Routes;

/// <summary>The <c>/manage/api/v8/devices</c> operations of the spec (templates excepted).</summary>
public static class DeviceRoutes
{
    public const string BasePath = "/manage/api/v8/devices";

    private static readonly string[] SortKeys =
        ["name", "serialKey", "model", "type", "subType", "version", "serviceType", "complianceState", "vulnerabilityState", "createdOn", "modifiedOn"];

    public static void MapDeviceRoutes(this IEndpointRouteBuilder app, EmulatorState tenants, ManageState manage)
    {
        var handler = new DeviceHandler(manage);
        var devices = new ManageOperations(tenants, ManageArea.Devices);
        Access.Map(app, tenants, BasePath, devices.Get(handler.Page), devices.Post(handler.Create));
        Access.Map(app, tenants, BasePath + "/{id}",
            devices.Get(handler.Get), devices.Put(handler.Replace), devices.Patch(handler.Patch), devices.Delete(handler.Delete));
        Access.Map(app, tenants, BasePath + "/{id}/config", devices.Get(handler.Config));
        Access.Map(app, tenants, BasePath + "/{id}/config/update", devices.Post(handler.UpdateConfig));
        Access.Map(app, tenants, BasePath + "/{id}/redeploy", devices.Post(handler.Redeploy));
    }

    private sealed class DeviceHandler(ManageState manage)
    {
        public Task Page(HttpContext context, ManageCaller caller)
        {
            var request = PageRequest.Read(context);
            var tenantIds = new List<Guid>();
            foreach (var text in QueryList(context, "tenantIds"))
            {
                var tenantId = Guid.TryParse(text, out var parsed) ? parsed : throw ApiFailure.BadRequest($"tenantIds: '{text}' is not a valid uuid");
                caller.DemandTenant("tenantIds", tenantId, "the devices", write: false);
                tenantIds.Add(tenantId);
            }

            var includeSubtenants = RequestReading.OptionalBool(context, "includeSubtenants");
            var complianceStates = Enumerated(context, "complianceStates", ManageRules.ComplianceStates);
            var vulnerabilityStates = Enumerated(context, "vulnerabilityStates", ManageRules.VulnerabilityStates);
            var sortBy = RequestReading.Query(context, "sortBy");
            if (sortBy is not null && !SortKeys.Contains(sortBy, StringComparer.Ordinal))
            {
                throw ApiFailure.BadRequest($"sortBy: '{sortBy}' is not one of {string.Join(", ", SortKeys)}");
            }

            var sortOrder = RequestReading.Query(context, "sortOrder");
            if (sortOrder is not (null or "asc" or "desc"))
            {
                throw ApiFailure.BadRequest($"sortOrder: '{sortOrder}' is not one of asc, desc");
            }

            var filters = new List<Func<Device, bool>>
            {
                d => caller.CanRead(d.TenantId),
                In(context, "deviceIds", d => d.Id),
                In(context, "serviceIds", d => d.ServiceInstanceId),
                In(context, "types", d => d.Type),
                In(context, "serialKeys", d => d.SerialKey, ignoreCase: true),
                In(context, "serviceTypes", d => d.ServiceType),
                In(context, "models", d => d.Model),
                In(context, "subtypes", d => d.SubType),
                In(context, "names", d => d.Name, ignoreCase: true),
                In(context, "versions", d => d.Version),
                In(context, "severities", d => d.Status.Severity),
                d => complianceStates.Count == 0 || complianceStates.Contains(d.ComplianceState),
                d => vulnerabilityStates.Count == 0 || vulnerabilityStates.Contains(d.VulnerabilityState),
                d => tenantIds.Count == 0 || (includeSubtenants
                    ? tenantIds.Any(root => caller.IsWithin(d.TenantId, root))
                    : tenantIds.Contains(d.TenantId)),
            };

            var matched = manage.Devices().Where(d => filters.All(f => f(d))).ToList();
            matched.Sort(Order(sortBy));
            if (sortOrder == "desc")
            {
                matched.Reverse();
            }

            var (items, hasNext) = request.Cut(matched);
            var body = request.Body(items.ConvertAll(ManageBodies.ToBody), hasNext, sortBy, sortOrder);
            return Responses.Json(context, StatusCodes.Status200OK, body, EmulatorJsonContext.Wire.PageBodyDeviceBody);
        }

        public async Task Create(HttpContext context, ManageCaller caller)
        {
            var draft = ManageRules.ReadDeviceCreate(await ReadObject(context));
            caller.DemandTenant("tenantId", draft.TenantId, "the devices", write: true);
            var result = manage.CreateDevice(draft, caller.User.Id, manage.Clock.NowMillis());
            if (result.Outcome != ManageOutcome.Done)
            {
                throw ManageErrors.For(result, "Device");
            }

            var device = result.Value!;
            context.Response.Headers.Location = Absolute(context, $"{BasePath}/{Uri.EscapeDataString(device.Id)}");
            await Responses.Json(context, StatusCodes.Status201Created, ManageBodies.ToBody(device), EmulatorJsonContext.Wire.DeviceBody);
        }

        public Task Get(HttpContext context, ManageCaller caller)
        {
            var device = Readable(context, caller);
            return Responses.Json(context, StatusCodes.Status200OK, ManageBodies.ToBody(device), EmulatorJsonContext.Wire.DeviceBody);
        }

        public async Task Replace(HttpContext context, ManageCaller caller)
        {
            var fields = ManageRules.ReadDeviceUpdate(await ReadObject(context));
            var device = Writable(context, caller);
            await Answer(context, manage.ReplaceDevice(device.Id, fields, manage.Clock.NowMillis()), device.Id);
        }

        public async Task Patch(HttpContext context, ManageCaller caller)
        {
            var patch = ManageRules.ReadDevicePatch(await ReadObject(context));
            var device = Writable(context, caller);
            await Answer(context, manage.PatchDevice(device.Id, patch, manage.Clock.NowMillis()), device.Id);
        }

        public Task Delete(HttpContext context, ManageCaller caller)
        {
            var device = Writable(context, caller);
            return manage.DeleteDevice(device.Id) == ManageOutcome.Done
                ? Responses.NoContent(context)
                : throw ManageErrors.DeviceNotFound(device.Id);
        }

        public Task Config(HttpContext context, ManageCaller caller)
        {
            var device = Readable(context, caller);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(device.Config, context.RequestAborted);
        }

        public async Task UpdateConfig(HttpContext context, ManageCaller caller)
        {
            var body = await ReadObject(context);
            body.String("correlationId", 36, 1, required: true);
            var content = body.String("configContent", ManageRules.ConfigMax, 1, required: true)!;
            body.String("format", 3, 1, required: true);
            var device = Writable(context, caller);
            if (manage.ConfigApproval)
            {
                var changeRequestId = Guid.NewGuid().ToString("D");
                var pending = new ChangeRequestPendingBody(changeRequestId, Absolute(context, "/incident/api/v8/changerequests/" + changeRequestId));
                await Responses.Json(context, StatusCodes.Status202Accepted, pending, EmulatorJsonContext.Wire.ChangeRequestPendingBody);
                return;
            }

            var result = manage.UpdateConfig(device.Id, content);
            if (result.Outcome != ManageOutcome.Done)
            {
                throw ManageErrors.For(result, $"Device {device.Id}");
            }

            await Responses.NoContent(context);
        }

        public Task Redeploy(HttpContext context, ManageCaller caller)
        {
            var device = Writable(context, caller);
            var outcome = manage.CheckRedeploy(device.Id);
            if (outcome != ManageOutcome.Done)
            {
                throw ManageErrors.For<Device>(outcome, $"Device {device.Id}");
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }

        private Device Readable(HttpContext context, ManageCaller caller)
        {
            var device = Find(context);
            caller.DemandRead(device.TenantId, $"device {device.Id}");
            return device;
        }

        private Device Writable(HttpContext context, ManageCaller caller)
        {
            var device = Find(context);
            caller.DemandWrite(device.TenantId, $"device {device.Id}");
            return device;
        }

        private Device Find(HttpContext context)
        {
            var id = PathText(context, "id") ?? string.Empty;
            return manage.FindDevice(id) ?? throw ManageErrors.DeviceNotFound(id);
        }

        private static Task Answer(HttpContext context, ManageResult<Device> result, string id) =>
            result.Outcome == ManageOutcome.Done
                ? Responses.Json(context, StatusCodes.Status200OK, ManageBodies.ToBody(result.Value!), EmulatorJsonContext.Wire.DeviceBody)
                : throw ManageErrors.For(result, $"Device {id}");

        private static Func<Device, bool> In(HttpContext context, string name, Func<Device, string?> field, bool ignoreCase = false)
        {
            var values = QueryList(context, name);
            if (values.Count == 0)
            {
                return static _ => true;
            }

            var set = new HashSet<string>(values, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            return d => field(d) is { } value && set.Contains(value);
        }

        private static HashSet<string> Enumerated(HttpContext context, string name, string[] allowed)
        {
            var values = QueryList(context, name);
            foreach (var value in values)
            {
                if (!allowed.Contains(value, StringComparer.Ordinal))
                {
                    throw ApiFailure.BadRequest($"{name}: '{value}' is not one of {string.Join(", ", allowed)}");
                }
            }

            return new HashSet<string>(values, StringComparer.Ordinal);
        }

        /// <summary>The page order: the sort key (text case-insensitively, nulls first), then createdOn, then creation order.</summary>
        private static Comparison<Device> Order(string? sortBy)
        {
            Func<Device, string?>? text = sortBy switch
            {
                "name" => d => d.Name,
                "serialKey" => d => d.SerialKey,
                "model" => d => d.Model,
                "type" => d => d.Type,
                "subType" => d => d.SubType,
                "version" => d => d.Version,
                "serviceType" => d => d.ServiceType,
                "complianceState" => d => d.ComplianceState,
                "vulnerabilityState" => d => d.VulnerabilityState,
                _ => null,
            };
            return (a, b) =>
            {
                var c = text is not null ? string.Compare(text(a), text(b), StringComparison.OrdinalIgnoreCase)
                    : sortBy == "modifiedOn" ? a.ModifiedOn.CompareTo(b.ModifiedOn)
                    : 0;
                if (c == 0)
                {
                    c = a.CreatedOn.CompareTo(b.CreatedOn);
                }

                return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
            };
        }
    }
}
