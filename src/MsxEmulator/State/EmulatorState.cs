namespace MsxEmulator.State;

/// <summary>
/// All mutable emulator data behind one lock. Tenant records are immutable, so views copied out of the
/// lock can be serialized outside it. Sorted views are cached per sort key and dropped on any change.
/// </summary>
public sealed class EmulatorState : IResettable
{
    private readonly Lock _gate = new();
    private readonly EmulatorData _initial;
    private readonly EmulatorClock _clock;
    private readonly Dictionary<Guid, Tenant> _tenants = [];
    private readonly Dictionary<string, Guid> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Guid> _externalIds = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, int> _children = [];
    private readonly Tenant[]?[] _sorted = new Tenant[]?[3];
    private Dictionary<string, Client> _clients = [];
    private long _nextSequence;

    public EmulatorState(EmulatorData initial, EmulatorClock clock)
    {
        _clock = clock;
        _initial = initial;
        Users = new UserState(initial.Users);
        Reset();
    }

    /// <summary>The users, behind their own lock.</summary>
    public UserState Users { get; }

    /// <summary>The role catalog as loaded (read-only).</summary>
    public RoleCatalog RoleCatalog => _initial.Roles;

    /// <summary>Goes back to the data loaded at start.</summary>
    public void Reset()
    {
        Users.Reset();
        lock (_gate)
        {
            _clients = _initial.Clients.ToDictionary(c => c.ClientId, StringComparer.Ordinal);
            _tenants.Clear();
            _names.Clear();
            _externalIds.Clear();
            _children.Clear();
            _tenants.EnsureCapacity(_initial.Tenants.Count);
            _names.EnsureCapacity(_initial.Tenants.Count);
            foreach (var tenant in _initial.Tenants)
            {
                Index(tenant);
            }

            _nextSequence = _initial.Tenants.Count == 0 ? 0 : _initial.Tenants.Max(t => t.Sequence) + 1;
            Invalidate();
        }
    }

    public Client? FindClient(string clientId)
    {
        lock (_gate)
        {
            return _clients.GetValueOrDefault(clientId);
        }
    }

    /// <summary>An active user (not deleted, enabled), by username in any case.</summary>
    public User? FindUser(string username) => Users.FindActive(username);

    /// <summary>Whether one of the user's roles holds <paramref name="permission"/> in the role catalog (a role not in the catalog holds none).</summary>
    public bool Permits(User user, string permission) =>
        user.Roles.Any(name => RoleCatalog.FindByName(name)?.Permissions.Contains(permission, StringComparer.Ordinal) == true);

    public User? FindUser(Guid id) => Users.FindActive(id);

    public int TenantCount
    {
        get
        {
            lock (_gate)
            {
                return _tenants.Count;
            }
        }
    }

    public TenantView? FindTenant(Guid id)
    {
        lock (_gate)
        {
            return _tenants.TryGetValue(id, out var tenant) ? View(tenant) : null;
        }
    }

    public TenantView? FindTenantByName(string name)
    {
        lock (_gate)
        {
            return _names.TryGetValue(name, out var id) ? View(_tenants[id]) : null;
        }
    }

    public TenantView? FindTenantByExternalId(string externalId)
    {
        lock (_gate)
        {
            return _externalIds.TryGetValue(externalId, out var id) ? View(_tenants[id]) : null;
        }
    }

    public List<TenantView> FindTenants(IEnumerable<Guid> ids)
    {
        lock (_gate)
        {
            var result = new List<TenantView>();
            foreach (var id in ids)
            {
                if (_tenants.TryGetValue(id, out var tenant))
                {
                    result.Add(View(tenant));
                }
            }

            return result;
        }
    }

    /// <summary>One page of tenants in the given order, and whether more follow it.</summary>
    public (List<TenantView> Items, bool HasNext) Page(TenantSort sort, bool descending, Guid? parentId, PageRequest request)
    {
        lock (_gate)
        {
            IEnumerable<Tenant> ordered = Sorted(sort);
            if (descending)
            {
                ordered = Enumerable.Reverse(ordered);
            }

            var (items, hasNext) = request.Cut(parentId is null ? ordered : ordered.Where(t => t.ParentId == parentId));
            return (items.ConvertAll(View), hasNext);
        }
    }

    public (TenantWriteOutcome Outcome, TenantView? Tenant) Create(TenantInput input)
    {
        var now = _clock.NowMillis();
        lock (_gate)
        {
            if (input.ParentId is { } parent && !_tenants.ContainsKey(parent))
            {
                return (TenantWriteOutcome.ParentNotFound, null);
            }

            if (_names.ContainsKey(input.Name))
            {
                return (TenantWriteOutcome.DuplicateName, null);
            }

            if (input.ExternalId is not null && _externalIds.ContainsKey(input.ExternalId))
            {
                return (TenantWriteOutcome.DuplicateExternalId, null);
            }

            var tenant = Tenant.From(Guid.NewGuid(), input, false, now, now, _nextSequence++);
            Index(tenant);
            Invalidate();
            return (TenantWriteOutcome.Done, View(tenant));
        }
    }

    /// <summary>Replaces the updatable fields (PUT semantics); parentId and externalId stay as they are.</summary>
    public (TenantWriteOutcome Outcome, TenantView? Tenant) Update(Guid id, string name, string? description, string? url, string? image, string? email)
    {
        var now = _clock.NowMillis();
        lock (_gate)
        {
            if (!_tenants.TryGetValue(id, out var old))
            {
                return (TenantWriteOutcome.NotFound, null);
            }

            if (_names.TryGetValue(name, out var holder) && holder != id)
            {
                return (TenantWriteOutcome.DuplicateName, null);
            }

            var modifiedOn = now > old.ModifiedOn ? now : old.ModifiedOn;
            var updated = old with { Name = name, Description = description, Url = url, Image = image, Email = email, ModifiedOn = modifiedOn };
            _names.Remove(old.Name);
            _names[name] = id;
            _tenants[id] = updated;
            Invalidate();
            return (TenantWriteOutcome.Done, View(updated));
        }
    }

    public TenantWriteOutcome Delete(Guid id)
    {
        lock (_gate)
        {
            if (!_tenants.TryGetValue(id, out var tenant))
            {
                return TenantWriteOutcome.NotFound;
            }

            if (_children.GetValueOrDefault(id) > 0)
            {
                return TenantWriteOutcome.HasChildren;
            }

            _tenants.Remove(id);
            _names.Remove(tenant.Name);
            if (tenant.ExternalId is not null)
            {
                _externalIds.Remove(tenant.ExternalId);
            }

            _children.Remove(id);
            if (tenant.ParentId is { } parent && _children.TryGetValue(parent, out var count))
            {
                _children[parent] = count - 1;
            }

            Invalidate();
            return TenantWriteOutcome.Done;
        }
    }

    private TenantView View(Tenant tenant) => new(tenant, _children.GetValueOrDefault(tenant.Id));

    private void Index(Tenant tenant)
    {
        _tenants[tenant.Id] = tenant;
        _names[tenant.Name] = tenant.Id;
        if (tenant.ExternalId is not null)
        {
            _externalIds[tenant.ExternalId] = tenant.Id;
        }

        if (tenant.ParentId is { } parent)
        {
            _children[parent] = _children.GetValueOrDefault(parent) + 1;
        }
    }

    private void Invalidate() => Array.Clear(_sorted);

    private Tenant[] Sorted(TenantSort sort)
    {
        var cached = _sorted[(int)sort];
        if (cached is not null)
        {
            return cached;
        }

        var array = _tenants.Values.ToArray();
        Comparison<Tenant> comparison = sort switch
        {
            TenantSort.Name => ByName,
            TenantSort.ModifiedOn => ByModification,
            _ => ByCreation,
        };
        Array.Sort(array, comparison);
        _sorted[(int)sort] = array;
        return array;
    }

    private static int ByName(Tenant a, Tenant b)
    {
        var c = string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
        return c != 0 ? c : ByCreation(a, b);
    }

    private static int ByModification(Tenant a, Tenant b)
    {
        var c = a.ModifiedOn.CompareTo(b.ModifiedOn);
        return c != 0 ? c : ByCreation(a, b);
    }

    private static int ByCreation(Tenant a, Tenant b)
    {
        var c = a.CreatedOn.CompareTo(b.CreatedOn);
        if (c != 0)
        {
            return c;
        }

        c = a.Sequence.CompareTo(b.Sequence);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }
}
