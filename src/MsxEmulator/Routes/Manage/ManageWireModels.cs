namespace MsxEmulator.Json;

/// <summary>A status line of a device: its <c>status</c> and each entry of <c>statusDetails</c> (as in the spec's examples).</summary>
public sealed record StatusBody(string Value, string Severity, string LastUpdated, string LastUpdatedMessage);

/// <summary>A device's <c>statusDetails</c> (not in the schema; in every example of the spec).</summary>
public sealed record StatusDetailsBody(
    StatusBody HealthStatus,
    StatusBody PnpStatus,
    StatusBody LifeCycleStatus,
    StatusBody SyncStatus,
    StatusBody TunnelStatus);

/// <summary>The spec's <c>Device</c>, fields in the order of its examples.</summary>
public sealed record DeviceBody(
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
    StatusBody Status,
    StatusDetailsBody StatusDetails,
    Guid TenantId,
    Guid ProviderId,
    Guid UserId,
    string CreatedOn,
    string? ModifiedOn);

/// <summary>The spec's <c>ManageChangeRequestPending</c>: the 202 answer of a config update awaiting approval.</summary>
public sealed record ChangeRequestPendingBody(string ChangeRequestId, string ChangeRequestUrl);

/// <summary>The spec's <c>SiteAddress</c>; fields that are not set are left out (none is nullable).</summary>
public sealed record SiteAddressBody(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Company,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FormattedAddress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Address1,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Address2,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? City,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Country,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PostCode);

/// <summary>The spec's <c>SiteContact</c>; email is left out when not set.</summary>
public sealed record SiteContactBody(
    string Name,
    string Phone,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email);

/// <summary>The spec's <c>SiteLocation</c>.</summary>
public sealed record SiteLocationBody(double Latitude, double Longitude);

/// <summary>The spec's <c>SiteStatus</c>.</summary>
public sealed record SiteStatusBody(string Type, string Name, string Value, string Severity, string LastUpdated, string LastUpdatedMessage);

/// <summary>The spec's <c>DeviceSummary</c>: a device as a site lists it.</summary>
public sealed record DeviceSummaryBody(string DeviceId, string ServiceId, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ServiceType);

/// <summary>The spec's <c>Site</c>, fields in the schema's order.</summary>
public sealed record SiteBody(
    Guid Id,
    Guid TenantId,
    Guid? ParentId,
    string Name,
    string? Type,
    string? Description,
    SiteAddressBody? Address,
    SiteContactBody? Contact,
    string? Image,
    string? ManagingControlPlaneId,
    IReadOnlyDictionary<string, string>? Attributes,
    IReadOnlyList<DeviceSummaryBody> Devices,
    IReadOnlyList<string> ServiceIds,
    SiteLocationBody? Location,
    SiteStatusBody Status,
    string CreatedOn,
    string CreatedBy,
    string? ModifiedOn,
    string ModifiedBy);

/// <summary>The spec's <c>ResourceHealth</c>.</summary>
public sealed record ResourceHealthBody(string Id, string Type, string Status, string? Description);

/// <summary>The answer of the config-approval control call.</summary>
public sealed record ConfigApprovalBody(bool Enabled);
