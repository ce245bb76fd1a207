using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MsxPowerShell.Client;

/// <summary>
/// A start of a workflow, checked before anything is sent: the given inputs (by variable name) are put
/// into the start configuration's <c>input_variables[].properties.value</c>, as Cisco's example does it.
/// Names the workflow does not have, required inputs left without a value, and values that cannot be the
/// variable's type are problems, and a request with problems is never sent.
/// </summary>
public sealed class WorkflowStartRequest
{
    private WorkflowStartRequest(IReadOnlyList<MsxWorkflowVariable> inputs, List<string> unknown, List<MsxWorkflowVariable> missing, List<string> invalid, byte[] body)
    {
        Inputs = inputs;
        Unknown = unknown;
        Missing = missing;
        Invalid = invalid;
        Body = body;
    }

    /// <summary>The workflow's input variables, as the start configuration lists them.</summary>
    public IReadOnlyList<MsxWorkflowVariable> Inputs { get; }

    /// <summary>Given names that are no input of the workflow.</summary>
    public IReadOnlyList<string> Unknown { get; }

    /// <summary>Required inputs that neither were given nor have a default.</summary>
    public IReadOnlyList<MsxWorkflowVariable> Missing { get; }

    /// <summary>Given values that cannot be their variable's type (one sentence each).</summary>
    public IReadOnlyList<string> Invalid { get; }

    public bool IsValid => Unknown.Count == 0 && Missing.Count == 0 && Invalid.Count == 0;

    /// <summary>Every problem, one sentence each.</summary>
    public IEnumerable<string> Problems =>
        Unknown.Select(n => $"'{n}' is no input of the workflow")
            .Concat(Missing.Select(v => $"the required input '{v.Name}' has no value"))
            .Concat(Invalid);

    /// <summary>The inputs a person can give, e.g. <c>device (string, required), destination (string, default 'tftp://b')</c>.</summary>
    public string ExpectedInputs => Inputs.Count == 0 ? "it takes no inputs" : string.Join(", ", Inputs.Select(Describe));

    /// <summary>The spec's <c>WorkflowStartConfig</c> to POST to <c>workflows/{id}/start</c>.</summary>
    public byte[] Body { get; }

    /// <summary>The variables of a start configuration that a person gives (the input scope).</summary>
    public static List<MsxWorkflowVariable> InputsOf(MsxWorkflowStartConfig config) =>
        (config.InputVariables ?? new List<MsxWorkflowVariable>())
            .Where(v => v.Scope is null || string.Equals(v.Scope, WorkflowVariableScopes.Input, StringComparison.OrdinalIgnoreCase))
            .ToList();

    /// <summary>One input as a person reads it, e.g. <c>device (string, required)</c>.</summary>
    public static string DescribeInput(MsxWorkflowVariable variable) => Describe(variable);

    /// <summary>Puts <paramref name="given"/> (input name → JSON value) into the start configuration.</summary>
    /// <summary>
    /// Builds the start body. The value given for a <c>datatype.secure_string</c> input, and any text under a
    /// secret-looking name, joins <paramref name="redactor"/> (when given), so that no echo of it is shown.
    /// </summary>
    public static WorkflowStartRequest Build(MsxWorkflowStartConfig config, IReadOnlyDictionary<string, JsonElement> given, SecretRedactor? redactor = null)
    {
        var inputs = InputsOf(config);
        var values = new Dictionary<MsxWorkflowVariable, JsonElement>();
        var unknown = new List<string>();
        var invalid = new List<string>();
        foreach (var pair in given)
        {
            if (Find(inputs, pair.Key) is not { } variable)
            {
                unknown.Add(pair.Key);
                continue;
            }

            if (values.ContainsKey(variable))
            {
                invalid.Add($"the input '{variable.Name}' is given twice");
                continue;
            }

            if (Coerce(pair.Value, variable.Type, out var value) is { } problem)
            {
                invalid.Add($"the input '{variable.Name}' {problem}");
                continue;
            }

            values[variable] = value;
            if (redactor is not null)
            {
                if (variable.IsSecret && value.ValueKind == JsonValueKind.String)
                {
                    redactor.AddSecret(value.GetString());
                }

                JsonValues.VisitSecrets(variable.Name, value, redactor.AddSecret);
            }
        }

        var missing = inputs.Where(v => v.IsRequired && IsEmpty(values.TryGetValue(v, out var value) ? value : v.WireValue)).ToList();
        var body = new JsonObject
        {
            ["input_variables"] = new JsonArray(inputs.Select(v => (JsonNode?)WithValue(v, values.TryGetValue(v, out var value) ? value : (JsonElement?)null)).ToArray()),
            ["type_of_target_needed"] = config.TypeOfTargetNeeded,
            ["target_id"] = config.TargetId,
        };
        return new WorkflowStartRequest(inputs, unknown, missing, invalid, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    /// <summary>An input by its name (exact first, then without case if that is unambiguous), or by its unique name.</summary>
    private static MsxWorkflowVariable? Find(List<MsxWorkflowVariable> inputs, string name)
    {
        var exact = inputs.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal));
        if (exact is not null)
        {
            return exact;
        }

        var loose = inputs.Where(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return loose.Count == 1 ? loose[0] : inputs.FirstOrDefault(v => string.Equals(v.UniqueName, name, StringComparison.Ordinal));
    }

    /// <summary>
    /// Fits a value to the variable's type the way a person means it: a number for a string input is its
    /// digits, the text "5" for an integer input is 5, "true" for a boolean is true. Null when it fits.
    /// </summary>
    private static string? Coerce(JsonElement value, string? type, out JsonElement result)
    {
        result = value;
        var kind = value.ValueKind;
        if (kind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            result = Parse("null");
            return null;
        }

        switch (type)
        {
            case "datatype.string" or "datatype.secure_string" or "datatype.date" or "datatype.ip_address":
                if (kind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    result = JsonSerializer.SerializeToElement(value.GetRawText(), WorkflowJsonContext.Default.String);
                    return null;
                }

                return kind == JsonValueKind.String ? null : "must be text";
            case "datatype.integer":
                if (kind == JsonValueKind.Number && value.TryGetInt64(out _))
                {
                    return null;
                }

                if (kind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
                {
                    result = Parse(whole.ToString(CultureInfo.InvariantCulture));
                    return null;
                }

                return $"must be a whole number, not {value.GetRawText()}";
            case "datatype.number":
                if (kind == JsonValueKind.Number)
                {
                    return null;
                }

                if (kind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number))
                {
                    result = Parse(number.ToString("R", CultureInfo.InvariantCulture));
                    return null;
                }

                return $"must be a number, not {value.GetRawText()}";
            case "datatype.boolean":
                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    return null;
                }

                if (kind == JsonValueKind.String && bool.TryParse(value.GetString(), out var flag))
                {
                    result = Parse(flag ? "true" : "false");
                    return null;
                }

                return $"must be true or false, not {value.GetRawText()}";
            default:
                // A type the client does not know (targets, arrays, custom types): the server judges it.
                return null;
        }
    }

    private static JsonObject WithValue(MsxWorkflowVariable variable, JsonElement? value)
    {
        var node = variable.Raw.ValueKind == JsonValueKind.Object ? (JsonObject)JsonNode.Parse(variable.Raw.GetRawText())! : new JsonObject();
        if (value is { } given)
        {
            if (node["properties"] is not JsonObject properties)
            {
                properties = new JsonObject();
                node["properties"] = properties;
            }

            properties["value"] = JsonNode.Parse(given.GetRawText());
        }

        return node;
    }

    private static bool IsEmpty(JsonElement value) =>
        value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
        || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);

    private static string Describe(MsxWorkflowVariable variable)
    {
        var type = variable.Type is { } t && t.StartsWith("datatype.", StringComparison.Ordinal) ? t.Substring("datatype.".Length) : variable.Type ?? "any";
        var notes = new List<string> { type };
        if (variable.IsRequired)
        {
            notes.Add("required");
        }

        var secretInside = false;
        JsonValues.VisitSecrets(variable.Name, variable.WireValue, _ => secretInside = true);
        if (variable.IsSecret || SecretNames.IsSecret(variable.Name) || secretInside)
        {
            // A secret's default is never shown, nor a default with a secret inside.
            notes.Add(IsEmpty(variable.WireValue) ? "secret" : "secret, has a default");
        }
        else if (!IsEmpty(variable.WireValue))
        {
            var value = variable.WireValue;
            notes.Add("default " + (value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText()));
        }

        return $"{variable.Name} ({string.Join(", ", notes)})";
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
