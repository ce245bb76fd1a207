using System;
using System.Linq;
using System.Management.Automation;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>Lists the sessions made in this process; the default one is marked.</summary>
[Cmdlet(VerbsCommon.Get, "MsxSession", DefaultParameterSetName = "All", HelpUri = HelpLinks.Base + "Get-MsxSession.md")]
[OutputType(typeof(MsxSession))]
public sealed class GetMsxSessionCommand : MsxCmdlet
{
    [Parameter(Position = 0, ParameterSetName = "Id")]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public int[] Id { get; set; } = Array.Empty<int>();

    /// <summary>Only the default session.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Default")]
    public SwitchParameter Default { get; set; }

    protected override void ProcessRecord()
    {
        if (Default)
        {
            if (MsxSessionStore.Default is { } session)
            {
                WriteObject(session);
            }

            return;
        }

        var all = MsxSessionStore.All;
        if (Id.Length == 0)
        {
            WriteObject(all, enumerateCollection: true);
            return;
        }

        foreach (var id in Id)
        {
            var match = all.FirstOrDefault(s => s.Id == id);
            if (match is null)
            {
                WriteError(MsxErrors.Invalid("MsxSessionNotFound", $"There is no session {id}.", id, ErrorCategory.ObjectNotFound));
            }
            else
            {
                WriteObject(match);
            }
        }
    }
}

/// <summary>Forgets a session and revokes its token on the server (where the server offers a logout).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "MsxSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Disconnect-MsxSession.md")]
[OutputType(typeof(void))]
public sealed class DisconnectMsxSessionCommand : MsxCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxSession? Session { get; set; }

    protected override void ProcessRecord()
    {
        var session = Session ?? MsxSessionStore.Default;
        if (session is null)
        {
            ThrowTerminatingError(MsxErrors.NotConnectedRecord());
            return;
        }

        if (!ShouldProcess(session.ToString(), "Disconnect"))
        {
            return;
        }

        if (session.Connected)
        {
            var revoked = Run(ct => session.Client.LogoutAsync(ct));
            WriteVerbose(revoked ? $"Session {session.Id}: token revoked on {session.Server}" : $"Session {session.Id}: the server did not revoke the token; it expires at {session.ExpiresOn:u}");
        }

        MsxSessionStore.Remove(session);
    }
}

/// <summary>Moves a session to another tenant (the switch-tenant grant).</summary>
[Cmdlet(VerbsCommon.Switch, "MsxTenant", HelpUri = HelpLinks.Base + "Switch-MsxTenant.md")]
[OutputType(typeof(MsxSession))]
public sealed class SwitchMsxTenantCommand : MsxSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid TenantId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var tenantId = TenantId;
        try
        {
            Run(ct => CurrentSession.Client.SwitchTenantAsync(tenantId, ct));
        }
        catch (MsxApiException ex)
        {
            ThrowTerminatingError(SwitchError(ex, tenantId, "MsxSwitchTenantFailed", $"Could not switch session {CurrentSession.Id} to tenant {tenantId}"));
            return;
        }

        if (PassThru)
        {
            WriteObject(CurrentSession);
        }
    }

    internal static ErrorRecord SwitchError(MsxApiException ex, object target, string errorId, string what)
    {
        var record = MsxErrors.FromException(ex, target, errorId);
        var cause = ex.ServerMessage ?? ex.ServerCode ?? ex.Message;
        record.ErrorDetails = new ErrorDetails($"{what}: {cause}" + (ex.ServerCode is null ? "." : $" ({ex.ServerCode}).") + (ex.Kind == MsxErrorKind.Forbidden ? " The user lacks the permission." : string.Empty))
        {
            RecommendedAction = record.ErrorDetails.RecommendedAction,
        };
        return record;
    }
}

/// <summary>Makes a session act as another user (the switch-user grant).</summary>
[Cmdlet(VerbsCommon.Switch, "MsxUser", HelpUri = HelpLinks.Base + "Switch-MsxUser.md")]
[OutputType(typeof(MsxSession))]
public sealed class SwitchMsxUserCommand : MsxSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string UserName { get; set; } = null!;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var userName = UserName;
        try
        {
            Run(ct => CurrentSession.Client.SwitchUserAsync(userName, ct));
        }
        catch (MsxApiException ex)
        {
            ThrowTerminatingError(SwitchMsxTenantCommand.SwitchError(ex, userName, "MsxSwitchUserFailed", $"Could not switch session {CurrentSession.Id} to user '{userName}'"));
            return;
        }

        if (PassThru)
        {
            WriteObject(CurrentSession);
        }
    }
}

/// <summary>Gets the user the session acts as (GET /idm/api/v8/users/current).</summary>
[Cmdlet(VerbsCommon.Get, "MsxCurrentUser", HelpUri = HelpLinks.Base + "Get-MsxCurrentUser.md")]
[OutputType(typeof(MsxUser))]
public sealed class GetMsxCurrentUserCommand : MsxSessionCmdlet
{
    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(Run(ct => CurrentSession.Client.GetCurrentUserAsync(ct)));
        }
        catch (MsxApiException ex)
        {
            Report(ex, CurrentSession);
        }
    }
}
