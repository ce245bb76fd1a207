using System.Management.Automation;
using System.Security;

namespace MsxPowerShell.Commands;

/// <summary>
/// Sets a user's password (PUT /idm/api/v8/users/updatepassword). One's own password needs -OldPassword; an
/// administrator resets another user's without it. The passwords stay SecureStrings, are never written
/// anywhere, and are masked wherever the server might echo them.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxUserPassword", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxUserPassword.md")]
[OutputType(typeof(void))]
public sealed class SetMsxUserPasswordCommand : MsxChangeCmdlet
{
    private const string UserNameSet = "UserName";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = UserNameSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(UserCompleter))]
    public string UserName { get; set; } = null!;

    /// <summary>A user from Get-MsxUser: its password is set through the session it was read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxUser InputObject { get; set; } = null!;

    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public SecureString NewPassword { get; set; } = null!;

    /// <summary>The current password: required by MSX when the user is the session's own.</summary>
    [Parameter]
    public SecureString? OldPassword { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = UserNameSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        var userName = ParameterSetName == InputObjectSet ? InputObject.UserName : UserName;
        var newPassword = NewPassword;
        var oldPassword = OldPassword;
        if (newPassword.Length == 0)
        {
            Refuse("MsxPasswordRejected", $"The new password of user '{userName}' is empty; nothing was sent.", userName);
            return;
        }

        if (oldPassword is not null && MsxCredential.Reveal(oldPassword) == MsxCredential.Reveal(newPassword))
        {
            Refuse("MsxPasswordRejected", $"The new password of user '{userName}' is the same as the old one; nothing was sent.", userName);
            return;
        }

        if (SessionFor(ParameterSetName == InputObjectSet ? InputObject : null, userName) is not { } session)
        {
            return;
        }

        Submit(session, userName, $"Password of user '{userName}'", "Set", async (client, ct) =>
        {
            await client.UpdatePasswordAsync(userName, newPassword, oldPassword, ct).ConfigureAwait(false);
            return null;
        });
    }
}
