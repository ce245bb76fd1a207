using System.Diagnostics;
using System.Net.Http;
using System.Net.Security;

namespace MsxPowerShell.Client;

/// <summary>What <see cref="ConnectionProbe"/> found: one property per check, never an exception.</summary>
public sealed class MsxConnectionTestResult
{
    public Uri? Server { get; set; }

    /// <summary>The server answered HTTP at all.</summary>
    public bool Reachable { get; set; }

    /// <summary>
    /// The certificate is trusted. Null when not checked: plain http, no answer, or a skipped check (see
    /// <see cref="TlsCheck"/>).
    /// </summary>
    public bool? TlsValid { get; set; }

    /// <summary>What became of the TLS check: Passed, Failed, Skipped (certificate checks are off), NotRun.</summary>
    public MsxCheckState TlsCheck { get; set; }

    /// <summary>Why the certificate is not trusted, or why its check was skipped.</summary>
    public string? TlsError { get; set; }

    public string? CertificateSubject { get; set; }

    public DateTime? CertificateExpiresOn { get; set; }

    /// <summary>A token could be obtained, or the session's token is (still, or after renewal) valid. Null when not checked.</summary>
    public bool? TokenValid { get; set; }

    public DateTimeOffset? TokenExpiresOn { get; set; }

    /// <summary>Milliseconds from sending the probe request to its response headers.</summary>
    public double? TimeToFirstByteMs { get; set; }

    /// <summary>The HTTP status of the probe (an MSX API without a token answers 401).</summary>
    public int? StatusCode { get; set; }

    /// <summary>What failed, in words (secrets masked).</summary>
    public string? Error { get; set; }

    /// <summary>True when every check that ran passed (a skipped check does not fail it).</summary>
    public bool Passed => Reachable && TlsCheck != MsxCheckState.Failed && TokenValid != false && Error is null;

    public DateTimeOffset CheckedOn { get; set; } = DateTimeOffset.Now;
}

/// <summary>The outcome of one check of <see cref="MsxConnectionTestResult"/>.</summary>
public enum MsxCheckState
{
    /// <summary>Not checked: plain http, or the server did not answer.</summary>
    NotRun,

    Passed,

    Failed,

    /// <summary>Not counted: the session (or -SkipCertificateCheck) accepts any certificate.</summary>
    Skipped,
}

/// <summary>
/// Checks a server without a token: is it reachable, is its certificate trusted, how long until the first
/// byte. The probe sends no secret, so it may complete a handshake with an untrusted certificate in order
/// to report on it; the sessions themselves never do.
/// </summary>
public static class ConnectionProbe
{
    private const string ProbePath = "idm/api/v8/users/current";

    public static async Task ProbeAsync(MsxConnectionTestResult result, MsxClientOptions options, CancellationToken cancellationToken)
    {
        result.Server = options.Server;
        SslPolicyErrors? policyErrors = null;
        string? sessionTrust = null;
        var certificatePolicy = ServerCertificatePolicy.For(options);
        using var handler = HttpHandlerFactory.Create(options);
        // The probe sends no secret, so it may finish a handshake with an untrusted certificate to report on it.
        handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
        {
            policyErrors = errors;
            if (certificate is not null)
            {
                result.CertificateSubject = certificate.Subject;
                result.CertificateExpiresOn = certificate.NotAfter.ToUniversalTime();
            }

            // The session's own extra trust (-CertificateAuthorityFile, -CertificateThumbprint) judges as the session would.
            if (certificatePolicy is not null && errors != SslPolicyErrors.None)
            {
                sessionTrust = certificatePolicy.Accepts(certificate, errors, out var reason) ? string.Empty : reason;
            }

            return true;
        };

        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSec));
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, RequestUri.Build(options.Server, ProbePath, SecretRedactor.Shared));
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            result.TimeToFirstByteMs = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 1);
            result.StatusCode = (int)response.StatusCode;
            result.Reachable = true;
            if ((int)response.StatusCode >= 500)
            {
                result.Error = $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result.Error = $"No answer within {options.TimeoutSec} s.";
        }
        catch (HttpRequestException ex)
        {
            result.Error = SecretRedactor.Shared.Redact(HttpPipeline.DescribeFailure(ex)) + ".";
        }

        if (options.Server.Scheme == Uri.UriSchemeHttps && policyErrors is { } errors)
        {
            RecordTls(result, errors, options.SkipCertificateCheck, sessionTrust);
        }
    }

    private static void RecordTls(MsxConnectionTestResult result, SslPolicyErrors errors, bool certificateChecksOff, string? sessionTrust)
    {
        if (errors == SslPolicyErrors.None || sessionTrust is { Length: 0 })
        {
            result.TlsCheck = MsxCheckState.Passed;
            result.TlsValid = true;
            return;
        }

        if (sessionTrust is not null)
        {
            result.TlsCheck = MsxCheckState.Failed;
            result.TlsValid = false;
            result.TlsError = $"{errors}; not trusted by the session's certificate authority file or thumbprint either: {sessionTrust}";
            return;
        }

        if (certificateChecksOff)
        {
            // The session accepts this certificate on purpose, as the check kit's AllowUntrustedCertificate does:
            // report it as skipped, not as a failure, and still say what is wrong with it.
            result.TlsCheck = MsxCheckState.Skipped;
            result.TlsValid = null;
            result.TlsError = $"Skipped: certificate checks are off (-SkipCertificateCheck); the certificate {result.CertificateSubject} is not trusted ({errors}).";
            return;
        }

        result.TlsCheck = MsxCheckState.Failed;
        result.TlsValid = false;
        result.TlsError = errors.ToString();
    }
}
