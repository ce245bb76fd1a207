using System.Net;

namespace MsxPowerShell.Client;

/// <summary>A failed MSX call. The message never contains a secret: it is built from redacted text only.</summary>
[Serializable]
public sealed class MsxApiException : Exception
{
    public MsxApiException()
    {
    }

    public MsxApiException(string message)
        : base(message)
    {
    }

    public MsxApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MsxApiException(MsxErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public MsxErrorKind Kind { get; init; } = MsxErrorKind.Other;

    /// <summary>The HTTP status, when the server answered.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The method and URL of the failed request.</summary>
    public string? Request { get; init; }

    /// <summary>The server's error code: <c>Error.code</c> of the v8 APIs or <c>error</c> of the token endpoint.</summary>
    public string? ServerCode { get; init; }

    /// <summary>The server's error text: <c>Error.message</c> or <c>error_description</c>.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>The response body (redacted, shortened), for ErrorDetails.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>What to do about it, when the failure knows better than its kind (e.g. a wrong scheme).</summary>
    public string? Recommendation { get; set; }

    /// <summary>The resource's ErrorId (MsxTenantNotFound, MsxUserExists, …) when a resource operation failed.</summary>
    public string? ErrorId { get; set; }

    /// <summary>Why a resource operation failed, when <see cref="ErrorId"/> is a resource ErrorId (Msx&lt;Noun&gt;&lt;Reason&gt;).</summary>
    public MsxErrorReason? Reason { get; set; }

    /// <summary>The object the failed operation was about, when the client knows it better than the caller.</summary>
    public object? Target { get; set; }

    /// <summary>
    /// This exception with every text passed through <paramref name="redactor"/>: itself when nothing changes,
    /// else a copy without the inner exception (whose text may hold what was masked).
    /// </summary>
    public MsxApiException Redacted(SecretRedactor redactor)
    {
        var message = redactor.Redact(Message);
        var request = Request is null ? null : redactor.Redact(Request);
        var serverCode = ServerCode is null ? null : redactor.Redact(ServerCode);
        var serverMessage = ServerMessage is null ? null : redactor.Redact(ServerMessage);
        var body = ResponseBody is null ? null : redactor.Redact(ResponseBody);
        var recommendation = Recommendation is null ? null : redactor.Redact(Recommendation);
        var innerChanged = false;
        for (var inner = InnerException; inner is not null; inner = inner.InnerException)
        {
            innerChanged |= redactor.Redact(inner.Message) != inner.Message;
        }

        if (!innerChanged && message == Message && request == Request && serverCode == ServerCode && serverMessage == ServerMessage
            && body == ResponseBody && recommendation == Recommendation)
        {
            return this;
        }

        return new MsxApiException(Kind, message, innerChanged ? null : InnerException)
        {
            StatusCode = StatusCode,
            Request = request,
            ServerCode = serverCode,
            ServerMessage = serverMessage,
            ResponseBody = body,
            Recommendation = recommendation,
            ErrorId = ErrorId,
            Reason = Reason,
            Target = Target is string text ? redactor.Redact(text) : Target,
        };
    }
}
