namespace MsxPowerShell.Client;

/// <summary>One access token and what the server said about it. Immutable: renewal swaps in a new one.</summary>
internal sealed class TokenState
{
    public TokenState(string accessToken, DateTimeOffset issuedOn, DateTimeOffset expiresOn)
    {
        AccessToken = accessToken;
        IssuedOn = issuedOn;
        ExpiresOn = expiresOn;
    }

    public string AccessToken { get; }

    public string? RefreshToken { get; init; }

    public DateTimeOffset IssuedOn { get; }

    public DateTimeOffset ExpiresOn { get; }

    public string UserName { get; init; } = string.Empty;

    public Guid? TenantId { get; init; }

    public string[] Scopes { get; init; } = Array.Empty<string>();

    public string[] Roles { get; init; } = Array.Empty<string>();

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Email { get; init; }

    /// <summary>
    /// True when the token is within its renewal window: about a minute before expiry, but never more than
    /// a quarter of its lifetime, so that short-lived tokens are not renewed on every call.
    /// </summary>
    public bool NeedsRenewal(DateTimeOffset now)
    {
        var lifetime = ExpiresOn - IssuedOn;
        var skew = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, lifetime.Ticks / 4));
        return now >= ExpiresOn - skew;
    }
}
