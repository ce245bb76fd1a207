using System.Globalization;
using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>
/// What Start-MsxWorkflow -Wait and Wait-MsxWorkflowInstance share: the rounds of one <see cref="WorkflowWaiter"/>
/// with Write-Progress between them, and the outcome of each instance as output or as an ErrorRecord.
/// </summary>
internal static class WorkflowWaiting
{
    private const int ProgressId = 2;

    /// <summary>
    /// Runs the rounds on the pipeline thread (<paramref name="run"/> is the cmdlet's Run), writing progress
    /// with the states and the elapsed time after each; then writes every instance's outcome in input order.
    /// Ctrl+C stops the waiting only: nothing is cancelled on the server.
    /// </summary>
    public static void WaitAndReport(MsxCmdlet cmdlet, Func<Func<CancellationToken, Task<bool>>, bool> run, WorkflowWaiter waiter, int? timeoutSec)
    {
        var total = waiter.Instances.Count;
        if (total == 0)
        {
            return;
        }

        var first = waiter.Instances[0];
        var activity = total > 1
            ? $"Waiting for {total} workflow instances"
            : first.Name is { } name ? $"Waiting for workflow '{name}' (instance {first.Id})" : $"Waiting for workflow instance {first.Id}";
        var progressShown = false;
        try
        {
            while (run(ct => waiter.NextRoundAsync(ct)))
            {
                cmdlet.WriteProgress(Progress(waiter, activity, timeoutSec));
                progressShown = true;
            }
        }
        finally
        {
            if (progressShown)
            {
                cmdlet.WriteProgress(new ProgressRecord(ProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        Report(cmdlet, waiter, timeoutSec);
    }

    private static ProgressRecord Progress(WorkflowWaiter waiter, string activity, int? timeoutSec)
    {
        var elapsed = waiter.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s elapsed";
        var states = waiter.Instances
            .Where(i => !i.IsFinal)
            .GroupBy(i => i.State ?? "unknown", StringComparer.OrdinalIgnoreCase)
            .Select(g => waiter.Instances.Count == 1 ? g.Key : $"{g.Key}: {g.Count()}");
        var record = new ProgressRecord(ProgressId, activity, waiter.Instances.Count == 1
            ? $"{string.Join(", ", states)}, {elapsed}"
            : $"{waiter.Finished} of {waiter.Instances.Count} finished; {string.Join(", ", states)}; {elapsed}");
        if (waiter.Instances.Count > 1)
        {
            record.PercentComplete = waiter.Finished * 100 / waiter.Instances.Count;
        }

        if (timeoutSec is { } limit)
        {
            record.SecondsRemaining = Math.Max(0, (int)Math.Ceiling(limit - waiter.Elapsed.TotalSeconds));
        }

        return record;
    }

    /// <summary>Success is output; a failed or cancelled instance, one still running at the timeout, or one gone, is an error.</summary>
    private static void Report(MsxCmdlet cmdlet, WorkflowWaiter waiter, int? timeoutSec)
    {
        for (var index = 0; index < waiter.Instances.Count; index++)
        {
            var instance = waiter.Instances[index];
            if (waiter.FailureOf(index) is { } failure)
            {
                cmdlet.WriteError(MsxErrors.FromException(failure, instance.Id));
            }
            else if (WorkflowStates.IsSuccess(instance.State))
            {
                cmdlet.WriteObject(instance);
            }
            else if (WorkflowStates.IsFailure(instance.State))
            {
                var action = instance.FailedAction;
                var cause = action is null
                    ? $" (it ended '{instance.State}')"
                    : $" at the action '{action}'" + (string.IsNullOrEmpty(action.Message) ? string.Empty : $": {action.Message}");
                cmdlet.WriteError(Record(
                    "MsxWorkflowFailed",
                    ErrorCategory.InvalidResult,
                    instance,
                    $"Workflow '{NameOf(instance)}' (instance {instance.Id}) failed{cause}.",
                    "The instance is the error's TargetObject: see its Actions for each action's state and message. Fix the cause, then start the workflow again."));
            }
            else if (WorkflowStates.IsCancelled(instance.State))
            {
                cmdlet.WriteError(Record(
                    "MsxWorkflowCancelled",
                    ErrorCategory.OperationStopped,
                    instance,
                    $"Workflow '{NameOf(instance)}' (instance {instance.Id}) was cancelled" + (instance.UpdatedBy is { Length: > 0 } by ? $" by {by}." : "."),
                    "Start the workflow again if it should still run."));
            }
            else
            {
                var waited = timeoutSec is { } limit ? $"after {limit} s" : "when the wait ended";
                cmdlet.WriteError(Record(
                    "MsxWorkflowTimeout",
                    ErrorCategory.OperationTimeout,
                    instance,
                    $"Workflow '{NameOf(instance)}' (instance {instance.Id}) is still '{instance.State ?? "unknown"}' {waited}; it was not cancelled and goes on running.",
                    $"Wait again with Wait-MsxWorkflowInstance -Id {instance.Id} (with a longer -TimeoutSec), or cancel it with Stop-MsxWorkflowInstance -Id {instance.Id}."));
            }
        }
    }

    private static string NameOf(MsxWorkflowInstance instance) => instance.Name ?? instance.WorkflowId ?? "?";

    private static ErrorRecord Record(string errorId, ErrorCategory category, MsxWorkflowInstance instance, string message, string recommendation) =>
        new(new MsxWorkflowException(message, instance), errorId, category, instance)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendation },
        };

    /// <summary>The instances to wait for, from objects (read through their own session) and ids (through <paramref name="client"/>).</summary>
    public static List<MsxWorkflowInstance> Stubs(IEnumerable<string> ids, MsxApiClient client) =>
        ids.Select(id => new MsxWorkflowInstance { Id = id, Origin = client }).ToList();
}
