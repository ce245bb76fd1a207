using System.Globalization;
using System.Text.RegularExpressions;

namespace MsxPowerShell.Commands;

/// <summary>The rules of the spec's SiteCreate/SiteUpdate fields that New-MsxSite and Set-MsxSite check before sending anything.</summary>
internal static class SiteFields
{
    private static readonly Regex TypeFormat = new("^[-_a-zA-Z0-9]*$", RegexOptions.CultureInvariant);

    public static string? TypeProblem(string type) =>
        type.Length > 128 ? $"The value is {type.Length} characters long; MSX accepts at most 128."
        : TypeFormat.IsMatch(type) ? null
        : $"'{type}' is not a site type: use letters, digits, '-' and '_' only.";

    public static string? AddressProblem(string text) => ValidateMaxLengthAttribute.Problem(text, 256);

    /// <summary>What is wrong with a contact, or null: the spec requires a name and a phone number.</summary>
    public static string? ContactProblem(MsxSiteContact contact, string site)
    {
        if (string.IsNullOrWhiteSpace(contact.Name) || string.IsNullOrWhiteSpace(contact.Phone))
        {
            var missing = string.IsNullOrWhiteSpace(contact.Name) ? (string.IsNullOrWhiteSpace(contact.Phone) ? "-ContactName and -ContactPhone" : "-ContactName") : "-ContactPhone";
            return $"The contact of site '{site}' needs a name and a phone number: give {missing} too.";
        }

        return null;
    }

    /// <summary>What is wrong with a location, or null: both coordinates, within range.</summary>
    public static string? LocationProblem(double? latitude, double? longitude, string site)
    {
        if (latitude is null || longitude is null)
        {
            return $"The location of site '{site}' needs both -Latitude and -Longitude.";
        }

        if (latitude < -90 || latitude > 90 || double.IsNaN(latitude.Value))
        {
            return string.Format(CultureInfo.InvariantCulture, "The latitude {0} of site '{1}' is out of range: use -90 to 90.", latitude, site);
        }

        if (longitude < -180 || longitude > 180 || double.IsNaN(longitude.Value))
        {
            return string.Format(CultureInfo.InvariantCulture, "The longitude {0} of site '{1}' is out of range: use -180 to 180.", longitude, site);
        }

        return null;
    }

    public static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static bool IsGuid(string text, out Guid id) => Guid.TryParse(text, out id);
}
