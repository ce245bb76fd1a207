using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace MsxPowerShell.Client;

/// <summary><c>POST /idm/v2/token</c>: every OAuth2 grant MSX offers, with HTTP Basic client authentication.</summary>
internal sealed class TokenEndpoint
{
    public const string Path = "idm/v2/token";
    public const string SwitchTenantGrant = "urn:cisco:nfv:oauth:grant-type:switch-tenant";
    public const string SwitchUserGrant = "urn:cisco:nfv:oauth:grant-type:switch-user";

    /// <summary>The redactor's slot for the tokens of the latest token answer.</summary>
    internal const string AnsweredTokensSlot = "answered-tokens";

    private readonly HttpPipeline _pipeline;
    private readonly MsxCredential _credential;

    public TokenEndpoint(HttpPipeline pipeline, MsxCredential credential)
    {
        _pipeline = pipeline;
        _credential = credential;
    }

    /// <summary>Counts the token requests this session sent (renewals included).</summary>
    public int RequestCount => _requestCount;

    private int _requestCount;

    public Task<TokenState> PasswordAsync(Guid? tenantId, CancellationToken cancellationToken) =>
        RequestAsync(
            () =>
            {
                var form = new List<KeyValuePair<string, string>>
                {
                    new("grant_type", "password"),
                    new("username", _credential.UserName),
                    new("password", MsxCredential.Reveal(_credential.Password)),
                };
                if (tenantId is { } id)
                {
                    form.Add(new("tenant_id", id.ToString()));
                }

                return form;
            },
            "password",
            cancellationToken);

    public Task<TokenState> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RequestAsync(
            () => new List<KeyValuePair<string, string>>
            {
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
            },
            "refresh_token",
            cancellationToken);

    public Task<TokenState> SwitchTenantAsync(string accessToken, Guid tenantId, CancellationToken cancellationToken) =>
        RequestAsync(
            () => new List<KeyValuePair<string, string>>
            {
                new("grant_type", SwitchTenantGrant),
                new("access_token", accessToken),
                new("tenant_id", tenantId.ToString()),
            },
            "switch-tenant",
            cancellationToken);

    public Task<TokenState> SwitchUserAsync(string accessToken, string userName, CancellationToken cancellationToken) =>
        RequestAsync(
            () => new List<KeyValuePair<string, string>>
            {
                new("grant_type", SwitchUserGrant),
                new("access_token", accessToken),
                new("switch_username", userName),
            },
            "switch-user",
            cancellationToken);

    private async Task<TokenState> RequestAsync(Func<List<KeyValuePair<string, string>>> form, string grant, CancellationToken cancellationToken)
    {
        var uri = _pipeline.Resolve(Path);
        var label = $"POST {uri} ({grant} grant)";
        MsxDiagnostics.Verbose($"Requesting a token from {uri.GetLeftPart(UriPartial.Authority)} with the {grant} grant");
        var requestedAt = _pipeline.Now;
        using var response = await _pipeline.SendAsync(
            () =>
            {
                Interlocked.Increment(ref _requestCount);
                return new HttpRequestMessage(HttpMethod.Post, uri)
                {
                    Headers = { Authorization = BasicAuthorization() },
                    Content = EncodeForm(form()),
                };
            },
            retryable: true,
            cancellationToken).ConfigureAwait(false);

        if (!response.IsSuccessStatusCode)
        {
            var failure = await ResponseReader.ReadFailureAsync(response, label, _pipeline.Server, _pipeline.Redactor, tokenEndpoint: true).ConfigureAwait(false);
            failure.Recommendation ??= RecommendationFor(grant, failure.Kind);
            throw failure;
        }

        var body = await ResponseReader.ReadJsonAsync(response, MsxJsonContext.Default.AccessTokenResponse, () => label, _pipeline.Redactor, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body.AccessToken))
        {
            throw new MsxApiException(MsxErrorKind.InvalidResponse, $"{label} answered without an access_token.") { Request = label };
        }

        // The tokens of the latest answer, masked from now on; the slot's earlier ones are dropped (the session's
        // current tokens are held by SessionState's slot, so a token that is still in use stays masked).
        _pipeline.Redactor.ReplaceSecrets(AnsweredTokensSlot, body.AccessToken, body.RefreshToken);
        var lifetime = TimeSpan.FromSeconds(Math.Max(1, body.ExpiresIn ?? 3600));
        return new TokenState(body.AccessToken!, requestedAt, requestedAt + lifetime)
        {
            RefreshToken = string.IsNullOrEmpty(body.RefreshToken) ? null : body.RefreshToken,
            UserName = body.UserName ?? _credential.UserName,
            TenantId = body.TenantId,
            Scopes = (body.Scope ?? string.Empty).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries),
            Roles = body.Roles ?? Array.Empty<string>(),
            FirstName = body.FirstName,
            LastName = body.LastName,
            Email = body.Email,
        };
    }

    /// <summary>A refused switch is not a wrong password: say what to check for each grant.</summary>
    private static string? RecommendationFor(string grant, MsxErrorKind kind) => (grant, kind) switch
    {
        ("switch-tenant", MsxErrorKind.InvalidGrant or MsxErrorKind.BadRequest) => "Check that the tenant exists and is not the session's current tenant (Get-MsxTenant).",
        ("switch-tenant", MsxErrorKind.Forbidden) => "The session's roles may not switch to that tenant: a TENANT_ADMIN may switch only to its own tenants.",
        ("switch-user", MsxErrorKind.InvalidGrant or MsxErrorKind.BadRequest) => "Check that the user exists and is not the user the session already acts as.",
        ("switch-user", MsxErrorKind.Forbidden) => "Only a SUPERUSER may switch to another user.",
        ("refresh_token", MsxErrorKind.InvalidGrant) => "The refresh token expired or was revoked; connect again.",
        _ => null,
    };

    private AuthenticationHeaderValue BasicAuthorization()
    {
        var pair = _credential.ClientId + ":" + MsxCredential.Reveal(_credential.ClientSecret);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
    }

    /// <summary>Writes the form body; the plain-text secrets in it live only until this returns.</summary>
    private static ByteArrayContent EncodeForm(List<KeyValuePair<string, string>> fields)
    {
        var text = string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }
}
