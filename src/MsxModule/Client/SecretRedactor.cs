using System;
using System.Collections.Generic;
using System.Security;
using System.Text.RegularExpressions;

namespace MsxPowerShell.Client;

/// <summary>
/// Masks secrets in any text that may reach a log, an error message or an exception: by pattern
/// (Authorization headers, password/secret/token fields in form or JSON bodies) and by value
/// (the exact secrets a session holds, wherever they appear).
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    private static readonly Regex AuthorizationHeader = new(
        @"(Authorization\s*[:=]\s*)(Basic|Bearer)?\s*[^\s,;""']+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex FormField = new(
        @"(?<=(?:^|[?&\s])(?:password|client_secret|access_token|refresh_token|id_token|token)=)[^&\s]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex JsonField = new(
        @"(""(?:password|clientSecret|client_secret|access_token|refresh_token|id_token|accessToken|refreshToken)""\s*:\s*)""(?:[^""\\]|\\.)*""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private readonly object _gate = new();
    private string[] _values = Array.Empty<string>();
    private SecureString[] _secureValues = Array.Empty<SecureString>();

    /// <summary>The pattern-only redactor, for text that no session owns.</summary>
    public static SecretRedactor Shared { get; } = new();

    /// <summary>Adds an exact secret value to mask (short values are ignored: they would mask ordinary words).</summary>
    public void AddSecret(string? value)
    {
        if (value is null || value.Length < 4)
        {
            return;
        }

        lock (_gate)
        {
            if (Array.IndexOf(_values, value) >= 0)
            {
                return;
            }

            var values = new List<string>(_values) { value };
            // Longest first, so a secret that contains another is masked whole.
            values.Sort((a, b) => b.Length.CompareTo(a.Length));
            _values = values.ToArray();
        }
    }

    /// <summary>
    /// Adds a secret that must stay a SecureString in memory (a password, a client secret): it is revealed
    /// only while a line is being redacted.
    /// </summary>
    public void AddSecret(SecureString? value)
    {
        if (value is null || value.Length < 4)
        {
            return;
        }

        lock (_gate)
        {
            var values = new List<SecureString>(_secureValues) { value };
            _secureValues = values.ToArray();
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = text!;
        foreach (var value in _values)
        {
            result = MaskValue(result, value);
        }

        foreach (var secure in _secureValues)
        {
            result = MaskValue(result, MsxCredential.Reveal(secure));
        }

        result = AuthorizationHeader.Replace(result, m => m.Groups[1].Value + (m.Groups[2].Success ? m.Groups[2].Value + " " : string.Empty) + Mask);
        result = FormField.Replace(result, Mask);
        result = JsonField.Replace(result, m => m.Groups[1].Value + "\"" + Mask + "\"");
        return result;
    }

    private static string MaskValue(string text, string value)
    {
        var result = text.Replace(value, Mask);
        var escaped = Uri.EscapeDataString(value);
        return escaped == value ? result : result.Replace(escaped, Mask);
    }
}
