using System.Management.Automation;
using System.Text;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of the cmdlets that change state one request per item: ShouldProcess per item (from
/// MsxShouldProcessCmdlet), and -ThrottleLimit: up to that many items in flight through the
/// one session, results written in input order, a failed item reported while the others go on, a
/// terminating failure or Ctrl+C cancelling all in flight at once.
/// On any stop (Ctrl+C, a later command such as Select-Object -First that needs no more, a terminating
/// error), every item sent whose result was not written is accounted for in one warning: those made (looked
/// up by their unique key, as lost-answer recovery does), those whose outcome is unknown, and the rest.
/// </summary>
public abstract class MsxChangeCmdlet : MsxShouldProcessCmdlet
{
    /// <summary>How long a stop may wait for the cancelled work to end and for the look-ups that follow.</summary>
    private static readonly TimeSpan StopAccountingTime = TimeSpan.FromSeconds(15);

    private readonly Queue<Submitted> _pending = new();
    private CancellationTokenSource? _inFlight;

    /// <summary>How many items may be in flight at once (1: one after the other).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>
    /// Runs a confirmed item: alone when ThrottleLimit is 1, else alongside the items before it, its result
    /// written in input order. Each item's work is traced, so that a stop can say what it did.
    /// </summary>
    private protected override void Execute(MsxApiClient client, object? target, string label, Func<MsxApiClient, CancellationToken, Task<object?>> work)
    {
        _inFlight ??= CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        var trace = new ChangeTrace();
        var token = _inFlight.Token;
        var task = trace.Within(() => Start(ct => work(client, ct), token));
        _pending.Enqueue(new Submitted(target, label, task, trace));
        Guarded(() => Drain(ThrottleLimit - 1));
    }

    protected override void EndProcessing()
    {
        Guarded(() => Drain(0));
        base.EndProcessing();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Reached without EndProcessing when the pipeline stopped while another command ran (Ctrl+C during
            // the upstream command, an upstream terminating error): items may still be in flight.
            Account(Stopping ? "was stopped" : "ended before all its items were answered");
            _inFlight?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Runs a step of the executor; if it ends the cmdlet (any exception), accounts for what was sent first.</summary>
    private void Guarded(Action step)
    {
        try
        {
            step();
        }
        catch (Exception ex)
        {
            Account(Stopping ? "was stopped"
                : ex is PipelineStoppedException ? "was stopped by a later command in the pipeline (such as Select-Object -First)"
                : "stopped at an error");
            throw;
        }
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
            var item = _pending.Peek();
            object? result;
            try
            {
                result = item.Work.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (MsxApiException ex)
            {
                _pending.Dequeue();
                if (MsxErrors.IsTerminating(ex.Kind))
                {
                    // No later item can succeed either: stop everything still in flight at once, and say what it did.
                    Account($"stopped at a terminating error ({ex.Message})");
                }

                Report(ex, item.Target);
                continue;
            }

            try
            {
                Write(result);
            }
            catch (Exception) when (Stopping)
            {
                // Ctrl+C: the result was refused before it reached the pipeline; it stays pending, so the
                // stop's warning names it.
                throw;
            }
            catch (Exception)
            {
                // A later command took the result and then stopped the pipeline (Select-Object -First) or failed.
                _pending.Dequeue();
                throw;
            }

            _pending.Dequeue();
        }

        // A terminating failure further on (no later item can succeed either) stops everything at once, without
        // waiting for the items before it: cancel all in flight and say what each did.
        if (_pending.FirstOrDefault(p => Failure(p) is { } f && MsxErrors.IsTerminating(f.Kind)) is { } fatal)
        {
            var others = _pending.Where(p => p != fatal).ToList();
            _pending.Clear();
            others.ForEach(_pending.Enqueue);
            var failure = Failure(fatal)!;
            Account($"stopped at a terminating error ({failure.Message})");
            Report(failure, fatal.Target);
        }
    }

    /// <summary>
    /// The stop's account: cancels every item in flight at once, waits (bounded) for them to end, looks up the
    /// creates that were sent but not answered by their unique key with a fresh, bounded token (the cmdlet's own
    /// is cancelled), and writes one warning naming every item sent whose result was not written.
    /// </summary>
    private void Account(string how)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var items = _pending.ToArray();
        _pending.Clear();
        _inFlight?.Cancel();

        using var bounded = new CancellationTokenSource(StopAccountingTime);
        try
        {
            Task.WhenAll(items.Select(i => (Task)i.Work)).ContinueWith(static _ => { }, TaskScheduler.Default).Wait(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            // Still running after the bound: the look-ups below say what they can.
        }

        // A create cancelled in flight, or still running, is looked up; the others say what they did already.
        var settling = items.Select(i => i.Work.Status is TaskStatus.RanToCompletion || Failure(i) is not null ? null : i.Trace.SettleAsync(bounded.Token)).ToArray();
        var report = new StopReport();
        for (var n = 0; n < items.Length; n++)
        {
            var item = items[n];
            if (item.Trace.Made is { } made)
            {
                report.Done.Add(made);
            }
            else if (item.Work.Status is TaskStatus.RanToCompletion)
            {
                report.Done.Add(item.Label);
            }
            else if (Failure(item) is { } failure)
            {
                report.Failed.Add($"{item.Label}: {failure.Message}");
            }
            else
            {
                report.Add(item.Label, settling[n]!.GetAwaiter().GetResult(), stillRunning: !item.Work.IsCompleted);
            }
        }

        Tell(report.ToText($"{MyInvocation.MyCommand.Name} {how}. What became of the {items.Length} item(s) it had sent and not written to the pipeline:"));
    }

    private static MsxApiException? Failure(Submitted item) =>
        item.Work.IsFaulted ? item.Work.Exception?.GetBaseException() as MsxApiException : null;

    /// <summary>
    /// Writes the warning: to the warning stream while the pipeline takes writes; after Ctrl+C the streams are
    /// closed (every write throws PipelineStoppedException), so to the host, which still shows it to the user.
    /// </summary>
    private void Tell(string text)
    {
        if (!Stopping)
        {
            try
            {
                WriteWarning(text);
                return;
            }
            catch (PipelineStoppedException)
            {
                // Stopped meanwhile: the host below.
            }
            catch (PSInvalidOperationException)
            {
                // No writes permitted any more: the host below.
            }
        }

        Host?.UI?.WriteWarningLine(text);
    }

    private sealed class Submitted
    {
        public Submitted(object? target, string label, Task<object?> work, ChangeTrace trace)
        {
            Target = target;
            Label = label;
            Work = work;
            Trace = trace;
        }

        public object? Target { get; }

        /// <summary>What ShouldProcess named: "Create Tenant 'acme'".</summary>
        public string Label { get; }

        public Task<object?> Work { get; }

        public ChangeTrace Trace { get; }
    }

    private sealed class StopReport
    {
        public List<string> Done { get; } = new();

        public List<string> Unknown { get; } = new();

        public List<string> NotFound { get; } = new();

        public List<string> Failed { get; } = new();

        public List<string> NotSent { get; } = new();

        /// <summary>Files an item cancelled in flight (or still running) by what its trace and look-up say.</summary>
        public void Add(string label, (ChangeOutcome Outcome, string? Item, string? Reason) settled, bool stillRunning)
        {
            var name = settled.Item ?? label;
            switch (settled.Outcome)
            {
                case ChangeOutcome.Made:
                    Done.Add(name);
                    break;
                case ChangeOutcome.NotSent:
                    NotSent.Add(label);
                    break;
                case ChangeOutcome.NotFound when !stillRunning:
                    NotFound.Add(name);
                    break;
                case ChangeOutcome.NotFound:
                    Unknown.Add($"{name} (still unanswered when it was looked up)");
                    break;
                default:
                    Unknown.Add(settled.Reason is null ? name : $"{name} ({settled.Reason})");
                    break;
            }
        }

        public string ToText(string heading)
        {
            var text = new StringBuilder(heading);
            Add(text, "Made or done", Done);
            Add(text, "Outcome unknown (sent, no answer)", Unknown);
            Add(text, "Not found after the stop (cancelled in flight, then looked up by its unique key; a server that still finished such a request would make it later)", NotFound);
            Add(text, "Failed (the error was not written)", Failed);
            Add(text, "Not sent", NotSent);
            return text.ToString();
        }

        private static void Add(StringBuilder text, string heading, List<string> items)
        {
            if (items.Count > 0)
            {
                text.AppendLine().Append(heading).Append(" (").Append(items.Count).Append("): ").Append(string.Join("; ", items));
            }
        }
    }
}
