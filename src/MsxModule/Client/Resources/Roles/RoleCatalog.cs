using System.Collections.Concurrent;
using System.Net.Http;

namespace MsxPowerShell.Client.Resources;

/// <summary>
/// The roles one session has read, by id and by name. The API cannot change roles, so what was read stays
/// true for the session's life: each role is asked for once, and naming the roles of a thousand users costs
/// one request per role they hold. Thread-safe (-ThrottleLimit resolves names in parallel; concurrent
/// lookups of one name share one request).
/// </summary>
public sealed class RoleCatalog
{
    private readonly MsxApiClient _client;
    private readonly ConcurrentDictionary<Guid, MsxRole> _byId = new();
    private readonly ConcurrentDictionary<string, Task<MsxRole?>> _lookups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Guid> _aliases = new(StringComparer.Ordinal);
    private int _warned;

    private RoleCatalog(MsxApiClient client) => _client = client;

    /// <summary>The roles this session has read so far.</summary>
    public IReadOnlyList<MsxRole> Known => _byId.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

    /// <summary>The session's catalog: one of the session's tables, released when the session ends.</summary>
    public static RoleCatalog Of(MsxApiClient client) => client.Tables.Get(typeof(RoleCatalog), () => new RoleCatalog(client));

    /// <summary>
    /// The role with that name, or null. Role names are exact on the server; when the name as typed is not
    /// found, its upper-case form is tried (MSX role names are upper-case: "operator" finds OPERATOR).
    /// </summary>
    public async Task<MsxRole?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        if (_aliases.TryGetValue(name, out var known) && _byId.TryGetValue(known, out var aliased))
        {
            return aliased;
        }

        var role = await LookupAsync(name, cancellationToken).ConfigureAwait(false);
        var upper = name.ToUpperInvariant();
        if (role is null && upper != name)
        {
            role = await LookupAsync(upper, cancellationToken).ConfigureAwait(false);
            if (role is not null)
            {
                // "operator" meant OPERATOR: the next rows that say so cost no request.
                _aliases[name] = role.Id;
            }
        }

        return role;
    }

    /// <summary>The ids of role names; an unknown name fails with MsxRoleNotFound, before anything is changed.</summary>
    public async Task<List<Guid>> IdsOfAsync(IEnumerable<string> names, string purpose, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        foreach (var name in names)
        {
            var role = await FindByNameAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new MsxApiException(MsxErrorKind.NotFound, $"There is no role named '{name}' on {_client.Server.GetLeftPart(UriPartial.Authority)}; {purpose}.")
                {
                    ErrorId = new MsxErrorId(RoleResource.Declaration.Noun, MsxErrorReason.NotFound).ToString(),
                    Reason = MsxErrorReason.NotFound,
                    Target = name,
                    Recommendation = MsxErrorCatalog.UnknownRole,
                };
            if (!ids.Contains(role.Id))
            {
                ids.Add(role.Id);
            }
        }

        return ids;
    }

    /// <summary>The roles with these ids, in the order given; ids the server does not know are left out.</summary>
    public async Task<List<MsxRole>> GetByIdsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToList();
        var unknown = wanted.Where(id => !_byId.ContainsKey(id)).Distinct().Select(id => id.ToString()).ToList();
        if (unknown.Count > 0)
        {
            foreach (var role in await _client.RoleDefinitions().GetManyAsync(unknown, cancellationToken).ConfigureAwait(false))
            {
                _byId[role.Id] = role;
            }
        }

        return wanted.Where(_byId.ContainsKey).Select(id => _byId[id]).ToList();
    }

    /// <summary>
    /// The roles this session can see, by name. MSX cannot list its roles, so these are the session's own
    /// roles, those read so far, and those its users hold (when it may list users). Each is added to
    /// <paramref name="into"/> as it is found, so that a caller cut short keeps what was read.
    /// </summary>
    public async Task VisibleAsync(List<MsxRole> into, CancellationToken cancellationToken)
    {
        void Add(MsxRole? role)
        {
            if (role is not null && !into.Exists(r => r.Id == role.Id))
            {
                into.Add(role);
            }
        }

        foreach (var name in _client.Roles)
        {
            Add(await FindByNameAsync(name, cancellationToken).ConfigureAwait(false));
        }

        foreach (var role in Known)
        {
            Add(role);
        }

        var held = new HashSet<Guid>();
        try
        {
            using var pager = _client.Users().List(new ListQuery(), cancellationToken);
            while (await pager.NextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
            {
                foreach (var user in page)
                {
                    held.UnionWith(user.RoleIds);
                }
            }
        }
        catch (MsxApiException)
        {
            // A user who may not list users still sees its own roles and those read so far.
        }

        held.ExceptWith(into.Select(r => r.Id));
        foreach (var role in await GetByIdsAsync(held, cancellationToken).ConfigureAwait(false))
        {
            Add(role);
        }

        into.Sort((a, b) => StringComparer.Ordinal.Compare(a.Name, b.Name));
    }

    /// <summary>
    /// The names of role ids. An id the server does not know stays an id; when the roles cannot be read at all
    /// (a server error, a refused request), the ids are shown and a warning says why, once per session.
    /// </summary>
    public async Task<string[]> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return Array.Empty<string>();
        }

        if (!ids.All(_byId.ContainsKey))
        {
            try
            {
                await GetByIdsAsync(ids, cancellationToken).ConfigureAwait(false);
            }
            catch (MsxApiException ex)
            {
                if (Interlocked.Exchange(ref _warned, 1) == 0)
                {
                    MsxDiagnostics.Warning($"Role names could not be read, so Roles shows role ids: {ex.Message}");
                }
            }
        }

        return ids.Select(id => _byId.TryGetValue(id, out var role) ? role.Name : id.ToString()).ToArray();
    }

    private async Task<MsxRole?> LookupAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var known in _byId.Values)
        {
            if (known.Name == name)
            {
                return known;
            }
        }

        var lookup = _lookups.GetOrAdd(name, n => FetchAsync(n, cancellationToken));
        try
        {
            var role = await lookup.ConfigureAwait(false);
            if (role is null)
            {
                Forget(name, lookup);
            }

            return role;
        }
        catch
        {
            // A failed lookup is not remembered: the next call asks again.
            Forget(name, lookup);
            throw;
        }
    }

    private async Task<MsxRole?> FetchAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var role = await _client.RoleDefinitions().SendItemAsync(HttpMethod.Get, RoleResource.ByNamePath(name), null, name, cancellationToken).ConfigureAwait(false);
            _byId[role.Id] = role;
            return role;
        }
        catch (MsxApiException ex) when (ex.Kind == MsxErrorKind.NotFound)
        {
            return null;
        }
    }

    private void Forget(string name, Task<MsxRole?> lookup) =>
        ((ICollection<KeyValuePair<string, Task<MsxRole?>>>)_lookups).Remove(new KeyValuePair<string, Task<MsxRole?>>(name, lookup));
}
