using System.Net;
using System.Net.Http;
using System.Security.Authentication;

namespace MsxPowerShell.Client;

/// <summary>
/// The one place an <see cref="HttpClientHandler"/> is set up from a session's options, so that the
/// sessions and Test-MsxConnection's probe never differ in TLS versions, proxy or redirects.
/// </summary>
internal static class HttpHandlerFactory
{
    /// <summary>TLS 1.3 by value: netstandard2.0's <see cref="SslProtocols"/> has no name for it.</summary>
    internal const SslProtocols Tls13 = (SslProtocols)12288;

    public static HttpClientHandler Create(MsxClientOptions options, ServerCertificatePolicy? certificatePolicy = null) => Create(options, DotNetRuntime.IsNetFramework, certificatePolicy);

    /// <param name="options">The session's options.</param>
    /// <param name="onNetFramework">Whether to apply what .NET Framework needs (a parameter so that tests on .NET can see it).</param>
    /// <param name="certificatePolicy">The session's extra trust (<see cref="ServerCertificatePolicy.For"/>), if any.</param>
    internal static HttpClientHandler Create(MsxClientOptions options, bool onNetFramework, ServerCertificatePolicy? certificatePolicy = null)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };

        if (options.SkipCertificateCheck)
        {
            // This handler only: other sessions, and the rest of the process, still verify.
            handler.ServerCertificateCustomValidationCallback = static (_, _, _, _) => true;
        }
        else if (certificatePolicy is not null)
        {
            // This handler only: the session's extra trust (a private CA, a pinned certificate), on top of the system's.
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => certificatePolicy.Validate(certificate, errors);
        }

        if (options.Proxy is not null)
        {
            handler.Proxy = options.Proxy;
            handler.UseProxy = true;
        }

        if (onNetFramework)
        {
            // Windows PowerShell 5.1 may default to TLS 1.0; ask for TLS 1.2 and 1.3 on this handler.
            try
            {
                handler.SslProtocols = SslProtocols.Tls12 | Tls13;
            }
            catch (NotSupportedException)
            {
                // .NET Framework before 4.8 knows no TLS 1.3 and refuses the whole value: TLS 1.2 alone then.
                handler.SslProtocols = SslProtocols.Tls12;
            }
        }

        return handler;
    }
}
