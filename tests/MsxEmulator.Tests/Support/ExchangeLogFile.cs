using System.Diagnostics;
using System.Text.Json;

namespace MsxEmulator.Tests.Support;

/// <summary>
/// Reads an --exchange-log file. A line is written as its answer completes, just after the client has it,
/// so a test waits for the file to change (a FileSystemWatcher event), up to a deadline, not for time.
/// </summary>
internal static class ExchangeLogFile
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>The lines once <paramref name="enough"/> says so, or whatever is there at the deadline (for the assertion to report).</summary>
    public static async Task<List<JsonElement>> WaitForLinesAsync(string path, Func<List<JsonElement>, bool> enough)
    {
        // The emulator creates the file at start-up, so its folder exists to be watched.
        using var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        watcher.Changed += (_, _) => changed.Release();
        watcher.Created += (_, _) => changed.Release();
        watcher.EnableRaisingEvents = true;

        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var lines = await ReadAsync(path);
            var left = Deadline - elapsed.Elapsed;
            if (enough(lines) || left <= TimeSpan.Zero)
            {
                return lines;
            }

            // A change between the read and this wait was counted, so it is not missed.
            await changed.WaitAsync(left);
        }
    }

    private static async Task<List<JsonElement>> ReadAsync(string path)
    {
        var lines = new List<JsonElement>();
        if (!File.Exists(path))
        {
            return lines;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        foreach (var line in (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            lines.Add(document.RootElement.Clone());
        }

        return lines;
    }
}
