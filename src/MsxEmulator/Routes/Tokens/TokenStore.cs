using System.Security.Cryptography;

namespace MsxEmulator.State;

/// <summary>
/// Issued tokens: opaque random strings, valid until their exact expiry instant or until revoked by
/// logout. Not part of the resettable data, so a reset leaves tokens valid.
/// </summary>
public sealed class TokenStore(EmulatorClock clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AccessTokenRecord> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenRecord> _refresh = new(StringComparer.Ordinal);

    /// <summary>The clock that issue and expiry are measured on.</summary>
    public EmulatorClock Clock { get; } = clock;

    public static string NewTokenValue() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public void Add(AccessTokenRecord token, RefreshTokenRecord? refresh)
    {
        lock (_gate)
        {
            _access[token.Value] = token;
            if (refresh is not null)
            {
                _refresh[refresh.Value] = refresh;
            }
        }
    }

    /// <summary>The token if it is known, unrevoked and not yet expired.</summary>
    public AccessTokenRecord? FindAccess(string value)
    {
        lock (_gate)
        {
            return _access.TryGetValue(value, out var token) && Clock.UtcNow < token.ExpiresAt ? token : null;
        }
    }

    public RefreshTokenRecord? FindRefresh(string value)
    {
        lock (_gate)
        {
            return _refresh.TryGetValue(value, out var token) && Clock.UtcNow < token.ExpiresAt ? token : null;
        }
    }

    /// <summary>Revokes an access token and the refresh tokens issued with it.</summary>
    public bool Revoke(string accessToken)
    {
        lock (_gate)
        {
            if (!_access.Remove(accessToken))
            {
                return false;
            }

            foreach (var refresh in _refresh.Values.Where(r => r.AccessToken == accessToken).ToList())
            {
                _refresh.Remove(refresh.Value);
            }

            return true;
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
