using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Gets sites: by id, by name (wildcards), or all of them streamed page by page, narrowed by tenant, device, parent or type.</summary>
[Cmdlet(VerbsCommon.Get, "MsxSite", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpLinks.Base + "Get-MsxSite.md")]
[OutputType(typeof(MsxSite))]
public sealed class GetMsxSiteCommand : MsxGetCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string NameSet = "Name";

    // Not mandatory, so that a piped tenant binds to -TenantId (see MsxGetCmdlet.Given).
    [Parameter(Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("SiteId")]
    [ArgumentCompleter(typeof(SiteCompleter))]
    public Guid[] Id { get; set; } = Array.Empty<Guid>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SiteCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Only the sites of this tenant: an id, a name, or a tenant, piped too (Get-MsxTenant Acme | Get-MsxSite).</summary>
    [Parameter(ParameterSetName = ListSet, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = NameSet, ValueFromPipeline = true)]
    [TenantIdTransformation(Child = typeof(MsxSite))]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid TenantId { get; set; }

    /// <summary>With -TenantId: the sites of its subtenants too.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    public SwitchParameter IncludeSubtenants { get; set; }

    /// <summary>Only the site(s) where this device is.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [DeviceIdTransformation]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string? DeviceId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(SiteCompleter))]
    public Guid? ParentId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SiteTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>Also reads each site's image (left out of the answers unless asked).</summary>
    [Parameter]
    public SwitchParameter IncludeImage { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateRange(1, 1000)]
    public int? PageSize { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (SessionFor(ParentObject(TenantId), One(Id)) is not { } session)
        {
            return;
        }

        var client = session.Client;
        if (ParameterSetName == IdSet)
        {
            if (!IncludeImage)
            {
                WriteByIds(client.Sites(), Id);
                return;
            }

            foreach (var id in Id)
            {
                Attempt(id, () => WriteObject(Run(ct => client.GetSiteAsync(id, includeImage: true, ct))));
            }

            return;
        }

        if (DeviceId is not null && DeviceResource.Declaration.IdProblem(DeviceId) is { } problem)
        {
            Refuse(DeviceResource.Declaration.InvalidIdErrorId, problem, DeviceId);
            return;
        }

        var filter = new SiteFilter { TenantId = Given(TenantId), IncludeSubtenants = IncludeSubtenants, DeviceId = DeviceId, ParentId = ParentId, Type = Type };
        var query = filter.ToQuery();
        if (IncludeImage)
        {
            query.Add("showImage", true);
        }

        // The server takes one filter: a site that fails one of the others has, for this listing, no name to match.
        NameFilter<MsxSite>? names = ParameterSetName == NameSet || filter.NeedsClientCheck
            ? new NameFilter<MsxSite>(ParameterSetName == NameSet ? Name : new[] { "*" }, s => filter.Matches(s) ? new[] { s.Name } : Array.Empty<string>())
            : null;
        WriteListing(client.Sites(), query, PageSize, names, IncludeImage ? MarkImageIncluded : null);
    }

    private static object MarkImageIncluded(MsxSite site)
    {
        site.ImageIncluded = true;
        return site;
    }
}
