using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a site's name, description, type, parent, address, contact, location or attributes. Fields not
/// given keep their values: PUT replaces the site, so it is written back whole (its image included); when
/// nothing would change, nothing is sent. Devices change with Add-MsxSiteDevice and Remove-MsxSiteDevice.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxSite", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxSite.md")]
[OutputType(typeof(MsxSite))]
public sealed class SetMsxSiteCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    private static readonly string[] Fields =
    {
        nameof(Name), nameof(Description), nameof(Type), nameof(ParentId), nameof(Address), nameof(AddressName), nameof(Company),
        nameof(ContactName), nameof(ContactPhone), nameof(ContactEmail), nameof(Latitude), nameof(Longitude), nameof(Attribute),
    };

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("SiteId")]
    [ArgumentCompleter(typeof(SiteCompleter))]
    public Guid Id { get; set; }

    /// <summary>A site from Get-MsxSite: changed through the session it was read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxSite InputObject { get; set; } = null!;

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
            Refuse("MsxInvalidSiteName", "The site name is blank.", Name);
            return;
        }

        if (!Valid("MsxInvalidDescription", nameof(Description), Description, text => ValidateMaxLengthAttribute.Problem(text, 256))
            || !Valid("MsxInvalidSiteType", nameof(Type), Type, SiteFields.TypeProblem)
            || !Valid("MsxInvalidSiteAddress", nameof(Address), Address, SiteFields.AddressProblem)
            || !Valid("MsxInvalidEmail", nameof(ContactEmail), ContactEmail, ValidateEmailAttribute.Problem))
        {
            return;
        }

        var changes = Fields.Where(Given).ToList();
        if (changes.Count == 0)
        {
            WriteVerbose($"Set-MsxSite: no field to change was given for {target}; nothing was sent.");
            return;
        }

        if (SessionFor(ParameterSetName == InputObjectSet ? InputObject : null, target) is not { } session)
        {
            return;
        }

        var known = ParameterSetName == InputObjectSet ? InputObject : null;
        var description = known is null ? $"Site {Id}" : SiteResource.Declaration.Describe(known);
        Submit(session, target, description, $"Set {string.Join(", ", changes)}", async (client, ct) =>
        {
            var current = known ?? await client.GetSiteAsync(Id, includeImage: true, ct).ConfigureAwait(false);
            var (updated, changed) = await client.ReplaceSiteAsync(current, Merge, ct).ConfigureAwait(false);
            if (!changed)
            {
                MsxDiagnostics.Verbose($"Site '{current.Name}' already has the given values; nothing was sent.");
            }

            return PassThru ? updated : null;
        });
    }

    /// <summary>The site as it should be, or null when it already is. Fails (nothing sent) for a contact or location left incomplete.</summary>
    private SiteUpdateBody? Merge(MsxSite current)
    {
        var body = current.ToUpdate();
        body.Name = Name ?? current.Name;
        if (Given(nameof(Description)))
        {
            body.Description = SiteFields.Blank(Description);
        }

        if (Given(nameof(Type)))
        {
            body.Type = SiteFields.Blank(Type);
        }

        if (Given(nameof(ParentId)))
        {
            body.ParentId = ParentId;
        }

        if (Given(nameof(Address)) || Given(nameof(AddressName)) || Given(nameof(Company)))
        {
            var address = body.Address ?? new MsxSiteAddress();
            address.FormattedAddress = Given(nameof(Address)) ? SiteFields.Blank(Address) : address.FormattedAddress;
            address.Name = Given(nameof(AddressName)) ? SiteFields.Blank(AddressName) : address.Name;
            address.Company = Given(nameof(Company)) ? SiteFields.Blank(Company) : address.Company;
            body.Address = address.IsEmpty ? null : address;
        }

        if (Given(nameof(ContactName)) || Given(nameof(ContactPhone)) || Given(nameof(ContactEmail)))
        {
            var contact = body.Contact ?? new MsxSiteContact();
            contact.Name = Given(nameof(ContactName)) ? ContactName ?? string.Empty : contact.Name;
            contact.Phone = Given(nameof(ContactPhone)) ? ContactPhone ?? string.Empty : contact.Phone;
            contact.Email = Given(nameof(ContactEmail)) ? SiteFields.Blank(ContactEmail) : contact.Email;
            if (SiteFields.ContactProblem(contact, current.Name) is { } problem)
            {
                throw Invalid("MsxInvalidSiteContact", problem, current);
            }

            body.Contact = contact;
        }

        if (Given(nameof(Latitude)) || Given(nameof(Longitude)))
        {
            var latitude = Given(nameof(Latitude)) ? Latitude : body.Location?.Latitude;
            var longitude = Given(nameof(Longitude)) ? Longitude : body.Location?.Longitude;
            if (SiteFields.LocationProblem(latitude, longitude, current.Name) is { } problem)
            {
                throw Invalid("MsxInvalidSiteLocation", problem, current);
            }

            body.Location = new MsxSiteLocation { Latitude = latitude!.Value, Longitude = longitude!.Value };
        }

        if (Given(nameof(Attribute)))
        {
            body.Attributes = ManageValues.Strings(Attribute);
        }

        var before = JsonSerializer.SerializeToUtf8Bytes(current.ToUpdate(), ManageJsonContext.Default.SiteUpdateBody);
        var after = JsonSerializer.SerializeToUtf8Bytes(body, ManageJsonContext.Default.SiteUpdateBody);
        return before.SequenceEqual(after) ? null : body;
    }

    private static MsxApiException Invalid(string errorId, string message, MsxSite site) =>
        new(MsxErrorKind.BadRequest, message + " Nothing was sent.") { ErrorId = errorId, Target = site };
}
