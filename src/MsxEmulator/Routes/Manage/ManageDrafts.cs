namespace MsxEmulator.Data;

/// <summary>The editable fields of a device (the spec's DeviceUpdate, which includes DevicePatch).</summary>
public sealed record DeviceDraft(
    string Name,
    string Model,
    string Type,
    string? SubType,
    IReadOnlyDictionary<string, string>? Tags,
    string? SerialKey,
    string? Version,
    string? ServiceType,
    bool Managed,
    string OnboardType,
    JsonElement? OnboardInformation,
    JsonElement? Attributes,
    string ComplianceState);

/// <summary>A new device (the spec's DeviceCreate): the editable fields plus what is fixed at creation.</summary>
public sealed record DeviceCreateDraft(Guid TenantId, string? ServiceInstanceId, string? SubscriptionId, DeviceDraft Fields);

/// <summary>A field of a PATCH body: set (possibly to null) or left alone.</summary>
public readonly record struct Optional<T>(bool IsSet, T Value)
{
    public T Or(T current) => IsSet ? Value : current;
}

/// <summary>The spec's DevicePatch: only the fields that were sent are changed, each replaced whole.</summary>
public sealed record DevicePatchDraft(
    Optional<string> Name,
    Optional<string> Model,
    Optional<string> Type,
    Optional<string?> SubType,
    Optional<string?> SerialKey,
    Optional<string?> Version,
    Optional<string> ComplianceState,
    Optional<JsonElement?> OnboardInformation)
{
    public Device ApplyTo(Device device) => device with
    {
        Name = Name.Or(device.Name),
        Model = Model.Or(device.Model),
        Type = Type.Or(device.Type),
        SubType = SubType.Or(device.SubType),
        SerialKey = SerialKey.Or(device.SerialKey),
        Version = Version.Or(device.Version),
        ComplianceState = ComplianceState.Or(device.ComplianceState),
        OnboardInformation = OnboardInformation.Or(device.OnboardInformation),
    };
}

/// <summary>The editable fields of a site (the spec's SiteUpdate).</summary>
public sealed record SiteDraft(
    string Name,
    Guid? ParentId,
    string? Description,
    string? Type,
    SiteAddress? Address,
    SiteContact? Contact,
    SiteLocation? Location,
    string? Image,
    string? ManagingControlPlaneId,
    IReadOnlyDictionary<string, string>? Attributes);

/// <summary>A new site (the spec's SiteCreate): the editable fields plus tenant, devices and services.</summary>
public sealed record SiteCreateDraft(Guid TenantId, IReadOnlyList<string> DeviceIds, IReadOnlyList<string> ServiceIds, SiteDraft Fields);
