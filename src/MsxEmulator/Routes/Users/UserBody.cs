namespace MsxEmulator.Json;

/// <summary>The spec's <c>User</c>, as every users operation answers it; firstName (optional, not nullable) is left out when there is none.</summary>
public sealed record UserBody(
    Guid Id,
    string Status,
    string Deleted,
    string Username,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FirstName,
    string? LastName,
    string? Email,
    IReadOnlyList<Guid> RoleIds,
    IReadOnlyList<Guid> TenantIds,
    string PasswordPolicyName,
    string? Locale,
    string? Password);
