namespace MsxEmulator.State;

/// <summary>The requests served (control API requests excluded), with the counters for /_emulator/stats.</summary>
public sealed class RequestLog : IResettable
{
    private readonly Lock _gate = new();
    private readonly List<RequestEntryBody> _entries = [];
    private long _tokenRequests;

    public void Add(RequestEntryBody entry)
    {
        lock (_gate)
        {
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
        }
    }
}
