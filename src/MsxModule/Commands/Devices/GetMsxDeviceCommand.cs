using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Gets devices: by id, by name (exact names are filtered by the server, wildcards by the client), the devices
/// of a site, or all of them streamed page by page, narrowed by the page's filters and sorted.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MsxDevice", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpLinks.Base + "Get-MsxDevice.md")]
[OutputType(typeof(MsxDevice))]
public sealed class GetMsxDeviceCommand : MsxGetCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string NameSet = "Name";
    private const string SiteSet = "Site";

    /// <summary>The page's sort keys as the server spells them (-SortBy takes any case).</summary>
    private static readonly string[] SortKeys = { "name", "serialKey", "model", "type", "subType", "version", "serviceType", "complianceState", "vulnerabilityState", "createdOn", "modifiedOn" };

    // Not mandatory, so that a piped tenant binds to -TenantId (see MsxGetCmdlet.Given).
    [Parameter(Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>A site from Get-MsxSite: its devices as the server has them now (the site is read again), through the session the site came from.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SiteSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxSite Site { get; set; } = null!;

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string[] SerialKey { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string[] Type { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string[] SubType { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string[] Model { get; set; } = Array.Empty<string>();

    /// <summary>Only the devices of these tenants: ids, names, or tenants, piped too (Get-MsxTenant Acme | Get-MsxDevice).</summary>
    [Parameter(ParameterSetName = ListSet, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = NameSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [TenantIdTransformation(Child = typeof(MsxDevice))]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid[] TenantId { get; set; } = Array.Empty<Guid>();

    /// <summary>With -TenantId: the devices of its subtenants too.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    public SwitchParameter IncludeSubtenants { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string[] ServiceType { get; set; } = Array.Empty<string>();

    /// <summary>The severity of the device's overall status, as text ("1" good … "5" critical).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string[] Severity { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateSet("COMPLIANT", "NOT_COMPLIANT", "APPLICABLE", "NOT_APPLICABLE", "UNKNOWN", IgnoreCase = true)]
    public string[] ComplianceState { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateSet("VULNERABLE", "NOT_VULNERABLE", "NOT_APPLICABLE", "UNKNOWN", IgnoreCase = true)]
    public string[] VulnerabilityState { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateSet("name", "serialKey", "model", "type", "subType", "version", "serviceType", "complianceState", "vulnerabilityState", "createdOn", "modifiedOn", IgnoreCase = true)]
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
        switch (ParameterSetName)
        {
            case IdSet:
                if (SessionFor(null, One(Id)) is { } session)
                {
                    WriteDevices(session, Id);
                }

                break;
            case SiteSet:
                // The piped site's DeviceIds may be stale: the site is read again, and its devices are the ones it has now.
                MsxSite? now = null;
                if (SessionFor(Site, Site) is { } own && Attempt(Site.Id, () => now = Run(ct => own.Client.GetSiteAsync(Site.Id, includeImage: false, ct))))
                {
                    WriteDevices(own, now!.DeviceIds);
                }

                break;
            default:
                var names = ParameterSetName == NameSet ? new NameFilter<MsxDevice>(Name, d => new[] { d.Name }) : null;
                // The server's names filter is exact (and splits values at commas): only exact names go there.
                var serverNames = names is { AllExact: true } && Name.All(n => n.IndexOf(',') < 0) ? names.ExactNames : Array.Empty<string>();
                var filter = new DeviceFilter
                {
                    Names = serverNames,
                    SerialKeys = SerialKey,
                    Types = Type,
                    SubTypes = SubType,
                    Models = Model,
                    TenantIds = TenantId,
                    IncludeSubtenants = IncludeSubtenants,
                    ServiceTypes = ServiceType,
                    Severities = Severity,
                    ComplianceStates = ComplianceState.Select(s => s.ToUpperInvariant()).ToList(),
                    VulnerabilityStates = VulnerabilityState.Select(s => s.ToUpperInvariant()).ToList(),
                    SortBy = SortBy is null ? null : Array.Find(SortKeys, k => string.Equals(k, SortBy, StringComparison.OrdinalIgnoreCase)),
                    Descending = Descending,
                };
                // One tenant object (piped, or given): its devices are read through the session it came from.
                var parent = TenantId.Length == 1 ? ResourceIdTransformationAttribute.ObjectFor("Tenant", TenantId[0]) : null;
                if ((parent is null ? CurrentSession : SessionFor(parent, parent)) is { } listing)
                {
                    WriteListing(listing.Client.Devices(), filter.ToQuery(), PageSize, names);
                }

                break;
        }
    }

    /// <summary>Devices by id in the order given: one GET for one id, the deviceIds filter for many; each unknown id is reported.</summary>
    private void WriteDevices(MsxSession session, IReadOnlyList<string> given)
    {
        var ids = new List<string>(given.Count);
        foreach (var id in given)
        {
            if (DeviceResource.Declaration.IdProblem(id) is { } problem)
            {
                Refuse(DeviceResource.Declaration.InvalidIdErrorId, problem, id);
            }
            else
            {
                ids.Add(id);
            }
        }

        if (ids.Count == 0)
        {
            return;
        }

        if (ids.Count == 1)
        {
            Attempt(ids[0], () => WriteObject(Run(ct => session.Client.GetDeviceAsync(ids[0], ct))));
            return;
        }

        List<MsxDevice> found = new();
        if (!Attempt(ids.ToArray(), () => found = Run(ct => session.Client.GetDevicesByIdAsync(ids, ct))))
        {
            return;
        }

        var byId = new Dictionary<string, MsxDevice>(StringComparer.Ordinal);
        foreach (var device in found)
        {
            byId[device.Id] = device;
        }

        foreach (var id in ids)
        {
            if (byId.TryGetValue(id, out var device))
            {
                WriteObject(device);
            }
            else
            {
                Refuse("MsxDeviceNotFound", $"No device has the id '{id}'.", id, ErrorCategory.ObjectNotFound);
            }
        }
    }
}
