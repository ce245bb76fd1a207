namespace MsxEmulator.Routes;

/// <summary>
/// The one paging helper of the hand-written routes: reads the required <c>page</c> and <c>pageSize</c>, cuts
/// that page out of the matching items in their order, and writes the spec's PageHeader around the contents.
/// </summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    /// <summary>The largest pageSize of the spec's paged operations (the workflow instances list allows fewer).</summary>
    public const int MaxPageSize = 1000;

    public static PageRequest Read(HttpContext context, int maxPageSize = MaxPageSize) =>
        new(RequestReading.RequiredInt(context, "page", 0, int.MaxValue), RequestReading.RequiredInt(context, "pageSize", 1, maxPageSize));

    /// <summary>This page of <paramref name="items"/>, and whether more follow it.</summary>
    public (List<T> Items, bool HasNext) Cut<T>(IEnumerable<T> items)
    {
        var skip = (int)Math.Min((long)Page * PageSize, int.MaxValue);
        var page = items.Skip(skip).Take(PageSize + 1).ToList();
        var hasNext = page.Count > PageSize;
        if (hasNext)
        {
            page.RemoveAt(PageSize);
        }

        return (page, hasNext);
    }

    /// <summary>The PageHeader and contents of this page (totalItems is not counted).</summary>
    public PageBody<T> Body<T>(IReadOnlyList<T> contents, bool hasNext, string? sortBy = null, string? sortOrder = null) =>
        new(Page, PageSize, null, hasNext, Page > 0, sortBy, sortOrder, contents);
}
