using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>The spec's <c>SiteCreate</c>; nulls are left out so the server applies its defaults.</summary>
public sealed class SiteCreateBody
{
    [JsonPropertyName("tenantId")]
    public Guid TenantId { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("parentId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ParentId { get; set; }

    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonPropertyName("address")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MsxSiteAddress? Address { get; set; }

    [JsonPropertyName("contact")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MsxSiteContact? Contact { get; set; }

    [JsonPropertyName("location")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MsxSiteLocation? Location { get; set; }

    [JsonPropertyName("attributes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Attributes { get; set; }

    [JsonPropertyName("deviceIds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? DeviceIds { get; set; }
}

/// <summary>
/// The spec's <c>SiteUpdate</c>. PUT replaces the site, so the whole site is written; a field that is not set
/// is left out rather than sent as null, since several of them (parentId, type, image, attributes) are not
/// nullable in the spec.
/// </summary>
public sealed class SiteUpdateBody
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("parentId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ParentId { get; set; }

    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonPropertyName("address")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MsxSiteAddress? Address { get; set; }

    [JsonPropertyName("contact")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MsxSiteContact? Contact { get; set; }

    [JsonPropertyName("location")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MsxSiteLocation? Location { get; set; }

    [JsonPropertyName("image")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Image { get; set; }

    [JsonPropertyName("managingControlPlaneId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ManagingControlPlaneId { get; set; }

    [JsonPropertyName("attributes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Attributes { get; set; }
}

/// <summary>The spec's <c>DeviceCreate</c>; optional nulls are left out so the server applies its defaults.</summary>
public sealed class DeviceCreateBody
{
    [JsonPropertyName("tenantId")]
    public Guid TenantId { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("model")]
    public string Model { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("onboardType")]
    public string OnboardType { get; set; } = string.Empty;

    [JsonPropertyName("subType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SubType { get; set; }

    [JsonPropertyName("serialKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SerialKey { get; set; }

    [JsonPropertyName("version")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; set; }

    [JsonPropertyName("serviceType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ServiceType { get; set; }

    [JsonPropertyName("serviceInstanceId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ServiceInstanceId { get; set; }

    [JsonPropertyName("subscriptionId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SubscriptionId { get; set; }

    [JsonPropertyName("complianceState")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ComplianceState { get; set; }

    [JsonPropertyName("managed")]
    public bool Managed { get; set; }

    [JsonPropertyName("tags")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("attributes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, JsonElement>? Attributes { get; set; }

    [JsonPropertyName("onboardInformation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, JsonElement>? OnboardInformation { get; set; }
}

/// <summary>
/// The spec's <c>DeviceUpdate</c> (PUT replaces the device): every field is written, the nullable ones as
/// null when not set; complianceState, which is not nullable, is left out instead.
/// </summary>
public sealed class DeviceUpdateBody
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("model")]
    public string Model { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("onboardType")]
    public string OnboardType { get; set; } = string.Empty;

    [JsonPropertyName("subType")]
    public string? SubType { get; set; }

    [JsonPropertyName("serialKey")]
    public string? SerialKey { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("serviceType")]
    public string? ServiceType { get; set; }

    [JsonPropertyName("complianceState")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ComplianceState { get; set; }

    [JsonPropertyName("managed")]
    public bool Managed { get; set; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("attributes")]
    public Dictionary<string, JsonElement>? Attributes { get; set; }

    [JsonPropertyName("onboardInformation")]
    public Dictionary<string, JsonElement>? OnboardInformation { get; set; }
}

/// <summary>The spec's <c>DeviceConfigUpdate</c> (its required list says configContents: a defect; the property is configContent).</summary>
public sealed class DeviceConfigUpdateBody
{
    [JsonPropertyName("correlationId")]
    public string CorrelationId { get; set; } = string.Empty;

    [JsonPropertyName("configContent")]
    public string ConfigContent { get; set; } = string.Empty;

    [JsonPropertyName("format")]
    public string Format { get; set; } = string.Empty;
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MsxSite))]
[JsonSerializable(typeof(MsxPage<MsxSite>))]
[JsonSerializable(typeof(List<MsxSite>))]
[JsonSerializable(typeof(MsxDevice))]
[JsonSerializable(typeof(MsxPage<MsxDevice>))]
[JsonSerializable(typeof(List<MsxDevice>))]
[JsonSerializable(typeof(MsxDeviceHealth))]
[JsonSerializable(typeof(List<MsxDeviceHealth>))]
[JsonSerializable(typeof(MsxDeviceChangeRequest))]
[JsonSerializable(typeof(SiteCreateBody))]
[JsonSerializable(typeof(SiteUpdateBody))]
[JsonSerializable(typeof(DeviceCreateBody))]
[JsonSerializable(typeof(DeviceUpdateBody))]
[JsonSerializable(typeof(DeviceConfigUpdateBody))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class ManageJsonContext : JsonSerializerContext
{
}
