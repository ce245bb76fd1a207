using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MsxPowerShell.Client;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of every cmdlet: a cancellation token that Ctrl+C (StopProcessing) cancels at once, and a way to
/// run the client's async work while its Verbose/Debug lines are written on the pipeline thread.
/// </summary>
public abstract class MsxCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private bool _wantsDiagnostics;

    protected CancellationToken CancellationToken => _stop.Token;

    protected override void BeginProcessing()
    {
        _wantsDiagnostics = Wants("Verbose", "VerbosePreference") || Wants("Debug", "DebugPreference");
    }

    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>Runs async client work to completion on this thread, writing its log lines to the streams.</summary>
    protected T Run<T>(Func<CancellationToken, Task<T>> operation)
    {
        var pump = new LogPump(_wantsDiagnostics);
        var previous = MsxDiagnostics.Sink;
        MsxDiagnostics.Sink = pump;
        Task<T> task;
        try
        {
            task = operation(_stop.Token);
        }
        finally
        {
            MsxDiagnostics.Sink = previous;
        }

        try
        {
            if (_wantsDiagnostics && !task.IsCompleted)
            {
                // Write Verbose/Debug lines while the work runs, not after.
                task.ContinueWith(static (_, state) => ((LogPump)state!).Complete(), pump, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                Write(pump.Drain());
            }

            // The common case: wait for the answer, no hand-off between threads.
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            Write(pump.Queued());
        }
    }

    protected void Run(Func<CancellationToken, Task> operation) =>
        Run<bool>(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        });

    /// <summary>Reports a failure: stops the cmdlet when no later item could succeed, else writes a non-terminating error.</summary>
    protected void Report(MsxApiException ex, object? target, string? errorId = null)
    {
        var record = MsxErrors.FromException(ex, target, errorId);
        if (MsxErrors.IsTerminating(ex.Kind))
        {
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private bool Wants(string parameter, string preference)
    {
        if (MyInvocation.BoundParameters.TryGetValue(parameter, out var value))
        {
            return value is SwitchParameter { IsPresent: true } || value is true;
        }

        // A preference set in a child scope is a plain string ('Continue'), not the typed enum.
        var setting = GetVariableValue(preference);
        if (setting is PSObject wrapped)
        {
            setting = wrapped.BaseObject;
        }

        var p = setting switch
        {
            ActionPreference typed => typed,
            string text when Enum.TryParse<ActionPreference>(text, ignoreCase: true, out var parsed) => parsed,
            _ => ActionPreference.SilentlyContinue,
        };
        return p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
    }

    private void Write(System.Collections.Generic.IEnumerable<(LogPump.LogStream Stream, string Text)> lines)
    {
        foreach (var (stream, text) in lines)
        {
            switch (stream)
            {
                case LogPump.LogStream.Verbose:
                    WriteVerbose(text);
                    break;
                case LogPump.LogStream.Debug:
                    WriteDebug(text);
                    break;
                default:
                    WriteWarning(text);
                    break;
            }
        }
    }
}
