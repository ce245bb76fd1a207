using System;
using System.Net;
using System.Net.Http;

namespace MsxPowerShell.Client;

/// <summary>How a session talks to its server. Fixed when the session is made.</summary>
public sealed class MsxClientOptions
{
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

    /// <summary>A proxy to use instead of the system/environment one.</summary>
    public IWebProxy? Proxy { get; init; }

    /// <summary>The time source for token lifetimes and renewal (a test seam; the system clock by default).</summary>
    public Func<DateTimeOffset> Clock { get; init; } = static () => DateTimeOffset.UtcNow;

    /// <summary>
    /// The handler under the session's HttpClient (a test seam). When null the session builds its own with
    /// the TLS, certificate and proxy settings above; a handler given here is used as it is and disposed
    /// with the session.
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Checks a server address and returns it as the host root with a trailing slash.</summary>
    public static Uri NormalizeServer(Uri server)
    {
        if (server is null)
        {
            throw new ArgumentNullException(nameof(server));
        }

        if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The server '{server}' is not an absolute http or https address, such as https://msx.example.com.", nameof(server));
        }

        if (!string.IsNullOrEmpty(server.Query) || !string.IsNullOrEmpty(server.Fragment))
        {
            throw new ArgumentException($"The server '{server}' has a query or fragment; give only the host root, such as https://msx.example.com.", nameof(server));
        }

        var text = server.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
    }
}
