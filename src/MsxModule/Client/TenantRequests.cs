using System;

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

/// <summary>The spec's <c>TenantUpdate</c>: every field is written, since PUT replaces.</summary>
public sealed class TenantUpdateRequest
{
    public TenantUpdateRequest(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public string? Email { get; init; }
}

/// <summary>Which tenants to list and in what order; <see cref="Skip"/> and <see cref="First"/> become page arithmetic.</summary>
public sealed class TenantQuery
{
    public Guid? ParentId { get; init; }

    /// <summary>name, createdOn or modifiedOn (the server's default order when empty).</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    /// <summary>The page size to ask for; when null the pager picks one.</summary>
    public int? PageSize { get; init; }

    public long Skip { get; init; }

    /// <summary>At most this many tenants; null for all.</summary>
    public long? First { get; init; }
}
