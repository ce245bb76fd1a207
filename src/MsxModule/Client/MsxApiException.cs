using System;
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

    /// <summary>The object the failed operation was about, when the client knows it better than the caller.</summary>
    public object? Target { get; set; }
}
