using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MsxPowerShell.Client;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of the cmdlets that change state one request per item: ShouldProcess per item (from
/// MsxShouldProcessCmdlet), and -ThrottleLimit: up to that many items in flight through the
/// one session, results written in input order, a failed item reported while the others go on, a
/// terminating failure or Ctrl+C cancelling all in flight at once.
/// </summary>
public abstract class MsxChangeCmdlet : MsxShouldProcessCmdlet
{
    private readonly Queue<(object? Target, Task<object?> Work)> _pending = new();
    private CancellationTokenSource? _inFlight;

    /// <summary>How many items may be in flight at once (1: one after the other).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>
    /// Runs a confirmed item: now when ThrottleLimit is 1, else alongside the items before it, its result
    /// written in input order.
    /// </summary>
    private protected override void Execute(MsxApiClient client, object? target, Func<MsxApiClient, CancellationToken, Task<object?>> work)
    {
        if (ThrottleLimit <= 1)
        {
            base.Execute(client, target, work);
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
}
