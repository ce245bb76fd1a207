namespace MsxEmulator.State;

/// <summary>An issued access token. <see cref="OriginalUsername"/> is set on a switched-user token.</summary>
public sealed record AccessTokenRecord(
    string Value,
    string ClientId,
    string Username,
    Guid? TenantId,
    IReadOnlyList<string> Scopes,
    DateTime IssuedAt,
    DateTime ExpiresAt,
    string? OriginalUsername);

/// <summary>An issued refresh token, tied to the access token it was issued with.</summary>
public sealed record RefreshTokenRecord(
    string Value,
    string ClientId,
    string Username,
    Guid? TenantId,
    IReadOnlyList<string> Scopes,
    DateTime ExpiresAt,
    string AccessToken);
