using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Deletes sites, by id or from the pipeline; their devices stay. Asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxSite", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxSite.md")]
[OutputType(typeof(MsxSite))]
public sealed class RemoveMsxSiteCommand : MsxRemoveCmdlet<MsxSite, Guid>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("SiteId")]
    [ArgumentCompleter(typeof(SiteCompleter))]
    public override Guid[] Id { get; set; } = Array.Empty<Guid>();

    protected override MsxResource<MsxSite> Resource => SiteResource.Declaration;
}
