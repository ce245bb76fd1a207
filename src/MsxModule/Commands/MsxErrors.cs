using System;
using System.Management.Automation;
using MsxPowerShell.Client;

namespace MsxPowerShell.Commands;

/// <summary>Turns client failures into ErrorRecords with a stable ErrorId, a fitting category, a fitting recommendation and the target.</summary>
internal static class MsxErrors
{
    public const string NotConnected = "MsxNotConnected";

    private const string NotConnectedMessage = "Not connected to MSX: there is no default session. Run Connect-MsxServer (or Get-MsxAccessToken) -Server <host> -ClientId <id> -ClientSecret <secret> -Credential <credential> first, or pass -Session.";

    /// <summary>
    /// The record of a failure. <paramref name="context"/> says what was being done when the server's own words
    /// say more than the request line ("Could not switch session 1 to tenant …: cannot switch to same tenant").
    /// </summary>
    public static ErrorRecord FromException(MsxApiException ex, object? target, string? errorId = null, string? context = null)
    {
        var (genericId, category, action) = Describe(ex.Kind);
        // A refused renewal is about the session, not the operation that needed the token: its words win.
        var renewal = ex.ErrorId == MsxApiClient.RenewalFailedErrorId;
        var id = renewal ? ex.ErrorId! : errorId ?? ex.ErrorId ?? genericId;
        var message = context is null || renewal
            ? ex.Message
            : $"{context}: {ex.ServerMessage ?? ex.ServerCode ?? ex.Message}" + (ex.ServerCode is null || ex.ServerMessage is null ? "." : $" ({ex.ServerCode}).");
        return new ErrorRecord(ex, id, category, target ?? ex.Target)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = ex.Recommendation ?? RecommendationFor(id) ?? action },
        };
    }

    public static ErrorRecord NotConnectedRecord() =>
        new(new InvalidOperationException(NotConnectedMessage), NotConnected, ErrorCategory.ConnectionError, null)
        {
            ErrorDetails = new ErrorDetails(NotConnectedMessage) { RecommendedAction = "Run Connect-MsxServer, or pass -Session." },
        };

    public static ErrorRecord Invalid(string errorId, string message, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
        new(new ArgumentException(message), errorId, category, target);

    /// <summary>
    /// An object that came from one server was about to act through a session to another: refused, nothing sent.
    /// </summary>
    public static ErrorRecord SessionMismatch(object? target, string message) =>
        new(new InvalidOperationException(message), "MsxSessionMismatch", ErrorCategory.InvalidArgument, target)
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = "Act on the object through a session to the server it came from (its Server property): omit -Session, or connect to that server with Connect-MsxServer -NotDefault.",
            },
        };

    /// <summary>
    /// The record with every text it carries passed through <paramref name="redactor"/>: the exception's message
    /// (and an MsxApiException's server text and body), ErrorDetails and its RecommendedAction, and a text target.
    /// The same record when nothing changes.
    /// </summary>
    public static ErrorRecord Redacted(ErrorRecord record, SecretRedactor redactor)
    {
        var exception = record.Exception;
        var redactedException = exception switch
        {
            MsxApiException api => api.Redacted(redactor),
            _ when Changes(redactor, exception) => new InvalidOperationException(redactor.Redact(exception.Message)),
            _ => exception,
        };
        var details = record.ErrorDetails;
        var detailsMessage = details?.Message is { } m ? redactor.Redact(m) : null;
        var action = details?.RecommendedAction is { } a ? redactor.Redact(a) : null;
        var target = record.TargetObject is string text ? redactor.Redact(text) : record.TargetObject;
        if (ReferenceEquals(redactedException, exception) && detailsMessage == details?.Message && action == details?.RecommendedAction
            && Equals(target, record.TargetObject))
        {
            return record;
        }

        return new ErrorRecord(redactedException, record.FullyQualifiedErrorId, record.CategoryInfo.Category, target)
        {
            ErrorDetails = details is null ? null : new ErrorDetails(detailsMessage ?? string.Empty) { RecommendedAction = action },
        };
    }

    /// <summary>Whether a failure means no further item can succeed either (so the cmdlet should stop).</summary>
    public static bool IsTerminating(MsxErrorKind kind) => kind switch
    {
        MsxErrorKind.InvalidClient or MsxErrorKind.InvalidGrant or MsxErrorKind.GrantNotAllowed or MsxErrorKind.Unauthenticated => true,
        MsxErrorKind.ConnectionFailed or MsxErrorKind.CertificateInvalid or MsxErrorKind.Timeout => true,
        MsxErrorKind.ServerError or MsxErrorKind.RateLimited or MsxErrorKind.SessionClosed => true,
        _ => false,
    };

    /// <summary>Recommendations of the resource ErrorIds (Msx&lt;Noun&gt;NotFound, Msx&lt;Noun&gt;Exists, …).</summary>
    private static string? RecommendationFor(string errorId)
    {
        if (errorId == "MsxTenantHasChildren")
        {
            return "Remove the child tenants first: Get-MsxTenant -ParentId <id> | Remove-MsxTenant.";
        }

        if (Noun(errorId, "NotFound") is { } missing)
        {
            return $"Check the id or name with Get-Msx{missing}; it may have been removed.";
        }

        if (Noun(errorId, "Exists") is { } taken)
        {
            return $"Choose another name, or find the existing one with Get-Msx{taken}.";
        }

        return null;
    }

    private static string? Noun(string errorId, string suffix) =>
        errorId.StartsWith("Msx", StringComparison.Ordinal) && errorId.EndsWith(suffix, StringComparison.Ordinal) && errorId.Length > 3 + suffix.Length
            ? errorId.Substring(3, errorId.Length - 3 - suffix.Length)
            : null;

    private static bool Changes(SecretRedactor redactor, Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (redactor.Redact(e.Message) != e.Message)
            {
                return true;
            }
        }

        return false;
    }

    private static (string Id, ErrorCategory Category, string Action) Describe(MsxErrorKind kind) => kind switch
    {
        MsxErrorKind.BadRequest => ("MsxInvalidRequest", ErrorCategory.InvalidArgument, "Correct the values named in the message."),
        MsxErrorKind.InvalidClient => ("MsxInvalidClient", ErrorCategory.AuthenticationError, "Check the client id and client secret of the security client."),
        MsxErrorKind.InvalidGrant => ("MsxAuthenticationFailed", ErrorCategory.AuthenticationError, "Check the user name and password."),
        MsxErrorKind.GrantNotAllowed => ("MsxGrantNotAllowed", ErrorCategory.PermissionDenied, "Add the grant type or scope to the security client."),
        MsxErrorKind.Unauthenticated => ("MsxUnauthenticated", ErrorCategory.AuthenticationError, "Run Connect-MsxServer again."),
        MsxErrorKind.Forbidden => ("MsxPermissionDenied", ErrorCategory.PermissionDenied, "Use a user whose roles allow this operation."),
        MsxErrorKind.NotFound => ("MsxNotFound", ErrorCategory.ObjectNotFound, "Check the path and the ids in it."),
        MsxErrorKind.Conflict => ("MsxConflict", ErrorCategory.ResourceExists, "Read the object again: the server's state changed or does not allow this change."),
        MsxErrorKind.RateLimited => ("MsxRateLimited", ErrorCategory.LimitsExceeded, "Wait, or raise -MaximumRetryCount / -RetryIntervalSec on the session."),
        MsxErrorKind.ServerError => ("MsxServerError", ErrorCategory.ResourceUnavailable, "Try again later, or raise -MaximumRetryCount on the session."),
        MsxErrorKind.Timeout => ("MsxOperationTimeout", ErrorCategory.OperationTimeout, "Raise -TimeoutSec on the session, or check the server."),
        MsxErrorKind.ConnectionFailed => ("MsxConnectionFailed", ErrorCategory.ConnectionError, "Check the server address, the network and the proxy."),
        MsxErrorKind.CertificateInvalid => ("MsxCertificateInvalid", ErrorCategory.SecurityError, "Install a trusted certificate on the server, or trust its certificate authority for this session with -CertificateAuthorityFile (or -CertificateThumbprint); use -SkipCertificateCheck for test servers only."),
        MsxErrorKind.InvalidResponse => ("MsxInvalidResponse", ErrorCategory.InvalidResult, "Check that the address is an MSX server and not a proxy page."),
        MsxErrorKind.InvalidPath => ("MsxInvalidPath", ErrorCategory.InvalidArgument, "Correct the path or id named in the message."),
        MsxErrorKind.ForeignServer => ("MsxForeignServer", ErrorCategory.SecurityError, "Give a path on the session's server, or use a session of that server."),
        MsxErrorKind.SessionClosed => ("MsxSessionDisconnected", ErrorCategory.InvalidOperation, "Run Connect-MsxServer to make a new session."),
        _ => ("MsxRequestFailed", ErrorCategory.NotSpecified, "See the message."),
    };
}
