using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace MsxContract.Tests;

/// <summary>An operation of the spec: its method, path template (as a regex) and the OpenAPI.NET model.</summary>
public sealed record SpecOperation(string Method, string PathTemplate, string? OperationId, Regex Pattern, int Parameters, OpenApiOperation Model)
{
    public string Key => $"{Method} {PathTemplate} ({OperationId ?? "no operationId"})";
}

/// <summary>
/// Cisco's OpenAPI 3.0 spec, read with OpenAPI.NET, with every schema turned into JSON Schema 2020-12
/// for JsonSchema.Net. OpenAPI.NET's 3.1 serializer does the conversion (nullable: true becomes a
/// "null" in type, $refs stay $refs); the one case it drops, nullable on a schema without a type (an
/// allOf), is marked before reading and becomes anyOf [null, the schema]. Component schemas live in one
/// registered document under $defs, and "#/components/schemas/X" refs point there.
/// </summary>
public sealed class OpenApiSpec
{
    public const string ComponentsUri = "https://msx-openapi.invalid/components";
    private const string NullableMarker = "x-msx-contract-nullable";

    private static readonly Lazy<OpenApiSpec> Shared = new(() => Load(ContractPaths.Spec), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private OpenApiSpec(OpenApiDocument document)
    {
        Document = document;
        var operations = new List<SpecOperation>();
        foreach (var (template, item) in document.Paths)
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]*}", "[^/]+") + "$",
                RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            var parameters = template.Count(c => c == '{');
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operations.Add(new SpecOperation(method.Method.ToUpperInvariant(), template, operation.OperationId, pattern, parameters, operation));
            }
        }

        Operations = operations;
        var defs = new JsonObject();
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            defs[name] = ToJsonSchema(schema, "#/$defs/");
        }

        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = ComponentsUri,
            ["$defs"] = defs,
        };
        JsonSchema.FromText(root.ToJsonString(), _build);
    }

    public static OpenApiSpec Instance => Shared.Value;

    public OpenApiDocument Document { get; }

    public IReadOnlyList<SpecOperation> Operations { get; }

    public static OpenApiSpec Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var node = YamlConverter.ToJsonNode(yaml.Documents[0]);
        MarkTypelessNullables(node);
        var result = OpenApiYamlReader.Read(node, new Uri(Path.GetFullPath(path)), new OpenApiReaderSettings());
        if (result.Document is null || result.Diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException($"{path} could not be read: {string.Join("; ", result.Diagnostic?.Errors ?? [])}");
        }

        return new OpenApiSpec(result.Document);
    }

    /// <summary>The operation for a request: the path templates that match, concrete before templated (OpenAPI's rule).</summary>
    public (SpecOperation? Operation, bool PathKnown) Match(string method, string path)
    {
        var candidates = Operations.Where(o => o.Pattern.IsMatch(path)).ToList();
        if (candidates.Count == 0)
        {
            return (null, false);
        }

        var template = candidates.OrderBy(o => o.Parameters).ThenByDescending(o => o.PathTemplate.IndexOf('{', StringComparison.Ordinal)).First().PathTemplate;
        var operation = candidates.FirstOrDefault(o => o.PathTemplate == template && o.Method == method.ToUpperInvariant());
        return (operation, true);
    }

    /// <summary>The JSON Schema (2020-12) for a schema of the spec, built once per place it is used.</summary>
    public JsonSchema SchemaAt(string place, IOpenApiSchema schema)
    {
        lock (_gate)
        {
            if (!_schemas.TryGetValue(place, out var built))
            {
                var json = ToJsonSchema(schema, ComponentsUri + "#/$defs/");
                json["$schema"] = "https://json-schema.org/draft/2020-12/schema";
                built = JsonSchema.FromText(json.ToJsonString(), _build, new Uri($"https://msx-openapi.invalid/uses/{_schemas.Count}"));
                _schemas[place] = built;
            }

            return built;
        }
    }

    /// <summary>The JSON Schema of a component schema by name (for rules the spec leaves out, e.g. the Error body).</summary>
    public JsonSchema Component(string name) =>
        SchemaAt("component " + name, Document.Components?.Schemas?[name] ?? throw new KeyNotFoundException($"No schema {name} in the spec."));

    /// <summary>The problems a JSON instance has against a schema, as "location: keyword: message", or none.</summary>
    public static List<string> Problems(JsonSchema schema, JsonElement instance)
    {
        // A pass/fail answer first (most instances are valid, and the flag output skips collecting every
        // annotation); the detailed list only for an instance that fails.
        if (schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true }).IsValid)
        {
            return [];
        }

        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }

        var problems = new List<string>();
        foreach (var detail in (IEnumerable<EvaluationResults>?)result.Details ?? [result])
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                var location = detail.InstanceLocation.ToString();
                problems.Add($"{(location.Length == 0 ? "(root)" : location)}: {keyword}: {message}");
            }
        }

        return problems.Count > 0 ? problems.Distinct().ToList() : ["(root): the value does not match the schema"];
    }

    private static JsonObject ToJsonSchema(IOpenApiSchema schema, string componentRefPrefix)
    {
        using var text = new StringWriter();
        schema.SerializeAsV31(new OpenApiJsonWriter(text));
        var node = JsonNode.Parse(text.ToString()) as JsonObject ?? new JsonObject();
        return (JsonObject)Fix(node, componentRefPrefix);
    }

    /// <summary>Points component $refs at the $defs document and turns the nullable marker into anyOf [null, …].</summary>
    private static JsonNode Fix(JsonNode node, string componentRefPrefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is not null)
                    {
                        var fixedValue = Fix(value, componentRefPrefix);
                        if (!ReferenceEquals(fixedValue, value))
                        {
                            obj[name] = fixedValue;
                        }
                    }
                }

                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target
                    && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    obj["$ref"] = componentRefPrefix + target["#/components/schemas/".Length..];
                }

                if (obj.Remove(NullableMarker))
                {
                    return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, obj) };
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        var fixedItem = Fix(item, componentRefPrefix);
                        if (!ReferenceEquals(fixedItem, item))
                        {
                            array[i] = fixedItem;
                        }
                    }
                }

                return array;
            default:
                return node;
        }
    }

    /// <summary>Marks every schema with nullable: true and no type, which OpenAPI.NET would read as not nullable.</summary>
    private static void MarkTypelessNullables(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["nullable"] is JsonValue nullable && nullable.GetValueKind() == JsonValueKind.True && !obj.ContainsKey("type"))
                {
                    obj[NullableMarker] = true;
                }

                foreach (var (_, value) in obj.ToList())
                {
                    MarkTypelessNullables(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    MarkTypelessNullables(item);
                }

                break;
        }
    }
}
