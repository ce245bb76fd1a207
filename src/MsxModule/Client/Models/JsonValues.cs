using System;
using System.Collections.Generic;
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
}
