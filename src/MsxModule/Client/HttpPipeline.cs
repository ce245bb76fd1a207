using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

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

    public HttpPipeline(MsxClientOptions options, SecretRedactor redactor)
    {
        _options = options;
        _redactor = redactor;
        _retry = new RetryPolicy(options.MaximumRetryCount, options.RetryIntervalSec);
        _http = new HttpClient(CreateHandler(options), disposeHandler: true)
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

    public Uri Resolve(string relativePath) => new(_options.Server, relativePath);

    /// <summary>
    /// Sends the request made by <paramref name="createRequest"/> (called again for each attempt).
    /// Returns the response of the last attempt, successful or not; throws <see cref="MsxApiException"/>
    /// when no answer came (timeout, connection, certificate).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, bool retryable, CancellationToken cancellationToken, RequestAttempts? attempts = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attempts is not null)
            {
                attempts.Count = attempt + 1;
            }

            using var request = createRequest();
            // Redacting costs regular expressions: only build the label when a line or an error needs it.
            string? labelText = null;
            string Label() => labelText ??= request.Method + " " + _redactor.Redact(request.RequestUri?.ToString());
            LogRequestDetail(request);
            var stopwatch = Stopwatch.StartNew();
            HttpResponseMessage response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSec));
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    MsxDiagnostics.Verbose($"{Label()} timed out after {_options.TimeoutSec} s");
                    throw new MsxApiException(
                        MsxErrorKind.Timeout,
                        $"{Label()} did not answer within {_options.TimeoutSec} s (the session's TimeoutSec).",
                        ex)
                    { Request = Label() };
                }
                catch (HttpRequestException ex)
                {
                    var failure = _redactor.Redact(DescribeFailure(ex));
                    if (IsCertificateFailure(ex))
                    {
                        throw new MsxApiException(
                            MsxErrorKind.CertificateInvalid,
                            $"The certificate of {_options.Server.GetLeftPart(UriPartial.Authority)} is not trusted ({failure}). Install a trusted certificate on the server, or use -SkipCertificateCheck for a test server only.",
                            ex)
                        { Request = Label() };
                    }

                    if (retryable && attempt < _retry.MaximumRetryCount)
                    {
                        var wait = _retry.Delay(attempt + 1, null);
                        MsxDiagnostics.Verbose($"{Label()} failed: {failure}; retry {attempt + 1} of {_retry.MaximumRetryCount} in {Seconds(wait)} s");
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    MsxDiagnostics.Verbose($"{Label()} failed: {failure}");
                    throw new MsxApiException(
                        MsxErrorKind.ConnectionFailed,
                        $"{Label()} failed: {failure}.",
                        ex)
                    { Request = Label() };
                }
            }

            stopwatch.Stop();
            var status = (int)response.StatusCode;
            var logging = MsxDiagnostics.IsEnabled;
            if (retryable && RetryPolicy.IsTransient(response.StatusCode) && attempt < _retry.MaximumRetryCount)
            {
                var wait = _retry.Delay(attempt + 1, response);
                MsxDiagnostics.Verbose($"{Label()} -> {status} {response.ReasonPhrase} ({stopwatch.ElapsedMilliseconds} ms); retry {attempt + 1} of {_retry.MaximumRetryCount} in {Seconds(wait)} s");
                response.Dispose();
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (logging)
            {
                MsxDiagnostics.Verbose($"{Label()} -> {status} {response.ReasonPhrase} ({stopwatch.ElapsedMilliseconds} ms)");
            }

            return response;
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpClientHandler CreateHandler(MsxClientOptions options)
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

        if (options.Proxy is not null)
        {
            handler.Proxy = options.Proxy;
            handler.UseProxy = true;
        }

        if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            // Windows PowerShell 5.1 may default to TLS 1.0; ask for TLS 1.2 and 1.3 on this handler.
            handler.SslProtocols = SslProtocols.Tls12 | (SslProtocols)12288;
        }

        return handler;
    }

    private static bool IsCertificateFailure(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException)
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

    private void LogRequestDetail(HttpRequestMessage request)
    {
        if (!MsxDiagnostics.IsEnabled)
        {
            return;
        }

        var auth = request.Headers.Authorization is { } a ? $" Authorization: {a.Scheme} {SecretRedactor.Mask}" : string.Empty;
        MsxDiagnostics.Debug($"{request.Method} {_redactor.Redact(request.RequestUri?.ToString())}{auth}");
    }

    private static string Seconds(TimeSpan wait) => wait.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>How many times a request was sent: a retried DELETE that meets 404 was done by a lost attempt.</summary>
internal sealed class RequestAttempts
{
    public int Count { get; set; }
}
