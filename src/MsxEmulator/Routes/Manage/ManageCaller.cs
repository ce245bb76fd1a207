namespace MsxEmulator.Routes;

/// <summary>
/// Who is calling a manage or monitor route, and which tenants it may read or change. Whether it may read
/// or change the area at all is its roles' view and manage permissions; a SUPERUSER reaches every tenant,
/// anyone else its own tenantIds and the descendants of those tenants.
/// </summary>
public sealed class ManageCaller
{
    private readonly EmulatorState _tenants;
    private readonly HashSet<Guid> _own;
    private readonly Dictionary<Guid, bool> _reach = [];

    public ManageCaller(EmulatorState tenants, User user, ManageArea area)
    {
        _tenants = tenants;
        User = user;
        IsSuperUser = Roles.IsSuperUser(user.Roles);
        MayWrite = tenants.Permits(user, area.Manage);
        MayRead = MayWrite || tenants.Permits(user, area.View);
        _own = [.. user.TenantIds];
    }

    public User User { get; }

    public bool IsSuperUser { get; }

    public bool MayRead { get; }

    public bool MayWrite { get; }

    /// <summary>The value of createdBy/modifiedBy for what this caller changes.</summary>
    public string Id => User.Id.ToString();

    public bool CanRead(Guid tenantId) => MayRead && Reaches(tenantId);

    public bool CanWrite(Guid tenantId) => MayWrite && Reaches(tenantId);

    public void DemandRead(Guid tenantId, string what)
    {
        if (!CanRead(tenantId))
        {
            throw ManageErrors.Forbidden($"User {User.Username} may not read {what} of tenant {tenantId}.");
        }
    }

    public void DemandWrite(Guid tenantId, string what)
    {
        if (!CanWrite(tenantId))
        {
            throw ManageErrors.Forbidden($"User {User.Username} may not change {what} of tenant {tenantId}.");
        }
    }

    /// <summary>
    /// For a create, or a tenant a page is filtered by: the tenant must exist (else 400 naming
    /// <paramref name="field"/>), and the caller must be allowed to change (or read) <paramref name="what"/> of it.
    /// </summary>
    public void DemandTenant(string field, Guid tenantId, string what, bool write)
    {
        if (!TenantExists(tenantId))
        {
            throw ManageErrors.UnknownTenant(field, tenantId);
        }

        if (write)
        {
            DemandWrite(tenantId, what);
        }
        else
        {
            DemandRead(tenantId, what);
        }
    }

    /// <summary>Whether <paramref name="tenantId"/> is <paramref name="root"/> or one of its descendants.</summary>
    public bool IsWithin(Guid tenantId, Guid root) => Ancestry(tenantId).Contains(root);

    public bool TenantExists(Guid tenantId) => _tenants.FindTenant(tenantId) is not null;

    private bool Reaches(Guid tenantId)
    {
        if (IsSuperUser)
        {
            return true;
        }

        if (!_reach.TryGetValue(tenantId, out var reaches))
        {
            reaches = Ancestry(tenantId).Any(_own.Contains);
            _reach[tenantId] = reaches;
        }

        return reaches;
    }

    /// <summary>The tenant and its ancestors, nearest first (tenant parent chains never loop).</summary>
    private List<Guid> Ancestry(Guid tenantId)
    {
        var chain = new List<Guid>();
        for (Guid? at = tenantId; at is { } step && !chain.Contains(step); at = _tenants.FindTenant(step)?.Tenant.ParentId)
        {
            chain.Add(step);
        }

        return chain;
    }
}
