namespace MsxEmulator.Data;

/// <summary>
/// Reads the <c>devices</c> and <c>sites</c> arrays of a --data file. Each entry is the API's create body
/// (the same rules apply), plus what the API sets itself: id, times, config text, health and status.
/// Any problem is a <see cref="DataException"/>.
/// </summary>
public static class ManageDataLoader
{
    private const string System = "system";

    public static ManageData Load(string path, IReadOnlyList<Tenant> tenants, DateTime startedAt)
    {
        var document = DataFileReading.Parse(path, content =>
            JsonDocument.Parse(content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }));
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ManageData.Empty;
            }

            var root = new JsonFields(document.RootElement, ignoreCase: true);
            var tenantIds = tenants.Select(t => t.Id).ToHashSet();
            var devices = LoadDevices(Entries(root, "devices"), tenantIds, startedAt);
            var sites = LoadSites(Entries(root, "sites"), tenantIds, devices, startedAt);
            return new ManageData(devices, sites);
        }
    }

    private static List<JsonElement> Entries(JsonFields root, string name)
    {
        if (!root.TryGet(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray()]
            : throw new DataException($"{name} must be an array.");
    }

    private static List<Device> LoadDevices(List<JsonElement> entries, HashSet<Guid> tenantIds, DateTime startedAt)
    {
        var result = new List<Device>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var serialKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var where = $"devices[{i}]";
            var device = Read(where, () =>
            {
                var entry = Fields(entries[i]);
                var draft = ManageRules.ReadDeviceCreate(entry);
                var f = draft.Fields;
                var createdOn = Time(entry, "createdOn") ?? startedAt.AddMilliseconds(i - entries.Count);
                var health = ManageRules.Unknown;
                string? healthDescription = null;
                if (entry.Object("health") is { } h)
                {
                    health = h.String("status", required: true)!;
                    if (!ManageRules.HealthStatuses.Contains(health, StringComparer.Ordinal))
                    {
                        throw JsonFields.Bad("health.status", $"'{health}' is not one of {string.Join(", ", ManageRules.HealthStatuses)}");
                    }

                    healthDescription = h.String("description", 256);
                }

                var status = ManageRules.InitialStatus(createdOn);
                if (entry.Object("status") is { } s)
                {
                    status = new StatusEntry(s.NonNullString("value", 128, 1) ?? status.Value, s.NonNullString("severity", 128, 1) ?? status.Severity,
                        createdOn, s.NonNullString("lastUpdatedMessage", 128, 1) ?? status.LastUpdatedMessage);
                }

                var vulnerability = entry.NonNullString("vulnerabilityState", 16) ?? "NOT_APPLICABLE";
                if (!ManageRules.VulnerabilityStates.Contains(vulnerability, StringComparer.Ordinal))
                {
                    throw JsonFields.Bad("vulnerabilityState", $"'{vulnerability}' is not one of {string.Join(", ", ManageRules.VulnerabilityStates)}");
                }

                return new Device(
                    entry.NonNullString("id", 256, 1) ?? ManageRules.StableDeviceId(draft.TenantId, f.Name),
                    f.Name, f.Model, f.Type, f.SubType, f.Tags, f.SerialKey, f.Version, draft.ServiceInstanceId, draft.SubscriptionId,
                    f.ServiceType, f.Managed, f.OnboardType, f.OnboardInformation, f.Attributes, f.ComplianceState, vulnerability, status,
                    ManageRules.InitialStatusDetails(createdOn) with { HealthStatus = ManageRules.HealthEntry(health, createdOn, "Updated by system") },
                    draft.TenantId, ManageRules.ProviderId, entry.Uuid("userId") ?? ManageRules.SystemUserId, createdOn,
                    Time(entry, "modifiedOn") ?? createdOn, entry.NonNullString("config", ManageRules.ConfigMax) ?? ManageRules.InitialConfig(f.Name),
                    health, healthDescription, i);
            });
            where = $"{where} ('{device.Name}')";
            if (!tenantIds.Contains(device.TenantId))
            {
                throw new DataException($"{where}: tenantId {device.TenantId} is not a tenant in the data.");
            }

            if (!ids.Add(device.Id))
            {
                throw new DataException($"{where}: id {device.Id} is used twice.");
            }

            if (!names.Add($"{device.TenantId}/{device.Name}"))
            {
                throw new DataException($"{where}: another device of tenant {device.TenantId} has this name (names are compared case-insensitively).");
            }

            if (device.SerialKey is { Length: > 0 } serialKey && !serialKeys.Add(serialKey))
            {
                throw new DataException($"{where}: serialKey '{serialKey}' is used twice (compared case-insensitively).");
            }

            result.Add(device);
        }

        return result;
    }

    private static List<Site> LoadSites(List<JsonElement> entries, HashSet<Guid> tenantIds, List<Device> devices, DateTime startedAt)
    {
        var byDevice = devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var result = new List<Site>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var site = Read($"sites[{i}]", () =>
            {
                var entry = Fields(entries[i]);
                var draft = ManageRules.ReadSiteCreate(entry);
                var f = draft.Fields;
                var createdOn = Time(entry, "createdOn") ?? startedAt.AddMilliseconds(i - entries.Count);
                var createdBy = entry.NonNullString("createdBy", 256, 1) ?? System;
                return new Site(entry.Uuid("id") ?? ManageRules.StableSiteId(draft.TenantId, f.Name), draft.TenantId, f.ParentId, f.Name,
                    f.Type, f.Description, f.Address, f.Contact, f.Image, f.ManagingControlPlaneId, f.Attributes, draft.DeviceIds,
                    draft.ServiceIds, f.Location, createdOn, createdBy, Time(entry, "modifiedOn") ?? createdOn,
                    entry.NonNullString("modifiedBy", 256, 1) ?? createdBy, i);
            });
            var where = $"sites[{i}] ('{site.Name}')";
            if (!tenantIds.Contains(site.TenantId))
            {
                throw new DataException($"{where}: tenantId {site.TenantId} is not a tenant in the data.");
            }

            if (result.Any(s => s.Id == site.Id))
            {
                throw new DataException($"{where}: id {site.Id} is used twice.");
            }

            if (!names.Add($"{site.TenantId}/{site.Name}"))
            {
                throw new DataException($"{where}: another site of tenant {site.TenantId} has this name (names are compared case-insensitively).");
            }

            foreach (var deviceId in site.DeviceIds)
            {
                if (!byDevice.TryGetValue(deviceId, out var device) || device.TenantId != site.TenantId)
                {
                    throw new DataException($"{where}: deviceIds names {deviceId}, which is not a device of the site's tenant in the data.");
                }
            }

            result.Add(site);
        }

        var byId = result.ToDictionary(s => s.Id);
        foreach (var site in result)
        {
            var seen = new HashSet<Guid> { site.Id };
            for (var parent = site.ParentId; parent is { } p; parent = byId[p].ParentId)
            {
                if (!byId.TryGetValue(p, out var parentSite) || parentSite.TenantId != site.TenantId)
                {
                    throw new DataException($"sites ('{site.Name}'): parentId {p} is not a site of the same tenant in the data.");
                }

                if (!seen.Add(p))
                {
                    throw new DataException($"sites ('{site.Name}'): its parentId chain loops back on itself.");
                }
            }
        }

        return result;
    }

    private static JsonFields Fields(JsonElement entry) => entry.ValueKind == JsonValueKind.Object
        ? new JsonFields(entry, ignoreCase: true)
        : throw ApiFailure.BadRequest("must be an object");

    private static T Read<T>(string where, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ApiFailure failure)
        {
            throw new DataException($"{where}: {failure.Message}");
        }
    }

    private static DateTime? Time(JsonFields entry, string name)
    {
        var text = entry.String(name);
        if (text is null)
        {
            return null;
        }

        return Timestamps.TryParse(text, out var value) ? value : throw JsonFields.Bad(name, $"'{text}' is not an ISO-8601 date-time");
    }
}
