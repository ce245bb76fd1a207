using System.Net;
using System.Net.Http;
using System.Text;

namespace MsxPowerShell.Client;

/// <summary>A request to any MSX endpoint, sent with everything the session gives (token, renewal, retries, redaction).</summary>
public sealed class MsxRequest
{
    public MsxRequest(HttpMethod method, string pathAndQuery)
    {
        Method = method;
        PathAndQuery = pathAndQuery;
    }

    public HttpMethod Method { get; }

    /// <summary>Relative to the session's server root, e.g. <c>manage/api/v8/devices?page=0</c>.</summary>
    public string PathAndQuery { get; }

    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The media types to accept, when the answer is not JSON (e.g. <c>text/plain</c>); the session's default otherwise.</summary>
    public string? Accept { get; init; }

    /// <summary>Whether the request may be sent again after a transient failure: GET, HEAD, PUT and DELETE, never POST or PATCH.</summary>
    public bool Repeatable => Method == HttpMethod.Get || Method == HttpMethod.Head || Method == HttpMethod.Put || Method == HttpMethod.Delete;
}

/// <summary>A successful answer: status, content type and body.</summary>
public sealed class MsxResponse
{
    public MsxResponse(HttpStatusCode statusCode, string? contentType, byte[] body)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
    }

    public HttpStatusCode StatusCode { get; }

    public string? ContentType { get; }

    public byte[] Body { get; }

    public bool IsJson => ContentType is { } type && type.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0;

    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>What a change through the session touched (so that caches of names can be refreshed).</summary>
public sealed class MsxChangeEventArgs : EventArgs
{
    public MsxChangeEventArgs(HttpMethod method, string path)
    {
        Method = method;
        Path = path;
    }

    public HttpMethod Method { get; }

    /// <summary>The path changed, without the query, relative to the server root.</summary>
    public string Path { get; }
}
