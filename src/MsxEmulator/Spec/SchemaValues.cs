using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace MsxEmulator.Spec;

/// <summary>
/// Values from the spec's schemas: <see cref="Check"/> finds the first way a request value breaks its schema
/// (naming the field), <see cref="Example"/> builds a value a schema accepts (its example when that is valid),
/// and <see cref="Conform"/> turns a stored value into one its response schema accepts, keeping what is valid.
/// </summary>
public static class SchemaValues
{
    /// <summary>Below this depth, generated objects fill their optional properties too; deeper, only the required ones.</summary>
    private const int MaxDepth = 2;

    /// <summary>The clock the generated timestamps read (set once at start-up).</summary>
    public static Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>The schema's example (OpenAPI 3.0's <c>example</c>, kept by OpenAPI.NET as the first of its examples).</summary>
    public static JsonNode? ExampleOf(IOpenApiSchema? schema)
    {
        if (schema?.Examples is { Count: > 0 } examples)
        {
            return examples[0];
        }

#pragma warning disable CS0618 // The 3.0 reader still fills Example.
        return schema?.Example;
#pragma warning restore CS0618
    }

    public static bool Nullable(IOpenApiSchema schema) => schema.Type is { } type && type.HasFlag(JsonSchemaType.Null);

    /// <summary>The first problem of <paramref name="value"/> against <paramref name="schema"/>, as "path: message", or null.</summary>
    public static string? Check(IOpenApiSchema schema, JsonNode? value, string path, bool request = true, int depth = 0)
    {
        if (depth > 40)
        {
            return null;
        }

        if (schema.AllOf is { Count: > 0 } allOf)
        {
            foreach (var part in allOf)
            {
                if (Check(part, value, path, request, depth + 1) is { } problem)
                {
                    return problem;
                }
            }
        }

        if (schema.OneOf is { Count: > 0 } oneOf && !oneOf.Any(part => Check(part, value, path, request, depth + 1) is null))
        {
            return Check(oneOf[0], value, path, request, depth + 1);
        }

        if (schema.AnyOf is { Count: > 0 } anyOf && !anyOf.Any(part => Check(part, value, path, request, depth + 1) is null))
        {
            return Check(anyOf[0], value, path, request, depth + 1);
        }

        if (value is null)
        {
            return schema.Type is null || Nullable(schema) || (schema.Enum?.Any(e => e is null) ?? false) ? null : $"{path}: must not be null";
        }

        var kind = value.GetValueKind();
        if (schema.Type is { } type && !TypeAllows(type, value, kind))
        {
            return $"{path}: must be {TypeName(type)}";
        }

        if (schema.Enum is { Count: > 0 } values && !values.Any(e => e is not null && JsonNode.DeepEquals(e, value)))
        {
            return $"{path}: '{Text(value)}' is not one of {string.Join(", ", values.Where(e => e is not null).Select(e => Text(e!)))}";
        }

        switch (kind)
        {
            case JsonValueKind.String:
                return CheckString(schema, value.GetValue<string>(), path);
            case JsonValueKind.Number:
                return CheckNumber(schema, value, path);
            case JsonValueKind.Array:
                var array = value.AsArray();
                if (schema.MinItems is { } minItems && array.Count < minItems)
                {
                    return $"{path}: must have at least {minItems} items";
                }

                if (schema.MaxItems is { } maxItems && array.Count > maxItems)
                {
                    return $"{path}: must have at most {maxItems} items";
                }

                if (schema.Items is { } items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (Check(items, array[i], $"{path}[{i}]", request, depth + 1) is { } problem)
                        {
                            return problem;
                        }
                    }
                }

                return null;
            case JsonValueKind.Object:
                return CheckObject(schema, value.AsObject(), path, request, depth);
            default:
                return null;
        }
    }

    private static string? CheckObject(IOpenApiSchema schema, JsonObject obj, string path, bool request, int depth)
    {
        string Field(string name) => path.Length == 0 ? name : path + "." + name;
        foreach (var name in schema.Required ?? new HashSet<string>())
        {
            var readOnly = schema.Properties?.TryGetValue(name, out var declared) == true && declared.ReadOnly;
            if (!obj.ContainsKey(name) && !(request && readOnly))
            {
                return $"{Field(name)}: required field is missing";
            }
        }

        foreach (var (name, item) in obj)
        {
            if (schema.Properties?.TryGetValue(name, out var property) == true)
            {
                if (Check(property, item, Field(name), request, depth + 1) is { } problem)
                {
                    return problem;
                }
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                if (Check(additional, item, Field(name), request, depth + 1) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string? CheckString(IOpenApiSchema schema, string text, string path)
    {
        if (schema.MinLength is { } min && text.Length < min)
        {
            return $"{path}: must be at least {min} characters";
        }

        if (schema.MaxLength is { } max && text.Length > max)
        {
            return $"{path}: must be at most {max} characters";
        }

        if (schema.Pattern is { Length: > 0 } pattern && !Matches(pattern, text))
        {
            return $"{path}: must match {pattern}";
        }

        return schema.Format switch
        {
            "uuid" when !Guid.TryParseExact(text, "D", out _) => $"{path}: '{text}' is not a valid uuid",
            "date-time" when !IsDateTime(text) => $"{path}: '{text}' is not an RFC 3339 date-time",
            "date" when !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => $"{path}: '{text}' is not a date (yyyy-MM-dd)",
            "email" when !IsEmail(text) => $"{path}: '{text}' is not an e-mail address",
            "uri" when !Uri.TryCreate(text, UriKind.Absolute, out _) => $"{path}: '{text}' is not an absolute uri",
            _ => null,
        };
    }

    private static string? CheckNumber(IOpenApiSchema schema, JsonNode value, string path)
    {
        var number = Number(value);
        if (schema.Format == "int32" && (number < int.MinValue || number > int.MaxValue))
        {
            return $"{path}: must be a 32-bit integer";
        }

        if (Bound(schema.Minimum) is { } min && number < min)
        {
            return $"{path}: must be greater than or equal to {min}";
        }

        return Bound(schema.Maximum) is { } max && number > max ? $"{path}: must be less than or equal to {max}" : null;
    }

    /// <summary>A value <paramref name="schema"/> accepts: its valid example, else one built from its type and format.</summary>
    public static JsonNode? Example(IOpenApiSchema schema, int depth = 0)
    {
        if (ExampleOf(schema) is { } example && Check(schema, example, string.Empty, request: false) is null)
        {
            return example.DeepClone();
        }

        if (schema.AllOf is { Count: > 0 } allOf)
        {
            var merged = new JsonObject();
            foreach (var part in allOf)
            {
                if (Example(part, depth) is JsonObject piece)
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
            return Example(choices[0], depth);
        }

        if (schema.Enum is { Count: > 0 } values && values.FirstOrDefault(e => e is not null) is { } first)
        {
            return first.DeepClone();
        }

        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : schema.Items is not null ? JsonSchemaType.Array : JsonSchemaType.String);
        if (type.HasFlag(JsonSchemaType.Object))
        {
            var obj = new JsonObject();
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (depth < MaxDepth || (schema.Required?.Contains(name) ?? false))
                {
                    obj[name] = depth < MaxDepth + 8 ? Example(property, depth + 1) : null;
                }
            }

            return obj;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            var array = new JsonArray();
            var count = Math.Max(schema.MinItems ?? 0, depth < MaxDepth ? 1 : 0);
            for (var i = 0; i < count && schema.Items is not null; i++)
            {
                array.Add(Example(schema.Items, depth + 1));
            }

            return array;
        }

        if (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
        {
            var min = Bound(schema.Minimum) ?? 0;
            var max = Bound(schema.Maximum);
            var number = max is { } top && top < min ? top : Math.Max(min, 0 < (max ?? 1) ? Math.Min(1, max ?? 1) : min);
            return JsonValue.Create(type.HasFlag(JsonSchemaType.Integer) ? (long)Math.Ceiling(number) : number);
        }

        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            return JsonValue.Create(false);
        }

        return JsonValue.Create(ExampleString(schema));
    }

    private static string ExampleString(IOpenApiSchema schema)
    {
        var text = schema.Format switch
        {
            "uuid" => Guid.NewGuid().ToString(),
            "date-time" => Now().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            "date" => Now().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "email" => "user@example.com",
            "uri" or "url" => "https://example.com/",
            "byte" => "ZXhhbXBsZQ==",
            _ => "example",
        };
        if (schema.MinLength is { } min && text.Length < min)
        {
            text = text.PadRight(min, 'x');
        }

        if (schema.MaxLength is { } max && text.Length > max)
        {
            text = text[..max];
        }

        return text;
    }

    /// <summary>
    /// A value <paramref name="schema"/> accepts, made from <paramref name="value"/>: valid parts are kept, a
    /// wrong or missing required part is replaced by an <see cref="Example"/>; with <paramref name="fill"/>, every
    /// declared property missing from an object is filled too.
    /// </summary>
    public static JsonNode? Conform(IOpenApiSchema schema, JsonNode? value, int depth = 0, bool fill = false) =>
        ConformPart(schema, value, depth, fill, keepUnknown: false);

    private static JsonNode? ConformPart(IOpenApiSchema schema, JsonNode? value, int depth, bool fill, bool keepUnknown)
    {
        if (depth > MaxDepth + 8)
        {
            return value?.DeepClone();
        }

        if (schema.AllOf is { Count: > 0 } allOf)
        {
            var current = value?.DeepClone();
            foreach (var part in allOf)
            {
                current = ConformPart(part, current, depth, fill, keepUnknown: true);
            }

            return current;
        }

        if ((schema.OneOf ?? schema.AnyOf) is { Count: > 0 } choices)
        {
            var fits = choices.FirstOrDefault(c => Check(c, value, string.Empty, request: false) is null);
            return fits is not null ? value?.DeepClone() : Conform(choices[0], value, depth, fill);
        }

        if (value is null)
        {
            return Nullable(schema) && !fill ? null : Example(schema, depth);
        }

        var kind = value.GetValueKind();
        if (kind == JsonValueKind.Object && (schema.Type is null || schema.Type.Value.HasFlag(JsonSchemaType.Object)) && schema.Enum is not { Count: > 0 })
        {
            var source = value.AsObject();
            var result = new JsonObject();
            foreach (var (name, item) in source)
            {
                if (schema.Properties?.TryGetValue(name, out var property) == true)
                {
                    result[name] = Conform(property, item, depth + 1);
                }
                else if (schema.AdditionalProperties is { } additional)
                {
                    result[name] = Conform(additional, item, depth + 1);
                }
                else if (keepUnknown || (schema.AdditionalPropertiesAllowed && schema.Properties is not { Count: > 0 }))
                {
                    result[name] = item?.DeepClone();
                }
            }

            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (!result.ContainsKey(name) && ((schema.Required?.Contains(name) ?? false) || (fill && depth < 2)))
                {
                    result[name] = Example(property, depth + 1);
                }
            }

            // A required name the schema does not define (ProductUpdate's serviceId): any value will do.
            foreach (var name in schema.Required ?? new HashSet<string>())
            {
                if (!result.ContainsKey(name))
                {
                    result[name] = "example";
                }
            }

            return result;
        }

        if (kind == JsonValueKind.Array && (schema.Type is null || schema.Type.Value.HasFlag(JsonSchemaType.Array)))
        {
            var array = new JsonArray();
            foreach (var item in value.AsArray())
            {
                array.Add(schema.Items is null ? item?.DeepClone() : Conform(schema.Items, item, depth + 1));
            }

            return array;
        }

        return Check(schema, value, string.Empty, request: false) is null ? value.DeepClone() : Example(schema, depth);
    }

    /// <summary>Reads a parameter's text as the JSON value its schema describes, or names the problem.</summary>
    public static (JsonNode? Value, string? Problem) FromText(IOpenApiSchema schema, string text, string name)
    {
        var type = schema.Type ?? JsonSchemaType.String;
        JsonNode? value;
        if (type.HasFlag(JsonSchemaType.Integer))
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return (null, $"{name}: '{text}' is not an integer");
            }

            value = JsonValue.Create(integer);
        }
        else if (type.HasFlag(JsonSchemaType.Number))
        {
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return (null, $"{name}: '{text}' is not a number");
            }

            value = JsonValue.Create(number);
        }
        else if (type.HasFlag(JsonSchemaType.Boolean))
        {
            if (!bool.TryParse(text, out var flag))
            {
                return (null, $"{name}: '{text}' is not true or false");
            }

            value = JsonValue.Create(flag);
        }
        else if (type.HasFlag(JsonSchemaType.Array))
        {
            var array = new JsonArray();
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var (item, problem) = schema.Items is null ? (JsonValue.Create(part), null) : FromText(schema.Items, part, name);
                if (problem is not null)
                {
                    return (null, problem);
                }

                array.Add(item);
            }

            value = array;
        }
        else
        {
            value = JsonValue.Create(text);
        }

        return (value, Check(schema, value, name));
    }

    private static bool TypeAllows(JsonSchemaType type, JsonNode value, JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => type.HasFlag(JsonSchemaType.String),
        JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonSchemaType.Boolean),
        JsonValueKind.Number => type.HasFlag(JsonSchemaType.Number)
            || (type.HasFlag(JsonSchemaType.Integer) && decimal.Truncate(Number(value)) == Number(value)),
        JsonValueKind.Array => type.HasFlag(JsonSchemaType.Array),
        JsonValueKind.Object => type.HasFlag(JsonSchemaType.Object),
        _ => true,
    };

    private static string TypeName(JsonSchemaType type)
    {
        var names = new List<string>();
        foreach (var (flag, name) in new[] { (JsonSchemaType.String, "a string"), (JsonSchemaType.Integer, "an integer"), (JsonSchemaType.Number, "a number"), (JsonSchemaType.Boolean, "true or false"), (JsonSchemaType.Array, "an array"), (JsonSchemaType.Object, "an object") })
        {
            if (type.HasFlag(flag))
            {
                names.Add(name);
            }
        }

        return string.Join(" or ", names);
    }

    private static decimal Number(JsonNode value) =>
        decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static string Text(JsonNode node) => node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    private static decimal? Bound(object? bound) =>
        bound is not null && decimal.TryParse(Convert.ToString(bound, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static bool IsDateTime(string text) =>
        Regex.IsMatch(text, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsEmail(string text) =>
        Regex.IsMatch(text, @"^[^@\s]+@[^@\s]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
