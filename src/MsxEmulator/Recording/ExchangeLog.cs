namespace MsxEmulator.Recording;

/// <summary>
/// The --exchange-log file: one JSON object a line, appended under a lock and flushed line by line, so
/// that concurrent requests never interleave and a reader never sees half a line of a finished exchange.
/// </summary>
public sealed class ExchangeLog : IDisposable
{
    /// <summary>Bodies longer than this are cut (and marked truncated).</summary>
    public const int BodyLimit = 1 << 20;

    private readonly Lock _gate = new();
    private readonly FileStream _stream;
    private bool _failed;

    private ExchangeLog(FileStream stream) => _stream = stream;

    public static ExchangeLog? Open(string path, out string? error)
    {
        error = null;
        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            return new ExchangeLog(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot open --exchange-log {path}: {e.Message}";
            return null;
        }
    }

    public void Write(Exchange exchange)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(exchange, EmulatorJsonContext.Wire.Exchange);
        lock (_gate)
        {
            if (_failed)
            {
                return;
            }

            try
            {
                _stream.Write(line);
                _stream.WriteByte((byte)'\n');
                _stream.Flush();
            }
            catch (IOException e)
            {
                // A full disk must not fail the requests; say it once and stop recording.
                _failed = true;
                Console.Error.WriteLine($"MsxEmulator: warning: the exchange log stopped: {e.Message}");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stream.Dispose();
        }
    }
}
