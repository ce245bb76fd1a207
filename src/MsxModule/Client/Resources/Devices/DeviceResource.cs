using System.Net;
using System.Net.Http;
using System.Text.Json;

namespace MsxPowerShell.Client.Resources;

/// <summary>The devices of <c>/manage/api/v8/devices</c>: the declaration, and typed shortcuts over the shared machinery.</summary>
public static class DeviceResource
{
    /// <summary>How many ids go into one <c>deviceIds</c> filter (device ids are about 40 characters: the URL stays short).</summary>
    private const int IdsPerListing = 50;

    private static readonly HttpMethod Patch = new("PATCH");

    public static readonly MsxResource<MsxDevice> Declaration = new(
        "Device",
        "manage/api/v8/devices",
        ManageJsonContext.Default.MsxDevice,
        ManageJsonContext.Default.ListMsxDevice,
        d => d.Id,
        d => d.Name)
    {
        Page = ManageJsonContext.Default.MsxPageMsxDevice,
        // A serial key is unique across all tenants (compared without case), and the page filters on it; a
        // device without one is created once, never blindly again.
        KeyOf = d => d.SerialKey,
        KeyFilter = serialKey => new QueryString().Add("serialKeys", serialKey),
        // The names filter is exact but splits its value at commas: a name holding one walks the pages instead.
        NameFilter = name => name.IndexOf(',') < 0 ? new QueryString().Add("names", name) : new QueryString(),
        // The page has no site filter: a site names its devices (deviceIds), so the site is read fresh and they are read by id.
        Parents = new[] { new ResourceParent("Tenant", "tenantIds"), new ResourceParent("Site", null) },
        ExistsCodes = new[] { "DEVICE_ALREADY_EXISTS" },
        ErrorIdsByCode = new Dictionary<string, string> { ["DEVICE_NOT_MANAGED"] = "MsxDeviceNotManaged" },
    };

    public static ResourceClient<MsxDevice> Devices(this MsxApiClient client) => client.For(Declaration);

    public static Task<MsxDevice> GetDeviceAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        client.Devices().GetAsync(id, cancellationToken);

    /// <summary>Devices by id through the page's <c>deviceIds</c> filter: one request per 50 ids; unknown ids are absent.</summary>
    public static async Task<List<MsxDevice>> GetDevicesByIdAsync(this MsxApiClient client, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        // An id that could not be a path segment is no device's: refused before anything is sent, as in paths.
        Declaration.CheckIds(ids);
        var found = new List<MsxDevice>();
        foreach (var batch in ids.Distinct(StringComparer.Ordinal).Select((id, i) => (id, i)).GroupBy(x => x.i / IdsPerListing, x => x.id))
        {
            using var pager = client.Devices().List(new ListQuery { Filters = new QueryString().Add("deviceIds", batch.ToList()) }, cancellationToken);
            while (await pager.NextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
            {
                found.AddRange(page);
            }
        }

        return found;
    }

    public static Task<MsxDevice> CreateDeviceAsync(this MsxApiClient client, DeviceCreateBody body, CancellationToken cancellationToken) =>
        TenantScope.CreateInTenantAsync(
            client,
            body.TenantId,
            ct => client.Devices().CreateAsync(body, ManageJsonContext.Default.DeviceCreateBody, string.IsNullOrEmpty(body.SerialKey) ? null : body.SerialKey, null, ct),
            $"device '{body.Name}'",
            cancellationToken);

    /// <summary>Changes only the fields in <paramref name="patch"/> (the spec's DevicePatch; each value replaced whole).</summary>
    public static Task<MsxDevice> PatchDeviceAsync(this MsxApiClient client, string id, DevicePatch patch, CancellationToken cancellationToken) =>
        client.Devices().SendItemAsync(Patch, Declaration.ItemPath(id), patch.ToJson(), id, cancellationToken);

    /// <summary>The spec's <c>DeviceUpdate</c> of a device as it is: the base of a read-merge-write (attributes and onboarding details exactly as read).</summary>
    public static DeviceUpdateBody ToUpdate(this MsxDevice device) => new()
    {
        Name = device.Name,
        Model = device.Model ?? string.Empty,
        Type = device.Type ?? string.Empty,
        OnboardType = device.OnboardType ?? string.Empty,
        SubType = device.SubType,
        SerialKey = device.SerialKey,
        Version = device.Version,
        ServiceType = device.ServiceType,
        ComplianceState = device.ComplianceState,
        Managed = device.Managed,
        Tags = device.Tags is null ? null : new Dictionary<string, string>(device.Tags),
        Attributes = device.AttributesJson is null ? null : new Dictionary<string, JsonElement>(device.AttributesJson),
        OnboardInformation = device.OnboardInformationJson is null ? null : new Dictionary<string, JsonElement>(device.OnboardInformationJson),
    };

    /// <summary>The text fields Set-MsxDevice sets, with the spec's DeviceUpdate rules (the older MsxInvalidDeviceField kept for the others).</summary>
    public static readonly IReadOnlyList<MsxField> Fields = new[]
    {
        new MsxField("Device", "Name", "name", "DeviceUpdate"),
        new MsxField("Device", "Model", "model", "DeviceUpdate"),
        new MsxField("Device", "Type", "type", "DeviceUpdate"),
        new MsxField("Device", "SubType", "subType", "DeviceUpdate") { ErrorId = "MsxInvalidDeviceField" },
        new MsxField("Device", "SerialKey", "serialKey", "DeviceUpdate") { ErrorId = "MsxInvalidDeviceField" },
        new MsxField("Device", "Version", "version", "DeviceUpdate") { ErrorId = "MsxInvalidDeviceField" },
        new MsxField("Device", "ServiceType", "serviceType", "DeviceUpdate") { ErrorId = "MsxInvalidDeviceField" },
        new MsxField("Device", "OnboardType", "onboardType", "DeviceUpdate") { ErrorId = "MsxInvalidDeviceField" },
    };

    /// <summary>
    /// How a device is updated. The spec offers PATCH (name, model, type, subtype, serial key, version,
    /// compliance state, onboarding details) and PUT (the whole device, the only way to change tags,
    /// attributes, managed, service type and onboard type): the changed fields go with PATCH when it carries
    /// them all, else the whole DeviceUpdate with PUT.
    /// </summary>
    public static readonly ItemUpdate<MsxDevice, DeviceUpdateBody> Update = new(ToUpdate, ManageJsonContext.Default.DeviceUpdateBody)
    {
        PatchFields = new HashSet<string>(StringComparer.Ordinal) { "name", "model", "type", "subType", "serialKey", "version", "complianceState", "onboardInformation" },
    };

    public static Task DeleteDeviceAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        client.Devices().DeleteAsync(id, cancellationToken);

    /// <summary>The device's running configuration, as the plain text the server keeps (the spec answers text/plain, so that is what is accepted).</summary>
    public static Task<string> GetDeviceConfigAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        Tagged(MsxOperationKind.Read, id, async () =>
        {
            var response = await client.SendAsync(new MsxRequest(HttpMethod.Get, Declaration.ItemPath(id, "config")) { Accept = "text/plain, application/json" }, cancellationToken).ConfigureAwait(false);
            return response.Text;
        });

    /// <summary>
    /// Pushes a configuration to the device. Null when the server applied it (204); the change request when it
    /// waits for approval (202). Sent once: a second attempt could open a second change request.
    /// </summary>
    public static Task<MsxDeviceChangeRequest?> UpdateDeviceConfigAsync(this MsxApiClient client, string id, DeviceConfigUpdateBody body, CancellationToken cancellationToken) =>
        Tagged(MsxOperationKind.Action, id, async () =>
        {
            var request = new MsxRequest(HttpMethod.Post, Declaration.ItemPath(id, "config/update"))
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(body, ManageJsonContext.Default.DeviceConfigUpdateBody),
                ContentType = "application/json",
            };
            var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return null;
            }

            MsxDeviceChangeRequest? pending = null;
            try
            {
                pending = response.Body.Length == 0 ? null : JsonSerializer.Deserialize(response.Body, ManageJsonContext.Default.MsxDeviceChangeRequest);
            }
            catch (JsonException)
            {
                // The update was accepted either way; an unreadable body only loses the change request's id.
            }

            pending ??= new MsxDeviceChangeRequest();
            pending.DeviceId = id;
            pending.Origin = client;
            return (MsxDeviceChangeRequest?)pending;
        });

    /// <summary>Redeploys a managed device (the answer has no body); a device that is not managed is MsxDeviceNotManaged.</summary>
    public static Task RedeployDeviceAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        Tagged(MsxOperationKind.Action, id, async () =>
        {
            await client.SendAsync(new MsxRequest(HttpMethod.Post, Declaration.ItemPath(id, "redeploy")), cancellationToken).ConfigureAwait(false);
            return true;
        });

    private static async Task<T> Tagged<T>(MsxOperationKind kind, string id, Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (MsxApiException ex)
        {
            throw Declaration.Tag(ex, kind, id);
        }
    }
}

/// <summary>The monitor's device health (<c>/monitor/api/v8/health/devices/list?ids=…</c>): many ids per request.</summary>
public static class DeviceHealthResource
{
    public static readonly MsxResource<MsxDeviceHealth> Declaration = new(
        "DeviceHealth",
        "monitor/api/v8/health/devices",
        ManageJsonContext.Default.MsxDeviceHealth,
        ManageJsonContext.Default.ListMsxDeviceHealth,
        h => h.Id,
        h => h.DeviceName ?? h.Id)
    {
        Paged = false,
        ListByIdsPath = "list",
        IdsPerRequest = 100,
    };

    /// <summary>The health of each device; devices the server does not know (or the caller does not reach) are absent.</summary>
    public static Task<List<MsxDeviceHealth>> GetDeviceHealthAsync(this MsxApiClient client, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        client.For(Declaration).GetManyAsync(ids, cancellationToken);
}
