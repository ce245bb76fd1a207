namespace MsxEmulator.State;

/// <summary>
/// Records with an id and a unique name (workflows, workflow targets) in the order they were added, behind
/// their own lock. Records are immutable and replaced on change, so what is read can be used outside the lock.
/// </summary>
public sealed class UniqueNamedList<T>(Func<T, string> idOf, Func<T, string> uniqueNameOf)
    where T : class
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];

    /// <summary>Goes back to <paramref name="initial"/>.</summary>
    public void Reset(IEnumerable<T> initial)
    {
        lock (_gate)
        {
            _items.Clear();
            _items.AddRange(initial);
        }
    }

    public List<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public T? Find(string id)
    {
        lock (_gate)
        {
            return _items.Find(i => idOf(i) == id);
        }
    }

    /// <summary>Adds the record unless another one has its unique name (then false).</summary>
    public bool TryAdd(T item)
    {
        lock (_gate)
        {
            if (_items.Exists(i => uniqueNameOf(i) == uniqueNameOf(item)))
            {
                return false;
            }

            _items.Add(item);
            return true;
        }
    }

    /// <summary>
    /// Replaces a record with what <paramref name="change"/> makes of it, unless another record has the new unique
    /// name; Found is false (and nothing changes) when there is no record with the id.
    /// </summary>
    public (bool Found, bool NameTaken, T? Changed) Replace(string id, Func<T, T> change)
    {
        lock (_gate)
        {
            var index = _items.FindIndex(i => idOf(i) == id);
            if (index < 0)
            {
                return (false, false, null);
            }

            var changed = change(_items[index]);
            if (_items.Exists(i => idOf(i) != id && uniqueNameOf(i) == uniqueNameOf(changed)))
            {
                return (true, true, changed);
            }

            _items[index] = changed;
            return (true, false, changed);
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _items.RemoveAll(i => idOf(i) == id) > 0;
        }
    }
}
