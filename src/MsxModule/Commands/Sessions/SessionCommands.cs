using System.Management.Automation;
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
    [SessionTransformation]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
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

/// <summary>Moves a session to another tenant (the switch-tenant grant), named by id, name or tenant object.</summary>
[Cmdlet(VerbsCommon.Switch, "MsxTenant", HelpUri = HelpLinks.Base + "Switch-MsxTenant.md")]
[OutputType(typeof(MsxSession))]
public sealed class SwitchMsxTenantCommand : MsxSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [TenantIdTransformation(ResolveNames = false)]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public string TenantId { get; set; } = null!;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var session = CurrentSession;
        if (!Guid.TryParse(TenantId, out var tenantId))
        {
            var name = TenantId;
            MsxTenant? found = null;
            Attempt(name, () => found = Run(ct => session.Client.FindTenantByNameAsync(name, ct)), "MsxSwitchTenantFailed", $"Could not find tenant '{name}' to switch session {session.Id} to", terminating: true);
            if (found is null)
            {
                ThrowTerminatingError(MsxErrors.Invalid("MsxTenantNotFound", $"No tenant is named '{name}' (give the tenant's name, id or object); session {session.Id} was not switched.", name, ErrorCategory.ObjectNotFound));
            }

            tenantId = found!.Id;
        }

        Attempt(tenantId, () => Run(ct => session.Client.SwitchTenantAsync(tenantId, ct)), "MsxSwitchTenantFailed", $"Could not switch session {session.Id} to tenant {tenantId}", terminating: true);
        if (PassThru)
        {
            WriteObject(session);
        }
    }
}

/// <summary>Makes a session act as another user (the switch-user grant).</summary>
[Cmdlet(VerbsCommon.Switch, "MsxUser", HelpUri = HelpLinks.Base + "Switch-MsxUser.md")]
[OutputType(typeof(MsxSession))]
public sealed class SwitchMsxUserCommand : MsxSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(UserCompleter))]
    public string UserName { get; set; } = null!;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var userName = UserName;
        var session = CurrentSession;
        Attempt(userName, () => Run(ct => session.Client.SwitchUserAsync(userName, ct)), "MsxSwitchUserFailed", $"Could not switch session {session.Id} to user '{userName}'", terminating: true);
        if (PassThru)
        {
            WriteObject(session);
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
        Attempt(CurrentSession, () => WriteObject(Run(ct => CurrentSession.Client.GetCurrentUserAsync(ct))));
    }
}
