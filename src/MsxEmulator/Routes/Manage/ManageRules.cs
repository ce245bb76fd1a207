using System.Text.RegularExpressions;

namespace MsxEmulator.Data;

/// <summary>The spec's constraints on devices and sites, shared by the API and the data-file loader.</summary>
public static partial class ManageRules
{
    public const int DeviceFieldMax = 128;
    public const int ConfigMax = 100_000;
    public const string Up = "up";
    public const string Down = "down";
    public const string Unknown = "unknown";

    public static readonly string[] ComplianceStates = ["COMPLIANT", "NOT_COMPLIANT", "APPLICABLE", "NOT_APPLICABLE", "UNKNOWN"];
    public static readonly string[] VulnerabilityStates = ["VULNERABLE", "NOT_VULNERABLE", "NOT_APPLICABLE", "UNKNOWN"];
    public static readonly string[] HealthStatuses = [Up, Down, Unknown];

    /// <summary>The fields of DevicePatch; anything else in a PATCH body is refused (PUT changes it).</summary>
    public static readonly string[] PatchFields = ["name", "model", "type", "subType", "serialKey", "version", "complianceState", "onboardInformation"];

    /// <summary>The provider every device belongs to (MSX has one provider per installation).</summary>
    public static readonly Guid ProviderId = Roles.StableId("msx-emulator-provider");

    /// <summary>The user recorded for devices and sites of the data file that name none.</summary>
    public static readonly Guid SystemUserId = Roles.StableId("msx-emulator-user:system");

    /// <summary>A new device id, shaped as in the spec's example: <c>CPE-</c> and a lower-case uuid.</summary>
    public static string NewDeviceId() => "CPE-" + Guid.NewGuid().ToString("D");

    /// <summary>The id of a data-file device that names none: stable, from its tenant and name.</summary>
    public static string StableDeviceId(Guid tenantId, string name) =>
        "CPE-" + Roles.StableId($"msx-emulator-device:{tenantId}:{name}").ToString("D");

    public static Guid StableSiteId(Guid tenantId, string name) => Roles.StableId($"msx-emulator-site:{tenantId}:{name}");

    /// <summary>The running configuration a device starts with when none is given.</summary>
    public static string InitialConfig(string name) => $"hostname {name}\n!\nend\n";

    public static StatusEntry InitialStatus(DateTime at) => new("UNKNOWN", "3", at, "Updated by system");

    public static StatusDetails InitialStatusDetails(DateTime at) => new(
        HealthEntry(Unknown, at, "Updated by system"),
        new StatusEntry("UNKNOWN", "3", at, "Updated by system"),
        new StatusEntry("UNREGISTERED", "5", at, "Updated by system"),
        new StatusEntry("UNKNOWN", "3", at, "Updated by system"),
        new StatusEntry("UNKNOWN", "3", at, "Updated by system"));

    /// <summary>The statusDetails.healthStatus line for a health: UP 1, UNKNOWN 3, DOWN 5.</summary>
    public static StatusEntry HealthEntry(string health, DateTime at, string message) => health switch
    {
        Up => new StatusEntry("UP", "1", at, message),
        Down => new StatusEntry("DOWN", "5", at, message),
        _ => new StatusEntry("UNKNOWN", "3", at, message),
    };

    /// <summary>Reads a DeviceCreate body.</summary>
    public static DeviceCreateDraft ReadDeviceCreate(JsonFields body) =>
        new(body.Uuid("tenantId", required: true)!.Value,
            body.String("serviceInstanceId"),
            body.String("subscriptionId"),
            ReadDeviceUpdate(body));

    /// <summary>Reads a DeviceUpdate body: name, model, type and onboardType are required; the rest is replaced.</summary>
    public static DeviceDraft ReadDeviceUpdate(JsonFields body) =>
        new(body.String("name", DeviceFieldMax, 1, required: true)!,
            body.String("model", DeviceFieldMax, 1, required: true)!,
            body.String("type", DeviceFieldMax, 1, required: true)!,
            body.String("subType", DeviceFieldMax),
            body.StringMap("tags"),
            body.String("serialKey", DeviceFieldMax),
            body.String("version", DeviceFieldMax),
            body.String("serviceType", DeviceFieldMax),
            body.Bool("managed") ?? false,
            body.String("onboardType", DeviceFieldMax, required: true)!,
            body.AnyObject("onboardInformation"),
            body.AnyObject("attributes"),
            ReadCompliance(body) ?? "UNKNOWN");

    /// <summary>Reads a DevicePatch body; a field outside DevicePatch is a 400 that points to PUT.</summary>
    public static DevicePatchDraft ReadDevicePatch(JsonFields body)
    {
        foreach (var name in body.Names)
        {
            if (!PatchFields.Contains(name, StringComparer.Ordinal))
            {
                throw JsonFields.Bad(name, "cannot be changed by PATCH; PATCH takes only "
                    + string.Join(", ", PatchFields) + " (use PUT for the other fields)");
            }
        }

        return new DevicePatchDraft(
            new(body.Has("name"), body.NonNullString("name", DeviceFieldMax, 1)!),
            new(body.Has("model"), body.NonNullString("model", DeviceFieldMax, 1)!),
            new(body.Has("type"), body.NonNullString("type", DeviceFieldMax, 1)!),
            new(body.Has("subType"), body.String("subType", DeviceFieldMax)),
            new(body.Has("serialKey"), body.String("serialKey", DeviceFieldMax)),
            new(body.Has("version"), body.String("version", DeviceFieldMax)),
            new(body.Has("complianceState"), ReadCompliance(body, nonNull: true)!),
            new(body.Has("onboardInformation"), body.AnyObject("onboardInformation")));
    }

    private static string? ReadCompliance(JsonFields body, bool nonNull = false)
    {
        var value = nonNull ? body.NonNullString("complianceState", 16) : body.String("complianceState", 16);
        return value is null || ComplianceStates.Contains(value, StringComparer.Ordinal)
            ? value
            : throw JsonFields.Bad(body.Path("complianceState"), $"'{value}' is not one of {string.Join(", ", ComplianceStates)}");
    }

    /// <summary>Reads a SiteCreate body.</summary>
    public static SiteCreateDraft ReadSiteCreate(JsonFields body) =>
        new(body.Uuid("tenantId", required: true)!.Value,
            body.StringList("deviceIds") ?? [],
            body.StringList("serviceIds") ?? [],
            ReadSiteUpdate(body));

    /// <summary>Reads a SiteUpdate body: name is required; the rest is replaced (omitted means null).</summary>
    public static SiteDraft ReadSiteUpdate(JsonFields body)
    {
        var name = body.String("name", 128, 1, required: true)!;
        var parentId = body.Uuid("parentId");
        var description = body.String("description", 256);
        var type = body.String("type", 128);
        if (type is not null && !SiteTypePattern().IsMatch(type))
        {
            throw JsonFields.Bad(body.Path("type"), "must match ^[-_a-zA-Z0-9]*$");
        }

        return new SiteDraft(name, parentId, description, type, ReadAddress(body), ReadContact(body), ReadLocation(body),
            body.String("image", 40000), body.String("managingControlPlaneId", 128), body.StringMap("attributes"));
    }

    private static SiteAddress? ReadAddress(JsonFields body) => body.Object("address") is { } a
        ? new SiteAddress(a.String("name"), a.String("company"), a.String("formattedAddress", 256), a.String("address1"),
            a.String("address2"), a.String("city"), a.String("state"), a.String("country"), a.String("postCode"))
        : null;

    private static SiteContact? ReadContact(JsonFields body)
    {
        if (body.Object("contact") is not { } c)
        {
            return null;
        }

        var email = c.String("email");
        return email is null || TenantRules.IsValidEmail(email)
            ? new SiteContact(c.String("name", required: true)!, c.String("phone", required: true)!, email)
            : throw JsonFields.Bad(c.Path("email"), "must be a well-formed email address");
    }

    private static SiteLocation? ReadLocation(JsonFields body) => body.Object("location") is { } l
        ? new SiteLocation(l.Number("latitude", -90, 90), l.Number("longitude", -180, 180))
        : null;

    [GeneratedRegex(@"^[-_a-zA-Z0-9]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SiteTypePattern();
}
