using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MsxPowerShell.Client;

/// <summary>
/// The one builder of request URIs: the session's scheme, host and port, then a path that can never carry an
/// authority. Text that .NET's <see cref="Uri"/> would read as another server (a leading backslash or "//",
/// whitespace or control characters before them, another scheme, userinfo) is refused before anything is
/// sent, and the built URI is checked once more: its scheme, host and port must be the session's, and its
/// path must lie under the server's base path. Refusals are <see cref="MsxApiException"/>s with the ErrorIds
/// MsxInvalidPath and MsxForeignServer, never a .NET exception. Item paths get their id segment from
/// <see cref="Segment"/>, which refuses any id that would add, remove or change a path segment.
/// </summary>
internal static class RequestUri
{
    public const string InvalidPathId = "MsxInvalidPath";
    public const string ForeignServerId = "MsxForeignServer";

    // A scheme as RFC 3986 writes it: a letter, then letters, digits, '+', '-', '.', then ':'.
    private static readonly Regex SchemePrefix = new("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant);

    /// <summary>
    /// The absolute URI of <paramref name="pathAndQuery"/> (relative to <paramref name="server"/>'s root, with or
    /// without a leading '/') on the session's server. Throws MsxInvalidPath or MsxForeignServer.
    /// </summary>
    public static Uri Build(Uri server, string pathAndQuery, SecretRedactor redactor)
    {
        var relative = CheckRelative(pathAndQuery, redactor);
        return Verify(server, server.AbsoluteUri + relative, pathAndQuery, redactor);
    }

    /// <summary>
    /// A path relative to the server root for what a user gave: a path (<c>/idm/api/v8/tenants</c>) or an
    /// absolute http(s) URL on the session's own server. Anything else is refused, nothing sent.
    /// </summary>
    public static string ToServerPath(Uri server, string pathOrUrl, SecretRedactor redactor)
    {
        if (pathOrUrl is null || pathOrUrl.Trim().Length == 0)
        {
            throw Invalid("The path is blank; give one such as /idm/api/v8/tenants (a blank path would read the server's root).", pathOrUrl);
        }

        if (!SchemePrefix.IsMatch(pathOrUrl))
        {
            var relative = CheckRelative(pathOrUrl, redactor);
            Verify(server, server.AbsoluteUri + relative, pathOrUrl, redactor);
            return relative;
        }

        // An absolute URL: only http(s) on the session's own server, with its path under the server's base path.
        if (!Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute)
            || (absolute.Scheme != Uri.UriSchemeHttp && absolute.Scheme != Uri.UriSchemeHttps))
        {
            var scheme = pathOrUrl.Substring(0, pathOrUrl.IndexOf(':'));
            throw Foreign($"'{Show(pathOrUrl, redactor)}' is a '{Show(scheme, redactor)}:' address, not a path on the session's server {server}", pathOrUrl);
        }

        if (!SameServer(server, absolute) || !absolute.AbsolutePath.StartsWith(server.AbsolutePath, StringComparison.Ordinal))
        {
            throw Foreign($"'{Show(LeftPart(absolute), redactor)}' is not on the session's server {server}", pathOrUrl);
        }

        if (absolute.Fragment.Length > 0)
        {
            throw Invalid($"The address '{Show(pathOrUrl, redactor)}' has a fragment ('#'), which is never sent to a server; leave it out, or escape a '#' that belongs to a value as %23.", pathOrUrl);
        }

        // The parsed URL's own path and query, checked again as any relative path is.
        return ToServerPath(server, absolute.PathAndQuery.Substring(server.AbsolutePath.Length), redactor);
    }

    /// <summary>
    /// An id as one path segment: escaped so that '/', '?', '#', '%' and the like stay inside the segment.
    /// Null when the id would add, remove or change a segment (blank, '.', '..', or holding '/' or '\', which
    /// servers read as separators); <paramref name="problem"/> then says why.
    /// </summary>
    public static string? Segment(string? id, out string problem)
    {
        problem = string.Empty;
        if (id is null || id.Trim().Length == 0)
        {
            problem = "is blank (it would name the collection itself)";
            return null;
        }

        if (id == "." || id == "..")
        {
            problem = $"is '{id}', which a URL reads as {(id == "." ? "the collection itself" : "the collection's parent")}";
            return null;
        }

        if (id.IndexOf('/') >= 0 || id.IndexOf('\\') >= 0)
        {
            problem = "holds a '/' or '\\', which would split it into more than one path segment";
            return null;
        }

        if (HasControl(id))
        {
            problem = "holds a control character";
            return null;
        }

        var escaped = Uri.EscapeDataString(id);

        // The check that matters, whatever the rules above miss: on a URI the escaped id is one segment that
        // reads back as the id itself.
        if (!Uri.TryCreate("http://localhost/c/" + escaped + "/t", UriKind.Absolute, out var probe)
            || probe.Segments.Length != 4
            || !string.Equals(Uri.UnescapeDataString(probe.Segments[2].TrimEnd('/')), id, StringComparison.Ordinal))
        {
            problem = "would not stay one path segment of a URL";
            return null;
        }

        return escaped;
    }

    /// <summary>Text for a message: control characters shown as \uXXXX, secrets masked.</summary>
    internal static string Show(string? text, SecretRedactor redactor)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var shown = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                shown.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                shown.Append(c);
            }
        }

        return redactor.Redact(shown.ToString());
    }

    /// <summary>
    /// Checks a relative path-and-query and answers it without leading slashes, other characters escaped as a
    /// URI needs them (UTF-8), or throws MsxInvalidPath.
    /// </summary>
    private static string CheckRelative(string? text, SecretRedactor redactor)
    {
        if (text is null || text.Trim().Length == 0)
        {
            throw Invalid("The path is blank; give one such as /idm/api/v8/tenants (a blank path would read the server's root).", text);
        }

        // Checked without the leading slashes, as the path is used: "/evil:x" must not become "evil:x", a scheme.
        var stripped = text.TrimStart('/');
        if (SchemePrefix.IsMatch(stripped))
        {
            throw Invalid($"The path '{Show(text, redactor)}' starts like a URL scheme ('{Show(stripped.Substring(0, stripped.IndexOf(':') + 1), redactor)}'); give a path on the session's server.", text);
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                throw Invalid($"The path '{Show(text, redactor)}' holds whitespace or a control character; escape a blank as %20, or give values with -Query.", text);
            }

            if (c == '\\')
            {
                throw Invalid($"The path '{Show(text, redactor)}' holds a backslash, which .NET reads as '/'; use '/' between segments, or escape a backslash that belongs to a value as %5C.", text);
            }

            if (c == '#')
            {
                throw Invalid($"The path '{Show(text, redactor)}' has a fragment ('#'), which is never sent to a server; escape a '#' that belongs to a value as %23.", text);
            }
        }

        var query = text.IndexOf('?');
        var path = (query < 0 ? text : text.Substring(0, query)).TrimStart('/');
        if (path.Length == 0)
        {
            throw Invalid($"The path '{Show(text, redactor)}' names no endpoint, only the server's root; give one such as /idm/api/v8/tenants.", text);
        }

        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '%')
            {
                if (i + 2 >= path.Length || !IsHex(path[i + 1]) || !IsHex(path[i + 2]))
                {
                    throw Invalid($"The path '{Show(text, redactor)}' has a '%' that does not start an escape such as %20; write a '%' that belongs to a value as %25.", text);
                }

                escaped.Append(c);
            }
            else if (IsPathCharacter(c))
            {
                escaped.Append(c);
            }
            else if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= path.Length || !char.IsLowSurrogate(path[i + 1]))
                {
                    throw Invalid($"The path '{Show(text, redactor)}' holds a broken UTF-16 surrogate.", text);
                }

                escaped.Append(Uri.EscapeDataString(path.Substring(i, 2)));
                i++;
            }
            else
            {
                // Anything else (a look-alike such as the fullwidth solidus, a quote) is data: escaped, never a separator.
                escaped.Append(Uri.EscapeDataString(c.ToString()));
            }
        }

        foreach (var segment in escaped.ToString().Split('/'))
        {
            var plain = Uri.UnescapeDataString(segment);
            if (plain == "." || plain == "..")
            {
                throw Invalid($"The path '{Show(text, redactor)}' has a '{plain}' segment, which .NET collapses into another path; give the path without it.", text);
            }
        }

        return query < 0 ? escaped.ToString() : escaped + text.Substring(query);
    }

    /// <summary>Parses the built text and checks that it is on the session's server, under its base path.</summary>
    private static Uri Verify(Uri server, string text, string given, SecretRedactor redactor)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw Invalid($"The path '{Show(given, redactor)}' does not make a valid URL on the session's server {server}.", given);
        }

        if (!SameServer(server, uri) || !uri.AbsolutePath.StartsWith(server.AbsolutePath, StringComparison.Ordinal) || uri.Fragment.Length > 0)
        {
            throw Foreign($"The path '{Show(given, redactor)}' would leave the session's server {server} (it became {Show(LeftPart(uri), redactor)})", given);
        }

        return uri;
    }

    private static bool SameServer(Uri server, Uri uri)
    {
        try
        {
            return string.Equals(uri.Scheme, server.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(uri.Host, server.Host, StringComparison.OrdinalIgnoreCase)
                && string.Equals(uri.IdnHost, server.IdnHost, StringComparison.OrdinalIgnoreCase)
                && uri.Port == server.Port
                && uri.UserInfo.Length == 0;
        }
        catch (UriFormatException)
        {
            // A host that parses but that IDN refuses (a fullwidth '@' in it, say) is no host of the session's.
            return false;
        }
    }

    /// <summary>The address up to its path, for a message; the text as given when .NET cannot print it.</summary>
    private static string LeftPart(Uri uri)
    {
        try
        {
            return uri.GetLeftPart(UriPartial.Path);
        }
        catch (UriFormatException)
        {
            return uri.OriginalString;
        }
    }

    // RFC 3986 pchar (unreserved, sub-delims, ':' and '@') and '/'; '%' is checked on its own.
    private static bool IsPathCharacter(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c is '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@' or '/';

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static MsxApiException Invalid(string message, string? target) =>
        new(MsxErrorKind.InvalidPath, message + " Nothing was sent.") { ErrorId = InvalidPathId, Target = target };

    private static MsxApiException Foreign(string message, string? target) =>
        new(MsxErrorKind.ForeignServer, message + "; the session's token is sent nowhere else, so nothing was sent.")
        {
            ErrorId = ForeignServerId,
            Target = target,
            Recommendation = MsxErrorCatalog.ForeignPath,
        };
}
