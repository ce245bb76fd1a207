using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace MsxPowerShell.Client;

/// <summary>How a session talks to its server. Fixed when the session is made.</summary>
public sealed class MsxClientOptions
{
    /// <summary>The default <see cref="Clock"/>: the system's UTC time.</summary>
    public static readonly Func<DateTimeOffset> SystemClock = static () => DateTimeOffset.UtcNow;

    /// <summary>The default <see cref="Delay"/>: a real wait.</summary>
    public static readonly Func<TimeSpan, CancellationToken, Task> SystemDelay = static (wait, cancellationToken) => Task.Delay(wait, cancellationToken);

    public MsxClientOptions(Uri server)
    {
        Server = NormalizeServer(server);
    }

    /// <summary>The MSX host root, e.g. https://msx.example.com/ (paths of the spec are appended to it).</summary>
    public Uri Server { get; }

    /// <summary>Seconds one request may take before it fails with a timeout (Invoke-RestMethod's -TimeoutSec).</summary>
    public int TimeoutSec { get; init; } = 100;

    /// <summary>How many times an idempotent request is retried on 429, 502, 503, 504 or a broken connection.</summary>
    public int MaximumRetryCount { get; init; } = 3;

    /// <summary>The base wait between retries, doubled each time (with jitter) unless the server sends Retry-After.</summary>
    public double RetryIntervalSec { get; init; } = 1;

    /// <summary>Accept any server certificate, for this session only.</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>
    /// Certificates this session trusts besides the system's: a private certificate authority, or the server's
    /// own certificate (-CertificateAuthorityFile). A server certificate must chain to one of them, with its name
    /// matching the server, to be accepted when the system does not trust it.
    /// </summary>
    public X509Certificate2Collection? TrustedCertificates { get; init; }

    /// <summary>The file <see cref="TrustedCertificates"/> were read from, so that a script can make another session the same way.</summary>
    public string? CertificateAuthorityFile { get; init; }

    /// <summary>
    /// The pinned thumbprint of the server's certificate (-CertificateThumbprint): upper-case hex, SHA-1 or SHA-256.
    /// A certificate with this thumbprint is accepted for this session even when the system does not trust it.
    /// </summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>A proxy to use instead of the system/environment one.</summary>
    public IWebProxy? Proxy { get; init; }

    /// <summary>The time source for token lifetimes and renewal (a test seam; the system clock by default).</summary>
    public Func<DateTimeOffset> Clock { get; init; } = SystemClock;

    /// <summary>
    /// How the session waits: before a retry, and between the rounds of a workflow wait (a test seam that moves
    /// a manual clock instead of sleeping; <see cref="Task.Delay(TimeSpan, CancellationToken)"/> by default).
    /// </summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = SystemDelay;

    /// <summary>
    /// The handler under the session's HttpClient (a test seam). When null the session builds its own with
    /// the TLS, certificate and proxy settings above; a handler given here is used as it is and disposed
    /// with the session.
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>
    /// Checks a server address and returns it as the host root with a trailing slash. A bare host or host:port
    /// (msx.example.com, msx.example.com:8443), as Connect-VIServer takes it, means https.
    /// </summary>
    public static Uri NormalizeServer(Uri server)
    {
        if (server is null)
        {
            throw new ArgumentNullException(nameof(server));
        }

        var given = server.OriginalString;
        var address = WithScheme(server);
        if (address is null || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(address.Host))
        {
            // No paramName: .NET would append "(Parameter 'server')" to a message an administrator reads.
            throw new ArgumentException($"The server '{given}' is not a host name or an http or https address; give it as msx.example.com (https is assumed), msx.example.com:8443 or https://msx.example.com.");
        }

        if (!string.IsNullOrEmpty(address.Query) || !string.IsNullOrEmpty(address.Fragment))
        {
            throw new ArgumentException($"The server '{given}' has a query or fragment; give only the host root, such as https://msx.example.com.");
        }

        var text = address.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
    }

    /// <summary>
    /// Whether two server addresses name the same MSX: scheme, host (case-insensitive), port and base path, after
    /// <see cref="NormalizeServer"/> (so msx.example.com and https://MSX.example.com:443/ are the same server).
    /// An address that is not a server is never the same as any other.
    /// </summary>
    public static bool SameServer(Uri a, Uri b)
    {
        if (TryNormalizeServer(a) is not { } left || TryNormalizeServer(b) is not { } right)
        {
            return false;
        }

        return string.Equals(left.Scheme, right.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(left.Host, right.Host, StringComparison.OrdinalIgnoreCase)
            && left.Port == right.Port
            && string.Equals(left.AbsolutePath, right.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>The normalised server address of <paramref name="text"/>, or null when it is not one.</summary>
    public static Uri? TryNormalizeServer(string? text) =>
        string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text!.Trim(), UriKind.RelativeOrAbsolute, out var address) ? null : TryNormalizeServer(address);

    private static Uri? TryNormalizeServer(Uri address)
    {
        try
        {
            return NormalizeServer(address);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Uri? WithScheme(Uri server)
    {
        var given = server.OriginalString.Trim();
        // "msx.example.com:8443" parses as an absolute URI whose scheme is "msx.example.com": know it by its shape.
        var hostAndPort = Regex.IsMatch(given, @"^[A-Za-z0-9][A-Za-z0-9.-]*:[0-9]{1,5}(/.*)?$", RegexOptions.CultureInvariant);
        if (server.IsAbsoluteUri && !hostAndPort)
        {
            return server;
        }

        var startsWithHost = given.Length > 0 && (char.IsLetterOrDigit(given[0]) || given[0] == '[');
        return startsWithHost && Uri.TryCreate(Uri.UriSchemeHttps + Uri.SchemeDelimiter + given, UriKind.Absolute, out var address) ? address : null;
    }
}
