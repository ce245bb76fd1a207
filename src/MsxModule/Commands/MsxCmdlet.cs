using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of every cmdlet: a cancellation token that Ctrl+C (StopProcessing) cancels at once, a way to run
/// the client's async work while its Verbose/Debug lines are written on the pipeline thread, and the one
/// error-reporting template (<see cref="Attempt"/>).
/// </summary>
public abstract class MsxCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private LogPump _pump = new(false);
    private bool? _verboseAsDebug;

    protected CancellationToken CancellationToken => _stop.Token;

    internal LogPump Pump => _pump;

    protected override void BeginProcessing()
    {
        _pump = new LogPump(Wants("Verbose", "VerbosePreference"), Wants("Debug", "DebugPreference"));
    }

    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>Runs async client work to completion on this thread, writing its log lines to the streams as they come.</summary>
    protected T Run<T>(Func<CancellationToken, Task<T>> operation)
    {
        var task = Start(operation);
        try
        {
            if (_pump.IsEnabled)
            {
                // Write Verbose/Debug lines while the work runs, not after.
                _pump.WaitWhileWriting(task, WritePending);
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
            WritePending();
        }
    }

    protected void Run(Func<CancellationToken, Task> operation) =>
        Run<bool>(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        });

    /// <summary>Starts async client work whose log lines go to this cmdlet's streams (written by <see cref="WritePending"/>).</summary>
    internal Task<T> Start<T>(Func<CancellationToken, Task<T>> operation, CancellationToken? token = null)
    {
        var previous = MsxDiagnostics.Sink;
        MsxDiagnostics.Sink = _pump;
        try
        {
            return operation(token ?? _stop.Token);
        }
        finally
        {
            MsxDiagnostics.Sink = previous;
        }
    }

    /// <summary>
    /// The error-reporting template: runs <paramref name="action"/>, and turns a client failure into an
    /// ErrorRecord with the resource's ErrorId, a fitting category and recommendation, and the target.
    /// Returns false when it failed (a non-terminating error was written).
    /// </summary>
    protected bool Attempt(object? target, Action action, string? errorId = null, string? context = null, bool terminating = false)
    {
        try
        {
            action();
            return true;
        }
        catch (MsxApiException ex)
        {
            var record = MsxErrors.FromException(ex, target, errorId, context);
            if (terminating || MsxErrors.IsTerminating(ex.Kind))
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
            return false;
        }
    }

    /// <summary>Reports a failure: stops the cmdlet when no later item could succeed, else writes a non-terminating error.</summary>
    protected void Report(MsxApiException ex, object? target)
    {
        var record = MsxErrors.FromException(ex, target);
        if (MsxErrors.IsTerminating(ex.Kind))
        {
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }

    /// <summary>Writes a refused input as a non-terminating error with a module ErrorId and the value as target.</summary>
    protected void Refuse(string errorId, string message, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
        WriteError(MsxErrors.Invalid(errorId, message, target, category));

    /// <summary>
    /// Checks one input with a rule (null: fine). A value that breaks it is refused with a module ErrorId and
    /// the value itself as target, so that errors of many CSV rows group well.
    /// </summary>
    protected bool Valid(string errorId, string parameter, string? value, Func<string, string?> rule)
    {
        if (value is null || rule(value) is not { } problem)
        {
            return true;
        }

        Refuse(errorId, $"Cannot use the value of '{parameter}': {problem}", value);
        return false;
    }

    protected bool Given(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

    /// <summary>The redactor of the session this cmdlet works with (the pattern-only one when it has none yet).</summary>
    internal virtual SecretRedactor Redactor => SecretRedactor.Shared;

    /// <summary>
    /// Writes a non-terminating error with every text it carries redacted (message, ErrorDetails, recommended
    /// action, a text target). Hiding the base method makes every error of every cmdlet of the module pass here.
    /// </summary>
    public new void WriteError(ErrorRecord errorRecord) => base.WriteError(MsxErrors.Redacted(errorRecord, Redactor));

    /// <summary>Stops the cmdlet with an error whose every text is redacted, as <see cref="WriteError"/>.</summary>
    public new void ThrowTerminatingError(ErrorRecord errorRecord) => base.ThrowTerminatingError(MsxErrors.Redacted(errorRecord, Redactor));

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Called once the pipeline is done with the cmdlet, however it ended (also after a stop that skipped EndProcessing).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Dispose();
        }
    }

    /// <summary>
    /// Writes a verbose line, or a debug line when the cmdlet was given -Debug without -Verbose: for that case
    /// PowerShell 7 sets a compiled cmdlet's verbose preference to Inquire, so every verbose line would ask for
    /// confirmation (and fail under -NonInteractive), while -Debug's own stream is Continue. Hiding the base
    /// method makes every cmdlet of the module get this, including ones written later.
    /// </summary>
    protected new void WriteVerbose(string text)
    {
        _verboseAsDebug ??= MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true }
            && !MyInvocation.BoundParameters.ContainsKey("Verbose");
        if (_verboseAsDebug.Value)
        {
            WriteDebug(text);
        }
        else
        {
            base.WriteVerbose(text);
        }
    }

    /// <summary>Writes the log lines queued so far (on the pipeline thread).</summary>
    internal void WritePending()
    {
        foreach (var (stream, line) in _pump.Queued())
        {
            // The client redacts what it logs; this pass also catches what a later secret of the session masks.
            var text = Redactor.Redact(line);
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
}
