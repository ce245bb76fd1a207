using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MsxPowerShell.Client;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of the cmdlets that change state: ShouldProcess per item (with -Force where a cmdlet has it), and
/// -ThrottleLimit: up to that many items in flight through the one session, results written in input
/// order, a failed item reported while the others go on, a terminating failure or Ctrl+C cancelling all
/// in flight at once.
/// </summary>
public abstract class MsxChangeCmdlet : MsxSessionCmdlet
{
    private readonly Queue<(object? Target, Task<object?> Work)> _pending = new();
    private CancellationTokenSource? _inFlight;

    /// <summary>How many items may be in flight at once (1: one after the other).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>True when the cmdlet's -Force should skip the confirmation prompt.</summary>
    protected virtual bool Forced => false;

    /// <summary>
    /// Asks ShouldProcess for one item (naming it and the server) on the pipeline thread, then runs
    /// <paramref name="work"/>: now when ThrottleLimit is 1, else alongside the items before it. What the
    /// work returns (if not null) is written in input order.
    /// </summary>
    protected void Submit(MsxSession session, object? target, string description, string action, Func<MsxApiClient, CancellationToken, Task<object?>> work)
    {
        if (!Confirmed($"{description} on {session.Server}", action))
        {
            return;
        }

        var client = session.Client;
        if (ThrottleLimit <= 1)
        {
            Attempt(target, () => Write(Run(ct => work(client, ct))));
            return;
        }

        _inFlight ??= CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        var task = Start(ct => work(client, ct), _inFlight.Token);
        _pending.Enqueue((target, task));
        Drain(ThrottleLimit - 1);
    }

    protected override void EndProcessing()
    {
        Drain(0);
        base.EndProcessing();
    }

    /// <summary>
    /// ShouldProcess, except that -Force skips the prompt. -WhatIf and an explicit -Confirm still win, so a
    /// dry run never changes anything and a script with -Force never hangs on a prompt.
    /// </summary>
    private bool Confirmed(string target, string action)
    {
        var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent : GetVariableValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };
        var confirmAsked = MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && ((SwitchParameter)c).IsPresent;
        if (Forced && !whatIf && !confirmAsked)
        {
            return true;
        }

        return ShouldProcess(target, action);
    }

    /// <summary>Writes finished items in order until at most <paramref name="unfinishedAllowed"/> are still running.</summary>
    private void Drain(int unfinishedAllowed)
    {
        while (true)
        {
            WriteFinishedInOrder();
            if (_pending.Count == 0)
            {
                return;
            }

            var unfinished = _pending.Select(p => (Task)p.Work).Where(t => !t.IsCompleted).ToArray();
            if (unfinishedAllowed > 0 && unfinished.Length <= unfinishedAllowed)
            {
                return;
            }

            if (unfinished.Length == 0)
            {
                continue;
            }

            try
            {
                Pump.WaitAny(unfinished, WritePending, CancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }
    }

    private void WriteFinishedInOrder()
    {
        WritePending();
        while (_pending.Count > 0 && _pending.Peek().Work.IsCompleted)
        {
            var (target, work) = _pending.Dequeue();
            try
            {
                Write(work.GetAwaiter().GetResult());
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (MsxApiException ex)
            {
                if (MsxErrors.IsTerminating(ex.Kind))
                {
                    // No later item can succeed either: stop everything still in flight at once.
                    _inFlight?.Cancel();
                    _pending.Clear();
                }

                Report(ex, target);
            }
        }
    }

    private void Write(object? result)
    {
        if (result is not null)
        {
            WriteObject(result);
        }
    }
}
