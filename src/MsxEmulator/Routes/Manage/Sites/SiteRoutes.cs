using static MsxEmulator.Routes.ManageRouting;

namespace MsxEmulator.Routes;

/// <summary>The <c>/manage/api/v8/sites</c> operations of the spec.</summary>
public static class SiteRoutes
{
    public const string BasePath = "/manage/api/v8/sites";

    /// <summary>The page's filters; the spec allows one at a time (includeSubtenants goes with tenantId).</summary>
    private static readonly string[] Filters = ["tenantId", "serviceId", "serviceType", "deviceId", "parentId", "type", "managingControlPlaneId"];

    public static void MapSiteRoutes(this IEndpointRouteBuilder app, EmulatorState tenants, ManageState manage)
    {
        var handler = new SiteHandler(manage);
        var sites = new ManageOperations(tenants, ManageArea.Sites);
        Access.Map(app, tenants, BasePath, sites.Get(handler.Page), sites.Post(handler.Create));
        Access.Map(app, tenants, BasePath + "/{id}", sites.Get(handler.Get), sites.Put(handler.Replace), sites.Delete(handler.Delete));
        MapMembership(app, tenants, sites, "/devices/add", (id, ids, caller) => manage.AddDevices(id, ids, caller.Id, manage.Clock.NowMillis()), handler);
        MapMembership(app, tenants, sites, "/devices/remove", (id, ids, caller) => manage.RemoveDevices(id, ids, caller.Id, manage.Clock.NowMillis()), handler);
        MapMembership(app, tenants, sites, "/services/add", (id, ids, caller) => manage.AddServices(id, ids, caller.Id, manage.Clock.NowMillis()), handler);
        MapMembership(app, tenants, sites, "/services/remove", (id, ids, caller) => manage.RemoveServices(id, ids, caller.Id, manage.Clock.NowMillis()), handler,
            uuidPath: false);
    }

    private static void MapMembership(IEndpointRouteBuilder app, EmulatorState tenants, ManageOperations sites, string suffix,
        Func<Guid, List<string>, ManageCaller, ManageResult<SiteView>> change, SiteHandler handler, bool uuidPath = true) =>
        Access.Map(app, tenants, BasePath + "/{id}" + suffix, sites.Post((c, caller) => handler.ChangeMembers(c, caller, change, uuidPath)));

    private sealed class SiteHandler(ManageState manage)
    {
        public Task Page(HttpContext context, ManageCaller caller)
        {
            var request = PageRequest.Read(context);
            var given = Filters.Where(f => RequestReading.Query(context, f) is { Length: > 0 }).ToList();
            if (given.Count > 1)
            {
                throw ApiFailure.BadRequest($"{given[1]}: only one filter is supported at a time (got {string.Join(", ", given)})");
            }

            var includeSubtenants = RequestReading.OptionalBool(context, "includeSubtenants");
            var showImage = RequestReading.OptionalBool(context, "showImage");
            Func<SiteView, bool> filter = static _ => true;
            if (given.Count == 1)
            {
                var value = RequestReading.Query(context, given[0])!;
                filter = given[0] switch
                {
                    "tenantId" => TenantFilter(caller, value, includeSubtenants),
                    "serviceId" => v => v.Site.ServiceIds.Contains(value, StringComparer.Ordinal) || v.Devices.Any(d => d.ServiceId == value),
                    "serviceType" => v => v.Devices.Any(d => d.ServiceType == value),
                    "deviceId" => v => v.Site.DeviceIds.Contains(value, StringComparer.Ordinal),
                    "parentId" => v => v.Site.ParentId is { } parent && Guid.TryParse(value, out var wanted) && parent == wanted,
                    "type" => v => v.Site.Type == value,
                    _ => v => v.Site.ManagingControlPlaneId == value,
                };
            }

            var (items, hasNext) = request.Cut(manage.Sites().Where(v => caller.CanRead(v.Site.TenantId) && filter(v)));
            var body = request.Body(items.ConvertAll(v => ManageBodies.ToBody(v, showImage)), hasNext);
            return Responses.Json(context, StatusCodes.Status200OK, body, EmulatorJsonContext.Wire.PageBodySiteBody);
        }

        public async Task Create(HttpContext context, ManageCaller caller)
        {
            var draft = ManageRules.ReadSiteCreate(await ReadObject(context));
            caller.DemandTenant("tenantId", draft.TenantId, "the sites", write: true);
            var result = manage.CreateSite(draft, caller.Id, manage.Clock.NowMillis());
            if (result.Outcome != ManageOutcome.Done)
            {
                // The spec declares no 404 here: an unknown device is a bad field of the body.
                throw ManageErrors.For(result, "Site", StatusCodes.Status400BadRequest);
            }

            var site = result.Value!;
            context.Response.Headers.Location = Absolute(context, $"{BasePath}/{site.Site.Id}");
            await Responses.Json(context, StatusCodes.Status201Created, ManageBodies.ToBody(site), EmulatorJsonContext.Wire.SiteBody);
        }

        public Task Get(HttpContext context, ManageCaller caller)
        {
            var site = Find(context, caller, write: false);
            var showImage = RequestReading.OptionalBool(context, "showImage");
            return Responses.Json(context, StatusCodes.Status200OK, ManageBodies.ToBody(site, showImage), EmulatorJsonContext.Wire.SiteBody);
        }

        public async Task Replace(HttpContext context, ManageCaller caller)
        {
            var id = RequestReading.PathUuid(context, "id");
            RequestReading.OptionalBool(context, "sendNotification");
            var fields = ManageRules.ReadSiteUpdate(await ReadObject(context));
            Find(context, caller, write: true);
            await Answer(context, manage.ReplaceSite(id, fields, caller.Id, manage.Clock.NowMillis()), id);
        }

        public Task Delete(HttpContext context, ManageCaller caller)
        {
            var site = Find(context, caller, write: true);
            return manage.DeleteSite(site.Site.Id) == ManageOutcome.Done
                ? Responses.NoContent(context)
                : throw ManageErrors.SiteNotFound(site.Site.Id);
        }

        public async Task ChangeMembers(HttpContext context, ManageCaller caller,
            Func<Guid, List<string>, ManageCaller, ManageResult<SiteView>> change, bool uuidPath)
        {
            Guid id;
            if (uuidPath)
            {
                id = RequestReading.PathUuid(context, "id");
            }
            else if (!Guid.TryParse(PathText(context, "id"), out id))
            {
                // The spec gives this one path no uuid format, so a malformed id is simply no site.
                throw new ApiFailure(StatusCodes.Status404NotFound, Responses.NotFound, $"Site {PathText(context, "id")} not found.");
            }

            var ids = await ReadIdArray(context);
            Find(context, caller, write: true, id);
            await Answer(context, change(id, ids, caller), id);
        }

        private SiteView Find(HttpContext context, ManageCaller caller, bool write, Guid? knownId = null)
        {
            var id = knownId ?? RequestReading.PathUuid(context, "id");
            var site = manage.FindSite(id) ?? throw ManageErrors.SiteNotFound(id);
            if (write)
            {
                caller.DemandWrite(site.Site.TenantId, $"site {id}");
            }
            else
            {
                caller.DemandRead(site.Site.TenantId, $"site {id}");
            }

            return site;
        }

        private static Task Answer(HttpContext context, ManageResult<SiteView> result, Guid id) =>
            result.Outcome == ManageOutcome.Done
                ? Responses.Json(context, StatusCodes.Status200OK, ManageBodies.ToBody(result.Value!), EmulatorJsonContext.Wire.SiteBody)
                : throw ManageErrors.For(result, $"Site {id}");

        private static Func<SiteView, bool> TenantFilter(ManageCaller caller, string value, bool includeSubtenants)
        {
            var tenantId = Guid.TryParse(value, out var parsed) ? parsed : throw ApiFailure.BadRequest($"tenantId: '{value}' is not a valid uuid");
            caller.DemandTenant("tenantId", tenantId, "the sites", write: false);
            return includeSubtenants
                ? v => caller.IsWithin(v.Site.TenantId, tenantId)
                : v => v.Site.TenantId == tenantId;
        }
    }
}
