using System;
using System.Collections.Generic;
using System.Management.Automation;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a tenant's name, description, e-mail or URL. Fields not given keep their values (PUT replaces, so
/// the tenant is written back whole); when nothing would change, nothing is sent.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxTenant", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxTenant.md")]
[OutputType(typeof(MsxTenant))]
public sealed class SetMsxTenantCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid Id { get; set; }

    /// <summary>A tenant from Get-MsxTenant: changed through the session it was read with, without reading it again.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxTenant InputObject { get; set; } = null!;

    [Parameter]
    [ValidateLength(1, 128)]
    public string? Name { get; set; }

    /// <summary>The new description; an empty string clears it.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>The new e-mail address; an empty string clears it.</summary>
    [Parameter]
    public string? Email { get; set; }

    /// <summary>The new URL; an empty string clears it.</summary>
    [Parameter]
    public string? Url { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        var target = ParameterSetName == InputObjectSet ? (object)InputObject : Id;
        if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            Refuse("MsxInvalidTenantName", "The tenant name is blank.", Name);
            return;
        }

        if (!Valid("MsxInvalidEmail", nameof(Email), Email, ValidateEmailAttribute.Problem)
            || !Valid("MsxInvalidDescription", nameof(Description), Description, text => ValidateMaxLengthAttribute.Problem(text, 256)))
        {
            return;
        }

        var changes = Changes();
        if (changes.Count == 0)
        {
            WriteVerbose($"Set-MsxTenant: no field to change was given for {target}; nothing was sent.");
            return;
        }

        if (SessionFor(ParameterSetName == InputObjectSet ? InputObject : null, target) is not { } session)
        {
            return;
        }

        var current = ParameterSetName == InputObjectSet ? InputObject : null;
        if (current is null && !Attempt(Id, () => current = Run(ct => session.Client.GetTenantAsync(Id, ct))))
        {
            return;
        }

        var tenant = current!;
        Submit(session, tenant, TenantResource.Declaration.Describe(tenant), $"Set {string.Join(", ", changes)}", async (client, ct) =>
        {
            var (updated, changed) = await client.Tenants().ReplaceAsync(tenant.Id.ToString(), tenant, Merge, MsxJsonContext.Default.TenantUpdateBody, ct).ConfigureAwait(false);
            if (!changed)
            {
                MsxDiagnostics.Verbose($"Tenant '{tenant.Name}' already has the given values; nothing was sent.");
            }

            return PassThru ? updated : null;
        });
    }

    /// <summary>The tenant as it should be, or null when it already is.</summary>
    private TenantUpdateBody? Merge(MsxTenant current)
    {
        var body = current.ToUpdate();
        body.Name = Name ?? current.Name;
        body.Description = Given(nameof(Description)) ? Blank(Description) : current.Description;
        body.Email = Given(nameof(Email)) ? Blank(Email) : current.Email;
        body.Url = Given(nameof(Url)) ? Blank(Url) : current.Url;
        var same = body.Name == current.Name && body.Description == current.Description && body.Email == current.Email && body.Url == current.Url;
        return same ? null : body;
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private List<string> Changes()
    {
        var parts = new List<string>();
        foreach (var name in new[] { nameof(Name), nameof(Description), nameof(Email), nameof(Url) })
        {
            if (Given(name))
            {
                parts.Add(name);
            }
        }

        return parts;
    }
}
