using System;
using System.Management.Automation;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>Deletes tenants, by id or from the pipeline. Asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxTenant", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxTenant.md")]
[OutputType(typeof(MsxTenant))]
public sealed class RemoveMsxTenantCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid[] Id { get; set; } = Array.Empty<Guid>();

    /// <summary>Tenants from Get-MsxTenant: removed through the session they were read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxTenant[] InputObject { get; set; } = Array.Empty<MsxTenant>();

    /// <summary>Removes without asking (still honours -WhatIf and an explicit -Confirm).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each removed tenant to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool Forced => Force;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var tenant in InputObject)
            {
                Remove(SessionFor(tenant), tenant.Id, TenantResource.Declaration.Describe(tenant), tenant);
            }

            return;
        }

        foreach (var id in Id)
        {
            Remove(CurrentSession, id, $"Tenant {id}", null);
        }
    }

    private void Remove(MsxSession session, Guid id, string description, MsxTenant? known) =>
        Submit(session, (object?)known ?? id, description, "Remove", async (client, ct) =>
        {
            var removed = PassThru && known is null ? await client.GetTenantAsync(id, ct).ConfigureAwait(false) : known;
            await client.DeleteTenantAsync(id, ct).ConfigureAwait(false);
            return PassThru ? removed : null;
        });
}
