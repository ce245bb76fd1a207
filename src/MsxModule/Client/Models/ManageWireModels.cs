using System.IO;
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

/// <summary>
/// The spec's <c>DevicePatch</c>: only the fields set here are sent, each replaced whole; a field set to null
/// clears it (subType, serialKey, version, onboardInformation), a field not set is left as it is.
/// </summary>
public sealed class DevicePatch
{
    private static readonly string[] TextFields = { "name", "model", "type", "subType", "serialKey", "version", "complianceState" };

    private readonly List<KeyValuePair<string, object?>> _fields = new();

    public int Count => _fields.Count;

    public IEnumerable<string> Fields => _fields.Select(f => f.Key);

    /// <summary>Sets a text field of DevicePatch (name, model, type, subType, serialKey, version, complianceState).</summary>
    public DevicePatch Set(string field, string? value)
    {
        if (Array.IndexOf(TextFields, field) < 0)
        {
            throw new ArgumentException($"'{field}' is not a text field of DevicePatch.", nameof(field));
        }

        _fields.RemoveAll(f => f.Key == field);
        _fields.Add(new KeyValuePair<string, object?>(field, value));
        return this;
    }

    public DevicePatch SetOnboardInformation(Dictionary<string, JsonElement>? value)
    {
        _fields.RemoveAll(f => f.Key == "onboardInformation");
        _fields.Add(new KeyValuePair<string, object?>("onboardInformation", value));
        return this;
    }

    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var field in _fields)
            {
                writer.WritePropertyName(field.Key);
                switch (field.Value)
                {
                    case null:
                        writer.WriteNullValue();
                        break;
                    case string text:
                        writer.WriteStringValue(text);
                        break;
                    case Dictionary<string, JsonElement> map:
                        JsonSerializer.Serialize(writer, map, ManageJsonContext.Default.DictionaryStringJsonElement);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
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
