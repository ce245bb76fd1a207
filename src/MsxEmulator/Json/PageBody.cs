namespace MsxEmulator.Json;

/// <summary>The spec's pages (<c>TenantsPage</c>, <c>UsersPage</c>, <c>SitesPage</c>, <c>DevicesPage</c>): PageHeader + contents.</summary>
public sealed record PageBody<T>(
    int Page,
    int PageSize,
    long? TotalItems,
    bool? HasNext,
    bool? HasPrevious,
    string? SortBy,
    string? SortOrder,
    IReadOnlyList<T> Contents);
