using Microsoft.Net.Http.Headers;

namespace MsxEmulator.Routes;

/// <summary>Reads JSON bodies and query parameters strictly, naming the offending field.</summary>
public static class RequestReading
{
    /// <summary>Reads a JSON object body: 415 for a non-JSON content type, 400 for a missing or malformed body.</summary>
    public static async Task<JsonDocument> ReadJsonObject(HttpContext context)
    {
        var document = await ReadJson(context);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ApiFailure.BadRequest("The request body must be a JSON object.");
        }

        return document;
    }

    /// <summary>Reads a JSON body of any kind: 415 for a non-JSON content type, 400 for a missing or malformed body.</summary>
    public static async Task<JsonDocument> ReadJson(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        var isJson = false;
        if (contentType is not null)
        {
            isJson = MediaTypeHeaderValue.TryParse(contentType, out var media)
                && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                    || media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
            if (!isJson)
            {
                throw Unsupported(contentType);
            }
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            throw ApiFailure.BadRequest("Required request body is missing.");
        }

        if (!isJson)
        {
            throw Unsupported("(none)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException e)
        {
            throw ApiFailure.BadRequest("Malformed JSON request body: " + e.Message);
        }

        if (FirstMalformedText(document.RootElement, "body") is { } where)
        {
            document.Dispose();
            throw ApiFailure.BadRequest($"{where}: malformed text (a lone UTF-16 surrogate escape or invalid UTF-8)");
        }

        return document;
    }

    /// <summary>
    /// The path of the first string or property name that is not valid text (a lone surrogate escape such
    /// as <c>"\ud800"</c> parses, but cannot be read as a string), or null when all text is valid.
    /// </summary>
    public static string? FirstMalformedText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsReadable(element) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstMalformedText(item, $"{path}[{index++}]") is { } inItem)
                    {
                        return inItem;
                    }
                }

                return null;
            case JsonValueKind.Object:
                var position = 0;
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return $"{path} (property {position})";
                    }

                    position++;
                    if (FirstMalformedText(property.Value, path == "body" ? name : path + "." + name) is { } inValue)
                    {
                        return inValue;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsReadable(JsonElement text)
    {
        try
        {
            _ = text.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ApiFailure Unsupported(string contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, Responses.UnsupportedMediaType,
            $"Content type '{contentType}' is not supported; send application/json.");

    /// <summary>A string property: absent or null gives null; any other JSON type is a 400.</summary>
    public static string? OptionalString(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw ApiFailure.BadRequest($"{name}: must be a string");
    }

    public static Guid? OptionalUuid(JsonElement obj, string name)
    {
        var text = OptionalString(obj, name);
        if (text is null)
        {
            return null;
        }

        return Guid.TryParse(text, out var id) ? id : throw ApiFailure.BadRequest($"{name}: '{text}' is not a valid uuid");
    }

    /// <summary>An array of uuid strings: absent or null gives null; duplicates come once, in first-seen order.</summary>
    public static List<Guid>? OptionalUuidArray(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiFailure.BadRequest($"{name}: must be an array of uuids");
        }

        var ids = new List<Guid>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Guid.TryParse(item.GetString(), out var id))
            {
                throw ApiFailure.BadRequest($"{name}: '{item}' is not a valid uuid");
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>A required uuid list query parameter (repeated and/or comma-separated); duplicates come once.</summary>
    public static List<Guid> RequiredUuidList(HttpContext context, string name)
    {
        var ids = new List<Guid>();
        var seen = new HashSet<Guid>();
        foreach (var value in context.Request.Query[name])
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Guid.TryParse(part, out var id))
                {
                    throw ApiFailure.BadRequest($"{name}: '{part}' is not a valid uuid");
                }

                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids.Count == 0 ? throw ApiFailure.BadRequest($"{name}: required parameter is missing") : ids;
    }

    public static Guid PathUuid(HttpContext context, string name)
    {
        var text = context.Request.RouteValues[name] as string;
        return Guid.TryParse(text, out var id) ? id : throw ApiFailure.BadRequest($"{name}: '{text}' is not a valid uuid");
    }

    public static string? Query(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        return values.Count == 0 ? null : values[0];
    }

    public static int RequiredInt(HttpContext context, string name, int min, int max)
    {
        var text = Query(context, name);
        if (string.IsNullOrEmpty(text))
        {
            throw ApiFailure.BadRequest($"{name}: required parameter is missing");
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw ApiFailure.BadRequest($"{name}: '{text}' is not an integer");
        }

        return value < min || value > max
            ? throw ApiFailure.BadRequest(max == int.MaxValue
                ? $"{name}: must be greater than or equal to {min}"
                : $"{name}: must be between {min} and {max}")
            : value;
    }

    /// <summary>A uuid query parameter; null when it is missing or empty.</summary>
    public static Guid? OptionalUuid(HttpContext context, string name) =>
        Query(context, name) is not { Length: > 0 } text ? null
        : Guid.TryParse(text, out var id) ? id
        : throw ApiFailure.BadRequest($"{name}: '{text}' is not a valid uuid");

    public static bool OptionalBool(HttpContext context, string name)
    {
        var text = Query(context, name);
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        return bool.TryParse(text, out var value) ? value : throw ApiFailure.BadRequest($"{name}: '{text}' is not true or false");
    }
}
