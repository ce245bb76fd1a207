using System.Collections.Generic;
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

    public static object? ToPlain(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>();
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = ToPlain(property.Value);
                }

                return map;
            case JsonValueKind.Array:
                var items = new List<object?>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(ToPlain(item));
                }

                return items.ToArray();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var whole) ? whole : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
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
}
