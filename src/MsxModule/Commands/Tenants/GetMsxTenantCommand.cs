using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Gets tenants: by id, by name (wildcards), by external id, or all of them streamed page by page.</summary>
[Cmdlet(VerbsCommon.Get, "MsxTenant", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpLinks.Base + "Get-MsxTenant.md")]
[OutputType(typeof(MsxTenant))]
public sealed class GetMsxTenantCommand : MsxGetCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string NameSet = "Name";
    private const string ExternalIdSet = "ExternalId";

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
    [TenantIdTransformation]
    [ArgumentCompleter(typeof(TenantCompleter))]
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
    [ValidateRange(1, 1000)]
    public int? PageSize { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (SessionFor(null, One(Id)) is not { } session)
        {
            return;
        }

        var tenants = session.Client.Tenants();
        switch (ParameterSetName)
        {
            case IdSet:
                WriteByIds(tenants, Id);
                break;
            case ExternalIdSet:
                foreach (var externalId in ExternalId)
                {
                    Attempt(externalId, () => WriteObject(Run(ct => session.Client.GetTenantByExternalIdAsync(externalId, ct))));
                }

                break;
            default:
                var filter = new TenantFilter { ParentId = ParentId, SortBy = SortBy, Descending = Descending };
                var names = ParameterSetName == NameSet ? new NameFilter<MsxTenant>(Name, t => new[] { t.Name }) : null;
                WriteListing(tenants, filter.ToQuery(), PageSize, names);
                break;
        }
    }
}
