namespace MsxPowerShell.Client.Resources;

/// <summary>
/// Streams a paged listing. Once the first page shows there is more, a few pages are fetched ahead while the
/// caller reads the current one, so a long listing is bound by throughput rather than latency × pages.
/// Fetching stops at the first short or last page, and disposing (or the caller's cancellation) cancels
/// every page still in flight.
/// </summary>
public sealed class ResourcePager<T> : IDisposable
    where T : MsxObject
{
    private readonly ResourceClient<T> _client;
    private readonly ListQuery _query;
    private readonly int _pageSize;
    private readonly int _lastPageNeeded;
    private readonly CancellationTokenSource _inFlight;
    private readonly Queue<(int Page, Task<PageResult<T>> Task)> _ahead = new();
    private int _nextToRequest;
    private int _skipInPage;
    private long _remaining;
    private long _seen;
    private bool _done;
    private bool _endKnown;
    private int _firstPage = -1;

    internal ResourcePager(ResourceClient<T> client, ListQuery query, CancellationToken cancellationToken)
    {
        _client = client;
        _query = query;
        var resource = client.Resource;
        _remaining = query.First ?? long.MaxValue;
        int firstPage;
        (_pageSize, firstPage, _skipInPage) = resource.Paged
            ? query.Plan(resource.MaximumPageSize, resource.MaximumPageSize)
            : (int.MaxValue, 0, (int)Math.Min(int.MaxValue, Math.Max(0, query.Skip)));
        _nextToRequest = firstPage;
        _lastPageNeeded = query.First is { } first && resource.Paged
            ? (int)Math.Min(int.MaxValue, firstPage + ((_skipInPage + first - 1) / _pageSize))
            : int.MaxValue;
        _done = _remaining <= 0;
        _inFlight = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Requests sent so far (pages fetched ahead included).</summary>
    public int PagesRequested { get; private set; }

    /// <summary>Pages handed to the caller so far.</summary>
    public int PagesRead { get; private set; }

    /// <summary>The total the server reported (MSX usually sends null), or the exact count once the end was reached.</summary>
    public long? TotalCount { get; private set; }

    /// <summary>True once the last page was read (as opposed to stopping at First).</summary>
    public bool ReachedEnd { get; private set; }

    /// <summary>The next batch of items, or null when there are no more.</summary>
    public async Task<IReadOnlyList<T>?> NextPageAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return null;
        }

        if (PagesRead > 0)
        {
            // The first page was read to its end and more is wanted: from now on keep pages coming. (Not
            // before: a caller that stops within the first page, as Select-Object -First does, costs one request.)
            while (_ahead.Count < Math.Max(1, _query.PagesAhead) && CanRequestMore())
            {
                Request();
            }
        }

        if (_ahead.Count == 0)
        {
            Request();
        }

        var (_, task) = _ahead.Dequeue();
        PageResult<T> page;
        using (cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _inFlight))
        {
            page = await task.ConfigureAwait(false);
        }

        PagesRead++;
        var contents = page.Items;
        if (page.TotalItems is { } total)
        {
            TotalCount = total;
        }

        // go-msx services set hasNext whenever a page is full, so an empty or short page ends the walk too.
        var last = !_client.Resource.Paged || contents.Count < _pageSize || page.HasNext == false || contents.Count == 0;
        _seen += contents.Count;

        IReadOnlyList<T> result = contents;
        if (_skipInPage > 0)
        {
            result = contents.Count > _skipInPage ? contents.GetRange(_skipInPage, contents.Count - _skipInPage) : new List<T>();
            _skipInPage = 0;
        }

        if (result.Count > _remaining)
        {
            result = ((List<T>)result).GetRange(0, (int)_remaining);
        }

        _remaining -= result.Count;
        if (last)
        {
            ReachedEnd = true;
            _endKnown = true;
            TotalCount ??= _seen + ((long)_firstPage * _pageSize);
            CancelAhead();
        }

        _done = last || _remaining <= 0;
        if (!_done && PagesRead > 1)
        {
            // Keep the next pages coming while this one is read.
            while (_ahead.Count < Math.Max(1, _query.PagesAhead) && CanRequestMore())
            {
                Request();
            }
        }
        else if (_done)
        {
            CancelAhead();
        }

        return result;
    }

    public void Dispose()
    {
        CancelAhead();
        _inFlight.Dispose();
    }

    private bool CanRequestMore() => !_endKnown && _nextToRequest <= _lastPageNeeded;

    private void Request()
    {
        var number = _nextToRequest++;
        if (_firstPage < 0)
        {
            _firstPage = number;
        }

        PagesRequested++;
        var task = _client.ReadPageAsync(number, _pageSize, _query.Filters, _inFlight.Token);
        // A page fetched ahead and then dropped must not surface as an unobserved exception.
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _ahead.Enqueue((number, task));
    }

    private void CancelAhead()
    {
        if (_ahead.Count > 0)
        {
            _ahead.Clear();
            try
            {
                _inFlight.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}

/// <summary>One page as read: its items and what the header said.</summary>
internal sealed class PageResult<T>
{
    public PageResult(List<T> items, bool? hasNext, long? totalItems)
    {
        Items = items;
        HasNext = hasNext;
        TotalItems = totalItems;
    }

    public List<T> Items { get; }

    public bool? HasNext { get; }

    public long? TotalItems { get; }
}
