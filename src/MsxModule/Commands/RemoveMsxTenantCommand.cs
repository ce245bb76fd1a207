using System;
using System.Management.Automation;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;

namespace MsxPowerShell.Commands;

/// <summary>Deletes tenants, by id or from the pipeline. Asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxTenant", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(MsxTenant))]
public sealed class RemoveMsxTenantCommand : MsxSessionCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid[] Id { get; set; } = Array.Empty<Guid>();

    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxTenant[] InputObject { get; set; } = Array.Empty<MsxTenant>();

    /// <summary>Removes without asking (still honours -WhatIf and an explicit -Confirm).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each removed tenant to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var tenant in InputObject)
            {
                Remove(tenant.Id, $"Tenant '{tenant.Name}' ({tenant.Id})", tenant);
            }

            return;
        }

        foreach (var id in Id)
        {
            Remove(id, $"Tenant {id}", null);
        }
    }

    private void Remove(Guid id, string target, MsxTenant? known)
    {
        if (!Confirmed(target))
        {
            return;
        }

        try
        {
            var removed = PassThru && known is null ? Run(ct => CurrentSession.Client.GetTenantAsync(id, ct)) : known;
            Run(ct => CurrentSession.Client.DeleteTenantAsync(id, ct));
            if (PassThru)
            {
                WriteObject(removed);
            }
        }
        catch (MsxApiException ex)
        {
            Report(ex, id, MsxErrors.ForTenant(ex, "MsxTenantHasChildren"));
        }
    }

    /// <summary>
    /// ShouldProcess, except that -Force skips the prompt. -WhatIf and an explicit -Confirm still win, so a
    /// dry run never deletes and a script with -Force never hangs on a prompt.
    /// </summary>
    private bool Confirmed(string target)
    {
        var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent : GetVariableValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };
        var confirmAsked = MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && ((SwitchParameter)c).IsPresent;
        if (Force && !whatIf && !confirmAsked)
        {
            return true;
        }

        return ShouldProcess(target, "Remove");
    }
}
