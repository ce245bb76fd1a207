namespace MsxEmulator.Data;

/// <summary>
/// A stored user. Immutable: an update replaces the record. <see cref="Roles"/> holds role names (what
/// tokens carry); the wire's roleIds come from the role catalog. A null <see cref="Password"/> means the
/// user cannot sign in until one is set. <see cref="Enabled"/> and <see cref="Deleted"/> are the spec's
/// <c>status</c> and <c>deleted</c>.
/// </summary>
public sealed record User(
    Guid Id,
    string Username,
    string? Password,
    string? FirstName,
    string? LastName,
    string? Email,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> TenantIds,
    bool Enabled = true,
    bool Deleted = false,
    string PasswordPolicyName = PasswordPolicies.Default,
    string? Locale = "en_US")
{
    /// <summary>May sign in and use its tokens: neither deleted nor disabled.</summary>
    public bool IsActive => Enabled && !Deleted;
}
