using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MsxPowerShell.Client.Models;

namespace MsxPowerShell.Client;

/// <summary>
/// Walks the tenant pages one request at a time, so callers can stream and stop at any point.
/// Skip/First are mapped onto page numbers and sizes so that a small window costs one small request.
/// </summary>
public sealed class TenantPager
{
    public const int MaximumPageSize = 1000;
    public const int DefaultPageSize = 1000;

    private readonly MsxApiClient _client;
    private readonly TenantQuery _query;
    private readonly int _pageSize;
    private int _page;
    private int _skipInPage;
    private long _remaining;
    private bool _done;

    public TenantPager(MsxApiClient client, TenantQuery query)
    {
        _client = client;
        _query = query;
        _remaining = query.First ?? long.MaxValue;
        (_pageSize, _page, _skipInPage) = Plan(query);
        _done = _remaining <= 0;
    }

    /// <summary>Requests sent so far.</summary>
    public int PagesRequested { get; private set; }

    /// <summary>The total the server reported (MSX usually sends null), or the exact count once the end was reached.</summary>
    public long? TotalCount { get; private set; }

    /// <summary>True once the last page was read (as opposed to stopping at First).</summary>
    public bool ReachedEnd { get; private set; }

    private long _seen;

    /// <summary>The next batch of tenants, or null when there are no more.</summary>
    public async Task<IReadOnlyList<MsxTenant>?> NextPageAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return null;
        }

        var page = await _client.GetTenantsPageAsync(_query, _page, _pageSize, cancellationToken).ConfigureAwait(false);
        PagesRequested++;
        var contents = page.Contents ?? new List<MsxTenant>();
        if (page.TotalItems is { } total)
        {
            TotalCount = total;
        }

        // go-msx services set hasNext whenever a page is full, so an empty or short page ends the walk too.
        var last = contents.Count < _pageSize || page.HasNext == false || contents.Count == 0;
        _seen += contents.Count;

        IReadOnlyList<MsxTenant> result = contents;
        if (_skipInPage > 0)
        {
            result = contents.Count > _skipInPage ? contents.GetRange(_skipInPage, contents.Count - _skipInPage) : new List<MsxTenant>();
            _skipInPage = 0;
        }

        if (result.Count > _remaining)
        {
            result = ((List<MsxTenant>)result).GetRange(0, (int)_remaining);
        }

        _remaining -= result.Count;
        _page++;
        if (last)
        {
            ReachedEnd = true;
            TotalCount ??= _seen + ((long)(_page - PagesRequested) * _pageSize);
        }

        _done = last || _remaining <= 0;
        return result;
    }

    /// <summary>Chooses page size, first page and offset in it for a Skip/First window.</summary>
    internal static (int PageSize, int Page, int SkipInPage) Plan(TenantQuery query)
    {
        var skip = Math.Max(0, query.Skip);
        if (query.PageSize is { } fixedSize)
        {
            return (fixedSize, (int)(skip / fixedSize), (int)(skip % fixedSize));
        }

        if (query.First is { } first && first > 0 && first <= MaximumPageSize)
        {
            var size = (int)first;
            if (skip % size == 0)
            {
                return (size, (int)(skip / size), 0);
            }

            if (skip + first <= MaximumPageSize)
            {
                return ((int)(skip + first), 0, (int)skip);
            }

            return (size, (int)(skip / size), (int)(skip % size));
        }

        return (DefaultPageSize, (int)(skip / DefaultPageSize), (int)(skip % DefaultPageSize));
    }
}
