using System;
using System.Management.Automation;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a tenant's name, description, e-mail or URL. Fields not given keep their values: the tenant is
/// read first and written back whole, since PUT replaces.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MsxTenant))]
public sealed class SetMsxTenantCommand : MsxSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid Id { get; set; }

    [Parameter]
    [ValidateLength(1, 128)]
    public string? Name { get; set; }

    /// <summary>The new description; an empty string clears it.</summary>
    [Parameter]
    [ValidateMaxLength(256)]
    public string? Description { get; set; }

    /// <summary>The new e-mail address; an empty string clears it.</summary>
    [Parameter]
    [ValidateEmail]
    public string? Email { get; set; }

    /// <summary>The new URL; an empty string clears it.</summary>
    [Parameter]
    public string? Url { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            WriteError(MsxErrors.Invalid("MsxInvalidTenantName", "The tenant name is blank.", Id));
            return;
        }

        var id = Id;
        try
        {
            var current = Run(ct => CurrentSession.Client.GetTenantAsync(id, ct));
            var changes = Describe();
            if (!ShouldProcess($"Tenant '{current.Name}' ({id})", $"Set {changes}"))
            {
                return;
            }

            var request = new TenantUpdateRequest(Name ?? current.Name)
            {
                Description = Given(nameof(Description)) ? Blank(Description) : current.Description,
                Email = Given(nameof(Email)) ? Blank(Email) : current.Email,
                Url = Given(nameof(Url)) ? Blank(Url) : current.Url,
            };
            var updated = Run(ct => CurrentSession.Client.UpdateTenantAsync(id, request, ct));
            if (PassThru)
            {
                WriteObject(updated);
            }
        }
        catch (MsxApiException ex)
        {
            Report(ex, id, MsxErrors.ForTenant(ex, "MsxTenantExists"));
        }
    }

    private bool Given(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private string Describe()
    {
        var parts = new System.Collections.Generic.List<string>();
        foreach (var name in new[] { nameof(Name), nameof(Description), nameof(Email), nameof(Url) })
        {
            if (Given(name))
            {
                parts.Add(name);
            }
        }

        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }
}
