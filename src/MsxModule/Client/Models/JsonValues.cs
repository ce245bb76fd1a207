using System.Collections.Specialized;
using System.Text.Json;

namespace MsxPowerShell.Client.Models;

/// <summary>Free-form JSON objects (attributes, onboarding details) as plain .NET values, for reading in PowerShell.</summary>
internal static class JsonValues
{
    public static IReadOnlyDictionary<string, object?>? ToPlain(Dictionary<string, JsonElement>? map)
    {
        if (map is null)
        {
            return null;
        }

        var plain = new Dictionary<string, object?>(map.Count);
        foreach (var pair in map)
        {
            plain[pair.Key] = ToPlain(pair.Value);
        }

        return plain;
    }

    public static object? ToPlain(JsonElement element) => ToClr(element);

    /// <summary>A JSON value as text, a number, a boolean, an array or an ordered dictionary (names without case).</summary>
    public static object? ToClr(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.TryGetDecimal(out var exact) ? exact : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => ToArray(element),
        JsonValueKind.Object => ToDictionary(element),
        _ => null,
    };

    private static object?[] ToArray(JsonElement element)
    {
        var items = new object?[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            items[i++] = ToClr(item);
        }

        return items;
    }

    private static OrderedDictionary ToDictionary(JsonElement element)
    {
        var map = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = ToClr(property.Value);
        }

        return map;
    }

    /// <summary>Parses a JSON object (as written from a hashtable) into the form the models keep.</summary>
    public static Dictionary<string, JsonElement> ParseObject(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var map = new Dictionary<string, JsonElement>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            map[property.Name] = property.Value.Clone();
        }

        return map;
    }

    /// <summary>
    /// A JSON value as <see cref="ToClr"/> gives it, with every secret masked at any depth: the value of a member
    /// whose name looks secret (<see cref="SecretNames"/>), and in every text what <paramref name="redactor"/>
    /// masks (a value the session sent as a SecureString, whatever its name, alone or inside a longer text).
    /// </summary>
    public static object? ToMaskedClr(JsonElement element, SecretRedactor? redactor) => element.ValueKind switch
    {
        JsonValueKind.String => redactor is null ? element.GetString() : redactor.Redact(element.GetString()),
        JsonValueKind.Array => ToMaskedArray(element, redactor),
        JsonValueKind.Object => ToMaskedDictionary(element, redactor),
        _ => ToClr(element),
    };

    /// <summary>The value of a member named <paramref name="name"/>, masked when the name looks secret.</summary>
    public static object? ToMaskedClr(string name, JsonElement element, SecretRedactor? redactor) =>
        SecretNames.IsSecret(name) && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? SecretRedactor.Mask
            : ToMaskedClr(element, redactor);

    /// <summary>Calls <paramref name="secret"/> with every text under a secret-looking name, at any depth.</summary>
    public static void VisitSecrets(string name, JsonElement element, Action<string> secret) =>
        VisitSecrets(SecretNames.IsSecret(name), element, secret);

    private static void VisitSecrets(bool underSecretName, JsonElement element, Action<string> secret)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when underSecretName:
                secret(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    VisitSecrets(underSecretName, item, secret);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    VisitSecrets(underSecretName || SecretNames.IsSecret(property.Name), property.Value, secret);
                }

                break;
        }
    }

    private static object?[] ToMaskedArray(JsonElement element, SecretRedactor? redactor)
    {
        var items = new object?[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            items[i++] = ToMaskedClr(item, redactor);
        }

        return items;
    }

    private static OrderedDictionary ToMaskedDictionary(JsonElement element, SecretRedactor? redactor)
    {
        var map = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = ToMaskedClr(property.Name, property.Value, redactor);
        }

        return map;
    }
}
