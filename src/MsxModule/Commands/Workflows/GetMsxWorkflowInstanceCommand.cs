using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Gets workflow instances: by id (with actions, variables and outputs), or a workflow's instances page by page.</summary>
// The default set is the one that takes a piped workflow: in the Id set, a workflow's own Id would bind by property name.
[Cmdlet(VerbsCommon.Get, "MsxWorkflowInstance", DefaultParameterSetName = WorkflowSet, SupportsPaging = true, HelpUri = HelpLinks.Base + "Get-MsxWorkflowInstance.md")]
[OutputType(typeof(MsxWorkflowInstance))]
public sealed class GetMsxWorkflowInstanceCommand : MsxGetCmdlet
{
    private const string IdSet = "Id";
    private const string WorkflowIdSet = "WorkflowId";
    private const string WorkflowSet = "Workflow";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("InstanceId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>The workflow whose instances are listed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = WorkflowIdSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowCompleter))]
    public string WorkflowId { get; set; } = null!;

    /// <summary>A workflow from Get-MsxWorkflow whose instances are listed, through the session it was read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = WorkflowSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxWorkflow Workflow { get; set; } = null!;

    /// <summary>Instances per request (1 to 100, the spec's limit).</summary>
    [Parameter(ParameterSetName = WorkflowIdSet)]
    [Parameter(ParameterSetName = WorkflowSet)]
    [ValidateRange(1, WorkflowInstanceResource.MaximumPageSize)]
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
                    WriteByIds(session.Client.WorkflowInstances(), Id);
                }

                break;
            case WorkflowSet:
                if (SessionFor(Workflow, Workflow) is { } own)
                {
                    WriteListing(own.Client.InstancesOf(Workflow.Id), new QueryString(), PageSize, activity: "Get-MsxWorkflowInstance");
                }

                break;
            default:
                if (WorkflowResource.Declaration.IdProblem(WorkflowId) is { } problem)
                {
                    Refuse(WorkflowResource.Declaration.InvalidIdErrorId, problem, WorkflowId);
                    break;
                }

                if (SessionFor(null, WorkflowId) is { } forWorkflow)
                {
                    WriteListing(forWorkflow.Client.InstancesOf(WorkflowId), new QueryString(), PageSize, activity: "Get-MsxWorkflowInstance");
                }

                break;
        }
    }
}
