using System.Text;

namespace MsxEmulator.Recording;

/// <summary>
/// The --url-file: the addresses the emulator listens on, written once Kestrel is listening, so that a
/// launcher waits for a file instead of scraping the console (which races with buffering and log format).
/// </summary>
public static class UrlFile
{
    /// <summary>Removes a file left by an earlier run, so a launcher never reads an old address; returns an error or null.</summary>
    public static string? TryDeleteStale(string path)
    {
        try
        {
            File.Delete(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot use --url-file {path}: {e.Message}";
        }
    }

    /// <summary>
    /// Writes one address a line to a temporary file beside <paramref name="path"/>, then renames it into
    /// place: a reader sees either no file or the whole of it. Returns an error or null.
    /// </summary>
    public static string? TryWrite(string path, IEnumerable<string> urls)
    {
        var full = Path.GetFullPath(path);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            var text = new StringBuilder();
            foreach (var url in urls)
            {
                text.Append(url).Append('\n');
            }

            File.WriteAllText(temporary, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The write failed already; that is the error to report.
            }

            return $"cannot write --url-file {path}: {e.Message}";
        }
    }
}
