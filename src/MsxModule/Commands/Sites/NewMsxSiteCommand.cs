using System.Collections;
using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Creates a site in a tenant, optionally with devices at it. Takes pipeline input by property name (CSV rows).</summary>
[Cmdlet(VerbsCommon.New, "MsxSite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "New-MsxSite.md")]
[OutputType(typeof(MsxSite))]
public sealed class NewMsxSiteCommand : MsxCreateCmdlet
{
    /// <summary>
    /// The tenant's id. Bound as text and checked here: PowerShell would drop a by-property-name value it cannot
    /// convert with an error that does not name the row.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [TenantIdTransformation(ResolveNames = false)]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public string TenantId { get; set; } = null!;

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [ValidateLength(1, 128)]
    public string Name { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? Description { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ArgumentCompleter(typeof(SiteTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>The parent site's id (a site of the same tenant); bound as text and checked, as TenantId.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ArgumentCompleter(typeof(SiteCompleter))]
    public string? ParentId { get; set; }

    /// <summary>The postal address as one text (the spec's formattedAddress).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? Address { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? AddressName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? Company { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? ContactName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? ContactPhone { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? ContactEmail { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public double? Latitude { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public double? Longitude { get; set; }

    /// <summary>Devices to place at the new site (devices of the same tenant).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceIds")]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string[]? DeviceId { get; set; }

    /// <summary>String attributes; from a CSV column as key=value;key2=value2.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [KeyValueText]
    public Hashtable? Attribute { get; set; }

    protected override void ProcessItem()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            Refuse("MsxInvalidSiteName", "The site name is blank.", Name);
            return;
        }

        if (!SiteFields.IsGuid(TenantId, out var tenantId))
        {
            Refuse("MsxInvalidTenantId", $"The tenant id '{TenantId}' of site '{Name}' is not a GUID; the site was not created.", TenantId);
            return;
        }

        Guid? parentId = null;
        if (ParentId is not null)
        {
            if (!SiteFields.IsGuid(ParentId, out var parent))
            {
                Refuse("MsxInvalidParentId", $"The parent id '{ParentId}' of site '{Name}' is not a GUID; the site was not created.", ParentId);
                return;
            }

            parentId = parent;
        }

        if (!Valid("MsxInvalidDescription", nameof(Description), Description, text => ValidateMaxLengthAttribute.Problem(text, 256))
            || !Valid("MsxInvalidSiteType", nameof(Type), Type, SiteFields.TypeProblem)
            || !Valid("MsxInvalidSiteAddress", nameof(Address), Address, SiteFields.AddressProblem)
            || !Valid("MsxInvalidEmail", nameof(ContactEmail), ContactEmail, ValidateEmailAttribute.Problem))
        {
            return;
        }

        MsxSiteContact? contact = null;
        if (ContactName is not null || ContactPhone is not null || ContactEmail is not null)
        {
            contact = new MsxSiteContact { Name = ContactName ?? string.Empty, Phone = ContactPhone ?? string.Empty, Email = ContactEmail };
            if (SiteFields.ContactProblem(contact, Name) is { } problem)
            {
                Refuse("MsxInvalidSiteContact", problem + " The site was not created.", Name);
                return;
            }
        }

        MsxSiteLocation? location = null;
        if (Latitude is not null || Longitude is not null)
        {
            if (SiteFields.LocationProblem(Latitude, Longitude, Name) is { } problem)
            {
                Refuse("MsxInvalidSiteLocation", problem + " The site was not created.", Name);
                return;
            }

            location = new MsxSiteLocation { Latitude = Latitude!.Value, Longitude = Longitude!.Value };
        }

        var deviceIds = DeviceId?.Where(d => d is not null).ToList();
        if (deviceIds is not null && deviceIds.FirstOrDefault(d => DeviceResource.Declaration.IdProblem(d) is not null) is { } badDevice)
        {
            Refuse(DeviceResource.Declaration.InvalidIdErrorId, $"{DeviceResource.Declaration.IdProblem(badDevice)} The site '{Name}' was not created.", Name);
            return;
        }

        var address = new MsxSiteAddress { FormattedAddress = Address, Name = AddressName, Company = Company };
        var body = new SiteCreateBody
        {
            TenantId = tenantId,
            Name = Name,
            ParentId = parentId,
            Type = Type,
            Description = Description,
            Address = address.IsEmpty ? null : address,
            Contact = contact,
            Location = location,
            Attributes = ManageValues.Strings(Attribute),
            DeviceIds = deviceIds is { Count: > 0 } ? deviceIds : null,
        };
        var devices = body.DeviceIds is null ? string.Empty : $" with {body.DeviceIds.Count} device(s)";
        Submit(CurrentSession, Name, $"Site '{Name}' in tenant {tenantId}{devices}", "Create", async (client, ct) => await client.CreateSiteAsync(body, ct).ConfigureAwait(false));
    }
}
