using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of the cmdlets that read resources: streamed listings with -First/-Skip mapped onto pages,
/// client-side wildcard filtering, Write-Progress for long listings, and reads of many ids at once.
/// </summary>
public abstract class MsxGetCmdlet : MsxSessionCmdlet
{
    private const int PagesBeforeProgress = 3;
    private const int ProgressId = 1;

    /// <summary>
    /// Streams a listing to the pipeline. With <paramref name="names"/>, -Skip and -First count matches
    /// (only the client can see them), and each exact name that matched nothing is reported as not found.
    /// </summary>
    protected void WriteListing<T>(ResourceClient<T> resource, QueryString filters, int? pageSize, NameFilter<T>? names = null, Func<T, object?>? project = null, string? activity = null)
        where T : MsxObject
    {
        // Null for a cmdlet without SupportsPaging.
        PagingParameters? paging = PagingParameters;
        var skip = paging is null ? 0 : (long)paging.Skip;
        long? first = paging is null || paging.First == ulong.MaxValue ? null : (long)Math.Min(paging.First, long.MaxValue);
        var query = new ListQuery
        {
            Filters = filters,
            PageSize = pageSize,
            Skip = names is null ? skip : 0,
            First = names is null ? first : null,
        };

        var noun = resource.Resource.Noun;
        activity ??= $"Get-Msx{noun}";
        long written = 0;
        long matched = 0;
        using var pager = resource.List(query, CancellationToken);
        Attempt(filters.ToString(), () =>
        {
            try
            {
                while (Run(ct => pager.NextPageAsync(ct)) is { } page)
                {
                    if (pager.PagesRead > PagesBeforeProgress)
                    {
                        // A new record each time: hosts and captured streams may keep the ones already written.
                        WriteProgress(new ProgressRecord(ProgressId, activity, $"{written + page.Count} {noun.ToLowerInvariant()}s, page {pager.PagesRead}"));
                    }

                    foreach (var item in page)
                    {
                        if (names is not null)
                        {
                            if (!names.IsMatch(item) || matched++ < skip)
                            {
                                continue;
                            }

                            if (first is { } limit && written >= limit)
                            {
                                break;
                            }
                        }

                        WriteObject(project is null ? item : project(item));
                        written++;
                    }

                    if (names is not null && first is { } max && written >= max)
                    {
                        break;
                    }
                }
            }
            finally
            {
                if (pager.PagesRead > PagesBeforeProgress)
                {
                    WriteProgress(new ProgressRecord(ProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
        });

        if (paging is not null && paging.IncludeTotalCount)
        {
            WriteObject(names is null && pager.TotalCount is { } total
                ? paging.NewTotalCount((ulong)total, pager.ReachedEnd ? 1.0 : 0.0)
                : paging.NewTotalCount((ulong)matched, pager.ReachedEnd ? 1.0 : 0.0));
        }

        if (names is not null && (first is null || written < first))
        {
            foreach (var missing in names.UnmatchedExactNames())
            {
                Refuse(new MsxErrorId(noun, MsxErrorReason.NotFound).ToString(), $"No {noun.ToLowerInvariant()} is named '{missing}'.", missing, ErrorCategory.ObjectNotFound);
            }
        }
    }

    /// <summary>
    /// A parent's id, or null when none was given (Guid.Empty). How a piped parent reaches a listing: the listing's
    /// -TenantId takes pipeline input by value, and its transformation turns a tenant (only) into its Guid. The
    /// parameter is a plain Guid, not a Guid?, because PowerShell binds without coercion only a value of exactly the
    /// parameter's type, and it must bind before anything else is tried. And the Id set's -Id is not mandatory:
    /// with a mandatory -Id taking input by property name, the Id set would be the only set a piped object could
    /// complete, PowerShell would try it first, and a tenant's Id would bind to -Id (a 404 per tenant). So the
    /// default set is tried first (a tenant binds there), and any other object falls through to -Id as before.
    /// </summary>
    protected static Guid? Given(Guid id) => id == Guid.Empty ? null : id;

    /// <summary>
    /// The parent object a -TenantId was given as (piped or not), so that its children are read through the session
    /// it came from (see <see cref="MsxSessionCmdlet.SessionFor"/>); null for an id or a name.
    /// </summary>
    protected static MsxObject? ParentObject(Guid id) => id == Guid.Empty ? null : ResourceIdTransformationAttribute.ObjectFor("Tenant", id);

    /// <summary>Reads items by id, as few requests as the resource allows, and reports each id that does not exist.</summary>
    protected void WriteByIds<T, TId>(ResourceClient<T> resource, IReadOnlyList<TId> typedIds)
        where T : MsxObject
        where TId : notnull
    {
        // An id that cannot be one path segment is refused on its own, with the id as target; the others are read.
        var accepted = new List<TId>(typedIds.Count);
        foreach (var typedId in typedIds)
        {
            if (resource.Resource.IdProblem(typedId.ToString()) is { } problem)
            {
                Refuse(resource.Resource.InvalidIdErrorId, problem, typedId);
            }
            else
            {
                accepted.Add(typedId);
            }
        }

        if (accepted.Count == 0)
        {
            return;
        }

        typedIds = accepted;
        var ids = typedIds.Select(id => id.ToString() ?? string.Empty).ToList();
        if (ids.Count == 1)
        {
            Attempt(typedIds[0], () => WriteObject(Run(ct => resource.GetAsync(ids[0], ct))));
            return;
        }

        List<T> found = new();
        if (!Attempt(typedIds.ToArray(), () => found = Run(ct => resource.GetManyAsync(ids, ct))))
        {
            return;
        }

        var byId = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in found)
        {
            byId[resource.Resource.IdOf(item)] = item;
        }

        foreach (var typedId in typedIds)
        {
            var id = typedId.ToString() ?? string.Empty;
            if (byId.TryGetValue(id, out var item))
            {
                WriteObject(item);
            }
            else
            {
                var noun = resource.Resource.Noun;
                Refuse(new MsxErrorId(noun, MsxErrorReason.NotFound).ToString(), $"No {noun.ToLowerInvariant()} has the id '{id}'.", typedId, ErrorCategory.ObjectNotFound);
            }
        }
    }
}

/// <summary>Case-insensitive wildcard patterns over one or more names of an item; remembers which exact names matched nothing.</summary>
public sealed class NameFilter<T>
{
    private readonly List<(string Text, WildcardPattern Pattern, bool Exact)> _patterns;
    private readonly Func<T, IEnumerable<string?>> _namesOf;
    private readonly HashSet<string> _matchedExact = new(StringComparer.OrdinalIgnoreCase);

    public NameFilter(IEnumerable<string> patterns, Func<T, IEnumerable<string?>> namesOf)
    {
        _patterns = patterns.Select(n => (n, WildcardPattern.Get(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant), !WildcardPattern.ContainsWildcardCharacters(n))).ToList();
        _namesOf = namesOf;
    }

    /// <summary>The patterns without wildcards: what a server-side exact-name filter may take.</summary>
    public IReadOnlyList<string> ExactNames => _patterns.Where(p => p.Exact).Select(p => p.Text).ToList();

    public bool AllExact => _patterns.All(p => p.Exact);

    public bool IsMatch(T item)
    {
        var any = false;
        foreach (var name in _namesOf(item))
        {
            if (name is null)
            {
                continue;
            }

            foreach (var (text, pattern, exact) in _patterns)
            {
                if (pattern.IsMatch(name))
                {
                    any = true;
                    if (exact)
                    {
                        _matchedExact.Add(text);
                    }
                }
            }
        }

        return any;
    }

    public IEnumerable<string> UnmatchedExactNames() =>
        _patterns.Where(p => p.Exact && !_matchedExact.Contains(p.Text)).Select(p => p.Text);
}
