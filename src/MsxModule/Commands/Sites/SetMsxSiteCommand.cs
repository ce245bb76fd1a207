using System.Collections;
using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a site's name, description, type, parent, address, contact, location or attributes. Fields not
/// given keep their values: PUT replaces the site, so it is written back whole (its image included); when
/// nothing would change, nothing is sent. Devices change with Add-MsxSiteDevice and Remove-MsxSiteDevice.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxSite", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxSite.md")]
[OutputType(typeof(MsxSite))]
public sealed class SetMsxSiteCommand : MsxSetCmdlet<MsxSite, SiteUpdateBody>
{
    private static readonly string[] SiteFieldNames =
    {
        nameof(Name), nameof(Description), nameof(Type), nameof(ParentId), nameof(Address), nameof(AddressName), nameof(Company),
        nameof(ContactName), nameof(ContactPhone), nameof(ContactEmail), nameof(Latitude), nameof(Longitude), nameof(Attribute),
    };

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("SiteId")]
    [ArgumentCompleter(typeof(SiteCompleter))]
    public Guid Id { get; set; }

    [Parameter]
    [ValidateLength(1, 128)]
    public string? Name { get; set; }

    /// <summary>The new description; an empty string clears it.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>The new type; an empty string clears it.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SiteTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>The new parent site (of the same tenant); $null makes the site a top-level site.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SiteCompleter))]
    public Guid? ParentId { get; set; }

    /// <summary>The postal address as one text; an empty string clears it.</summary>
    [Parameter]
    public string? Address { get; set; }

    [Parameter]
    public string? AddressName { get; set; }

    [Parameter]
    public string? Company { get; set; }

    [Parameter]
    public string? ContactName { get; set; }

    [Parameter]
    public string? ContactPhone { get; set; }

    /// <summary>The contact's e-mail address; an empty string clears it.</summary>
    [Parameter]
    public string? ContactEmail { get; set; }

    [Parameter]
    [ValidateRange(-90.0, 90.0)]
    public double? Latitude { get; set; }

    [Parameter]
    [ValidateRange(-180.0, 180.0)]
    public double? Longitude { get; set; }

    /// <summary>The site's attributes, replaced whole; an empty hashtable clears them.</summary>
    [Parameter]
    public Hashtable? Attribute { get; set; }

    protected override MsxResource<MsxSite> Resource => SiteResource.Declaration;

    protected override ItemUpdate<MsxSite, SiteUpdateBody> Update => SiteResource.Update;

    protected override string[] Fields => SiteFieldNames;

    protected override string IdText => Id.ToString();

    protected override object IdValue => Id;

    protected override bool Validate(object target)
    {
        if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            Refuse("MsxInvalidSiteName", "The site name is blank.", Name);
            return false;
        }

        return Valid("MsxInvalidDescription", nameof(Description), Description, text => ValidateMaxLengthAttribute.Problem(text, 256))
            && Valid("MsxInvalidSiteType", nameof(Type), Type, SiteFields.TypeProblem)
            && Valid("MsxInvalidSiteAddress", nameof(Address), Address, SiteFields.AddressProblem)
            && Valid("MsxInvalidEmail", nameof(ContactEmail), ContactEmail, ValidateEmailAttribute.Problem);
    }

    protected override Func<MsxApiClient, CancellationToken, Task<Action<MsxSite, SiteUpdateBody>>>? Edit(MsxSession session, object target)
    {
        var given = new HashSet<string>(SiteFieldNames.Where(Given));
        var (name, description, type, parentId, address, addressName, company) = (Name, Cleared(Description), Cleared(Type), ParentId, Cleared(Address), Cleared(AddressName), Cleared(Company));
        var (contactName, contactPhone, contactEmail, latitude, longitude) = (ContactName ?? string.Empty, ContactPhone ?? string.Empty, Cleared(ContactEmail), Latitude, Longitude);
        var attributes = given.Contains(nameof(Attribute)) ? ManageValues.Strings(Attribute) : null;
        return Now((current, body) =>
        {
            body.Name = name ?? body.Name;
            body.Description = given.Contains(nameof(Description)) ? description : body.Description;
            body.Type = given.Contains(nameof(Type)) ? type : body.Type;
            body.ParentId = given.Contains(nameof(ParentId)) ? parentId : body.ParentId;
            if (given.Contains(nameof(Address)) || given.Contains(nameof(AddressName)) || given.Contains(nameof(Company)))
            {
                var place = body.Address ?? new MsxSiteAddress();
                place.FormattedAddress = given.Contains(nameof(Address)) ? address : place.FormattedAddress;
                place.Name = given.Contains(nameof(AddressName)) ? addressName : place.Name;
                place.Company = given.Contains(nameof(Company)) ? company : place.Company;
                body.Address = place.IsEmpty ? null : place;
            }

            if (given.Contains(nameof(ContactName)) || given.Contains(nameof(ContactPhone)) || given.Contains(nameof(ContactEmail)))
            {
                var contact = body.Contact ?? new MsxSiteContact();
                contact.Name = given.Contains(nameof(ContactName)) ? contactName : contact.Name;
                contact.Phone = given.Contains(nameof(ContactPhone)) ? contactPhone : contact.Phone;
                contact.Email = given.Contains(nameof(ContactEmail)) ? contactEmail : contact.Email;
                if (SiteFields.ContactProblem(contact, current.Name) is { } problem)
                {
                    throw Invalid("MsxInvalidSiteContact", problem, current);
                }

                body.Contact = contact;
            }

            if (given.Contains(nameof(Latitude)) || given.Contains(nameof(Longitude)))
            {
                var lat = given.Contains(nameof(Latitude)) ? latitude : body.Location?.Latitude;
                var lon = given.Contains(nameof(Longitude)) ? longitude : body.Location?.Longitude;
                if (SiteFields.LocationProblem(lat, lon, current.Name) is { } problem)
                {
                    throw Invalid("MsxInvalidSiteLocation", problem, current);
                }

                body.Location = new MsxSiteLocation { Latitude = lat!.Value, Longitude = lon!.Value };
            }

            body.Attributes = given.Contains(nameof(Attribute)) ? attributes : body.Attributes;
        });
    }

    private static MsxApiException Invalid(string errorId, string message, MsxSite site) =>
        new(MsxErrorKind.BadRequest, message + " Nothing was sent.") { ErrorId = errorId, Target = site };
}
