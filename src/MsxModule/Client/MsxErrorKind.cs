namespace MsxPowerShell.Client;

/// <summary>What went wrong, in terms a caller can act on; the cmdlets map each kind to an ErrorId and category.</summary>
public enum MsxErrorKind
{
    /// <summary>The server rejected the request's content (400, 422).</summary>
    BadRequest,

    /// <summary>The token endpoint rejected the client id or secret (401 invalid_client).</summary>
    InvalidClient,

    /// <summary>The token endpoint rejected the grant: wrong user name or password, expired refresh token (400 invalid_grant).</summary>
    InvalidGrant,

    /// <summary>The security client may not use this grant (unauthorized_client, unsupported_grant_type, invalid_scope).</summary>
    GrantNotAllowed,

    /// <summary>No valid token (401 from an API).</summary>
    Unauthenticated,

    /// <summary>The user lacks the permission (403).</summary>
    Forbidden,

    /// <summary>The object does not exist (404).</summary>
    NotFound,

    /// <summary>The request conflicts with the server's state (409).</summary>
    Conflict,

    /// <summary>Too many requests (429), still failing after the retries.</summary>
    RateLimited,

    /// <summary>The server failed (5xx), still failing after the retries.</summary>
    ServerError,

    /// <summary>No answer within the session's timeout.</summary>
    Timeout,

    /// <summary>The server could not be reached or the connection broke (DNS, refused, reset).</summary>
    ConnectionFailed,

    /// <summary>The server's certificate was not trusted.</summary>
    CertificateInvalid,

    /// <summary>The answer was not what the contract says (not JSON, truncated, an HTML page from a proxy).</summary>
    InvalidResponse,

    /// <summary>The session was disconnected and can no longer be used.</summary>
    SessionClosed,

    /// <summary>A path or an id that cannot make a request URL (nothing was sent): MsxInvalidPath, MsxInvalid&lt;Noun&gt;Id.</summary>
    InvalidPath,

    /// <summary>A URL that is not on the session's server (nothing was sent: the token goes nowhere else).</summary>
    ForeignServer,

    /// <summary>Any other HTTP status.</summary>
    Other,
}
