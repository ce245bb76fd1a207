using System.Management.Automation;

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
        // A conflict that is not "exists" (a delete or an action the item's state refuses) is no ResourceExists.
        if (ex.Reason == MsxErrorReason.Conflict)
        {
            category = ErrorCategory.InvalidOperation;
        }

        // A refused renewal is about the session, not the operation that needed the token: its words win.
        var renewal = ex.ErrorId == MsxApiClient.RenewalFailedErrorId;
        var id = renewal ? ex.ErrorId! : errorId ?? ex.ErrorId ?? genericId;
        var message = context is null || renewal
            ? ex.Message
            : $"{context}: {ex.ServerMessage ?? ex.ServerCode ?? ex.Message}" + (ex.ServerCode is null || ex.ServerMessage is null ? "." : $" ({ex.ServerCode}).");
        return new ErrorRecord(ex, id, category, target ?? ex.Target)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = ex.Recommendation ?? MsxErrorCatalog.Recommendation(id, target ?? ex.Target) ?? action },
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

    /// <summary>
    /// The ErrorId, category and recommendation of a failure no resource claims; the ErrorIds and words are
    /// the error catalog's (Client/MsxErrorCatalog.cs), only the PowerShell category is added here.
    /// </summary>
    private static (string Id, ErrorCategory Category, string Action) Describe(MsxErrorKind kind)
    {
        var (id, action) = MsxErrorCatalog.For(kind);
        return (id, CategoryOf(kind), action);
    }

    private static ErrorCategory CategoryOf(MsxErrorKind kind) => kind switch
    {
        MsxErrorKind.BadRequest => ErrorCategory.InvalidArgument,
        MsxErrorKind.InvalidClient or MsxErrorKind.InvalidGrant or MsxErrorKind.Unauthenticated => ErrorCategory.AuthenticationError,
        MsxErrorKind.GrantNotAllowed or MsxErrorKind.Forbidden => ErrorCategory.PermissionDenied,
        MsxErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        MsxErrorKind.Conflict => ErrorCategory.ResourceExists,
        MsxErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
        MsxErrorKind.ServerError => ErrorCategory.ResourceUnavailable,
        MsxErrorKind.Timeout => ErrorCategory.OperationTimeout,
        MsxErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
        MsxErrorKind.CertificateInvalid or MsxErrorKind.ForeignServer => ErrorCategory.SecurityError,
        MsxErrorKind.InvalidResponse => ErrorCategory.InvalidResult,
        MsxErrorKind.InvalidPath => ErrorCategory.InvalidArgument,
        MsxErrorKind.SessionClosed => ErrorCategory.InvalidOperation,
        _ => ErrorCategory.NotSpecified,
    };
}
