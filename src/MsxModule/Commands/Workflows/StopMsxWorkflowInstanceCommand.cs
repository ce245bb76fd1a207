using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>Cancels created or running workflow instances, by id or from the pipeline.</summary>
[Cmdlet(VerbsLifecycle.Stop, "MsxWorkflowInstance", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Stop-MsxWorkflowInstance.md")]
[OutputType(typeof(MsxWorkflowInstance))]
public sealed class StopMsxWorkflowInstanceCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("InstanceId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Instances from Start-MsxWorkflow or Get-MsxWorkflowInstance: cancelled through the session they came from.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxWorkflowInstance[] InputObject { get; set; } = Array.Empty<MsxWorkflowInstance>();

    /// <summary>Writes each cancelled instance, as the server answers it after the cancel.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var instance in InputObject)
            {
                if (SessionFor(instance, instance) is { } own)
                {
                    Cancel(own, instance.Id, WorkflowInstanceResource.Describe(instance), instance);
                }
            }

            return;
        }

        foreach (var id in Id)
        {
            if (WorkflowInstanceResource.Declaration.IdProblem(id) is { } problem)
            {
                Refuse(WorkflowInstanceResource.Declaration.InvalidIdErrorId, problem, id);
                continue;
            }

            if (SessionFor(null, id) is { } session)
            {
                Cancel(session, id, WorkflowInstanceResource.Describe(id), id);
            }
        }
    }

    private void Cancel(MsxSession session, string id, string description, object target) =>
        Submit(session, target, description, "Cancel", async (client, ct) =>
        {
            var cancelled = await client.CancelWorkflowInstanceAsync(id, ct).ConfigureAwait(false);
            return PassThru ? cancelled : null;
        });
}
