namespace MsxEmulator.Data;

/// <summary>A security client (the shape of the seed guide's security-client payload).</summary>
public sealed record Client(
    string ClientId,
    string ClientSecret,
    IReadOnlySet<string> GrantTypes,
    IReadOnlyList<string> Scopes,
    int AccessTokenValiditySeconds,
    int RefreshTokenValiditySeconds);
