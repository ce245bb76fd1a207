namespace MsxEmulator.Data;

/// <summary>One status line of a device (<c>status</c>, and each entry of <c>statusDetails</c>).</summary>
public sealed record StatusEntry(string Value, string Severity, DateTime LastUpdated, string LastUpdatedMessage);

/// <summary>The five status lines of a device's <c>statusDetails</c>, as in the spec's examples.</summary>
public sealed record StatusDetails(
    StatusEntry HealthStatus,
    StatusEntry PnpStatus,
    StatusEntry LifeCycleStatus,
    StatusEntry SyncStatus,
    StatusEntry TunnelStatus);

/// <summary>
/// A stored device. Immutable: every change replaces the record. <see cref="Sequence"/> is the creation
/// order (ties of createdOn); <see cref="Config"/> is the running configuration text, and
/// <see cref="Health"/> (<c>up</c>, <c>down</c>, <c>unknown</c>) is what the monitor's health list answers.
/// </summary>
public sealed record Device(
    string Id,
    string Name,
    string Model,
    string Type,
    string? SubType,
    IReadOnlyDictionary<string, string>? Tags,
    string? SerialKey,
    string? Version,
    string? ServiceInstanceId,
    string? SubscriptionId,
    string? ServiceType,
    bool Managed,
    string OnboardType,
    JsonElement? OnboardInformation,
    JsonElement? Attributes,
    string ComplianceState,
    string VulnerabilityState,
    StatusEntry Status,
    StatusDetails StatusDetails,
    Guid TenantId,
    Guid ProviderId,
    Guid UserId,
    DateTime CreatedOn,
    DateTime ModifiedOn,
    string Config,
    string Health,
    string? HealthDescription,
    long Sequence);

/// <summary>The spec's <c>SiteAddress</c> (the last six fields are deprecated but still accepted).</summary>
public sealed record SiteAddress(
    string? Name,
    string? Company,
    string? FormattedAddress,
    string? Address1,
    string? Address2,
    string? City,
    string? State,
    string? Country,
    string? PostCode);

/// <summary>The spec's <c>SiteContact</c>.</summary>
public sealed record SiteContact(string Name, string Phone, string? Email);

/// <summary>The spec's <c>SiteLocation</c>.</summary>
public sealed record SiteLocation(double Latitude, double Longitude);

/// <summary>
/// A stored site. Immutable: every change replaces the record. <see cref="DeviceIds"/> keeps the order in
/// which devices were added; the device summaries of the wire are computed from the current devices.
/// </summary>
public sealed record Site(
    Guid Id,
    Guid TenantId,
    Guid? ParentId,
    string Name,
    string? Type,
    string? Description,
    SiteAddress? Address,
    SiteContact? Contact,
    string? Image,
    string? ManagingControlPlaneId,
    IReadOnlyDictionary<string, string>? Attributes,
    IReadOnlyList<string> DeviceIds,
    IReadOnlyList<string> ServiceIds,
    SiteLocation? Location,
    DateTime CreatedOn,
    string CreatedBy,
    DateTime ModifiedOn,
    string ModifiedBy,
    long Sequence);

/// <summary>The sites and devices the emulator starts with (and returns to on reset).</summary>
public sealed record ManageData(IReadOnlyList<Device> Devices, IReadOnlyList<Site> Sites)
{
    public static ManageData Empty { get; } = new([], []);
}
