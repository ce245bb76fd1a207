namespace MsxEmulator.Data;

/// <summary>
/// Strict reading of the fields of one JSON object, naming the offending field in a 400. The API matches
/// names exactly (as Jackson does); the data file matches them case-insensitively.
/// </summary>
public readonly struct JsonFields(JsonElement obj, bool ignoreCase, string prefix = "")
{
    public JsonElement Element { get; } = obj;

    public bool Has(string name) => TryGet(name, out _);

    public bool TryGet(string name, out JsonElement value)
    {
        if (!ignoreCase)
        {
            return Element.TryGetProperty(name, out value);
        }

        foreach (var property in Element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The names of the object's properties, as sent.</summary>
    public IEnumerable<string> Names => Element.EnumerateObject().Select(p => p.Name);

    public string Path(string name) => prefix + name;

    public static ApiFailure Bad(string field, string problem) => ApiFailure.BadRequest($"{field}: {problem}");

    /// <summary>A string within the given length; absent and null give null unless <paramref name="required"/>.</summary>
    public string? String(string name, int max = int.MaxValue, int min = 0, bool required = false)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw Bad(Path(name), "must not be null") : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Bad(Path(name), "must be a string");
        }

        var text = value.GetString()!;
        if (text.Length < min || text.Length > max)
        {
            throw Bad(Path(name), min > 0
                ? $"must be between {min} and {max} characters"
                : $"must be at most {max} characters");
        }

        return text;
    }

    /// <summary>A string that may be absent but, when present, must not be null.</summary>
    public string? NonNullString(string name, int max, int min = 0)
    {
        if (TryGet(name, out var value) && value.ValueKind == JsonValueKind.Null)
        {
            throw Bad(Path(name), "must not be null");
        }

        return String(name, max, min);
    }

    public Guid? Uuid(string name, bool required = false)
    {
        var text = String(name, required: required);
        if (text is null)
        {
            return null;
        }

        return Guid.TryParse(text, out var id) ? id : throw Bad(Path(name), $"'{text}' is not a valid uuid");
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(Path(name), "must be true or false"),
        };
    }

    public double Number(string name, double min, double max)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Bad(Path(name), "must not be null");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            throw Bad(Path(name), "must be a number");
        }

        return number < min || number > max
            ? throw Bad(Path(name), string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}"))
            : number;
    }

    /// <summary>A nested object (null when absent or null), read with this object's name matching.</summary>
    public JsonFields? Object(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? new JsonFields(value, ignoreCase, Path(name) + ".")
            : throw Bad(Path(name), "must be an object");
    }

    /// <summary>An object of any values, kept as sent (a clone that outlives the document).</summary>
    public JsonElement? AnyObject(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value.Clone() : throw Bad(Path(name), "must be an object");
    }

    /// <summary>An object whose values are all strings (the spec's <c>additionalProperties: {type: string}</c>).</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Bad(Path(name), "must be an object");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw Bad($"{Path(name)}.{property.Name}", "must be a string");
        }

        return map;
    }

    /// <summary>An array of non-empty strings (null when absent or null).</summary>
    public IReadOnlyList<string>? StringList(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array
            ? ReadIdArray(value, Path(name))
            : throw Bad(Path(name), "must be an array of strings");
    }

    /// <summary>Reads a JSON array of non-empty id strings; duplicates come once, in first-seen order.</summary>
    public static List<string> ReadIdArray(JsonElement array, string field)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } id)
            {
                throw Bad($"{field}[{index}]", "must be a non-empty string");
            }

            if (seen.Add(id))
            {
                result.Add(id);
            }

            index++;
        }

        return result;
    }
}
