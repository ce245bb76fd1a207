using System.Collections.Concurrent;
using MsxPowerShell.Client;

namespace MsxPowerShell.Commands;

/// <summary>
/// Collects the client's diagnostic lines from whatever thread the async work runs on, so that the
/// cmdlet can write them on the pipeline thread (the only thread PowerShell lets write to streams).
/// </summary>
internal sealed class LogPump : IMsxLogSink
{
    private readonly BlockingCollection<(LogStream Stream, string Text)> _lines = new();

    internal enum LogStream
    {
        Verbose,
        Debug,
        Warning,
    }

    public void Verbose(string message) => Add(LogStream.Verbose, message);

    public void Debug(string message) => Add(LogStream.Debug, message);

    public void Warning(string message) => Add(LogStream.Warning, message);

    public void Complete() => _lines.CompleteAdding();

    public System.Collections.Generic.IEnumerable<(LogStream Stream, string Text)> Drain() => _lines.GetConsumingEnumerable();

    private void Add(LogStream stream, string text)
    {
        if (!_lines.IsAddingCompleted)
        {
            try
            {
                _lines.Add((stream, text));
            }
            catch (System.InvalidOperationException)
            {
                // Completed between the check and the add: the cmdlet has moved on; the line is dropped.
            }
        }
    }
}
