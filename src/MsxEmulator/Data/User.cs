namespace MsxEmulator.Data;

/// <summary>A user that can sign in with the password grant.</summary>
public sealed record User(
    Guid Id,
    string Username,
    string Password,
    string? FirstName,
    string? LastName,
    string? Email,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> TenantIds);
