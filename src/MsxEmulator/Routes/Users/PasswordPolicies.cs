namespace MsxEmulator.Data;

/// <summary>
/// The password policies a user may name. No public source states their rules, so the emulator's are:
/// ppolicy_default 8..128 characters; ppolicy_strong and ppolicy_system 12..128; each needs an upper-case
/// letter, a lower-case letter, a digit and a symbol (any other character).
/// </summary>
public static class PasswordPolicies
{
    public const string Default = "ppolicy_default";
    public const string Strong = "ppolicy_strong";
    public const string System = "ppolicy_system";
    public const int MaxLength = 128;

    public static readonly IReadOnlyList<string> Names = [Default, Strong, System];

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    public static int MinLength(string policy) => policy == Default ? 8 : 12;

    /// <summary>The policy's rule in words, for error messages.</summary>
    public static string Describe(string policy) =>
        $"{MinLength(policy)} to {MaxLength} characters with an upper-case letter, a lower-case letter, a digit and a symbol";

    /// <summary>Null when the password satisfies the policy, else "field: problem".</summary>
    public static string? Check(string field, string password, string policy)
    {
        var ok = password.Length >= MinLength(policy) && password.Length <= MaxLength
            && password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit)
            && password.Any(c => !char.IsLetterOrDigit(c));
        return ok ? null : $"{field}: does not satisfy password policy {policy}: {Describe(policy)}";
    }
}
