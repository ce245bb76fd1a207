using System;
using System.Management.Automation;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Deletes users, by id or from the pipeline. MSX keeps a deleted user (Get-MsxUser -IncludeDeleted) and its
/// name, but it can no longer sign in. Asks first unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MsxUser", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxUser.md")]
[OutputType(typeof(MsxUser))]
public sealed class RemoveMsxUserCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UserId")]
    [ArgumentCompleter(typeof(UserCompleter))]
    public Guid[] Id { get; set; } = Array.Empty<Guid>();

    /// <summary>Users from Get-MsxUser: removed through the session they were read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxUser[] InputObject { get; set; } = Array.Empty<MsxUser>();

    /// <summary>Removes without asking (still honours -WhatIf and an explicit -Confirm).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each removed user to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool Forced => Force;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var user in InputObject)
            {
                Remove(SessionFor(user), user.Id, UserResource.Declaration.Describe(user), user);
            }

            return;
        }

        foreach (var id in Id)
        {
            Remove(CurrentSession, id, $"User {id}", null);
        }
    }

    private void Remove(MsxSession session, Guid id, string description, MsxUser? known)
    {
        var passThru = PassThru.IsPresent;
        Submit(session, (object?)known ?? id, description, "Remove", async (client, ct) =>
        {
            var removed = passThru && known is null ? await client.GetUserAsync(id, ct).ConfigureAwait(false) : known;
            await client.DeleteUserAsync(id, ct).ConfigureAwait(false);
            return passThru ? await removed!.WithRoleNamesAsync(client, ct).ConfigureAwait(false) : null;
        });
    }
}
