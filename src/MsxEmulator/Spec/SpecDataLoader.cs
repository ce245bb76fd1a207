using System.Text;

namespace MsxEmulator.Spec;

/// <summary>
/// The <c>collections</c> key of a --data file: items of the spec-driven collections by the collection's
/// path in the spec (<c>"/consume/api/v8/products": [ { … } ]</c>). An unknown collection is refused with
/// its line and column; each item must be an object; a missing <c>id</c> is made in the schema's format.
/// </summary>
public static class SpecDataLoader
{
    public static List<(string Collection, string Id, JsonObject Item)> Load(string path, SpecDocument spec)
    {
        var content = File.ReadAllBytes(path);
        var json = content.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? content[Encoding.UTF8.Preamble.Length..] : content;
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var result = new List<(string, string, JsonObject)>();
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("collections", out var collections)
            || collections.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        var known = spec.Operations.Where(o => o.Kind == SpecKind.Get && !o.CollectionTemplate.Contains('{'))
            .GroupBy(o => o.CollectionTemplate, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (collections.ValueKind != JsonValueKind.Object)
        {
            throw new DataException($"{path}: collections must be an object of collection paths, such as \"/consume/api/v8/products\".");
        }

        foreach (var collection in collections.EnumerateObject())
        {
            if (!known.TryGetValue(collection.Name, out var get))
            {
                var (line, column) = Position(json, collection.Name);
                throw new DataException($"{path}:{line}:{column}: unknown collection '{collection.Name}' in collections; the known collections are: "
                    + string.Join(", ", known.Keys.Order(StringComparer.Ordinal)) + ".");
            }

            if (collection.Value.ValueKind != JsonValueKind.Array)
            {
                throw new DataException($"{path}: collections['{collection.Name}'] must be an array of items.");
            }

            var index = 0;
            foreach (var entry in collection.Value.EnumerateArray())
            {
                if (JsonNode.Parse(entry.GetRawText()) is not JsonObject item)
                {
                    throw new DataException($"{path}: collections['{collection.Name}'][{index}] must be an object.");
                }

                var id = item["id"]?.ToString() ?? Guid.NewGuid().ToString();
                item["id"] = id;
                var conformed = get.SuccessSchema is { } schema ? SchemaValues.Conform(schema, item, fill: true) as JsonObject ?? item : item;
                result.Add((collection.Name, id, conformed));
                index++;
            }
        }

        return result;
    }

    /// <summary>The 1-based line and column of the property name inside <c>collections</c>.</summary>
    private static (int Line, int Column) Position(byte[] json, string name)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var inCollections = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 1)
            {
                inCollections = reader.ValueTextEquals("collections");
            }
            else if (inCollections && reader.CurrentDepth == 2 && reader.ValueTextEquals(name))
            {
                var before = json.AsSpan(0, (int)reader.TokenStartIndex);
                var line = before.Count((byte)'\n') + 1;
                var lineStart = before.LastIndexOf((byte)'\n') + 1;
                return (line, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
            }
        }

        return (0, 0);
    }
}
