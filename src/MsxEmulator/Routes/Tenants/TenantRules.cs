using System.Text.RegularExpressions;

namespace MsxEmulator.Data;

/// <summary>The spec's TenantCreate/TenantUpdate constraints, shared by the API and the data-file loader.</summary>
public static partial class TenantRules
{
    public const int NameMax = 128;
    public const int DescriptionMax = 256;
    public const int ImageMax = 40000;
    public const int EmailMax = 254;

    /// <summary>Returns "field: problem" for the first rule broken, or null.</summary>
    public static string? Check(string? name, string? description, string? image, string? email)
    {
        if (name is null)
        {
            return "name: must not be null";
        }

        if (name.Length is < 1 or > NameMax)
        {
            return $"name: must be between 1 and {NameMax} characters";
        }

        if (description is { Length: > DescriptionMax })
        {
            return $"description: must be at most {DescriptionMax} characters";
        }

        if (image is { Length: > ImageMax })
        {
            return $"image: must be at most {ImageMax} characters";
        }

        if (email is not null)
        {
            if (email.Length > EmailMax)
            {
                return $"email: must be at most {EmailMax} characters";
            }

            // Like Hibernate's @Email, an empty string is accepted.
            if (email.Length > 0 && !EmailPattern().IsMatch(email))
            {
                return "email: must be a well-formed email address";
            }
        }

        return null;
    }

    public static string? CheckExternalId(string? externalId) =>
        externalId is null || ExternalIdPattern().IsMatch(externalId)
            ? null
            : "externalId: must match ^[a-zA-Z0-9-_=]{1,256}$";

    public static bool IsValidExternalId(string externalId) => ExternalIdPattern().IsMatch(externalId);

    /// <summary>The same email check as the tenant email, for other resources (users): non-empty, at most 254.</summary>
    public static bool IsWellFormedEmail(string email) => email.Length <= EmailMax && EmailPattern().IsMatch(email);

    /// <summary>The same email rule as a tenant's, for other resources (an empty string is accepted).</summary>
    public static bool IsValidEmail(string email) =>
        email.Length <= EmailMax && (email.Length == 0 || EmailPattern().IsMatch(email));

    [GeneratedRegex(@"^[a-zA-Z0-9_=-]{1,256}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
