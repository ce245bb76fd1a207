namespace MsxEmulator.Data;

/// <summary>
/// Checks loaded data for consistency and settles tenant timestamps and creation order. Tenants without
/// a createdOn get timestamps 1 ms apart, placed before the generated load tenants, which in turn end
/// just before start-up, so the default (createdOn) order is: loaded tenants, load tenants, new tenants.
/// </summary>
public static class DataAssembler
{
    public static EmulatorData Assemble(
        IReadOnlyList<Client> clients,
        IReadOnlyList<User> users,
        IReadOnlyList<TenantSeed> tenants,
        int seedTenants,
        DateTime startedAt,
        IReadOnlyList<Role>? roles = null)
    {
        CheckClients(clients);
        var catalog = new RoleCatalog(roles ?? BuiltInRoles.All());

        var missing = tenants.Count(t => t.CreatedOn is null);
        var nextGenerated = startedAt.AddMilliseconds(-(seedTenants + missing));
        var result = new List<Tenant>(tenants.Count + seedTenants);
        var names = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        var externalIds = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<Guid>();
        long sequence = 0;

        foreach (var seed in tenants)
        {
            var where = $"tenant '{seed.Fields.Name}'";
            var problem = TenantRules.Check(seed.Fields.Name, seed.Fields.Description, seed.Fields.Image, seed.Fields.Email)
                ?? TenantRules.CheckExternalId(seed.Fields.ExternalId);
            if (problem is not null)
            {
                throw new DataException($"{where}: {problem}");
            }

            if (!ids.Add(seed.Id))
            {
                throw new DataException($"{where}: id {seed.Id} is used twice.");
            }

            if (!names.TryAdd(seed.Fields.Name, seed.Id))
            {
                throw new DataException($"{where}: the name is used twice (names are compared case-insensitively).");
            }

            if (seed.Fields.ExternalId is not null && !externalIds.Add(seed.Fields.ExternalId))
            {
                throw new DataException($"{where}: externalId '{seed.Fields.ExternalId}' is used twice.");
            }

            DateTime createdOn;
            if (seed.CreatedOn is { } given)
            {
                createdOn = given;
            }
            else
            {
                createdOn = nextGenerated;
                nextGenerated = nextGenerated.AddMilliseconds(1);
            }

            var modifiedOn = seed.ModifiedOn ?? createdOn;
            result.Add(Tenant.From(seed.Id, seed.Fields, seed.Suspended ?? false, createdOn, modifiedOn, sequence++));
        }

        var byId = result.ToDictionary(t => t.Id);
        foreach (var tenant in result)
        {
            if (tenant.ParentId is { } parent)
            {
                if (!byId.ContainsKey(parent))
                {
                    throw new DataException($"tenant '{tenant.Name}': parentId {parent} is not a tenant in the file.");
                }

                CheckNoCycle(tenant, byId);
            }
        }

        if (seedTenants > 0)
        {
            var at = result.Count == 0 ? nextGenerated : Max(result.Max(t => t.CreatedOn).AddMilliseconds(1), nextGenerated);
            for (var i = 1; i <= seedTenants; i++)
            {
                var name = "load-" + i.ToString("D5", CultureInfo.InvariantCulture);
                var id = Roles.StableId("msx-emulator-load-tenant:" + name);
                if (!names.TryAdd(name, id) || !ids.Add(id))
                {
                    throw new DataException($"--seed-tenants: a tenant named '{name}' already exists in the data.");
                }

                result.Add(new Tenant(id, name, "Load tenant " + i.ToString(CultureInfo.InvariantCulture), string.Empty,
                    null, null, null, null, false, at, at, sequence++));
                at = at.AddMilliseconds(1);
            }
        }

        CheckUsers(users, ids, catalog);
        return new EmulatorData(clients, users, result, catalog);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static void CheckNoCycle(Tenant start, Dictionary<Guid, Tenant> byId)
    {
        var seen = new HashSet<Guid> { start.Id };
        for (var parent = start.ParentId; parent is { } p; parent = byId[p].ParentId)
        {
            if (!seen.Add(p))
            {
                throw new DataException($"tenant '{start.Name}': its parentId chain loops back on itself.");
            }
        }
    }

    private static void CheckClients(IReadOnlyList<Client> clients)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var client in clients)
        {
            if (!seen.Add(client.ClientId))
            {
                throw new DataException($"client '{client.ClientId}' is defined twice.");
            }
        }
    }

    private static void CheckUsers(IReadOnlyList<User> users, HashSet<Guid> tenantIds, RoleCatalog roles)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<Guid>();
        foreach (var user in users)
        {
            if (!names.Add(user.Username))
            {
                throw new DataException($"user '{user.Username}' is defined twice (usernames are compared case-insensitively).");
            }

            var problem = UserRules.CheckUsername(user.Username)
                ?? UserRules.CheckPasswordPolicyName(user.PasswordPolicyName)
                ?? UserRules.CheckLocale(user.Locale);
            if (problem is not null)
            {
                throw new DataException($"user '{user.Username}': {problem}");
            }

            if (user.Roles.FirstOrDefault(r => roles.FindByName(r) is null) is { } unknownRole)
            {
                throw new DataException($"user '{user.Username}': role '{unknownRole}' is not in the role catalog.");
            }

            if (!ids.Add(user.Id))
            {
                throw new DataException($"user '{user.Username}': id {user.Id} is used twice.");
            }

            foreach (var tenantId in user.TenantIds)
            {
                if (!tenantIds.Contains(tenantId))
                {
                    throw new DataException($"user '{user.Username}': tenantIds names {tenantId}, which is not a tenant in the data.");
                }
            }
        }
    }
}
