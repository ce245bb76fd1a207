using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Deletes workflow targets, by id or from the pipeline. Asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxWorkflowTarget", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxWorkflowTarget.md")]
[OutputType(typeof(MsxWorkflowTarget))]
public sealed class RemoveMsxWorkflowTargetCommand : MsxRemoveCmdlet<MsxWorkflowTarget, string>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TargetId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowTargetCompleter))]
    public override string[] Id { get; set; } = Array.Empty<string>();

    protected override MsxResource<MsxWorkflowTarget> Resource => WorkflowTargetResource.Declaration;
}
