using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace MsxPowerShell.Client;

/// <summary>
/// Sends requests for one session over one reused <see cref="HttpClient"/>: per-request timeout,
/// retries of idempotent requests, and one redacted Verbose line per attempt.
/// </summary>
internal sealed class HttpPipeline : IDisposable
{
    private readonly HttpClient _http;
    private readonly MsxClientOptions _options;
    private readonly RetryPolicy _retry;
    private readonly SecretRedactor _redactor;
    private readonly ServerCertificatePolicy? _certificatePolicy;

    // Set once the server answered any request of this session: until then a server that cannot be reached
    // (refused, unknown host) is not tried again, so a login to it fails at once instead of after every
    // retry's wait; a connection that had worked and broke is retried.
    private volatile bool _hasAnswered;

    public HttpPipeline(MsxClientOptions options, SecretRedactor redactor)
    {
        _options = options;
        _redactor = redactor;
        _retry = new RetryPolicy(options.MaximumRetryCount, options.RetryIntervalSec, options.Clock);
        _certificatePolicy = options.Handler is null ? ServerCertificatePolicy.For(options) : null;
        _http = new HttpClient(options.Handler ?? HttpHandlerFactory.Create(options, _certificatePolicy), disposeHandler: true)
        {
            // Timeouts are applied per attempt below, so that they can be told apart from Ctrl+C.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("MsxPowerShell/" + typeof(HttpPipeline).Assembly.GetName().Version?.ToString(3));
    }

    public SecretRedactor Redactor => _redactor;

    public RetryPolicy Retry => _retry;

    public Uri Server => _options.Server;

    /// <summary>The request URI of a path relative to the server root: built only by <see cref="RequestUri"/>.</summary>
    public Uri Resolve(string relativePath) => RequestUri.Build(_options.Server, relativePath, _redactor);

    /// <summary>
    /// Sends the request made by <paramref name="createRequest"/> (called again for each attempt). This is
    /// the one place where a request is tried again: a repeatable request after 429, 502, 503, 504 or a
    /// broken connection; a request that must not be repeated blindly only after its policy has checked
    /// that the lost attempt did not take effect. Retry-After is honoured on every path. Returns the last
    /// response, successful or not, or null when the policy found that a lost attempt took effect; throws
    /// <see cref="MsxApiException"/> when no answer came (timeout, connection, certificate).
    /// </summary>
    public async Task<HttpResponseMessage?> SendAsync(Func<HttpRequestMessage> createRequest, RequestPolicy policy, CancellationToken cancellationToken, RequestAttempts? attempts = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attempts is not null)
            {
                attempts.Count = attempt + 1;
            }

            var mayRetry = attempt < _retry.MaximumRetryCount;
            using var request = createRequest();
            // Redacting costs regular expressions: only build the label when a line or an error needs it.
            string? labelText = null;
            string Label() => labelText ??= request.Method + " " + _redactor.Redact(request.RequestUri?.ToString());
            await LogRequestDetailAsync(request).ConfigureAwait(false);
            var stopwatch = Stopwatch.StartNew();
            HttpResponseMessage response;
            MsxApiException? lost = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSec));
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    _hasAnswered = true;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    MsxDiagnostics.Verbose($"{Label()} timed out after {_options.TimeoutSec} s");
                    lost = new MsxApiException(
                        MsxErrorKind.Timeout,
                        $"{Label()} did not answer within {_options.TimeoutSec} s (the session's TimeoutSec).",
                        ex)
                    { Request = Label() };
                    response = null!;
                }
                catch (HttpRequestException ex)
                {
                    var failure = _redactor.Redact(DescribeFailure(ex));
                    if (IsCertificateFailure(ex))
                    {
                        throw CertificateFailure(ex, failure, Label());
                    }

                    MsxDiagnostics.Verbose($"{Label()} failed: {failure}");
                    if (!_hasAnswered && IsConnectFailure(ex))
                    {
                        // Never reached: a refused port or an unknown host does not heal within a retry's wait.
                        throw new MsxApiException(
                            MsxErrorKind.ConnectionFailed,
                            $"{Label()} failed: {failure}. {_options.Server.GetLeftPart(UriPartial.Authority)} has not answered this session, so the request was not retried.",
                            ex)
                        { Request = Label() };
                    }

                    lost = new MsxApiException(MsxErrorKind.ConnectionFailed, $"{Label()} failed: {failure}.", ex) { Request = Label() };
                    response = null!;
                }
            }

            if (lost is not null)
            {
                // A timeout already took the session's whole TimeoutSec: only a create checks what became of it.
                var worthAnotherTry = lost.Kind != MsxErrorKind.Timeout || policy.TookEffect is not null;
                if (mayRetry && worthAnotherTry && await MayResendAfterLostAnswerAsync(policy, Label(), cancellationToken).ConfigureAwait(false) is { } resend)
                {
                    if (!resend)
                    {
                        return null;
                    }

                    await WaitAsync(attempt, null, Label(), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw lost;
            }

            stopwatch.Stop();
            await LogResponseDetailAsync(response, Label).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (mayRetry && RetryPolicy.IsTransient(response.StatusCode))
            {
                // 429 means the server refused the request, so even a create may be sent again.
                bool? resend = status == 429
                    ? (policy.MayRepeat || policy.TookEffect is not null ? true : null)
                    : await MayResendAfterLostAnswerAsync(policy, Label(), cancellationToken).ConfigureAwait(false);
                if (resend is { } again)
                {
                    using (response)
                    {
                        var answer = $"{Label()} -> {status} {response.ReasonPhrase} ({stopwatch.ElapsedMilliseconds} ms)";
                        if (!again)
                        {
                            MsxDiagnostics.Verbose(answer);
                            return null;
                        }

                        await WaitAsync(attempt, response, answer, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }
            }

            if (MsxDiagnostics.IsEnabled)
            {
                MsxDiagnostics.Verbose($"{Label()} -> {status} {response.ReasonPhrase} ({stopwatch.ElapsedMilliseconds} ms)");
            }

            return response;
        }
    }

    /// <summary>Sends a request that may be repeated or not, without lost-answer recovery.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, bool retryable, CancellationToken cancellationToken, RequestAttempts? attempts = null) =>
        (await SendAsync(createRequest, retryable ? RequestPolicy.Repeatable : RequestPolicy.Once, cancellationToken, attempts).ConfigureAwait(false))!;

    public DateTimeOffset Now => _options.Clock();

    /// <summary>
    /// After an attempt whose answer was lost: true to send again, false when the lost attempt took effect
    /// (nothing to send), null when the policy forbids another attempt.
    /// </summary>
    private static async Task<bool?> MayResendAfterLostAnswerAsync(RequestPolicy policy, string label, CancellationToken cancellationToken)
    {
        if (policy.MayRepeat)
        {
            return true;
        }

        if (policy.TookEffect is null)
        {
            return null;
        }

        MsxDiagnostics.Verbose($"The answer to {label} was lost; checking whether it took effect");
        if (await policy.TookEffect(cancellationToken).ConfigureAwait(false))
        {
            MsxDiagnostics.Verbose($"{label} took effect before its answer was lost");
            return false;
        }

        MsxDiagnostics.Verbose($"{label} did not take effect; it will be sent again");
        return true;
    }

    private async Task WaitAsync(int attempt, HttpResponseMessage? response, string label, CancellationToken cancellationToken)
    {
        var wait = _retry.Delay(attempt + 1, response);
        MsxDiagnostics.Verbose($"{label}; retry {attempt + 1} of {_retry.MaximumRetryCount} in {Seconds(wait)} s");
        await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
    }

    private MsxApiException CertificateFailure(HttpRequestException ex, string failure, string label)
    {
        var authority = _options.Server.GetLeftPart(UriPartial.Authority);
        if (_certificatePolicy?.LastRejection is { } reason)
        {
            return new MsxApiException(
                MsxErrorKind.CertificateInvalid,
                $"The certificate of {authority} is not trusted by this session: {reason}.",
                ex)
            {
                Request = label,
                Recommendation = "Check that -CertificateAuthorityFile holds the certificate authority that issued the server's certificate (or the server's own certificate), and that -CertificateThumbprint is the server's.",
            };
        }

        // A TLS handshake with a plain-HTTP port fails before any certificate is seen: skipping the check cannot help.
        return LooksLikePlainHttp(ex)
            ? new MsxApiException(
                MsxErrorKind.ConnectionFailed,
                $"{authority} did not speak TLS ({failure}); the port may serve plain HTTP. Use an http:// address for it, or the server's HTTPS port.",
                ex)
            { Request = label, Recommendation = "Check the scheme and port of -Server: this port does not answer HTTPS." }
            : new MsxApiException(
                MsxErrorKind.CertificateInvalid,
                $"The certificate of {authority} is not trusted ({failure}). Install a trusted certificate on the server, trust its certificate authority for this session with -CertificateAuthorityFile (or pin it with -CertificateThumbprint), or use -SkipCertificateCheck for a test server only.",
                ex)
            { Request = label };
    }

    private static bool LooksLikePlainHttp(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            var text = e.Message;
            if (text.IndexOf("frame size", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("corrupted frame", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("wrong version number", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("packet length too long", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("unexpected packet format", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// The server could not be reached at all (refused, unknown host, no route), as opposed to a connection that
    /// was made and then broke. .NET says so with a SocketException, .NET Framework with a WebException status.
    /// </summary>
    internal static bool IsConnectFailure(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain
                    or SocketError.NoData or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable;
            }

            if (e is WebException web)
            {
                return web.Status is WebExceptionStatus.ConnectFailure or WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ProxyNameResolutionFailure;
            }
        }

        return false;
    }

    private static bool IsCertificateFailure(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            // .NET Framework says so with a WebException (its inner exception is not always there).
            if (e is AuthenticationException || e is WebException { Status: WebExceptionStatus.TrustFailure })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An exception and its inner exceptions as one line (HttpRequestException hides the cause inside); an inner
    /// message the line already says ("Connection refused (host:port)" over "Connection refused") is left out.
    /// </summary>
    internal static string DescribeFailure(Exception ex)
    {
        var message = ex.Message.Trim();
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            var text = inner.Message.Trim();
            var core = text.TrimEnd('.');
            if (core.Length == 0 || message.IndexOf(core, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                continue;
            }

            message += " " + text;
        }

        return message.Trim().TrimEnd('.');
    }

    private async Task LogRequestDetailAsync(HttpRequestMessage request)
    {
        if (!MsxDiagnostics.IsEnabled)
        {
            return;
        }

        var auth = request.Headers.Authorization is { } a ? $" Authorization: {a.Scheme} {SecretRedactor.Mask}" : string.Empty;
        MsxDiagnostics.Debug($"{request.Method} {_redactor.Redact(request.RequestUri?.ToString())}{auth}");
        // Only a body held in memory (every body the client sends): reading a stream would consume it.
        if (request.Content is ByteArrayContent content && MsxDiagnostics.IsDebugEnabled)
        {
            var body = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var mediaType = content.Headers.ContentType?.MediaType;
            MsxDiagnostics.Debug($"Request body ({mediaType ?? "no content type"}, {body.Length} bytes):{Environment.NewLine}{DebugBody.Format(body, mediaType, _redactor)}");
        }
    }

    /// <summary>The answer's body on Debug; the content is buffered first, so the caller still reads all of it.</summary>
    private async Task LogResponseDetailAsync(HttpResponseMessage response, Func<string> label)
    {
        if (!MsxDiagnostics.IsDebugEnabled || response.Content is null)
        {
            return;
        }

        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        MsxDiagnostics.Debug($"Response body of {label()} ({(int)response.StatusCode}, {mediaType ?? "no content type"}, {body.Length} bytes):{Environment.NewLine}{DebugBody.Format(body, mediaType, _redactor)}");
    }

    private static string Seconds(TimeSpan wait) => wait.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>Whether a request may be sent again, and how to tell whether a lost attempt took effect.</summary>
internal sealed class RequestPolicy
{
    /// <summary>GET, PUT, DELETE, HEAD: sending again is harmless.</summary>
    public static readonly RequestPolicy Repeatable = new(true, null);

    /// <summary>Never sent twice (a POST with no way to tell whether it took effect).</summary>
    public static readonly RequestPolicy Once = new(false, null);

    private RequestPolicy(bool repeatable, Func<CancellationToken, Task<bool>>? tookEffect)
    {
        MayRepeat = repeatable;
        TookEffect = tookEffect;
    }

    public bool MayRepeat { get; }

    /// <summary>For a create: looks the item up after a lost answer; true when the lost attempt made it.</summary>
    public Func<CancellationToken, Task<bool>>? TookEffect { get; }

    public static RequestPolicy Recoverable(Func<CancellationToken, Task<bool>> tookEffect) => new(false, tookEffect);
}

/// <summary>How many times a request was sent: a retried DELETE that meets 404 was done by a lost attempt.</summary>
internal sealed class RequestAttempts
{
    public int Count { get; set; }
}
