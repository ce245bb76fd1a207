using System.Collections.Concurrent;

namespace MsxPowerShell.Commands;

/// <summary>
/// Collects the client's diagnostic lines from whatever thread the async work runs on (pages fetched ahead
/// and items sent in parallel included), so that the cmdlet can write them on the pipeline thread (the only
/// thread PowerShell lets write to streams). One per cmdlet call. Without Verbose or Debug it keeps
/// warnings only and is never waited on.
/// </summary>
internal sealed class LogPump : IMsxDebugSink
{
    private readonly ConcurrentQueue<(LogStream Stream, string Text)> _lines = new();
    // Never disposed on purpose: work a call started (a shared token renewal) may still log here later;
    // without AvailableWaitHandle it holds nothing unmanaged.
    private readonly SemaphoreSlim _signal = new(0);

    public LogPump(bool diagnostics, bool debug = false)
    {
        IsEnabled = diagnostics || debug;
        IsDebugEnabled = debug;
    }

    internal enum LogStream
    {
        Verbose,
        Debug,
        Warning,
    }

    public bool IsEnabled { get; }

    /// <summary>Whether the caller asked for Debug (request and answer bodies are built only then).</summary>
    public bool IsDebugEnabled { get; }

    public void Verbose(string message)
    {
        if (IsEnabled)
        {
            Add(LogStream.Verbose, message);
        }
    }

    public void Debug(string message)
    {
        if (IsEnabled)
        {
            Add(LogStream.Debug, message);
        }
    }

    public void Warning(string message) => Add(LogStream.Warning, message);

    /// <summary>The lines queued so far, without waiting.</summary>
    public IEnumerable<(LogStream Stream, string Text)> Queued()
    {
        while (_lines.TryDequeue(out var line))
        {
            yield return line;
        }
    }

    /// <summary>Until <paramref name="task"/> ends, wakes for every new line and lets <paramref name="write"/> write it.</summary>
    public void WaitWhileWriting(Task task, Action write)
    {
        if (task.IsCompleted)
        {
            return;
        }

        task.ContinueWith(static (_, state) => ((SemaphoreSlim)state!).Release(), _signal, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!task.IsCompleted)
        {
            _signal.Wait();
            write();
        }
    }

    /// <summary>Waits until one of <paramref name="tasks"/> ends, writing lines meanwhile when diagnostics are on.</summary>
    public void WaitAny(Task[] tasks, Action write, CancellationToken cancellationToken)
    {
        var any = Task.WhenAny(tasks);
        if (IsEnabled)
        {
            WaitWhileWriting(any, write);
        }

        any.Wait(cancellationToken);
    }

    private void Add(LogStream stream, string text)
    {
        _lines.Enqueue((stream, text));
        if (IsEnabled)
        {
            _signal.Release();
        }
    }
}
