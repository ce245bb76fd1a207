using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>An MSX site, as the spec's <c>Site</c> schema describes it.</summary>
public sealed class MsxSite : MsxObject
{
    [JsonPropertyName("id")]
    public Guid Id { get; set; }

    [JsonPropertyName("tenantId")]
    public Guid TenantId { get; set; }

    [JsonPropertyName("parentId")]
    public Guid? ParentId { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("address")]
    public MsxSiteAddress? Address { get; set; }

    [JsonPropertyName("contact")]
    public MsxSiteContact? Contact { get; set; }

    /// <summary>The site's image; listings leave it out unless asked (Get-MsxSite -IncludeImage).</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("managingControlPlaneId")]
    public string? ManagingControlPlaneId { get; set; }

    [JsonPropertyName("attributes")]
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>The devices at the site, in the order they were added.</summary>
    [JsonPropertyName("devices")]
    public List<MsxSiteDevice> Devices { get; set; } = new();

    [JsonPropertyName("serviceIds")]
    public List<string> ServiceIds { get; set; } = new();

    [JsonPropertyName("location")]
    public MsxSiteLocation? Location { get; set; }

    [JsonPropertyName("status")]
    public MsxSiteStatus? Status { get; set; }

    [JsonPropertyName("createdOn")]
    public DateTimeOffset? CreatedOn { get; set; }

    [JsonPropertyName("createdBy")]
    public string? CreatedBy { get; set; }

    [JsonPropertyName("modifiedOn")]
    public DateTimeOffset? ModifiedOn { get; set; }

    [JsonPropertyName("modifiedBy")]
    public string? ModifiedBy { get; set; }

    /// <summary>The ids of the devices at the site.</summary>
    [JsonIgnore]
    public string[] DeviceIds => Devices.Select(d => d.DeviceId).ToArray();

    /// <summary>
    /// True when the answer this object came from carried the image (a listing without showImage does not):
    /// only then may it be written back whole without reading the site again.
    /// </summary>
    [JsonIgnore]
    internal bool ImageIncluded { get; set; }

    public override string ToString() => Name;
}

/// <summary>A site's postal address (the spec's <c>SiteAddress</c>; the fields after FormattedAddress are deprecated there).</summary>
public sealed class MsxSiteAddress
{
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    [JsonPropertyName("company")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Company { get; set; }

    [JsonPropertyName("formattedAddress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FormattedAddress { get; set; }

    [JsonPropertyName("address1")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Address1 { get; set; }

    [JsonPropertyName("address2")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Address2 { get; set; }

    [JsonPropertyName("city")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? City { get; set; }

    [JsonPropertyName("state")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? State { get; set; }

    [JsonPropertyName("country")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Country { get; set; }

    [JsonPropertyName("postCode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PostCode { get; set; }

    internal bool IsEmpty =>
        Name is null && Company is null && FormattedAddress is null && Address1 is null && Address2 is null
        && City is null && State is null && Country is null && PostCode is null;

    internal MsxSiteAddress Copy() => (MsxSiteAddress)MemberwiseClone();

    public override string ToString() =>
        FormattedAddress ?? string.Join(", ", new[] { Name, Company, Address1, Address2, City, State, PostCode, Country }.Where(p => !string.IsNullOrEmpty(p)));
}

/// <summary>A site's contact (the spec's <c>SiteContact</c>: name and phone are required).</summary>
public sealed class MsxSiteContact
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("phone")]
    public string Phone { get; set; } = string.Empty;

    [JsonPropertyName("email")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; set; }

    internal MsxSiteContact Copy() => (MsxSiteContact)MemberwiseClone();

    public override string ToString() => Email is null ? $"{Name}, {Phone}" : $"{Name}, {Phone}, {Email}";
}

/// <summary>A site's geographic location (the spec's <c>SiteLocation</c>).</summary>
public sealed class MsxSiteLocation
{
    [JsonPropertyName("latitude")]
    public double Latitude { get; set; }

    [JsonPropertyName("longitude")]
    public double Longitude { get; set; }

    public override string ToString() => FormattableString.Invariant($"{Latitude}, {Longitude}");
}

/// <summary>A device as a site lists it (the spec's <c>DeviceSummary</c>).</summary>
public sealed class MsxSiteDevice
{
    [JsonPropertyName("deviceId")]
    public string DeviceId { get; set; } = string.Empty;

    [JsonPropertyName("serviceId")]
    public string? ServiceId { get; set; }

    [JsonPropertyName("serviceType")]
    public string? ServiceType { get; set; }

    public override string ToString() => DeviceId;
}

/// <summary>A site's status (the spec's <c>SiteStatus</c>).</summary>
public sealed class MsxSiteStatus
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("severity")]
    public string? Severity { get; set; }

    [JsonPropertyName("lastUpdated")]
    public DateTimeOffset? LastUpdated { get; set; }

    [JsonPropertyName("lastUpdatedMessage")]
    public string? LastUpdatedMessage { get; set; }

    public override string ToString() => Value ?? string.Empty;
}
