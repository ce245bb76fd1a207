using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using MsxPowerShell.Client;

namespace MsxPowerShell.Commands;

/// <summary>
/// Collects the client's diagnostic lines from whatever thread the async work runs on, so that the
/// cmdlet can write them on the pipeline thread (the only thread PowerShell lets write to streams).
/// Without Verbose or Debug it keeps warnings only and is never waited on.
/// </summary>
internal sealed class LogPump : IMsxLogSink
{
    private readonly ConcurrentQueue<(LogStream Stream, string Text)> _lines = new();
    // Never disposed on purpose (see Drain); without AvailableWaitHandle it holds nothing unmanaged.
    private readonly SemaphoreSlim _signal = new(0);
    private volatile bool _completed;

    public LogPump(bool diagnostics) => IsEnabled = diagnostics;

    internal enum LogStream
    {
        Verbose,
        Debug,
        Warning,
    }

    public bool IsEnabled { get; }

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

    public void Complete()
    {
        _completed = true;
        _signal.Release();
    }

    /// <summary>The lines queued so far, without waiting.</summary>
    public IEnumerable<(LogStream Stream, string Text)> Queued()
    {
        while (_lines.TryDequeue(out var line))
        {
            yield return line;
        }
    }

    /// <summary>Every line, as it comes, until <see cref="Complete"/>.</summary>
    public IEnumerable<(LogStream Stream, string Text)> Drain()
    {
        while (true)
        {
            _signal.Wait();
            foreach (var line in Queued())
            {
                yield return line;
            }

            if (_completed)
            {
                foreach (var line in Queued())
                {
                    yield return line;
                }

                // Not disposed: work this call started (a shared token renewal) may still log here later.
                yield break;
            }
        }
    }

    private void Add(LogStream stream, string text)
    {
        _lines.Enqueue((stream, text));
        if (!_completed)
        {
            _signal.Release();
        }
    }
}
