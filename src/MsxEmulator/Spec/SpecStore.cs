namespace MsxEmulator.Spec;

/// <summary>
/// The items of every collection the spec-driven layer serves, by the collection's concrete path
/// (<c>/consume/api/v8/products</c>, <c>/consume/api/v8/products/{id}/assignments</c> with the id filled in),
/// in creation order, behind one lock. Deleted ids are remembered, so that a later read is 404 even where
/// the layer would otherwise make the item up. A reset goes back to the loaded items.
/// </summary>
public sealed class SpecStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(string Id, JsonObject Item)>> _initial;
    private Dictionary<string, List<(string Id, JsonObject Item)>> _collections = new(StringComparer.Ordinal);
    private HashSet<string> _deleted = new(StringComparer.Ordinal);

    public SpecStore(IEnumerable<(string Collection, string Id, JsonObject Item)> seed)
    {
        foreach (var (collection, id, item) in seed)
        {
            ListOf(collection).Add((id, item));
        }

        _initial = Copy(_collections);
    }

    public void Reset()
    {
        lock (_gate)
        {
            _collections = Copy(_initial);
            _deleted = new(StringComparer.Ordinal);
        }
    }

    public List<JsonObject> All(string collection)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(collection, out var items) ? [.. items.Select(i => (JsonObject)i.Item.DeepClone())] : [];
        }
    }

    public JsonObject? Find(string collection, string id)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(collection, out var items) && items.FindIndex(i => i.Id == id) is var at and >= 0
                ? (JsonObject)items[at].Item.DeepClone()
                : null;
        }
    }

    public bool WasDeleted(string collection, string id)
    {
        lock (_gate)
        {
            return _deleted.Contains(collection + "\n" + id);
        }
    }

    /// <summary>Adds or replaces the item with this id.</summary>
    public void Put(string collection, string id, JsonObject item)
    {
        lock (_gate)
        {
            var items = ListOf(collection);
            var at = items.FindIndex(i => i.Id == id);
            if (at >= 0)
            {
                items[at] = (id, (JsonObject)item.DeepClone());
            }
            else
            {
                items.Add((id, (JsonObject)item.DeepClone()));
            }

            _deleted.Remove(collection + "\n" + id);
        }
    }

    /// <summary>Replaces all the members of a collection.</summary>
    public void ReplaceAll(string collection, IEnumerable<(string Id, JsonObject Item)> items)
    {
        lock (_gate)
        {
            _collections[collection] = [.. items.Select(i => (i.Id, (JsonObject)i.Item.DeepClone()))];
        }
    }

    public bool Remove(string collection, string id)
    {
        lock (_gate)
        {
            _deleted.Add(collection + "\n" + id);
            return _collections.TryGetValue(collection, out var items) && items.RemoveAll(i => i.Id == id) > 0;
        }
    }

    public int Count(string collection)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(collection, out var items) ? items.Count : 0;
        }
    }

    private List<(string Id, JsonObject Item)> ListOf(string collection)
    {
        if (!_collections.TryGetValue(collection, out var items))
        {
            items = [];
            _collections[collection] = items;
        }

        return items;
    }

    private static Dictionary<string, List<(string Id, JsonObject Item)>> Copy(Dictionary<string, List<(string Id, JsonObject Item)>> source) =>
        source.ToDictionary(p => p.Key, p => p.Value.Select(i => (i.Id, (JsonObject)i.Item.DeepClone())).ToList(), StringComparer.Ordinal);
}
