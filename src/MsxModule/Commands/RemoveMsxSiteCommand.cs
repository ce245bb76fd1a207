using System;
using System.Management.Automation;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>Deletes sites, by id or from the pipeline; their devices stay. Asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxSite", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxSite.md")]
[OutputType(typeof(MsxSite))]
public sealed class RemoveMsxSiteCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("SiteId")]
    [ArgumentCompleter(typeof(SiteCompleter))]
    public Guid[] Id { get; set; } = Array.Empty<Guid>();

    /// <summary>Sites from Get-MsxSite: removed through the session they were read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxSite[] InputObject { get; set; } = Array.Empty<MsxSite>();

    /// <summary>Removes without asking (still honours -WhatIf and an explicit -Confirm).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each removed site to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool Forced => Force;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var site in InputObject)
            {
                Remove(SessionFor(site), site.Id, SiteResource.Declaration.Describe(site), site);
            }

            return;
        }

        foreach (var id in Id)
        {
            Remove(CurrentSession, id, $"Site {id}", null);
        }
    }

    private void Remove(MsxSession session, Guid id, string description, MsxSite? known) =>
        Submit(session, (object?)known ?? id, description, "Remove", async (client, ct) =>
        {
            var removed = PassThru && known is null ? await client.GetSiteAsync(id, includeImage: false, ct).ConfigureAwait(false) : known;
            await client.DeleteSiteAsync(id, ct).ConfigureAwait(false);
            return PassThru ? removed : null;
        });
}
