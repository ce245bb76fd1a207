using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>
/// A workflow target (the spec's <c>WorkflowTarget</c>): an endpoint a workflow acts on, such as a Kafka
/// broker or an SSH host, with its connection properties. Secrets are kept for writing back but show as *** in
/// every view, ToString, serialization and log: the value of a property whose name looks secret at any depth
/// (see <see cref="SecretNames"/>: <c>password</c>, <c>connection.password</c>, <c>api_key</c>), and any value the
/// session sent as a SecureString, whatever its name.
/// </summary>
public sealed class MsxWorkflowTarget : MsxWorkflowFooter
{
    /// <summary>The KSUID that goes into paths.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>The target type, e.g. <c>kafka.endpoint</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("base_type")]
    public string? BaseType { get; set; }

    /// <summary>Not in the spec's WorkflowTarget answer, but in its create and update bodies; kept when a server answers it.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The name scripts use: unique on the server (it makes one up when none is given).</summary>
    [JsonPropertyName("unique_name")]
    public string? UniqueName { get; set; }

    [JsonPropertyName("schema_id")]
    public string? SchemaId { get; set; }

    [JsonPropertyName("adapter_id")]
    public string? AdapterId { get; set; }

    [JsonPropertyName("owner")]
    public string? Owner { get; set; }

    [JsonPropertyName("valid")]
    public bool? Valid { get; set; }

    /// <summary>Whether MSX made the target for itself (the listing's <c>internal</c> filter).</summary>
    [JsonIgnore]
    public bool? IsInternal => WireAccessMeta?.IsInternal;

    /// <summary>The connection properties as plain values; a secret one (password, token, a SecureString sent, …) shows as ***, at any depth.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, object?> Properties => Masked(WireProperties, Origin?.Redactor);

    /// <summary>The properties as one line (key=value; secrets masked), for the format view.</summary>
    [JsonIgnore]
    public string PropertiesText => string.Join("; ", Properties.Select(p => p.Key + "=" + Text(p.Value)));

    /// <summary>The properties as the server answered them, secrets included: only ever written back to it.</summary>
    [JsonInclude]
    [JsonPropertyName("properties")]
    internal Dictionary<string, JsonElement>? WireProperties { get; set; }

    [JsonInclude]
    [JsonPropertyName("def_access_meta")]
    internal MsxWorkflowDefAccessMeta? WireAccessMeta { get; set; }

    public override string ToString() => Name;

    /// <summary>Whether a property's name says it holds a secret (the rule of <see cref="SecretNames"/>).</summary>
    public static bool IsSecretKey(string name) => SecretNames.IsSecret(name);

    internal static IReadOnlyDictionary<string, object?> Masked(Dictionary<string, JsonElement>? properties, SecretRedactor? redactor)
    {
        var plain = new SortedDictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (properties is null)
        {
            return plain;
        }

        foreach (var pair in properties)
        {
            plain[pair.Key] = JsonValues.ToMaskedClr(pair.Key, pair.Value, redactor);
        }

        return plain;
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>The spec's <c>WorkflowDefAccessMeta</c>.</summary>
public sealed class MsxWorkflowDefAccessMeta
{
    [JsonPropertyName("is_internal")]
    public bool? IsInternal { get; set; }

    [JsonPropertyName("is_integration")]
    public bool? IsIntegration { get; set; }
}

/// <summary>The spec's <c>WorkflowTargetUpdate</c> (and <c>WorkflowTargetCreate</c>, the same shape): name and properties required.</summary>
public sealed class WorkflowTargetBody
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; set; }

    [JsonPropertyName("schema_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SchemaId { get; set; }

    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    [JsonPropertyName("properties")]
    public Dictionary<string, JsonElement> Properties { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("unique_name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UniqueName { get; set; }
}

/// <summary>Source-generated JSON of the workflow targets.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MsxWorkflowTarget))]
[JsonSerializable(typeof(List<MsxWorkflowTarget>))]
[JsonSerializable(typeof(WorkflowTargetBody))]
internal sealed partial class WorkflowTargetJsonContext : JsonSerializerContext
{
}
