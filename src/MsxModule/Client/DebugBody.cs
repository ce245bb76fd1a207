using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MsxPowerShell.Client;

/// <summary>
/// A request or answer body as a Debug line: JSON indented, secrets masked by the session's redactor, and
/// shortened past <see cref="MaximumLength"/> characters (after masking, so a cut never reveals half a secret).
/// </summary>
internal static class DebugBody
{
    /// <summary>How much of a body a Debug line shows.</summary>
    public const int MaximumLength = 4096;

    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        // Tokens and passwords stay as they are (no \u002B for '+'), so the redactor's by-value masking finds them.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Format(byte[] body, string? mediaType, SecretRedactor redactor)
    {
        if (body.Length == 0)
        {
            return "(empty)";
        }

        string text;
        if (IsText(mediaType, body))
        {
            text = Encoding.UTF8.GetString(body);
            if (LooksLikeJson(mediaType, text) && TryIndent(body) is { } pretty)
            {
                text = pretty;
            }
        }
        else
        {
            return $"({body.Length} bytes of {mediaType ?? "binary data"})";
        }

        text = redactor.Redact(text);
        return text.Length <= MaximumLength
            ? text
            : text.Substring(0, MaximumLength) + $"{Environment.NewLine}... ({text.Length - MaximumLength} more characters not shown)";
    }

    private static bool IsText(string? mediaType, byte[] body)
    {
        if (mediaType is null)
        {
            return Array.IndexOf(body, (byte)0) < 0;
        }

        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0
            || mediaType.IndexOf("xml", StringComparison.OrdinalIgnoreCase) >= 0
            || mediaType.IndexOf("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) >= 0
            || mediaType.IndexOf("yaml", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    private static bool LooksLikeJson(string? mediaType, string text)
    {
        if (mediaType is not null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return true;
        }

        var start = text.TrimStart();
        return start.StartsWith("{", StringComparison.Ordinal) || start.StartsWith("[", StringComparison.Ordinal);
    }

    private static string? TryIndent(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, Indented))
            {
                document.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
