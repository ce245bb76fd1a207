namespace MsxPowerShell.Client;

/// <summary>What to create: the spec's <c>TenantCreate</c>.</summary>
public sealed class TenantCreateRequest
{
    public TenantCreateRequest(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public string? Email { get; init; }

    public Guid? ParentId { get; init; }

    public string? ExternalId { get; init; }
}

/// <summary>Which tenants to list and in what order.</summary>
public sealed class TenantFilter
{
    public Guid? ParentId { get; init; }

    /// <summary>name, createdOn or modifiedOn (the server's default order when empty).</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public QueryString ToQuery()
    {
        var query = new QueryString().Add("parentId", ParentId);
        if (!string.IsNullOrEmpty(SortBy))
        {
            query.Add("sortBy", SortBy).Add("sortOrder", Descending ? "desc" : "asc");
        }
        else if (Descending)
        {
            query.Add("sortOrder", "desc");
        }

        return query;
    }
}
