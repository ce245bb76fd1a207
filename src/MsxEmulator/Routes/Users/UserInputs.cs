namespace MsxEmulator.State;

public enum UserWriteOutcome
{
    Done,
    NotFound,
    Deleted,
    Forbidden,
    DuplicateUsername,
    WrongOldPassword,
    SamePassword,
}

/// <summary>What a new user is made of (already validated; roles as names).</summary>
public sealed record UserInput(string Username, string? Password, UserUpdateInput Fields);

/// <summary>The fields a PUT replaces (the spec's UserUpdate).</summary>
public sealed record UserUpdateInput(
    string? FirstName,
    string LastName,
    string Email,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> TenantIds,
    string PasswordPolicyName,
    string? Locale);
