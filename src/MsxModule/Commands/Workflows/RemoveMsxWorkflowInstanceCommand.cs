using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>
/// Deletes ended workflow instances, by id or from the pipeline. The server refuses a created or running one
/// (MsxWorkflowInstanceRunning: cancel it first). Asks first unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MsxWorkflowInstance", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxWorkflowInstance.md")]
[OutputType(typeof(MsxWorkflowInstance))]
public sealed class RemoveMsxWorkflowInstanceCommand : MsxRemoveCmdlet<MsxWorkflowInstance, string>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("InstanceId")]
    [ValidateNotNullOrEmpty]
    public override string[] Id { get; set; } = Array.Empty<string>();

    protected override MsxResource<MsxWorkflowInstance> Resource => WorkflowInstanceResource.Declaration;

    protected override string Describe(MsxWorkflowInstance item) => WorkflowInstanceResource.Describe(item);

    protected override string Describe(string id) => WorkflowInstanceResource.Describe(id);
}
