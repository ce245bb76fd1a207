using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>
/// Deletes users, by id or from the pipeline. MSX keeps a deleted user (Get-MsxUser -IncludeDeleted) and its
/// name, but it can no longer sign in. Asks first unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MsxUser", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxUser.md")]
[OutputType(typeof(MsxUser))]
public sealed class RemoveMsxUserCommand : MsxRemoveCmdlet<MsxUser, Guid>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UserId")]
    [ArgumentCompleter(typeof(UserCompleter))]
    public override Guid[] Id { get; set; } = Array.Empty<Guid>();

    protected override MsxResource<MsxUser> Resource => UserResource.Declaration;

    /// <summary>The removed user as Get-MsxUser shows it, with its role names.</summary>
    protected override async Task<MsxUser?> ChangeAsync(MsxApiClient client, string id, MsxUser? known, bool passThru, CancellationToken cancellationToken)
    {
        var removed = await base.ChangeAsync(client, id, known, passThru, cancellationToken).ConfigureAwait(false);
        return passThru ? await removed!.WithRoleNamesAsync(client, cancellationToken).ConfigureAwait(false) : null;
    }
}
