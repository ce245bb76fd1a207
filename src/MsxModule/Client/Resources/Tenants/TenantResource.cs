namespace MsxPowerShell.Client.Resources;

/// <summary>The tenants of <c>/idm/api/v8/tenants</c>: the declaration, and typed shortcuts over the shared machinery.</summary>
public static class TenantResource
{
    public static readonly MsxResource<MsxTenant> Declaration = new(
        "Tenant",
        "idm/api/v8/tenants",
        MsxJsonContext.Default.MsxTenant,
        MsxJsonContext.Default.ListMsxTenant,
        t => t.Id.ToString(),
        t => t.Name)
    {
        Page = MsxJsonContext.Default.MsxPageMsxTenant,
        ListByIdsPath = "list",
        // Names are unique without case within the whole server.
        KeyOf = t => t.Name,
        ExistsCodes = new[] { "TENANT_ALREADY_EXISTS" },
        ErrorIdsByCode = new Dictionary<string, string> { ["TENANT_HAS_CHILDREN"] = "MsxTenantHasChildren" },
    };

    public static ResourceClient<MsxTenant> Tenants(this MsxApiClient client) => client.For(Declaration);

    public static Task<MsxTenant> GetTenantAsync(this MsxApiClient client, Guid id, CancellationToken cancellationToken) =>
        client.Tenants().GetAsync(id.ToString(), cancellationToken);

    public static Task<MsxTenant> GetTenantByExternalIdAsync(this MsxApiClient client, string externalId, CancellationToken cancellationToken) =>
        client.Tenants().SendItemAsync(System.Net.Http.HttpMethod.Get, Declaration.KeyPath("externalId", externalId, "MsxInvalidExternalId", "external id"), null, externalId, cancellationToken);

    public static Task<List<MsxTenant>> GetTenantsListAsync(this MsxApiClient client, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        client.Tenants().GetManyAsync(ids.Select(), cancellationToken);

    public static Task<MsxTenant> CreateTenantAsync(this MsxApiClient client, TenantCreateRequest request, CancellationToken cancellationToken)
    {
        var body = new TenantCreateBody
        {
            Name = request.Name,
            Description = request.Description,
            Url = request.Url,
            Email = request.Email,
            ParentId = request.ParentId,
            ExternalId = request.ExternalId,
        };
        return client.Tenants().CreateAsync(body, MsxJsonContext.Default.TenantCreateBody, request.Name, null, cancellationToken);
    }

    /// <summary>The fields Set-MsxTenant sets, with the spec's TenantUpdate rules (older ErrorIds kept where documented).</summary>
    public static readonly IReadOnlyList<MsxField> Fields = new[]
    {
        new MsxField("Tenant", "Name", "name", "TenantUpdate"),
        new MsxField("Tenant", "Description", "description", "TenantUpdate") { ErrorId = "MsxInvalidDescription" },
        new MsxField("Tenant", "Email", "email", "TenantUpdate") { ErrorId = "MsxInvalidEmail" },
        new MsxField("Tenant", "Url", "url", "TenantUpdate"),
    };

    /// <summary>How a tenant is updated: its TenantUpdate written back whole with PUT.</summary>
    public static readonly ItemUpdate<MsxTenant, TenantUpdateBody> Update = new(ToUpdate, MsxJsonContext.Default.TenantUpdateBody);

    /// <summary>The spec's <c>TenantUpdate</c> of a tenant as it is: the base of a read-merge-write.</summary>
    public static TenantUpdateBody ToUpdate(this MsxTenant tenant) => new()
    {
        Name = tenant.Name,
        Description = tenant.Description,
        Url = tenant.Url,
        Email = tenant.Email,
    };

    public static Task DeleteTenantAsync(this MsxApiClient client, Guid id, CancellationToken cancellationToken) =>
        client.Tenants().DeleteAsync(id.ToString(), cancellationToken);

    /// <summary>Finds a tenant by exact name (case-insensitive), walking the pages: the API has no name filter.</summary>
    public static Task<MsxTenant?> FindTenantByNameAsync(this MsxApiClient client, string name, CancellationToken cancellationToken) =>
        client.Tenants().FindByKeyAsync(name, null, cancellationToken);

    private static List<string> Select(this IReadOnlyCollection<Guid> ids)
    {
        var list = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            list.Add(id.ToString());
        }

        return list;
    }
}
