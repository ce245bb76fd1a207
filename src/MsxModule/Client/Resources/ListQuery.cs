namespace MsxPowerShell.Client.Resources;

/// <summary>Which items of a listing to read: filters, and a Skip/First window that becomes page arithmetic.</summary>
public sealed class ListQuery
{
    /// <summary>The resource's own filter and sort parameters (tenantId, parentId, sortBy, …).</summary>
    public QueryString Filters { get; init; } = new();

    /// <summary>The page size to ask for; when null the pager picks one.</summary>
    public int? PageSize { get; init; }

    public long Skip { get; init; }

    /// <summary>At most this many items; null for all.</summary>
    public long? First { get; init; }

    /// <summary>
    /// Pages requested ahead of the one being read, once a listing proves longer than a page (0: one page at
    /// a time). Memory stays bounded by these pages.
    /// </summary>
    public int PagesAhead { get; init; } = 6;

    /// <summary>Chooses page size, first page and offset in it, so that a small window costs one small request.</summary>
    public (int PageSize, int Page, int SkipInPage) Plan(int defaultPageSize, int maximumPageSize)
    {
        var skip = Math.Max(0, Skip);
        if (PageSize is { } fixedSize)
        {
            return (fixedSize, (int)(skip / fixedSize), (int)(skip % fixedSize));
        }

        if (First is { } first && first > 0 && first <= maximumPageSize)
        {
            var size = (int)first;
            if (skip % size == 0)
            {
                return (size, (int)(skip / size), 0);
            }

            if (skip + first <= maximumPageSize)
            {
                return ((int)(skip + first), 0, (int)skip);
            }

            return (size, (int)(skip / size), (int)(skip % size));
        }

        return (defaultPageSize, (int)(skip / defaultPageSize), (int)(skip % defaultPageSize));
    }
}
