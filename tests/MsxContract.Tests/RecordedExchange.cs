using System.Text.Json;

namespace MsxContract.Tests;

/// <summary>One line of an emulator's --exchange-log, and where it came from.</summary>
public sealed record RecordedExchange(
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
    string Source,
    string? UserAgent = null)
{
    /// <summary>Sent by the module (its User-Agent), not by a test's own HTTP client.</summary>
    public bool FromModule => UserAgent?.StartsWith("MsxPowerShell/", StringComparison.Ordinal) == true;

    public override string ToString() => $"{Method} {Path}{Query} -> {(Dropped ? "dropped" : Status)} ({Source})";

    /// <summary>Every exchange in every *.jsonl file under the directory (none if it does not exist).</summary>
    public static List<RecordedExchange> ReadAll(string directory)
    {
        var result = new List<RecordedExchange>();
        if (!Directory.Exists(directory))
        {
            return result;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                result.Add(Parse(line, $"{System.IO.Path.GetFileName(file)}:{number}"));
            }
        }

        return result;
    }

    public static RecordedExchange Parse(string line, string source)
    {
        using var document = JsonDocument.Parse(line);
        var e = document.RootElement;
        string? Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool Flag(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        return new RecordedExchange(
            Text("method") ?? string.Empty,
            Text("path") ?? "/",
            Text("query") ?? string.Empty,
            Text("requestContentType"),
            Text("requestBody"),
            Flag("requestBodyTruncated"),
            e.TryGetProperty("status", out var status) ? status.GetInt32() : 0,
            Text("responseContentType"),
            Text("responseBody"),
            Flag("responseBodyTruncated"),
            Flag("fault"),
            Flag("dropped"),
            source,
            Text("userAgent"));
    }
}
