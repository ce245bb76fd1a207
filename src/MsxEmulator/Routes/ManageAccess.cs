using System.Text.Json;
using MsxEmulator.Data;
using MsxEmulator.State;

namespace MsxEmulator.Routes;

/// <summary>The view and manage permissions of one manage area (sites, devices).</summary>
public sealed record ManageArea(string View, string Manage)
{
    public static readonly ManageArea Sites = new(Permissions.ViewSites, Permissions.ManageSites);

    public static readonly ManageArea Devices = new(Permissions.ViewDevices, Permissions.ManageDevices);
}

/// <summary>
/// Who is calling a manage or monitor route, and which tenants it may read or change. Whether it may read
/// or change the area at all is its roles' view and manage permissions; a SUPERUSER reaches every tenant,
/// anyone else its own tenantIds and the descendants of those tenants.
/// </summary>
public sealed class ManageCaller
{
    private readonly EmulatorState _tenants;
    private readonly HashSet<Guid> _own;
    private readonly Dictionary<Guid, bool> _reach = [];

    public ManageCaller(EmulatorState tenants, User user, ManageArea area)
    {
        _tenants = tenants;
        User = user;
        IsSuperUser = Roles.IsSuperUser(user.Roles);
        MayWrite = tenants.Permits(user, area.Manage);
        MayRead = MayWrite || tenants.Permits(user, area.View);
        _own = [.. user.TenantIds];
    }

    public User User { get; }

    public bool IsSuperUser { get; }

    public bool MayRead { get; }

    public bool MayWrite { get; }

    /// <summary>The value of createdBy/modifiedBy for what this caller changes.</summary>
    public string Id => User.Id.ToString();

    public bool CanRead(Guid tenantId) => MayRead && Reaches(tenantId);

    public bool CanWrite(Guid tenantId) => MayWrite && Reaches(tenantId);

    public void DemandRead(Guid tenantId, string what)
    {
        if (!CanRead(tenantId))
        {
            throw ManageErrors.Forbidden($"User {User.Username} may not read {what} of tenant {tenantId}.");
        }
    }

    public void DemandWrite(Guid tenantId, string what)
    {
        if (!CanWrite(tenantId))
        {
            throw ManageErrors.Forbidden($"User {User.Username} may not change {what} of tenant {tenantId}.");
        }
    }

    /// <summary>
    /// For a create, or a tenant a page is filtered by: the tenant must exist (else 400 naming
    /// <paramref name="field"/>), and the caller must be allowed to change (or read) <paramref name="what"/> of it.
    /// </summary>
    public void DemandTenant(string field, Guid tenantId, string what, bool write)
    {
        if (!TenantExists(tenantId))
        {
            throw ManageErrors.UnknownTenant(field, tenantId);
        }

        if (write)
        {
            DemandWrite(tenantId, what);
        }
        else
        {
            DemandRead(tenantId, what);
        }
    }

    /// <summary>Whether <paramref name="tenantId"/> is <paramref name="root"/> or one of its descendants.</summary>
    public bool IsWithin(Guid tenantId, Guid root) => Ancestry(tenantId).Contains(root);

    public bool TenantExists(Guid tenantId) => _tenants.FindTenant(tenantId) is not null;

    private bool Reaches(Guid tenantId)
    {
        if (IsSuperUser)
        {
            return true;
        }

        if (!_reach.TryGetValue(tenantId, out var reaches))
        {
            reaches = Ancestry(tenantId).Any(_own.Contains);
            _reach[tenantId] = reaches;
        }

        return reaches;
    }

    /// <summary>The tenant and its ancestors, nearest first (tenant parent chains never loop).</summary>
    private List<Guid> Ancestry(Guid tenantId)
    {
        var chain = new List<Guid>();
        for (Guid? at = tenantId; at is { } step && !chain.Contains(step); at = _tenants.FindTenant(step)?.Tenant.ParentId)
        {
            chain.Add(step);
        }

        return chain;
    }
}

/// <summary>The Error codes of sites and devices, and the shared answer to a state outcome.</summary>
public static class ManageErrors
{
    public const string DeviceAlreadyExists = "DEVICE_ALREADY_EXISTS";
    public const string SiteAlreadyExists = "SITE_ALREADY_EXISTS";
    public const string DeviceNotManaged = "DEVICE_NOT_MANAGED";

    public static ApiFailure Forbidden(string message) => new(StatusCodes.Status403Forbidden, Responses.Forbidden, message);

    public static ApiFailure DeviceNotFound(string id) => new(StatusCodes.Status404NotFound, Responses.NotFound, $"Device {id} not found.");

    public static ApiFailure SiteNotFound(Guid id) => new(StatusCodes.Status404NotFound, Responses.NotFound, $"Site {id} not found.");

    public static ApiFailure UnknownTenant(string field, Guid tenantId) => ApiFailure.BadRequest($"{field}: tenant {tenantId} does not exist");

    /// <summary>Turns a failed outcome into its answer; <paramref name="unknownDeviceStatus"/> is 404 where the spec declares it, else 400.</summary>
    public static ApiFailure For<T>(ManageResult<T> result, string subject, int unknownDeviceStatus = StatusCodes.Status404NotFound) =>
        result.Outcome switch
        {
            ManageOutcome.NotFound => new(StatusCodes.Status404NotFound, Responses.NotFound, $"{subject} not found."),
            ManageOutcome.DeviceNameTaken => new(StatusCodes.Status409Conflict, DeviceAlreadyExists,
                $"Device {result.Detail} of the same tenant already has this name."),
            ManageOutcome.SerialKeyTaken => new(StatusCodes.Status409Conflict, DeviceAlreadyExists,
                $"Device {result.Detail} already has this serialKey."),
            ManageOutcome.SiteNameTaken => new(StatusCodes.Status409Conflict, SiteAlreadyExists,
                "A site of the same tenant already has this name."),
            ManageOutcome.UnknownDevice => unknownDeviceStatus == StatusCodes.Status404NotFound
                ? new(StatusCodes.Status404NotFound, Responses.NotFound, $"Device {result.Detail} not found; nothing was changed.")
                : ApiFailure.BadRequest($"deviceIds: device {result.Detail} does not exist"),
            ManageOutcome.DeviceInOtherTenant => ApiFailure.BadRequest(
                $"deviceIds: device {result.Detail} belongs to another tenant than the site; nothing was changed"),
            ManageOutcome.ParentNotFound => ApiFailure.BadRequest($"parentId: site {result.Detail} does not exist"),
            ManageOutcome.ParentInOtherTenant => ApiFailure.BadRequest($"parentId: site {result.Detail} belongs to another tenant"),
            ManageOutcome.ParentLoop => ApiFailure.BadRequest($"parentId: site {result.Detail} would make the site its own ancestor"),
            ManageOutcome.NotManaged => new(StatusCodes.Status409Conflict, DeviceNotManaged,
                $"{subject} is not managed (managed is false), so it cannot be redeployed."),
            _ => throw new InvalidOperationException("Not a failure: " + result.Outcome),
        };
}

/// <summary>Routing and reading shared by the site, device and health routes.</summary>
public static class ManageRouting
{
    /// <summary>
    /// An array query parameter: repeated keys (<c>names=a&amp;names=b</c>) and comma-separated values
    /// (<c>names=a,b</c>) alike; empty parts are dropped and duplicates come once.
    /// </summary>
    public static List<string> QueryList(HttpContext context, string name)
    {
        var result = new List<string>();
        foreach (var value in context.Request.Query[name])
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!result.Contains(part, StringComparer.Ordinal))
                {
                    result.Add(part);
                }
            }
        }

        return result;
    }

    /// <summary>Reads a JSON body that must be an object.</summary>
    public static async Task<JsonFields> ReadObject(HttpContext context)
    {
        using var document = await RequestReading.ReadJsonObject(context);
        return new JsonFields(document.RootElement.Clone(), ignoreCase: false);
    }

    /// <summary>Reads a bare JSON array of ids (the body of the add/remove calls): at least one, each a non-empty string.</summary>
    public static async Task<List<string>> ReadIdArray(HttpContext context)
    {
        using var document = await RequestReading.ReadJson(context);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw ApiFailure.BadRequest("The request body must be a JSON array of ids.");
        }

        var ids = JsonFields.ReadIdArray(document.RootElement, "body");
        return ids.Count > 0 ? ids : throw ApiFailure.BadRequest("body: must contain at least 1 id");
    }

    public static string? PathText(HttpContext context, string name) => context.Request.RouteValues[name] as string;

    public static string Absolute(HttpContext context, string path)
    {
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
    }
}
