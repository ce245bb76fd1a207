using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>Base of the cmdlets that call MSX: -Session, falling back to the default session.</summary>
public abstract class MsxSessionCmdlet : MsxCmdlet
{
    /// <summary>The session to use; the module's default session when omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    public MsxSession? Session { get; set; }

    /// <summary>The session this call uses; stops the cmdlet with MsxNotConnected when there is none.</summary>
    protected MsxSession CurrentSession { get; private set; } = null!;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var session = Session ?? MsxSessionStore.Default;
        if (session is null)
        {
            ThrowTerminatingError(MsxErrors.NotConnectedRecord());
        }

        if (!session!.Connected)
        {
            ThrowTerminatingError(MsxErrors.Invalid(
                "MsxSessionDisconnected",
                $"Session {session.Id} ({session}) was disconnected; run Get-MsxAccessToken to make a new one.",
                session,
                ErrorCategory.InvalidOperation));
        }

        CurrentSession = session;
    }
}
