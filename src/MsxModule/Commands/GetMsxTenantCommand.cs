using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;

namespace MsxPowerShell.Commands;

/// <summary>Gets tenants: by id, by name (wildcards), by external id, or all of them streamed page by page.</summary>
[Cmdlet(VerbsCommon.Get, "MsxTenant", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(MsxTenant))]
public sealed class GetMsxTenantCommand : MsxSessionCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string NameSet = "Name";
    private const string ExternalIdSet = "ExternalId";
    private const int IdsPerListCall = 100;
    private const int PagesBeforeProgress = 3;
    private const int ProgressId = 1;
    private const string ProgressActivity = "Get-MsxTenant";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid[] Id { get; set; } = Array.Empty<Guid>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ExternalIdSet)]
    [ValidateNotNullOrEmpty]
    [ValidateExternalId]
    public string[] ExternalId { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    public Guid? ParentId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateSet("name", "createdOn", "modifiedOn", IgnoreCase = true)]
    public string? SortBy { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    public SwitchParameter Descending { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateRange(1, TenantPager.MaximumPageSize)]
    public int? PageSize { get; set; }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case IdSet:
                GetById();
                break;
            case ExternalIdSet:
                GetByExternalId();
                break;
            case NameSet:
                List(NameMatcher.Create(Name));
                break;
            default:
                List(null);
                break;
        }
    }

    private void GetById()
    {
        if (Id.Length == 1)
        {
            var id = Id[0];
            try
            {
                WriteObject(Run(ct => CurrentSession.Client.GetTenantAsync(id, ct)));
            }
            catch (MsxApiException ex)
            {
                Report(ex, id, MsxErrors.ForTenant(ex));
            }

            return;
        }

        foreach (var batch in Id.Distinct().Select((id, i) => (id, i)).GroupBy(x => x.i / IdsPerListCall, x => x.id))
        {
            var ids = batch.ToList();
            List<MsxTenant> found;
            try
            {
                found = Run(ct => CurrentSession.Client.GetTenantsListAsync(ids, ct));
            }
            catch (MsxApiException ex)
            {
                Report(ex, ids.ToArray());
                continue;
            }

            var byId = found.ToDictionary(t => t.Id);
            foreach (var id in ids)
            {
                if (byId.TryGetValue(id, out var tenant))
                {
                    WriteObject(tenant);
                }
                else
                {
                    WriteError(MsxErrors.Invalid("MsxTenantNotFound", $"No tenant has the id '{id}'.", id, ErrorCategory.ObjectNotFound));
                }
            }
        }
    }

    private void GetByExternalId()
    {
        foreach (var externalId in ExternalId)
        {
            try
            {
                WriteObject(Run(ct => CurrentSession.Client.GetTenantByExternalIdAsync(externalId, ct)));
            }
            catch (MsxApiException ex)
            {
                Report(ex, externalId, MsxErrors.ForTenant(ex));
            }
        }
    }

    private void List(NameMatcher? names)
    {
        var paging = PagingParameters;
        var skip = (long)paging.Skip;
        long? first = paging.First == ulong.MaxValue ? null : (long)Math.Min(paging.First, long.MaxValue);
        var query = new TenantQuery
        {
            ParentId = ParentId,
            SortBy = SortBy,
            Descending = Descending,
            PageSize = PageSize,
            // With a name filter, Skip and First count matches, which only the client can see.
            Skip = names is null ? skip : 0,
            First = names is null ? first : null,
        };

        var pager = new TenantPager(CurrentSession.Client, query);
        long written = 0;
        long matched = 0;
        try
        {
            while (Run(ct => pager.NextPageAsync(ct)) is { } page)
            {
                if (pager.PagesRequested > PagesBeforeProgress)
                {
                    // A new record each time: hosts and captured streams may keep the ones already written.
                    WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, $"{written + page.Count} tenants, page {pager.PagesRequested}"));
                }

                foreach (var tenant in page)
                {
                    if (names is not null)
                    {
                        if (!names.IsMatch(tenant.Name))
                        {
                            continue;
                        }

                        if (matched++ < skip)
                        {
                            continue;
                        }

                        if (first is { } limit && written >= limit)
                        {
                            break;
                        }
                    }

                    WriteObject(tenant);
                    written++;
                }

                if (names is not null && first is { } max && written >= max)
                {
                    break;
                }
            }
        }
        catch (MsxApiException ex)
        {
            Report(ex, ParentId);
        }
        finally
        {
            if (pager.PagesRequested > PagesBeforeProgress)
            {
                WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        if (paging.IncludeTotalCount)
        {
            WriteObject(names is null && pager.TotalCount is { } total
                ? paging.NewTotalCount((ulong)total, pager.ReachedEnd ? 1.0 : 0.0)
                : paging.NewTotalCount((ulong)matched, pager.ReachedEnd ? 1.0 : 0.0));
        }

        if (names is not null)
        {
            foreach (var missing in names.UnmatchedExactNames())
            {
                WriteError(MsxErrors.Invalid("MsxTenantNotFound", $"No tenant is named '{missing}'.", missing, ErrorCategory.ObjectNotFound));
            }
        }
    }

    /// <summary>Case-insensitive name patterns; remembers which exact (wildcard-free) names matched nothing.</summary>
    private sealed class NameMatcher
    {
        private readonly List<(string Text, WildcardPattern Pattern, bool Exact)> _patterns;
        private readonly HashSet<string> _matchedExact = new(StringComparer.OrdinalIgnoreCase);

        private NameMatcher(List<(string, WildcardPattern, bool)> patterns) => _patterns = patterns;

        public static NameMatcher Create(IEnumerable<string> names) =>
            new(names.Select(n => (n, WildcardPattern.Get(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant), !WildcardPattern.ContainsWildcardCharacters(n))).ToList());

        public bool IsMatch(string name)
        {
            var any = false;
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

            return any;
        }

        public IEnumerable<string> UnmatchedExactNames() =>
            _patterns.Where(p => p.Exact && !_matchedExact.Contains(p.Text)).Select(p => p.Text);
    }
}
