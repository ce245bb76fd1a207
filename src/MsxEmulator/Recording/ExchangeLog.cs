using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MsxEmulator.Recording;

/// <summary>One request served and its answer, as the --exchange-log records it.</summary>
public sealed record Exchange(
    DateTime At,
    string Method,
    string Path,
    string Query,
    string? RequestContentType,
    string? RequestBody,
    bool RequestBodyTruncated,
    int Status,
    string? ResponseContentType,
    string? ResponseBody,
    bool ResponseBodyTruncated,
    bool Fault,
    bool Dropped,
    string? UserAgent = null);

/// <summary>
/// The --exchange-log file: one JSON object a line, appended under a lock and flushed line by line, so
/// that concurrent requests never interleave and a reader never sees half a line of a finished exchange.
/// </summary>
public sealed class ExchangeLog : IDisposable
{
    /// <summary>Bodies longer than this are cut (and marked truncated).</summary>
    public const int BodyLimit = 1 << 20;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
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
        var line = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(line, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("at", exchange.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("method", exchange.Method);
            json.WriteString("path", exchange.Path);
            json.WriteString("query", exchange.Query);
            json.WriteString("requestContentType", exchange.RequestContentType);
            json.WriteString("requestBody", exchange.RequestBody);
            json.WriteBoolean("requestBodyTruncated", exchange.RequestBodyTruncated);
            json.WriteNumber("status", exchange.Status);
            json.WriteString("responseContentType", exchange.ResponseContentType);
            json.WriteString("responseBody", exchange.ResponseBody);
            json.WriteBoolean("responseBodyTruncated", exchange.ResponseBodyTruncated);
            json.WriteBoolean("fault", exchange.Fault);
            json.WriteBoolean("dropped", exchange.Dropped);
            json.WriteString("userAgent", exchange.UserAgent);
            json.WriteEndObject();
        }

        lock (_gate)
        {
            if (_failed)
            {
                return;
            }

            try
            {
                _stream.Write(line.WrittenSpan);
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
