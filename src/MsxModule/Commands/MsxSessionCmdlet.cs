using System.Management.Automation;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of the cmdlets that call MSX: -Session, falling back to the default session; and for objects from
/// the pipeline, the session the object came from, so that a change goes back to where the object was read.
/// </summary>
public abstract class MsxSessionCmdlet : MsxCmdlet
{
    private MsxSession? _current;

    /// <summary>The session to use; the module's default session when omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    [SessionTransformation]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public MsxSession? Session { get; set; }

    /// <summary>
    /// The session this call uses (-Session, else the default); stops the cmdlet with MsxNotConnected when
    /// there is none, or MsxSessionDisconnected when it was disconnected.
    /// </summary>
    protected MsxSession CurrentSession => _current ??= Usable(Session ?? MsxSessionStore.Default);

    /// <summary>
    /// The session to act on <paramref name="item"/> through: the one it was read with. An explicit
    /// -Session naming another session is an error (nothing is sent), never a silent switch.
    /// </summary>
    protected MsxSession SessionFor(MsxObject item)
    {
        if (item.Origin is not { } origin)
        {
            return CurrentSession;
        }

        if (Session is { } explicitSession)
        {
            if (!ReferenceEquals(explicitSession.Client, origin))
            {
                ThrowTerminatingError(MsxErrors.Invalid(
                    "MsxSessionMismatch",
                    $"'{item}' was read through another session ({origin.UserName}@{origin.Server.GetLeftPart(System.UriPartial.Authority)}) than -Session {explicitSession.Id} ({explicitSession.Server}); nothing was sent. Omit -Session to act through the object's own session, or read the object through session {explicitSession.Id}.",
                    item,
                    ErrorCategory.InvalidArgument));
            }

            return Usable(explicitSession);
        }

        var own = MsxSessionStore.Of(origin);
        if (own is null)
        {
            ThrowTerminatingError(MsxErrors.Invalid(
                "MsxSessionDisconnected",
                $"'{item}' was read through a session that was disconnected ({origin.UserName}@{origin.Server.GetLeftPart(System.UriPartial.Authority)}); nothing was sent. Read it again through a connected session.",
                item,
                ErrorCategory.InvalidOperation));
        }

        return Usable(own!);
    }

    private MsxSession Usable(MsxSession? session)
    {
        if (session is null)
        {
            ThrowTerminatingError(MsxErrors.NotConnectedRecord());
        }

        if (!session!.Connected)
        {
            ThrowTerminatingError(MsxErrors.Invalid(
                "MsxSessionDisconnected",
                $"{session} was disconnected; run Connect-MsxServer to make a new session.",
                session,
                ErrorCategory.InvalidOperation));
        }

        return session;
    }
}
