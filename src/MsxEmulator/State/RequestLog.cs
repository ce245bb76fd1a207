namespace MsxEmulator.State;

/// <summary>The requests served (control API requests excluded), with the counters for /_emulator/stats.</summary>
public sealed class RequestLog : IResettable
{
    private readonly Lock _gate = new();
    private readonly List<RequestEntryBody> _entries = [];
    private long _tokenRequests;
    private long _generation;

    /// <summary>Counts the clears: a request remembers the generation it arrived in (see <see cref="Add"/>).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// Records a request answered (or dropped) now that arrived in <paramref name="arrivedIn"/>. A request that
    /// arrived before the last clear is left out even when its answer comes after it: a client's request that
    /// was still being answered (a page fetched ahead and then cancelled, say) belongs to the log that was cleared.
    /// </summary>
    public void Add(RequestEntryBody entry, long arrivedIn)
    {
        lock (_gate)
        {
            if (arrivedIn != _generation)
            {
                return;
            }

            _entries.Add(entry);
            if (string.Equals(entry.Path, "/idm/v2/token", StringComparison.OrdinalIgnoreCase))
            {
                _tokenRequests++;
            }
        }
    }

    public List<RequestEntryBody> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public (long Requests, long TokenRequests) Counts()
    {
        lock (_gate)
        {
            return (_entries.Count, _tokenRequests);
        }
    }

    /// <summary>A reset empties it.</summary>
    void IResettable.Reset() => Clear();

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _tokenRequests = 0;
            Interlocked.Increment(ref _generation);
        }
    }
}
