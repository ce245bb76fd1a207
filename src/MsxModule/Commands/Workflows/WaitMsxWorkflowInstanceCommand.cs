using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>
/// Waits for workflow instances: every instance given (by id or from the pipeline) is polled in one loop,
/// and each is written when the wait is over (success), or reported as an error (failed, cancelled, timed out).
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "MsxWorkflowInstance", DefaultParameterSetName = InputObjectSet, HelpUri = HelpLinks.Base + "Wait-MsxWorkflowInstance.md")]
[OutputType(typeof(MsxWorkflowInstance))]
public sealed class WaitMsxWorkflowInstanceCommand : MsxSessionCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    private readonly List<MsxWorkflowInstance> _instances = new();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("InstanceId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Instances from Start-MsxWorkflow or Get-MsxWorkflowInstance, each read through the session it came from.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxWorkflowInstance[] InputObject { get; set; } = Array.Empty<MsxWorkflowInstance>();

    /// <summary>How long to wait at most; instances still running then are MsxWorkflowTimeout errors, and go on running.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? TimeoutSec { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            // An id that cannot be one path segment is refused here, with the id as target; the others are waited for.
            var ids = new List<string>(Id.Length);
            foreach (var id in Id)
            {
                if (WorkflowInstanceResource.Declaration.IdProblem(id) is { } problem)
                {
                    Refuse(WorkflowInstanceResource.Declaration.InvalidIdErrorId, problem, id);
                }
                else
                {
                    ids.Add(id);
                }
            }

            if (ids.Count > 0 && SessionFor(null, One(ids.ToArray())) is { } session)
            {
                _instances.AddRange(WorkflowWaiting.Stubs(ids, session.Client));
            }

            return;
        }

        foreach (var instance in InputObject)
        {
            // Checks the object's own session is still usable (and agrees with -Session) before anything is sent.
            if (SessionFor(instance, instance) is { } session)
            {
                instance.Origin ??= session.Client;
                _instances.Add(instance);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_instances.Count == 0)
        {
            return;
        }

        var waiter = new WorkflowWaiter(_instances[0].Origin ?? CurrentSession.Client, _instances, TimeoutSec is { } limit ? TimeSpan.FromSeconds(limit) : null);
        WorkflowWaiting.WaitAndReport(this, operation => Run(operation), waiter, TimeoutSec);
    }
}
