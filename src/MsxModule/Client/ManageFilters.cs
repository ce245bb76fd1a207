namespace MsxPowerShell.Client;

/// <summary>
/// Which sites to list. The page takes only one filter at a time (the spec says so), so one goes to the server
/// (the tenant when given, since only the server knows its subtenants; else the device, the parent, the type)
/// and the client checks the others on each site.
/// </summary>
public sealed class SiteFilter
{
    public Guid? TenantId { get; init; }

    public bool IncludeSubtenants { get; init; }

    public string? DeviceId { get; init; }

    public Guid? ParentId { get; init; }

    public string? Type { get; init; }

    /// <summary>The filter the server applies.</summary>
    public QueryString ToQuery()
    {
        var query = new QueryString();
        if (TenantId is { } tenant)
        {
            query.Add("tenantId", tenant);
            if (IncludeSubtenants)
            {
                query.Add("includeSubtenants", true);
            }
        }
        else if (DeviceId is not null)
        {
            query.Add("deviceId", DeviceId);
        }
        else if (ParentId is { } parent)
        {
            query.Add("parentId", parent);
        }
        else if (Type is not null)
        {
            query.Add("type", Type);
        }

        return query;
    }

    /// <summary>True when the client must check some filters itself (more than one was given).</summary>
    public bool NeedsClientCheck => Count() > 1;

    /// <summary>Whether a site passes every filter (the one the server applied passes by construction).</summary>
    public bool Matches(MsxSite site) =>
        (DeviceId is null || site.Devices.Any(d => string.Equals(d.DeviceId, DeviceId, StringComparison.Ordinal)))
        && (ParentId is null || site.ParentId == ParentId)
        && (Type is null || string.Equals(site.Type, Type, StringComparison.Ordinal))
        && (TenantId is null || IncludeSubtenants || site.TenantId == TenantId);

    private int Count() => (TenantId is null ? 0 : 1) + (DeviceId is null ? 0 : 1) + (ParentId is null ? 0 : 1) + (Type is null ? 0 : 1);
}

/// <summary>Which devices to list, and in what order: the page's array filters (values within one are alternatives).</summary>
public sealed class DeviceFilter
{
    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> SerialKeys { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Types { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> SubTypes { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Models { get; init; } = Array.Empty<string>();

    public IReadOnlyList<Guid> TenantIds { get; init; } = Array.Empty<Guid>();

    public bool IncludeSubtenants { get; init; }

    public IReadOnlyList<string> ServiceTypes { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Severities { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> ComplianceStates { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> VulnerabilityStates { get; init; } = Array.Empty<string>();

    /// <summary>One of the sort keys of the page (name, serialKey, model, …); the server's order when empty.</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public QueryString ToQuery()
    {
        var query = new QueryString();
        Add(query, "names", Names);
        Add(query, "serialKeys", SerialKeys);
        Add(query, "types", Types);
        Add(query, "subtypes", SubTypes);
        Add(query, "models", Models);
        if (TenantIds.Count > 0)
        {
            query.Add("tenantIds", TenantIds.Select(t => t.ToString()).ToList());
            if (IncludeSubtenants)
            {
                query.Add("includeSubtenants", true);
            }
        }

        Add(query, "serviceTypes", ServiceTypes);
        Add(query, "severities", Severities);
        Add(query, "complianceStates", ComplianceStates);
        Add(query, "vulnerabilityStates", VulnerabilityStates);
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

    private static void Add(QueryString query, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            query.Add(name, values);
        }
    }
}
