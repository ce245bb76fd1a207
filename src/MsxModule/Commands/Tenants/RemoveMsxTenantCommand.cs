using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Deletes tenants, by id or from the pipeline. Asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxTenant", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxTenant.md")]
[OutputType(typeof(MsxTenant))]
public sealed class RemoveMsxTenantCommand : MsxRemoveCmdlet<MsxTenant, Guid>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public override Guid[] Id { get; set; } = Array.Empty<Guid>();

    protected override MsxResource<MsxTenant> Resource => TenantResource.Declaration;
}
