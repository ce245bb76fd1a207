using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace MsxEmulator.Spec;

/// <summary>The copy of Cisco's spec shipped with the emulator (Spec/openapi.yaml), read with OpenAPI.NET.</summary>
public sealed class SpecDocument
{
    private SpecDocument(OpenApiDocument document)
    {
        Document = document;
        var raw = new List<(string Method, string Template, OpenApiOperation Operation)>();
        foreach (var (template, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                raw.Add((method.Method.ToUpperInvariant(), template, operation));
            }
        }

        Operations = [.. raw.Select(r => Describe(r.Method, r.Template, r.Operation, raw))];
    }

    public OpenApiDocument Document { get; }

    public IReadOnlyList<SpecOperationInfo> Operations { get; }

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Spec", "openapi.yaml");

    public static SpecDocument Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var node = YamlConverter.ToJsonNode(yaml.Documents[0]);
        var result = OpenApiYamlReader.Read(node, new Uri(Path.GetFullPath(path)), new OpenApiReaderSettings());
        if (result.Document is null || result.Diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException($"{path} could not be read: {string.Join("; ", result.Diagnostic?.Errors ?? [])}");
        }

        return new SpecDocument(result.Document);
    }

    public static string ShapeOf(string template) =>
        string.Join('/', template.Split('/').Select(s => s.StartsWith('{') ? "{}" : s.ToLowerInvariant()));

    public SpecOperationInfo? Find(string method, string template) =>
        Operations.FirstOrDefault(o => o.Method == method && o.Template == template);

    /// <summary>The schema of a property of an object schema, looking through allOf.</summary>
    public static IOpenApiSchema? PropertyOf(IOpenApiSchema? schema, string name, int depth = 0)
    {
        if (schema is null || depth > 10)
        {
            return null;
        }

        if (schema.Properties?.TryGetValue(name, out var property) == true)
        {
            return property;
        }

        foreach (var part in schema.AllOf ?? [])
        {
            if (PropertyOf(part, name, depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static SpecOperationInfo Describe(string method, string template, OpenApiOperation operation,
        List<(string Method, string Template, OpenApiOperation Operation)> all)
    {
        var segments = template.TrimEnd('/').Split('/');
        var last = segments[^1];
        var parent = string.Join('/', segments[..^1]);
        var lastIsParameter = last.StartsWith('{');
        bool Has(string m, string t) => all.Any(o => o.Method == m && o.Template == t);
        bool HasItem(string t) => all.Any(o => o.Template.StartsWith(t + "/{", StringComparison.Ordinal) && !o.Template[(t.Length + 2)..].Contains('/'));
        var (status, response, responseType) = Success(operation);
        var (requestSchema, requestType) = Request(operation);
        var getOfTemplate = all.FirstOrDefault(o => o.Method == "GET" && o.Template == template).Operation;
        var getIsSingleton = getOfTemplate is not null && !IsPage(Success(getOfTemplate).Schema) && Success(getOfTemplate).Schema?.Type is not JsonSchemaType.Array;

        (SpecKind Kind, string Collection) shape = method switch
        {
            "GET" when lastIsParameter => (SpecKind.Get, parent),
            "GET" when last == "list" => (SpecKind.List, parent),
            "GET" when last == "count" => (SpecKind.Count, parent),
            "GET" when response?.Type is { } type && type.HasFlag(JsonSchemaType.Array) => (SpecKind.List, template),
            "GET" when IsPage(response) => (SpecKind.Page, template),
            "GET" => (SpecKind.Singleton, template),
            "POST" when !lastIsParameter && (status == 201 || HasItem(template) || Has("GET", template + "/list")
                || (getOfTemplate is not null && !getIsSingleton)) => (SpecKind.Create, template),
            "PUT" when lastIsParameter => (SpecKind.Replace, parent),
            "PUT" when Has("GET", template + "/list") => (SpecKind.ReplaceMembers, template),
            "PUT" when getIsSingleton => (SpecKind.SingletonReplace, template),
            "PATCH" when lastIsParameter => (SpecKind.Merge, parent),
            "PATCH" when getIsSingleton => (SpecKind.SingletonMerge, template),
            "DELETE" when lastIsParameter => (SpecKind.Delete, parent),
            _ => (SpecKind.Action, template),
        };
        return new SpecOperationInfo(method, template, operation.OperationId, operation, shape.Kind, shape.Collection, status, response,
            responseType, requestSchema, requestType, SpecPermissions.For(method, template, operation));
    }

    /// <summary>The first 2xx the operation declares, with its schema and content type.</summary>
    public static (int Status, IOpenApiSchema? Schema, string? ContentType) Success(OpenApiOperation operation)
    {
        foreach (var (code, response) in operation.Responses ?? new OpenApiResponses())
        {
            if (code.Length == 3 && code[0] == '2' && int.TryParse(code, out var status))
            {
                var content = response.Content?.FirstOrDefault();
                return (status, content?.Value.Schema, content?.Key);
            }
        }

        return (200, null, null);
    }

    private static (IOpenApiSchema? Schema, string? ContentType) Request(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content is not { Count: > 0 } content)
        {
            return (null, null);
        }

        var json = content.FirstOrDefault(c => c.Key.Contains("json", StringComparison.OrdinalIgnoreCase));
        return json.Key is not null ? (json.Value.Schema, json.Key) : (content.First().Value.Schema, content.First().Key);
    }

    public static bool IsPage(IOpenApiSchema? schema) =>
        PropertyOf(schema, "contents") is { } contents && contents.Type is { } type && type.HasFlag(JsonSchemaType.Array);

    /// <summary>The values of the template's parameters in a concrete path, by name.</summary>
    public static Dictionary<string, string> PathValues(string template, string path)
    {
        var names = template.Trim('/').Split('/');
        var values = path.Trim('/').Split('/');
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length && i < values.Length; i++)
        {
            if (names[i].StartsWith('{'))
            {
                result[names[i].Trim('{', '}')] = Uri.UnescapeDataString(values[i]);
            }
        }

        return result;
    }

    /// <summary>A template with the parameters filled from the concrete path (for the collection of a sub-resource).</summary>
    public static string Concrete(string template, IReadOnlyDictionary<string, string> values) =>
        string.Join('/', template.Split('/').Select(s => s.StartsWith('{') && values.TryGetValue(s.Trim('{', '}'), out var v) ? v : s));

    public static JsonObject? AsObject(JsonNode? node) => node as JsonObject;
}
