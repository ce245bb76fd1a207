using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Creates a tenant. Takes pipeline input by property name, so a CSV of tenants can be piped in.</summary>
[Cmdlet(VerbsCommon.New, "MsxTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "New-MsxTenant.md")]
[OutputType(typeof(MsxTenant))]
public sealed class NewMsxTenantCommand : MsxCreateCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [ValidateLength(1, 128)]
    public string Name { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? Description { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
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
    [TenantIdTransformation(ResolveNames = false)]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public string? ParentId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? ExternalId { get; set; }

    protected override void ProcessItem()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            Refuse("MsxInvalidTenantName", "The tenant name is blank.", Name);
            return;
        }

        if (!Valid("MsxInvalidEmail", nameof(Email), Email, ValidateEmailAttribute.Problem)
            || !Valid("MsxInvalidDescription", nameof(Description), Description, text => ValidateMaxLengthAttribute.Problem(text, 256))
            || !Valid("MsxInvalidExternalId", nameof(ExternalId), ExternalId, ValidateExternalIdAttribute.Problem))
        {
            return;
        }

        Guid? parentId = null;
        if (ParentId is not null)
        {
            if (!Guid.TryParse(ParentId, out var parsed))
            {
                Refuse("MsxInvalidParentId", $"The parent id '{ParentId}' of tenant '{Name}' is not a GUID; the tenant was not created.", ParentId);
                return;
            }

            parentId = parsed;
        }

        var request = new TenantCreateRequest(Name)
        {
            Description = Description,
            Email = Email,
            Url = Url,
            ParentId = parentId,
            ExternalId = ExternalId,
        };
        Submit(CurrentSession, Name, $"Tenant '{Name}'", "Create", async (client, ct) => await client.CreateTenantAsync(request, ct).ConfigureAwait(false));
    }
}
