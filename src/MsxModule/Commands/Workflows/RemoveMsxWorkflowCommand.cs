using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Deletes workflows (and their finished instances), by id or from the pipeline. Asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxWorkflow", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxWorkflow.md")]
[OutputType(typeof(MsxWorkflow))]
public sealed class RemoveMsxWorkflowCommand : MsxRemoveCmdlet<MsxWorkflow, string>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowCompleter))]
    public override string[] Id { get; set; } = Array.Empty<string>();

    protected override MsxResource<MsxWorkflow> Resource => WorkflowResource.Declaration;
}
