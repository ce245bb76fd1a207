using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>
/// An MSX device, as the spec's <c>Device</c> schema describes it, plus the <c>status</c> and
/// <c>statusDetails</c> that every example of the spec carries. Ids are strings (<c>CPE-…</c>), not GUIDs.
/// </summary>
public sealed class MsxDevice : MsxObject
{
    private Dictionary<string, JsonElement>? _onboardInformation;
    private Dictionary<string, JsonElement>? _attributes;
    private IReadOnlyDictionary<string, object?>? _onboardInformationView;
    private IReadOnlyDictionary<string, object?>? _attributesView;

    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("subType")]
    public string? SubType { get; set; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("serialKey")]
    public string? SerialKey { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("serviceInstanceId")]
    public string? ServiceInstanceId { get; set; }

    [JsonPropertyName("subscriptionId")]
    public string? SubscriptionId { get; set; }

    [JsonPropertyName("serviceType")]
    public string? ServiceType { get; set; }

    [JsonPropertyName("managed")]
    public bool Managed { get; set; }

    [JsonPropertyName("onboardType")]
    public string? OnboardType { get; set; }

    /// <summary>The onboarding details as plain values (strings, numbers, booleans, nested dictionaries and arrays).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, object?>? OnboardInformation => _onboardInformationView ??= JsonValues.ToPlain(_onboardInformation);

    /// <summary>The device's attributes as plain values.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, object?>? Attributes => _attributesView ??= JsonValues.ToPlain(_attributes);

    [JsonPropertyName("complianceState")]
    public string? ComplianceState { get; set; }

    [JsonPropertyName("vulnerabilityState")]
    public string? VulnerabilityState { get; set; }

    /// <summary>The overall status (not in the schema; in every example of the spec).</summary>
    [JsonPropertyName("status")]
    public MsxDeviceStatus? Status { get; set; }

    [JsonPropertyName("statusDetails")]
    public MsxDeviceStatusDetails? StatusDetails { get; set; }

    [JsonPropertyName("tenantId")]
    public Guid TenantId { get; set; }

    [JsonPropertyName("providerId")]
    public Guid? ProviderId { get; set; }

    [JsonPropertyName("userId")]
    public Guid? UserId { get; set; }

    [JsonPropertyName("createdOn")]
    public DateTimeOffset? CreatedOn { get; set; }

    [JsonPropertyName("modifiedOn")]
    public DateTimeOffset? ModifiedOn { get; set; }

    /// <summary>The onboarding details exactly as the server sent them (written back unchanged by a PUT).</summary>
    [JsonPropertyName("onboardInformation")]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? OnboardInformationJson
    {
        get => _onboardInformation;
        set
        {
            _onboardInformation = value;
            _onboardInformationView = null;
        }
    }

    /// <summary>The attributes exactly as the server sent them (written back unchanged by a PUT).</summary>
    [JsonPropertyName("attributes")]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AttributesJson
    {
        get => _attributes;
        set
        {
            _attributes = value;
            _attributesView = null;
        }
    }

    public override string ToString() => Name;
}

/// <summary>A status line of a device (<c>status</c>, or an entry of <c>statusDetails</c>). Severity is text on the wire ("1" … "5").</summary>
public sealed class MsxDeviceStatus
{
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("severity")]
    public string? Severity { get; set; }

    [JsonPropertyName("lastUpdated")]
    public DateTimeOffset? LastUpdated { get; set; }

    [JsonPropertyName("lastUpdatedMessage")]
    public string? LastUpdatedMessage { get; set; }

    public override string ToString() => Value ?? string.Empty;
}

/// <summary>A device's <c>statusDetails</c>: health, plug-and-play, life cycle, sync and tunnel status.</summary>
public sealed class MsxDeviceStatusDetails
{
    [JsonPropertyName("healthStatus")]
    public MsxDeviceStatus? HealthStatus { get; set; }

    [JsonPropertyName("pnpStatus")]
    public MsxDeviceStatus? PnpStatus { get; set; }

    [JsonPropertyName("lifeCycleStatus")]
    public MsxDeviceStatus? LifeCycleStatus { get; set; }

    [JsonPropertyName("syncStatus")]
    public MsxDeviceStatus? SyncStatus { get; set; }

    [JsonPropertyName("tunnelStatus")]
    public MsxDeviceStatus? TunnelStatus { get; set; }
}

/// <summary>
/// The 202 answer of a device configuration update that waits for approval (the spec's
/// <c>ManageChangeRequestPending</c>), with the device it is about.
/// </summary>
public sealed class MsxDeviceChangeRequest : MsxObject
{
    [JsonPropertyName("changeRequestId")]
    public string? ChangeRequestId { get; set; }

    [JsonPropertyName("changeRequestUrl")]
    public string? ChangeRequestUrl { get; set; }

    [JsonIgnore]
    public string DeviceId { get; set; } = string.Empty;

    [JsonIgnore]
    public string? DeviceName { get; set; }

    public override string ToString() => ChangeRequestId ?? string.Empty;
}

/// <summary>The health of one device, as the monitor's <c>ResourceHealth</c> describes it: up, down or unknown.</summary>
public sealed class MsxDeviceHealth : MsxObject
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>up, down or unknown, as on the wire.</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = string.Empty;

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The device's name, when the health was asked for a device object (the answer carries only the id).</summary>
    [JsonIgnore]
    public string? DeviceName { get; set; }

    public override string ToString() => $"{DeviceName ?? Id}: {Status}";
}
