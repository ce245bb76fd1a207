using System.Text.RegularExpressions;

namespace MsxEmulator.Data;

/// <summary>
/// Reads an import body (<c>{"workflow": {...}, "targets": {...}}</c>, the export shape) into a
/// <see cref="WorkflowDefinition"/>: checks it, fills defaults and generated unique names, and reads the
/// emulator hints (<c>properties.emulator</c> on the workflow and on each action).
/// </summary>
public static partial class WorkflowReader
{
    public const long DefaultStartDelayMs = 500;
    public const long DefaultActionDurationMs = 1000;
    public const long MaxDurationMs = 24L * 60 * 60 * 1000;

    /// <summary>Reads the body. <paramref name="newSuffix"/> makes the KSUID part of a generated unique name from a seed.</summary>
    public static WorkflowDefinition Read(JsonElement body, string id, Func<string, string> newSuffix)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Fail("body", "must be a JSON object");
        }

        if (!body.TryGetProperty("workflow", out var workflow) || workflow.ValueKind != JsonValueKind.Object)
        {
            throw Fail("workflow", "required; the body is {\"workflow\": {...}, \"targets\": {...}} as export gives it");
        }

        JsonElement? targets = null;
        if (body.TryGetProperty("targets", out var targetsElement) && targetsElement.ValueKind != JsonValueKind.Null)
        {
            targets = targetsElement.ValueKind == JsonValueKind.Object
                ? targetsElement.Clone()
                : throw Fail("targets", "must be an object");
        }

        var source = new JsonObject();
        var uniqueName = OptionalString(workflow, "unique_name", "workflow") ?? "definition_workflow_" + newSuffix("workflow");
        if (!UniqueNamePattern().IsMatch(uniqueName))
        {
            throw Fail("workflow.unique_name", "must be 1 to 256 letters, digits, '_', '-' or '.'");
        }

        source["unique_name"] = uniqueName;
        var name = OptionalString(workflow, "name", "workflow");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Fail("workflow.name", "required, a non-empty string");
        }

        var title = OptionalString(workflow, "title", "workflow") ?? name;
        var type = OptionalString(workflow, "type", "workflow") ?? "generic.workflow";
        var baseType = OptionalString(workflow, "base_type", "workflow") ?? "workflow";
        var properties = OptionalObject(workflow, "properties", "workflow");
        var startDelay = DefaultStartDelayMs;
        var isAtomic = false;
        string? targetType = null, targetId = null;
        var targetAtStart = false;
        if (properties is { } p)
        {
            if (p.TryGetProperty("emulator", out var hints) && hints.ValueKind != JsonValueKind.Null)
            {
                startDelay = ReadHints(hints, "workflow.properties.emulator", ["start_delay_ms"]).StartDelayMs ?? startDelay;
            }

            if (p.TryGetProperty("atomic", out var atomic) && atomic.ValueKind == JsonValueKind.Object
                && atomic.TryGetProperty("is_atomic", out var flag))
            {
                isAtomic = flag.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False or JsonValueKind.Null => false,
                    _ => throw Fail("workflow.properties.atomic.is_atomic", "must be true or false"),
                };
            }

            if (p.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.Object)
            {
                targetType = OptionalString(target, "target_type", "workflow.properties.target");
                targetId = OptionalString(target, "target_id", "workflow.properties.target");
                targetAtStart = target.TryGetProperty("specify_on_workflow_start", out var specify) && specify.ValueKind == JsonValueKind.True;
            }
        }

        var categories = new List<string>();
        if (workflow.TryGetProperty("categories", out var categoryList) && categoryList.ValueKind != JsonValueKind.Null)
        {
            if (categoryList.ValueKind != JsonValueKind.Array || categoryList.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
            {
                throw Fail("workflow.categories", "must be an array of strings");
            }

            categories.AddRange(categoryList.EnumerateArray().Select(c => c.GetString()!));
        }

        var variables = new List<WorkflowVariableDefinition>();
        var variableNodes = new JsonArray();
        var uniqueNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, index) in Items(workflow, "variables"))
        {
            var (variable, node) = ReadVariable(element, $"workflow.variables[{index}]", id, newSuffix, index);
            if (!uniqueNames.Add(variable.UniqueName))
            {
                throw Fail($"workflow.variables[{index}].unique_name", $"'{variable.UniqueName}' is used twice");
            }

            if (variables.Any(v => v.Scope == variable.Scope && v.Name == variable.Name))
            {
                throw Fail($"workflow.variables[{index}].properties.name", $"there are two {variable.Scope} variables named '{variable.Name}'");
            }

            variables.Add(variable);
            variableNodes.Add(node);
        }

        var actions = new List<WorkflowActionDefinition>();
        var actionNodes = new JsonArray();
        foreach (var (element, index) in Items(workflow, "actions"))
        {
            var (action, node) = ReadAction(element, $"workflow.actions[{index}]", id, newSuffix, index);
            if (!uniqueNames.Add(action.UniqueName))
            {
                throw Fail($"workflow.actions[{index}].unique_name", $"'{action.UniqueName}' is used twice");
            }

            actions.Add(action);
            actionNodes.Add(node);
        }

        foreach (var property in workflow.EnumerateObject())
        {
            switch (property.Name)
            {
                case "unique_name":
                    break;
                case "variables":
                    source["variables"] = variableNodes;
                    break;
                case "actions":
                    source["actions"] = actionNodes;
                    break;
                default:
                    source[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                    break;
            }
        }

        return new WorkflowDefinition(id, uniqueName, name, title, type, baseType,
            properties?.Clone() ?? EmptyObject(), categories, variables, actions, startDelay, isAtomic,
            targetType, targetId, targetAtStart, ToElement(source), targets);
    }

    /// <summary>The text a value stands for in a template: a string as is, null as empty, anything else as JSON.</summary>
    public static string TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => value.GetRawText(),
    };

    /// <summary>Replaces each <c>{name}</c> that names an input variable with that input's value.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> inputs) =>
        Placeholder().Replace(template, m => inputs.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary>Whether a value fits a variable's data type (null fits every type).</summary>
    public static bool Fits(string type, JsonElement value) => value.ValueKind == JsonValueKind.Null || type switch
    {
        "datatype.string" or "datatype.secure_string" or "datatype.date" => value.ValueKind == JsonValueKind.String,
        "datatype.integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "datatype.number" => value.ValueKind == JsonValueKind.Number,
        "datatype.boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => true,
    };

    public static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static (WorkflowVariableDefinition Variable, JsonObject Node) ReadVariable(
        JsonElement element, string where, string workflowId, Func<string, string> newSuffix, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail(where, "must be an object");
        }

        var properties = OptionalObject(element, "properties", where) ?? throw Fail(where + ".properties", "required object");
        var name = OptionalString(properties, "name", where + ".properties");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Fail(where + ".properties.name", "required, a non-empty string");
        }

        var scope = OptionalString(properties, "scope", where + ".properties") ?? OptionalString(element, "scope", where);
        if (scope is not (WorkflowVariableDefinition.InputScope or WorkflowVariableDefinition.OutputScope or WorkflowVariableDefinition.LocalScope))
        {
            throw Fail(where + ".properties.scope", "must be input, output or local");
        }

        var type = OptionalString(properties, "type", where + ".properties") ?? "datatype.string";
        var isRequired = false;
        if (properties.TryGetProperty("is_required", out var required) && required.ValueKind != JsonValueKind.Null)
        {
            isRequired = required.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Fail(where + ".properties.is_required", "must be true or false"),
            };
        }

        JsonElement value;
        if (properties.TryGetProperty("value", out var given))
        {
            value = given.Clone();
        }
        else
        {
            using var document = JsonDocument.Parse(type is "datatype.string" or "datatype.secure_string" ? "\"\"" : "null");
            value = document.RootElement.Clone();
        }

        if (!Fits(type, value))
        {
            throw Fail(where + ".properties.value", $"does not fit the type {type}");
        }

        var uniqueName = OptionalString(element, "unique_name", where) ?? "variable_workflow_" + newSuffix("variable:" + index);
        var schemaId = OptionalString(element, "schema_id", where) ?? Ksuid.Stable("msx-emulator-schema:" + type);
        var node = new JsonObject { ["unique_name"] = uniqueName };
        foreach (var property in element.EnumerateObject().Where(p => p.Name != "unique_name"))
        {
            node[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        var variable = new WorkflowVariableDefinition(Ksuid.Stable(workflowId + "/" + uniqueName), uniqueName, name, scope, type,
            schemaId, value, isRequired, properties.Clone());
        return (variable, node);
    }

    private static (WorkflowActionDefinition Action, JsonObject Node) ReadAction(
        JsonElement element, string where, string workflowId, Func<string, string> newSuffix, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail(where, "must be an object");
        }

        var name = OptionalString(element, "name", where);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Fail(where + ".name", "required, a non-empty string");
        }

        var duration = DefaultActionDurationMs;
        string? failure = null;
        if (OptionalObject(element, "properties", where) is { } properties
            && properties.TryGetProperty("emulator", out var hints) && hints.ValueKind != JsonValueKind.Null)
        {
            var read = ReadHints(hints, where + ".properties.emulator", ["duration_ms", "failure"]);
            duration = read.DurationMs ?? duration;
            failure = read.Failure;
        }

        var uniqueName = OptionalString(element, "unique_name", where) ?? "definition_activity_" + newSuffix("action:" + index);
        var node = new JsonObject { ["unique_name"] = uniqueName };
        foreach (var property in element.EnumerateObject().Where(p => p.Name != "unique_name"))
        {
            node[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        var action = new WorkflowActionDefinition(Ksuid.Stable(workflowId + "/" + uniqueName), uniqueName, name,
            OptionalString(element, "title", where) ?? name,
            OptionalString(element, "type", where) ?? "generic.activity",
            OptionalString(element, "base_type", where) ?? "activity",
            duration, failure);
        return (action, node);
    }

    private readonly record struct Hints(long? StartDelayMs, long? DurationMs, string? Failure);

    private static Hints ReadHints(JsonElement hints, string where, string[] allowed)
    {
        if (hints.ValueKind != JsonValueKind.Object)
        {
            throw Fail(where, "must be an object");
        }

        long? startDelay = null, duration = null;
        string? failure = null;
        foreach (var property in hints.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw Fail($"{where}.{property.Name}", $"unknown emulator hint; the hints here are {string.Join(", ", allowed)}");
            }

            switch (property.Name)
            {
                case "start_delay_ms":
                    startDelay = Milliseconds(property.Value, $"{where}.{property.Name}");
                    break;
                case "duration_ms":
                    duration = Milliseconds(property.Value, $"{where}.{property.Name}");
                    break;
                default:
                    failure = property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > 0
                        ? property.Value.GetString()
                        : property.Value.ValueKind == JsonValueKind.Null ? null : throw Fail($"{where}.failure", "must be a non-empty string");
                    break;
            }
        }

        return new Hints(startDelay, duration, failure);
    }

    private static long Milliseconds(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms) && ms >= 0 && ms <= MaxDurationMs
            ? ms
            : throw Fail(where, $"must be a whole number of milliseconds from 0 to {MaxDurationMs}");

    private static IEnumerable<(JsonElement Element, int Index)> Items(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select((e, i) => (e, i)).ToList()
            : throw Fail("workflow." + name, "must be an array");
    }

    private static string? OptionalString(JsonElement obj, string name, string where)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Fail($"{where}.{name}", "must be a string");
    }

    private static JsonElement? OptionalObject(JsonElement obj, string name, string where)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Fail($"{where}.{name}", "must be an object");
    }

    private static WorkflowFormatException Fail(string field, string problem) => new($"{field}: {problem}");

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,256}$")]
    private static partial Regex UniqueNamePattern();

    [GeneratedRegex(@"\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Placeholder();
}
