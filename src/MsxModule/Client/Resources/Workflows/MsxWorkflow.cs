using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>
/// An MSX workflow definition, as the spec's <c>Workflow</c> describes it. The list leaves out the
/// variables and actions; a workflow read by id has them.
/// </summary>
public sealed class MsxWorkflow : MsxWorkflowFooter
{
    /// <summary>The KSUID that goes into paths.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The display name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The name scripts use: unique on the server and kept across export and import.</summary>
    [JsonPropertyName("unique_name")]
    public string? UniqueName { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("base_type")]
    public string? BaseType { get; set; }

    [JsonPropertyName("owner")]
    public string? Owner { get; set; }

    [JsonPropertyName("valid")]
    public bool? Valid { get; set; }

    [JsonPropertyName("workflow_valid")]
    public bool? WorkflowValid { get; set; }

    [JsonPropertyName("categories")]
    public string[]? Categories { get; set; }

    /// <summary>What the user may do with it (<c>manage</c>, <c>run</c>); only a workflow read by id says.</summary>
    [JsonPropertyName("permissions")]
    public string[]? Permissions { get; set; }

    [JsonPropertyName("variables")]
    public List<MsxWorkflowVariable>? Variables { get; set; }

    [JsonPropertyName("actions")]
    public List<MsxWorkflowAction>? Actions { get; set; }

    /// <summary>The import state (<c>import_completed</c>).</summary>
    [JsonIgnore]
    public string? Status => WireStatus?.State;

    [JsonInclude]
    [JsonPropertyName("status")]
    internal MsxWorkflowStatus? WireStatus { get; set; }

    public override string ToString() => string.IsNullOrEmpty(UniqueName) ? Name : UniqueName!;

    private protected override void OnOrigin(MsxApiClient? origin)
    {
        foreach (var variable in Variables ?? new List<MsxWorkflowVariable>())
        {
            variable.Secrets = origin?.Redactor;
        }
    }
}

/// <summary>The free-form <c>status</c> object of workflows, instances and actions: a state, and a message when an action failed.</summary>
public sealed class MsxWorkflowStatus
{
    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

/// <summary>
/// A workflow variable (the spec's <c>WorkflowVariable</c>). Its answer is kept as it came, so that a start
/// sends back exactly what the start configuration gave, with only the values filled in.
/// </summary>
[JsonConverter(typeof(MsxWorkflowVariableConverter))]
public sealed class MsxWorkflowVariable
{
    internal MsxWorkflowVariable(JsonElement raw)
    {
        Raw = raw;
        Properties = raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties
            : default;
    }

    public string? Id => Text(Raw, "id");

    public string? UniqueName => Text(Raw, "unique_name");

    /// <summary>The name the workflow's designer gave it (what -Input uses).</summary>
    public string Name => Text(Properties, "name") ?? UniqueName ?? string.Empty;

    /// <summary><c>input</c>, <c>output</c> or <c>local</c>.</summary>
    public string? Scope => Text(Properties, "scope") ?? Text(Raw, "scope");

    /// <summary>The data type, e.g. <c>datatype.string</c>.</summary>
    public string? Type => Text(Properties, "type") ?? Text(Raw, "data_type");

    public bool IsRequired => Properties.ValueKind == JsonValueKind.Object && Properties.TryGetProperty("is_required", out var required) && required.ValueKind == JsonValueKind.True;

    /// <summary>
    /// The value: for an input of a definition its default, for an instance what it held. A secret shows as ***
    /// so that no view, serialization or log prints it: the whole value of a <c>datatype.secure_string</c>
    /// variable or of one whose name looks secret, and any member with a secret-looking name at any depth of
    /// an object value; and any text the session holds as a secret (an output that copies a SecureString input).
    /// </summary>
    public object? Value => !HasValue ? null
        : IsSecret ? (WireValue.ValueKind is JsonValueKind.Null || WireValue.ValueKind == JsonValueKind.String && WireValue.GetString()!.Length == 0 ? JsonValues.ToClr(WireValue) : SecretRedactor.Mask)
        : JsonValues.ToMaskedClr(Name, WireValue, Secrets);

    public bool IsSecret => string.Equals(Type, "datatype.secure_string", StringComparison.OrdinalIgnoreCase);

    internal JsonElement Raw { get; }

    /// <summary>The redactor of the session the variable was read through, if any.</summary>
    internal SecretRedactor? Secrets { get; set; }

    internal JsonElement Properties { get; }

    internal bool HasValue => Properties.ValueKind == JsonValueKind.Object && Properties.TryGetProperty("value", out _);

    internal JsonElement WireValue => HasValue ? Properties.GetProperty("value") : default;

    public override string ToString() => Name;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

internal sealed class MsxWorkflowVariableConverter : JsonConverter<MsxWorkflowVariable>
{
    public override MsxWorkflowVariable Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new MsxWorkflowVariable(document.RootElement.Clone());
    }

    public override void Write(Utf8JsonWriter writer, MsxWorkflowVariable value, JsonSerializerOptions options) => value.Raw.WriteTo(writer);
}

/// <summary>An action of a workflow or of an instance (the spec's <c>WorkflowAction</c>).</summary>
public sealed class MsxWorkflowAction
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("unique_name")]
    public string? UniqueName { get; set; }

    [JsonPropertyName("started_on")]
    [JsonConverter(typeof(LenientTimeConverter))]
    public DateTimeOffset? StartedOn { get; set; }

    [JsonPropertyName("ended_on")]
    [JsonConverter(typeof(LenientTimeConverter))]
    public DateTimeOffset? EndedOn { get; set; }

    [JsonIgnore]
    public string? State => WireStatus?.State;

    /// <summary>Why the action failed, as the workflow engine put it.</summary>
    [JsonIgnore]
    public string? Message => WireStatus?.Message;

    [JsonInclude]
    [JsonPropertyName("status")]
    internal MsxWorkflowStatus? WireStatus { get; set; }

    public override string ToString() => Name ?? Title ?? Id ?? string.Empty;
}

/// <summary>The spec's <c>WorkflowStartConfig</c>: the inputs a start takes, and the target it needs.</summary>
public sealed class MsxWorkflowStartConfig
{
    [JsonPropertyName("input_variables")]
    public List<MsxWorkflowVariable>? InputVariables { get; set; }

    [JsonPropertyName("type_of_target_needed")]
    public string? TypeOfTargetNeeded { get; set; }

    [JsonPropertyName("target_id")]
    public string? TargetId { get; set; }
}
