using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MsxPowerShell.Client;

/// <summary>Turns responses into models or into <see cref="MsxApiException"/>s that name the cause.</summary>
internal static class ResponseReader
{
    private const int MaximumBodyInError = 2000;

    /// <summary>Reads a JSON body straight from the stream; anything but the expected JSON is an InvalidResponse.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, Func<string> describe, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
        {
            // Built from redacted text only: a proxy page may echo the request, token included.
            var body = redactor.Redact(await ReadTextAsync(response).ConfigureAwait(false));
            throw new MsxApiException(
                MsxErrorKind.InvalidResponse,
                $"{describe()} answered {(int)response.StatusCode} with '{mediaType}' instead of JSON: {Summarize(body)}")
            { StatusCode = response.StatusCode, Request = describe(), ResponseBody = Shorten(body) };
        }

        try
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var value = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
            return value ?? throw new MsxApiException(MsxErrorKind.InvalidResponse, $"{describe()} answered {(int)response.StatusCode} with an empty JSON value.")
            {
                StatusCode = response.StatusCode,
                Request = describe(),
            };
        }
        catch (JsonException ex)
        {
            throw new MsxApiException(
                MsxErrorKind.InvalidResponse,
                $"{describe()} answered {(int)response.StatusCode} with JSON that could not be read ({ex.Message}); the answer may be truncated or not from MSX.",
                ex)
            { StatusCode = response.StatusCode, Request = describe() };
        }
        catch (IOException ex)
        {
            throw new MsxApiException(
                MsxErrorKind.InvalidResponse,
                $"{describe()}: the connection broke while the answer was read ({ex.Message}).",
                ex)
            { StatusCode = response.StatusCode, Request = describe() };
        }
        catch (HttpRequestException ex)
        {
            throw new MsxApiException(
                MsxErrorKind.InvalidResponse,
                $"{describe()}: the connection broke while the answer was read ({ex.Message}).",
                ex)
            { StatusCode = response.StatusCode, Request = describe() };
        }
    }

    /// <summary>Builds the exception for a failed v8 API call (<c>Error</c> body) or token call (RFC 6749 body).</summary>
    public static async Task<MsxApiException> ReadFailureAsync(HttpResponseMessage response, string label, Uri server, SecretRedactor redactor, bool tokenEndpoint)
    {
        var status = response.StatusCode;
        var body = redactor.Redact(await ReadTextAsync(response).ConfigureAwait(false));
        string? code = null;
        string? serverMessage = null;
        var isJson = TryParseError(body, tokenEndpoint, out code, out serverMessage);

        // The decoded text too: JSON escapes the raw redaction did not know can only show up once decoded.
        code = code is null ? null : redactor.Redact(code);
        serverMessage = serverMessage is null ? null : redactor.Redact(serverMessage);

        var kind = Classify(status, code, tokenEndpoint);
        var statusText = $"{(int)status} {response.ReasonPhrase}".Trim();
        string message;
        if (isJson && (code is not null || serverMessage is not null))
        {
            var detail = serverMessage is null ? code : code is null ? serverMessage : $"{code}: {serverMessage}";
            message = $"{label} failed with {statusText}: {detail}";
        }
        else if ((int)status >= 500)
        {
            message = $"The MSX server {server.GetLeftPart(UriPartial.Authority)} failed with {statusText} for {label}" +
                (string.IsNullOrWhiteSpace(body) ? "." : $": {Summarize(body)}");
        }
        else
        {
            message = $"{label} failed with {statusText}" + (string.IsNullOrWhiteSpace(body) ? "." : $": {Summarize(body)}");
        }

        string? recommendation = null;
        if (tokenEndpoint && status == HttpStatusCode.NotFound)
        {
            kind = MsxErrorKind.Other;
            recommendation = MsxErrorCatalog.NoTokenEndpoint(server);
            message = $"{label} failed with {statusText}: the address is not an MSX server root.";
        }

        return new MsxApiException(kind, message)
        {
            Recommendation = recommendation,
            ErrorId = recommendation is null ? null : MsxErrorCatalog.InvalidServer,
            StatusCode = status,
            Request = label,
            ServerCode = code,
            ServerMessage = serverMessage,
            ResponseBody = Shorten(body),
        };
    }

    private static MsxErrorKind Classify(HttpStatusCode status, string? code, bool tokenEndpoint)
    {
        if (tokenEndpoint)
        {
            switch (code)
            {
                case "invalid_client":
                    return MsxErrorKind.InvalidClient;
                case "invalid_grant":
                    return MsxErrorKind.InvalidGrant;
                case "unauthorized_client":
                case "unsupported_grant_type":
                case "invalid_scope":
                    return MsxErrorKind.GrantNotAllowed;
                case "access_denied":
                    return MsxErrorKind.Forbidden;
                case "invalid_request":
                    return MsxErrorKind.BadRequest;
            }

            if (status == HttpStatusCode.Unauthorized)
            {
                return MsxErrorKind.InvalidClient;
            }
        }

        return (int)status switch
        {
            400 or 422 => MsxErrorKind.BadRequest,
            401 => MsxErrorKind.Unauthenticated,
            403 => MsxErrorKind.Forbidden,
            404 => MsxErrorKind.NotFound,
            409 => MsxErrorKind.Conflict,
            429 => MsxErrorKind.RateLimited,
            >= 500 => MsxErrorKind.ServerError,
            _ => MsxErrorKind.Other,
        };
    }

    private static bool TryParseError(string body, bool tokenEndpoint, out string? code, out string? message)
    {
        code = null;
        message = null;
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return false;
        }

        try
        {
            if (tokenEndpoint)
            {
                var oauth = JsonSerializer.Deserialize(body, MsxJsonContext.Default.OAuthErrorBody);
                code = oauth?.Error;
                message = oauth?.ErrorDescription;
                if (code is not null)
                {
                    return true;
                }
            }

            var error = JsonSerializer.Deserialize(body, MsxJsonContext.Default.ApiErrorBody);
            code = error?.Code;
            message = error?.Message;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<string> ReadTextAsync(HttpResponseMessage response)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024));
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>A readable one-line digest of a body: an HTML page becomes its title or text.</summary>
    private static string Summarize(string body)
    {
        var text = body;
        var title = System.Text.RegularExpressions.Regex.Match(text, "<title>(.*?)</title>", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline);
        if (title.Success)
        {
            text = title.Groups[1].Value;
        }
        else if (text.IndexOf('<') >= 0)
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*>", " ");
        }

        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length > 300 ? text.Substring(0, 300) + "..." : text;
    }

    private static string? Shorten(string body) =>
        string.IsNullOrEmpty(body) ? null : body.Length > MaximumBodyInError ? body.Substring(0, MaximumBodyInError) + "..." : body;
}
