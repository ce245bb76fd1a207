using System;
using System.Management.Automation;
using MsxPowerShell.Client;

namespace MsxPowerShell.Commands;

/// <summary>Turns client failures into ErrorRecords with a stable ErrorId, a fitting category and the target.</summary>
internal static class MsxErrors
{
    public const string NotConnected = "MsxNotConnected";

    public static ErrorRecord FromException(MsxApiException ex, object? target, string? errorId = null)
    {
        var (defaultId, category, action) = Describe(ex.Kind);
        var record = new ErrorRecord(ex, errorId ?? defaultId, category, target)
        {
            ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = action },
        };
        return record;
    }

    /// <summary>The tenant-specific ErrorId for a failure of a tenant operation (null keeps the generic one).</summary>
    public static string? ForTenant(MsxApiException ex, string conflictId = "MsxTenantExists") => ex.Kind switch
    {
        MsxErrorKind.NotFound => "MsxTenantNotFound",
        MsxErrorKind.Conflict => conflictId,
        _ => null,
    };

    public static ErrorRecord NotConnectedRecord() =>
        new(
            new InvalidOperationException("Not connected to MSX: there is no default session. Run Get-MsxAccessToken -Server <uri> -ClientId <id> -ClientSecret <secret> -Credential <credential> first, or pass -Session."),
            NotConnected,
            ErrorCategory.ConnectionError,
            null)
        {
            ErrorDetails = new ErrorDetails("Not connected to MSX: there is no default session. Run Get-MsxAccessToken -Server <uri> -ClientId <id> -ClientSecret <secret> -Credential <credential> first, or pass -Session.")
            {
                RecommendedAction = "Run Get-MsxAccessToken, or pass -Session.",
            },
        };

    public static ErrorRecord Invalid(string errorId, string message, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
        new(new ArgumentException(message), errorId, category, target);

    /// <summary>Whether a failure means no further item can succeed either (so the cmdlet should stop).</summary>
    public static bool IsTerminating(MsxErrorKind kind) => kind switch
    {
        MsxErrorKind.InvalidClient or MsxErrorKind.InvalidGrant or MsxErrorKind.GrantNotAllowed or MsxErrorKind.Unauthenticated => true,
        MsxErrorKind.ConnectionFailed or MsxErrorKind.CertificateInvalid or MsxErrorKind.Timeout => true,
        MsxErrorKind.ServerError or MsxErrorKind.RateLimited or MsxErrorKind.SessionClosed => true,
        _ => false,
    };

    private static (string Id, ErrorCategory Category, string Action) Describe(MsxErrorKind kind) => kind switch
    {
        MsxErrorKind.BadRequest => ("MsxInvalidRequest", ErrorCategory.InvalidArgument, "Correct the values named in the message."),
        MsxErrorKind.InvalidClient => ("MsxInvalidClient", ErrorCategory.AuthenticationError, "Check the client id and client secret of the security client."),
        MsxErrorKind.InvalidGrant => ("MsxAuthenticationFailed", ErrorCategory.AuthenticationError, "Check the user name and password."),
        MsxErrorKind.GrantNotAllowed => ("MsxGrantNotAllowed", ErrorCategory.PermissionDenied, "Add the grant type or scope to the security client."),
        MsxErrorKind.Unauthenticated => ("MsxUnauthenticated", ErrorCategory.AuthenticationError, "Run Get-MsxAccessToken again."),
        MsxErrorKind.Forbidden => ("MsxPermissionDenied", ErrorCategory.PermissionDenied, "Use a user whose roles allow this operation."),
        MsxErrorKind.NotFound => ("MsxNotFound", ErrorCategory.ObjectNotFound, "Check the id."),
        MsxErrorKind.Conflict => ("MsxConflict", ErrorCategory.ResourceExists, "Resolve the conflict named in the message."),
        MsxErrorKind.RateLimited => ("MsxRateLimited", ErrorCategory.LimitsExceeded, "Wait, or raise -MaximumRetryCount / -RetryIntervalSec on the session."),
        MsxErrorKind.ServerError => ("MsxServerError", ErrorCategory.ResourceUnavailable, "Try again later, or raise -MaximumRetryCount on the session."),
        MsxErrorKind.Timeout => ("MsxOperationTimeout", ErrorCategory.OperationTimeout, "Raise -TimeoutSec on the session, or check the server."),
        MsxErrorKind.ConnectionFailed => ("MsxConnectionFailed", ErrorCategory.ConnectionError, "Check the server address, the network and the proxy."),
        MsxErrorKind.CertificateInvalid => ("MsxCertificateInvalid", ErrorCategory.SecurityError, "Install a trusted certificate on the server; use -SkipCertificateCheck for test servers only."),
        MsxErrorKind.InvalidResponse => ("MsxInvalidResponse", ErrorCategory.InvalidResult, "Check that the address is an MSX server and not a proxy page."),
        MsxErrorKind.SessionClosed => ("MsxSessionDisconnected", ErrorCategory.InvalidOperation, "Run Get-MsxAccessToken to make a new session."),
        _ => ("MsxRequestFailed", ErrorCategory.NotSpecified, "See the message."),
    };
}
