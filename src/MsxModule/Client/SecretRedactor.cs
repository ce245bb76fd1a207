using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace MsxPowerShell.Client;

/// <summary>
/// The one owner of a session's secrets, and the one place that masks them in any text that may reach a log,
/// an error message or an exception: by pattern (Authorization headers, password/secret/token fields in form
/// or JSON bodies) and by value (the exact secrets the session holds, wherever they appear: as they are,
/// URL-encoded, or JSON-escaped in any mix of <c>\"</c>, <c>\\</c>, <c>\/</c>, <c>\n</c> … and <c>\uXXXX</c>).
/// </summary>
/// <remarks>
/// Each secret is read once, when it is added (a SecureString is decrypted then, so the caller may dispose
/// its own at once), into a character buffer that this redactor owns: pinned, so that the garbage collector
/// never leaves a copy behind, and zeroed when the secret is dropped (a replaced token) or the redactor is
/// cleared. Redaction compares text with those buffers and never decrypts anything, so a busy session does
/// not spread plain-text copies of its password over the heap on every log line. Tokens live in named slots
/// (<see cref="ReplaceSecrets"/>): a renewal replaces the slot's values, so the set does not grow.
/// <para>
/// How long a session's secrets are held, decided for redaction to stay safe: each session has its own
/// redactor, and it keeps its secrets after Disconnect-MsxSession, for as long as anything can still reach
/// the session. Work still running in another runspace or a -ThrottleLimit worker, a renewal in flight, and
/// the objects read through the session (a workflow target's properties, an error record) all redact with
/// it after the disconnect; zeroing the secrets at Disconnect would let such a late error or view print a
/// password or token by value. When nothing reaches the session any more, the garbage collector collects
/// the redactor and each secret's finalizer zeroes and unpins its buffers, so connecting and disconnecting
/// many sessions leaves no secret (and no pinned buffer) behind. No secret is held process-wide:
/// <see cref="Shared"/> masks by pattern only, a session masks by value only the secrets it was given
/// (as it always has), and a process-wide set would grow with every token of every session.
/// </para>
/// </remarks>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Shorter values are not masked by value: they would mask ordinary words.</summary>
    public const int MinimumLength = 4;

    private static readonly Regex AuthorizationHeader = new(
        @"(Authorization\s*[:=]\s*)(Basic|Bearer)?\s*[^\s,;""']+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex FormField = new(
        @"(?<=(?:^|[?&\s])(?:password|client_secret|access_token|refresh_token|id_token|token)=)[^&\s]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>A JSON string member whose name looks secret (see <see cref="SecretNames"/>), at any depth of the text.</summary>
    private static readonly Regex JsonField = new(
        @"(""(?<name>(?:[^""\\]|\\.){1,128})""\s*:\s*)""(?:[^""\\]|\\.)*""",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private readonly object _gate = new();
    private readonly List<Secret> _unnamed = new();
    private readonly Dictionary<string, List<Secret>> _slots = new(StringComparer.Ordinal);

    // Every secret of both kinds, longest first so that a secret that contains another is masked whole.
    private Secret[] _all = Array.Empty<Secret>();

    /// <summary>The pattern-only redactor, for text that no session owns.</summary>
    public static SecretRedactor Shared { get; } = new();

    /// <summary>How many secret values are held (for tests: renewals must not make it grow).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _all.Length;
            }
        }
    }

    /// <summary>Adds a secret value to mask for the rest of the session; a value already held is not added again.</summary>
    public void AddSecret(string? value)
    {
        if (value is null || value.Length < MinimumLength)
        {
            return;
        }

        AddUnnamed(value.ToCharArray());
    }

    /// <summary>
    /// Adds a secret given as a SecureString. It is read now, into a buffer this redactor owns: the caller
    /// may dispose its own SecureString afterwards.
    /// </summary>
    public void AddSecret(SecureString? value)
    {
        if (value is null || value.Length < MinimumLength)
        {
            return;
        }

        AddUnnamed(Read(value));
    }

    /// <summary>
    /// Sets the values of a named slot (the session's current tokens): the values it held before are dropped
    /// and their buffers zeroed, so a renewal replaces its tokens instead of adding to them.
    /// </summary>
    public void ReplaceSecrets(string slot, params string?[] values)
    {
        var fresh = new List<Secret>();
        foreach (var value in values)
        {
            if (value is not null && value.Length >= MinimumLength && !fresh.Exists(s => s.Equals(value)))
            {
                fresh.Add(new Secret(value.ToCharArray()));
            }
        }

        lock (_gate)
        {
            if (_slots.TryGetValue(slot, out var old))
            {
                foreach (var secret in old)
                {
                    secret.Clear();
                }
            }

            _slots[slot] = fresh;
            Rebuild();
        }
    }

    /// <summary>Whether <paramref name="value"/> is exactly one of the secrets held.</summary>
    public bool IsSecret(string? value)
    {
        if (value is null || value.Length < MinimumLength)
        {
            return false;
        }

        lock (_gate)
        {
            foreach (var secret in _all)
            {
                if (secret.Equals(value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Drops every secret and zeroes its buffer (the session is over).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var secret in _all)
            {
                secret.Clear();
            }

            _unnamed.Clear();
            _slots.Clear();
            _all = Array.Empty<Secret>();
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        string result;
        lock (_gate)
        {
            // Under the lock: a replaced token's buffer is zeroed under it too.
            result = _all.Length == 0 ? text! : MaskValues(text!, _all);
        }

        result = AuthorizationHeader.Replace(result, m => m.Groups[1].Value + (m.Groups[2].Success ? m.Groups[2].Value + " " : string.Empty) + Mask);
        result = FormField.Replace(result, Mask);
        result = JsonField.Replace(result, m => SecretNames.IsSecret(Unescape(m.Groups["name"].Value)) ? m.Groups[1].Value + "\"" + Mask + "\"" : m.Value);
        return result;
    }

    private void AddUnnamed(char[] value)
    {
        lock (_gate)
        {
            foreach (var held in _unnamed)
            {
                if (held.Equals(value))
                {
                    Array.Clear(value, 0, value.Length);
                    return;
                }
            }

            _unnamed.Add(new Secret(value));
            Rebuild();
        }
    }

    private void Rebuild()
    {
        // A value held twice (a token in two slots) is matched once.
        var all = new List<Secret>(_unnamed);
        foreach (var slot in _slots.Values)
        {
            all.AddRange(slot.FindAll(s => !all.Exists(held => held.Equals(s))));
        }

        all.Sort((a, b) => b.Length.CompareTo(a.Length));
        _all = all.ToArray();
    }

    /// <summary>One pass over the text: at each place, the longest secret that starts there in any of its forms is masked.</summary>
    private static string MaskValues(string text, Secret[] secrets)
    {
        StringBuilder? masked = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            var length = 0;
            foreach (var secret in secrets)
            {
                length = secret.MatchAt(text, i);
                if (length > 0)
                {
                    break;
                }
            }

            if (length == 0)
            {
                i++;
                continue;
            }

            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, i - copied).Append(Mask);
            i += length;
            copied = i;
        }

        return masked is null ? text : masked.Append(text, copied, text.Length - copied).ToString();
    }

    private static char[] Read(SecureString secret)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            var value = new char[secret.Length];
            Marshal.Copy(pointer, value, 0, value.Length);
            return value;
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }

    private static string Unescape(string jsonText)
    {
        if (jsonText.IndexOf('\\') < 0)
        {
            return jsonText;
        }

        var decoded = new StringBuilder(jsonText.Length);
        for (var i = 0; i < jsonText.Length; i++)
        {
            var consumed = JsonEscape.Decode(jsonText, i, out var c);
            decoded.Append(consumed > 0 ? c : jsonText[i]);
            i += Math.Max(consumed, 1) - 1;
        }

        return decoded.ToString();
    }

    /// <summary>One secret: its characters and its URL-encoded form, in pinned buffers zeroed on <see cref="Clear"/>.</summary>
    private sealed class Secret
    {
        private readonly char[] _value;
        private readonly char[] _urlEncoded;
        private GCHandle _valueHandle;
        private GCHandle _urlHandle;

        public Secret(char[] value)
        {
            _value = value;
            _valueHandle = GCHandle.Alloc(_value, GCHandleType.Pinned);
            _urlEncoded = UrlEncode(value);
            _urlHandle = GCHandle.Alloc(_urlEncoded, GCHandleType.Pinned);
        }

        /// <summary>
        /// A secret whose redactor was collected without <see cref="SecretRedactor.Clear"/> (the usual end of a
        /// session) is zeroed and unpinned here: a pinned handle is a root, so without this its buffers would
        /// stay in memory, readable, for the life of the process.
        /// </summary>
        ~Secret() => Clear();

        public int Length => _value.Length;

        public bool Equals(string value) => value.Length == _value.Length && StartsWith(value, 0, _value);

        public bool Equals(Secret other) => Equals(other._value);

        public bool Equals(char[] value)
        {
            if (value.Length != _value.Length)
            {
                return false;
            }

            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] != _value[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>How many characters of <paramref name="text"/> from <paramref name="start"/> are this secret (0: none).</summary>
        public int MatchAt(string text, int start)
        {
            if (_value.Length == 0)
            {
                return 0;
            }

            // The longest form wins: a JSON-escaped secret ending in a backslash must not leave half its escape.
            var c = text[start];
            var length = c == '\\' || c == _value[0] ? MatchEscaped(text, start) : 0;
            if (c == _value[0] && _value.Length > length && StartsWith(text, start, _value))
            {
                length = _value.Length;
            }

            if (_urlEncoded.Length > length && c == _urlEncoded[0] && StartsWith(text, start, _urlEncoded))
            {
                length = _urlEncoded.Length;
            }

            return length;
        }

        public void Clear()
        {
            Array.Clear(_value, 0, _value.Length);
            Array.Clear(_urlEncoded, 0, _urlEncoded.Length);
            if (_valueHandle.IsAllocated)
            {
                _valueHandle.Free();
            }

            if (_urlHandle.IsAllocated)
            {
                _urlHandle.Free();
            }
        }

        /// <summary>
        /// The secret as JSON may write it: each character as it is or as any escape that decodes to it. An escape
        /// is tried first, so that <c>\\</c> reads as one backslash of the secret.
        /// </summary>
        private int MatchEscaped(string text, int start)
        {
            var position = start;
            foreach (var expected in _value)
            {
                if (position >= text.Length)
                {
                    return 0;
                }

                var consumed = JsonEscape.Decode(text, position, out var decoded);
                if (consumed > 0 && decoded == expected)
                {
                    position += consumed;
                }
                else if (text[position] == expected)
                {
                    position++;
                }
                else
                {
                    return 0;
                }
            }

            return position - start;
        }

        private static bool StartsWith(string text, int start, char[] value)
        {
            if (text.Length - start < value.Length)
            {
                return false;
            }

            for (var i = 0; i < value.Length; i++)
            {
                if (text[start + i] != value[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static char[] UrlEncode(char[] value)
        {
            // The form encoding of TokenEndpoint (Uri.EscapeDataString): unreserved ASCII as is, the rest as %XX of UTF-8.
            var bytes = Encoding.UTF8.GetBytes(value);
            var encoded = new List<char>(bytes.Length * 3);
            foreach (var b in bytes)
            {
                var c = (char)b;
                if (b < 0x80 && (char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '~'))
                {
                    encoded.Add(c);
                }
                else
                {
                    encoded.Add('%');
                    encoded.Add("0123456789ABCDEF"[b >> 4]);
                    encoded.Add("0123456789ABCDEF"[b & 0xF]);
                }
            }

            Array.Clear(bytes, 0, bytes.Length);
            var result = encoded.ToArray();
            for (var i = 0; i < encoded.Count; i++)
            {
                encoded[i] = '\0';
            }

            return result;
        }
    }
}

/// <summary>The escapes of a JSON string (RFC 8259 section 7).</summary>
internal static class JsonEscape
{
    /// <summary>The length of the escape at <paramref name="index"/> (0: none) and the character it stands for.</summary>
    public static int Decode(string text, int index, out char decoded)
    {
        decoded = '\0';
        if (text[index] != '\\' || index + 1 >= text.Length)
        {
            return 0;
        }

        switch (text[index + 1])
        {
            case '"': decoded = '"'; return 2;
            case '\\': decoded = '\\'; return 2;
            case '/': decoded = '/'; return 2;
            case 'b': decoded = '\b'; return 2;
            case 'f': decoded = '\f'; return 2;
            case 'n': decoded = '\n'; return 2;
            case 'r': decoded = '\r'; return 2;
            case 't': decoded = '\t'; return 2;
            case 'u' when index + 5 < text.Length:
                var code = 0;
                for (var i = index + 2; i < index + 6; i++)
                {
                    var digit = HexValue(text[i]);
                    if (digit < 0)
                    {
                        return 0;
                    }

                    code = (code << 4) | digit;
                }

                decoded = (char)code;
                return 6;
            default:
                return 0;
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

/// <summary>
/// The one rule for names that hold secrets, at any depth of a JSON object or a dictionary: the name contains
/// password, passwd, pwd, secret, token, credential or passphrase, or ends with key (api_key, private_key,
/// accessKey) or pass (SNMP_V3_AUTH_PASS), without case; a name that ends with type (token_type) names a kind,
/// not a secret.
/// </summary>
public static class SecretNames
{
    public static bool IsSecret(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var key = name!.ToLowerInvariant();
        if (key.EndsWith("type", StringComparison.Ordinal))
        {
            return false;
        }

        return key.Contains("password") || key.Contains("passwd") || key.Contains("pwd") || key.Contains("secret") || key.Contains("token")
            || key.Contains("credential") || key.Contains("passphrase") || key.EndsWith("key", StringComparison.Ordinal)
            || key.EndsWith("pass", StringComparison.Ordinal);
    }
}
