namespace MsxEmulator.Data;

/// <summary>
/// The roles as loaded. Immutable (the spec has no operation that writes roles), so it needs no lock
/// and a reset has nothing to restore. Names are matched exactly.
/// </summary>
public sealed class RoleCatalog
{
    private readonly Dictionary<Guid, Role> _byId = [];
    private readonly Dictionary<string, Role> _byName = new(StringComparer.Ordinal);

    /// <summary>Builds the catalog; a repeated id or name is a <see cref="DataException"/>.</summary>
    public RoleCatalog(IEnumerable<Role> roles)
    {
        foreach (var role in roles)
        {
            if (!_byName.TryAdd(role.Name, role))
            {
                throw new DataException($"role '{role.Name}' is defined twice.");
            }

            if (!_byId.TryAdd(role.Id, role))
            {
                throw new DataException($"role '{role.Name}': id {role.Id} is used twice.");
            }
        }
    }

    public Role? Find(Guid id) => _byId.GetValueOrDefault(id);

    public Role? FindByName(string name) => _byName.GetValueOrDefault(name);
}
