using System.Text.RegularExpressions;

namespace MsxEmulator.Data;

/// <summary>The spec's UserCreate/UserUpdate constraints, shared by the API and the data-file loader.</summary>
public static partial class UserRules
{
    public const string UsernamePatternText = @"^[a-zA-Z0-9\_\-\.\@]{1,128}$";
    public const int LocaleMin = 2;
    public const int LocaleMax = 16;

    public static string? CheckUsername(string? username) =>
        username is null ? "username: must not be null"
        : UsernamePattern().IsMatch(username) ? null
        : $"username: must match {UsernamePatternText}";

    public static string? CheckLocale(string? locale) =>
        locale is null || locale.Length is >= LocaleMin and <= LocaleMax
            ? null
            : $"locale: must be between {LocaleMin} and {LocaleMax} characters";

    public static string? CheckPasswordPolicyName(string name) =>
        PasswordPolicies.IsKnown(name)
            ? null
            : $"passwordPolicyName: '{name}' is not one of {string.Join(", ", PasswordPolicies.Names)}";

    [GeneratedRegex(@"^[a-zA-Z0-9_.@-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}
