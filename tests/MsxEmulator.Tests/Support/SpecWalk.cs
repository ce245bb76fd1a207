using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using MsxPowerShell.Testing;
using SharpYaml.Serialization;

namespace MsxEmulator.Tests.Support;

/// <summary>An operation of the spec as the walk sends it.</summary>
public sealed record WalkOperation(string Method, string Template, string OperationId, OpenApiOperation Model)
{
    public string[] Segments { get; } = Template.Trim('/').Split('/');

    public bool EndsInParameter => Segments[^1].StartsWith('{');

    public override string ToString() => $"{Method} {Template} ({OperationId})";
}

/// <summary>
/// The spec shipped with the emulator (out/MsxEmulator/Spec/openapi.yaml), read with OpenAPI.NET, and the
/// requests a client would build from it: required parameters and required body fields, from the spec's
/// examples where they are complete, else from the types and formats. Written here, apart from the emulator.
/// </summary>
public static class SpecWalk
{
    private static readonly Lazy<List<WalkOperation>> Loaded = new(Load);

    public static string SpecPath => Path.Combine(Path.GetDirectoryName(EmulatorProcess.EmulatorDll)!, "Spec", "openapi.yaml");

    public static IReadOnlyList<WalkOperation> Operations => Loaded.Value;

    /// <summary>Creates first (top-level collections before sub-resources), then reads, changes and actions, deletes last (deepest first).</summary>
    public static int Order(WalkOperation op) =>
        op.Method == "DELETE" ? 1000 - op.Segments.Length
        : op.Method == "POST" && !op.EndsInParameter && op.Model.Responses?.ContainsKey("201") == true ? op.Segments.Count(s => s.StartsWith('{'))
        : op.Method == "POST" && !op.EndsInParameter ? 10 + op.Segments.Count(s => s.StartsWith('{'))
        : op.Method == "GET" ? 20
        : 30;

    public static string ParameterValue(IOpenApiParameter parameter)
    {
        if (Example(parameter.Schema) is { } example && example is not JsonObject and not JsonArray)
        {
            return example.ToString();
        }

        return Value(parameter.Schema)?.ToString() ?? "example";
    }

    /// <summary>A body the schema accepts: the example completed with every required field, or one made from the schema.</summary>
    public static JsonNode? Body(IOpenApiSchema? schema, int depth = 0)
    {
        if (schema is null || depth > 12)
        {
            return null;
        }

        var node = Value(schema, depth);
        Complete(schema, node, depth);
        return node;
    }

    private static void Complete(IOpenApiSchema schema, JsonNode? node, int depth)
    {
        if (depth > 12 || node is not JsonObject obj)
        {
            return;
        }

        foreach (var part in schema.AllOf ?? [])
        {
            Complete(part, obj, depth + 1);
        }

        foreach (var name in schema.Required ?? new HashSet<string>())
        {
            IOpenApiSchema? property = null;
            _ = schema.Properties?.TryGetValue(name, out property);
            if (!obj.ContainsKey(name) || obj[name] is null)
            {
                obj[name] = property is null ? "walk" : Body(property, depth + 1);
            }
        }

        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (obj[name] is JsonObject inner)
            {
                Complete(property, inner, depth + 1);
            }
        }
    }

    private static JsonNode? Example(IOpenApiSchema? schema)
    {
        if (schema?.Examples is { Count: > 0 } examples)
        {
            return examples[0];
        }

#pragma warning disable CS0618 // OpenAPI 3.0's example.
        return schema?.Example;
#pragma warning restore CS0618
    }

    private static JsonNode? Value(IOpenApiSchema? schema, int depth = 0)
    {
        if (schema is null)
        {
            return "walk";
        }

        if (schema.AllOf is { Count: > 0 } allOf)
        {
            var merged = new JsonObject();
            foreach (var part in allOf)
            {
                if (Body(part, depth + 1) is JsonObject piece)
                {
                    foreach (var (name, value) in piece)
                    {
                        merged[name] = value?.DeepClone();
                    }
                }
            }

            return merged;
        }

        if ((schema.OneOf ?? schema.AnyOf) is { Count: > 0 } choices)
        {
            return Body(choices[0], depth + 1);
        }

        if (schema.Enum is { Count: > 0 } values && values.FirstOrDefault(v => v is not null) is { } first)
        {
            return first.DeepClone();
        }

        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : JsonSchemaType.String);
        if (type.HasFlag(JsonSchemaType.Object))
        {
            return new JsonObject();
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            var array = new JsonArray();
            for (var i = 0; i < Math.Max(schema.MinItems ?? 0, 1) && schema.Items is not null; i++)
            {
                array.Add(Body(schema.Items, depth + 1));
            }

            return array;
        }

        if (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
        {
            return decimal.TryParse(Convert.ToString(schema.Minimum, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var min) ? min : 1;
        }

        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            return true;
        }

        return schema.Format?.ToLowerInvariant() switch
        {
            _ when schema.Pattern is not null && Example(schema) is JsonValue patterned => patterned.DeepClone(),
            "uuid" => Guid.NewGuid().ToString(),
            "date-time" => "2026-01-02T03:04:05.000Z",
            "date" => "2026-01-02",
            "email" => "walk@example.com",
            _ => "walk",
        };
    }

    private static List<WalkOperation> Load()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(SpecPath))
        {
            yaml.Load(reader);
        }

        var result = OpenApiYamlReader.Read(YamlConverter.ToJsonNode(yaml.Documents[0]), new Uri(SpecPath), new OpenApiReaderSettings());
        var document = result.Document ?? throw new InvalidOperationException("The spec could not be read: " + string.Join("; ", result.Diagnostic?.Errors ?? []));
        var operations = new List<WalkOperation>();
        foreach (var (template, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operations.Add(new WalkOperation(method.Method.ToUpperInvariant(), template, operation.OperationId ?? template, operation));
            }
        }

        return operations;
    }
}
