using System;
using System.Management.Automation;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;

namespace MsxPowerShell.Commands;

/// <summary>Creates a tenant. Takes pipeline input by property name, so a CSV of tenants can be piped in.</summary>
[Cmdlet(VerbsCommon.New, "MsxTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MsxTenant))]
public sealed class NewMsxTenantCommand : MsxSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 128)]
    public string Name { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ValidateMaxLength(256)]
    public string? Description { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ValidateEmail]
    public string? Email { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? Url { get; set; }

    /// <summary>
    /// The parent tenant's id. Bound as text and checked here: PowerShell silently drops a by-property-name
    /// value it cannot convert, which would create the tenant at the top level instead of failing.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? ParentId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ValidateExternalId]
    public string? ExternalId { get; set; }

    protected override void ProcessRecord()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            WriteError(MsxErrors.Invalid("MsxInvalidTenantName", "The tenant name is blank.", Name));
            return;
        }

        Guid? parentId = null;
        if (ParentId is not null)
        {
            if (!Guid.TryParse(ParentId, out var parsed))
            {
                WriteError(MsxErrors.Invalid("MsxInvalidParentId", $"The parent id '{ParentId}' of tenant '{Name}' is not a GUID; the tenant was not created.", Name));
                return;
            }

            parentId = parsed;
        }

        if (!ShouldProcess($"Tenant '{Name}' on {CurrentSession.Server}", "Create"))
        {
            return;
        }

        var request = new TenantCreateRequest(Name)
        {
            Description = Description,
            Email = Email,
            Url = Url,
            ParentId = parentId,
            ExternalId = ExternalId,
        };

        try
        {
            WriteObject(Run(ct => CurrentSession.Client.CreateTenantAsync(request, ct)));
        }
        catch (MsxApiException ex)
        {
            if (IsNameTaken(ex))
            {
                Report(ex, Name, "MsxTenantExists");
                return;
            }

            Report(ex, Name);
        }
    }

    /// <summary>409, or a 400 whose message says the tenant exists (what a real server may answer instead).</summary>
    private static bool IsNameTaken(MsxApiException ex) =>
        ex.Kind == MsxErrorKind.Conflict
        || (ex.Kind == MsxErrorKind.BadRequest && (ex.ServerMessage ?? string.Empty).IndexOf("exist", StringComparison.OrdinalIgnoreCase) >= 0);
}
