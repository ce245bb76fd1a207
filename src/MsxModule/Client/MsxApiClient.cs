using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;

namespace MsxPowerShell.Client;

/// <summary>
/// One authenticated connection to one MSX server: its session state (token, identity, tenant, renewal),
/// any endpoint through <see cref="SendAsync(MsxRequest, CancellationToken)"/>, and the declared resources
/// through <see cref="For{T}"/>. Thread-safe; PowerShell-free.
/// </summary>
public sealed class MsxApiClient : IDisposable
{
    private const string CurrentUserPath = "idm/api/v8/users/current";
    private const string LogoutPath = "idm/v2/logout";

    private readonly HttpPipeline _pipeline;
    private readonly TokenEndpoint _tokens;
    private readonly SessionState _state;
    private readonly MsxCredential _credential;

    private MsxApiClient(MsxClientOptions options, MsxCredential credential, HttpPipeline pipeline, TokenEndpoint tokens, TokenState first)
    {
        Options = options;
        _credential = credential;
        _pipeline = pipeline;
        _tokens = tokens;
        _state = new SessionState(first, RenewAsync, options.Clock, pipeline.Redactor);
    }

    /// <summary>Raised after every successful change (any method but GET and HEAD) made through this client.</summary>
    public event EventHandler<MsxChangeEventArgs>? Changed;

    public MsxClientOptions Options { get; }

    public Uri Server => Options.Server;

    public string ClientId => _credential.ClientId;

    public string UserName => _state.Current.UserName;

    public Guid? TenantId => _state.Current.TenantId;

    public IReadOnlyList<string> Scopes => _state.Current.Scopes;

    public IReadOnlyList<string> Roles => _state.Current.Roles;

    public DateTimeOffset ExpiresOn => _state.Current.ExpiresOn;

    public bool HasRefreshToken => _state.Current.RefreshToken is not null;

    public bool IsClosed => _state.IsClosed;

    /// <summary>Token requests sent by this client so far (the first one and every renewal or switch).</summary>
    public int TokenRequestCount => _tokens.RequestCount;

    public SecretRedactor Redactor => _pipeline.Redactor;

    /// <summary>The id of the module session that holds this client, for messages that must name it.</summary>
    internal int? SessionId { get; set; }

    /// <summary>Gets a token with the password grant and returns a client that keeps it fresh.</summary>
    public static async Task<MsxApiClient> ConnectAsync(MsxClientOptions options, MsxCredential credential, CancellationToken cancellationToken)
    {
        var redactor = new SecretRedactor();
        redactor.AddSecret(credential.Password);
        redactor.AddSecret(credential.ClientSecret);
        var pipeline = new HttpPipeline(options, redactor);
        try
        {
            var tokens = new TokenEndpoint(pipeline, credential);
            var first = await tokens.PasswordAsync(null, cancellationToken).ConfigureAwait(false);
            return new MsxApiClient(options, credential, pipeline, tokens, first);
        }
        catch
        {
            pipeline.Dispose();
            throw;
        }
    }

    /// <summary>The access token, for callers that must hand it to another tool. Never logged.</summary>
    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        (await _state.GetTokenAsync(cancellationToken).ConfigureAwait(false)).AccessToken;

    /// <summary>
    /// The operations of a declared resource, served by the shared machinery. Not cached: a resource client is
    /// two references, and the declarations made per call (Invoke-MsxRestMethod -All on any path, each
    /// workflow's instance listing) must not pile up in the session.
    /// </summary>
    public ResourceClient<T> For<T>(MsxResource<T> resource)
        where T : MsxObject =>
        new(this, resource);

    /// <summary>The tables this session fills as it works; released when it is closed (Disconnect-MsxSession).</summary>
    internal SessionTables Tables => _state.Tables;

    // ---- any endpoint ----

    /// <summary>
    /// Sends a request to any endpoint of the session's server. Answers the body of a successful response;
    /// a failure is an <see cref="MsxApiException"/>. Only GET, HEAD, PUT and DELETE are ever repeated.
    /// </summary>
    public async Task<MsxResponse> SendAsync(MsxRequest request, CancellationToken cancellationToken)
    {
        using var response = (await SendRawAsync(request.Method, request.PathAndQuery, request.Body, request.ContentType, request.Repeatable ? RequestPolicy.Repeatable : RequestPolicy.Once, cancellationToken, accept: request.Accept).ConfigureAwait(false))!;
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return new MsxResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
    }

    /// <summary>
    /// The path relative to the session's server of what a user gave: a path (<c>/idm/api/v8/tenants?x=1</c>)
    /// or an absolute http(s) URL on the session's own server. Anything else is refused before anything is
    /// sent: an <see cref="MsxApiException"/> with the ErrorId MsxForeignServer (another scheme, host, port,
    /// userinfo, or outside the server's base path: the token goes nowhere else) or MsxInvalidPath.
    /// </summary>
    public string ToServerPath(string pathOrUrl) => RequestUri.ToServerPath(Options.Server, pathOrUrl, _pipeline.Redactor);

    /// <summary>The request URI of a path relative to the server root, as every request of this client is built.</summary>
    public Uri ToRequestUri(string pathAndQuery) => _pipeline.Resolve(pathAndQuery);

    // ---- the session's context ----

    public async Task<MsxUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        var user = await SendJsonAsync(HttpMethod.Get, CurrentUserPath, null, MsxJsonContext.Default.MsxUser, cancellationToken).ConfigureAwait(false);
        user.Roles = _state.Current.Roles.ToArray();
        user.Origin = this;
        return user;
    }

    /// <summary>Moves the session to another tenant with the switch-tenant grant; renewals keep it there.</summary>
    public async Task SwitchTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var current = await _state.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var identity = _state.Identity;
        var switched = await _tokens.SwitchTenantAsync(current.AccessToken, tenantId, cancellationToken).ConfigureAwait(false);
        _state.Switch(switched, new SessionIdentity(identity.ActingAs, switched.TenantId ?? tenantId));
    }

    /// <summary>Acts as another user with the switch-user grant; renewals keep acting as that user.</summary>
    public async Task SwitchUserAsync(string userName, CancellationToken cancellationToken)
    {
        var current = await _state.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var switched = await _tokens.SwitchUserAsync(current.AccessToken, userName, cancellationToken).ConfigureAwait(false);
        _state.Switch(switched, new SessionIdentity(switched.UserName.Length > 0 ? switched.UserName : userName, switched.TenantId));
    }

    /// <summary>Revokes the token on the server (best effort: a server without logout is not an error) and closes the client.</summary>
    public async Task<bool> LogoutAsync(CancellationToken cancellationToken)
    {
        var token = _state.Current;
        Close();
        try
        {
            var uri = _pipeline.Resolve(LogoutPath);
            using var response = await _pipeline.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Delete, uri) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken) } },
                retryable: true,
                cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (MsxApiException ex)
        {
            MsxDiagnostics.Verbose("Logout failed; the token stays valid on the server until it expires: " + ex.Message);
            return false;
        }
    }

    public void Dispose()
    {
        Close();
        _pipeline.Dispose();
    }

    /// <summary>Ends the session: its tables are released and whoever listened for its changes is let go.</summary>
    private void Close()
    {
        _state.Close();
        Changed = null;
    }

    // ---- plumbing for the resources ----

    internal async Task<T> SendJsonAsync<T>(HttpMethod method, string path, byte[]? body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = (await SendRawAsync(method, path, body, body is null ? null : "application/json", Repeatable(method), cancellationToken).ConfigureAwait(false))!;
        return await ReadJsonAsync(response, typeInfo, method, path, cancellationToken).ConfigureAwait(false);
    }

    internal Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, HttpMethod method, string path, CancellationToken cancellationToken) =>
        ResponseReader.ReadJsonAsync(response, typeInfo, () => Label(method, path), _pipeline.Redactor, cancellationToken);

    /// <summary>
    /// Sends with the session's bearer token; after a 401, renews the token once and replays the request once.
    /// Null when <paramref name="policy"/> found that a lost attempt took effect.
    /// </summary>
    internal async Task<HttpResponseMessage?> SendRawAsync(HttpMethod method, string path, byte[]? body, string? contentType, RequestPolicy policy, CancellationToken cancellationToken, RequestAttempts? attempts = null, string? accept = null)
    {
        var uri = _pipeline.Resolve(path);
        var mediaType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        var token = await _state.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        for (var replay = 0; ; replay++)
        {
            var bearer = token.AccessToken;
            if (method != HttpMethod.Get && method != HttpMethod.Head)
            {
                ChangeTrace.Current?.OnSending();
            }

            var response = await _pipeline.SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(method, uri);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                    if (accept is not null)
                    {
                        // Set on the request, the session's default (application/json) is not added.
                        request.Headers.Accept.ParseAdd(accept);
                    }

                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = mediaType;
                    }

                    return request;
                },
                policy,
                cancellationToken,
                attempts).ConfigureAwait(false);

            if (response is null)
            {
                OnChanged(method, path);
                return null;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && replay == 0)
            {
                response.Dispose();
                MsxDiagnostics.Verbose("The server rejected the token (401); renewing it and sending the request again");
                token = await _state.RenewAsync(token, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await ResponseReader.ReadFailureAsync(response, Label(method, path), _pipeline.Server, _pipeline.Redactor, tokenEndpoint: false).ConfigureAwait(false);
                }
            }

            OnChanged(method, path);
            return response;
        }
    }

    internal static RequestPolicy Repeatable(HttpMethod method) =>
        method == HttpMethod.Post || method.Method == "PATCH" ? RequestPolicy.Once : RequestPolicy.Repeatable;

    private void OnChanged(HttpMethod method, string path)
    {
        if (method != HttpMethod.Get && method != HttpMethod.Head && Changed is { } handler)
        {
            var query = path.IndexOf('?');
            handler(this, new MsxChangeEventArgs(method, query < 0 ? path : path.Substring(0, query)));
        }
    }

    /// <summary>
    /// How the session renews: the refresh token when it has one, else the original grant again; then the
    /// switches that bring back the identity and tenant the session had.
    /// </summary>
    private async Task<TokenState> RenewAsync(TokenState stale, SessionIdentity identity, CancellationToken cancellationToken)
    {
        try
        {
            return await RenewTokenAsync(stale, identity, cancellationToken).ConfigureAwait(false);
        }
        catch (MsxApiException ex) when (ex.Kind is MsxErrorKind.InvalidGrant or MsxErrorKind.InvalidClient or MsxErrorKind.GrantNotAllowed or MsxErrorKind.BadRequest or MsxErrorKind.Forbidden)
        {
            // The token endpoint's words alone ("invalid_grant") do not say that a session, not the caller, failed.
            var session = SessionId is { } id ? $"Session {id}" : "The session";
            var cause = ex.ServerMessage ?? ex.ServerCode ?? ex.Message;
            var code = ex.ServerCode is { } c && ex.ServerMessage is not null ? $" ({c})" : string.Empty;
            throw new MsxApiException(
                ex.Kind,
                $"{session} ({stale.UserName} at {Server.GetLeftPart(UriPartial.Authority)}) could not renew its access token: {cause}{code}. The password may have changed, or the user, the security client or the tenant may have been removed or changed; run Connect-MsxServer again to make a new session.",
                ex)
            {
                StatusCode = ex.StatusCode,
                Request = ex.Request,
                ServerCode = ex.ServerCode,
                ServerMessage = ex.ServerMessage,
                ResponseBody = ex.ResponseBody,
                ErrorId = RenewalFailedErrorId,
                Recommendation = MsxErrorCatalog.RenewalRefused,
            };
        }
    }

    /// <summary>The ErrorId of a session whose token renewal the server refused.</summary>
    public const string RenewalFailedErrorId = MsxErrorCatalog.SessionRenewalFailed;

    private async Task<TokenState> RenewTokenAsync(TokenState stale, SessionIdentity identity, CancellationToken cancellationToken)
    {
        TokenState? renewed = null;
        if (stale.RefreshToken is { } refresh)
        {
            try
            {
                MsxDiagnostics.Verbose("Renewing the access token with the refresh token");
                renewed = await _tokens.RefreshAsync(refresh, cancellationToken).ConfigureAwait(false);
            }
            catch (MsxApiException ex) when (ex.Kind is MsxErrorKind.InvalidGrant or MsxErrorKind.GrantNotAllowed)
            {
                MsxDiagnostics.Verbose("The refresh token was refused; logging in again with the stored credential");
            }
        }
        else
        {
            MsxDiagnostics.Verbose("Renewing the access token by logging in again with the stored credential");
        }

        renewed ??= await _tokens.PasswordAsync(null, cancellationToken).ConfigureAwait(false);
        if (identity.ActingAs is { } user && !string.Equals(renewed.UserName, user, StringComparison.OrdinalIgnoreCase))
        {
            renewed = await _tokens.SwitchUserAsync(renewed.AccessToken, user, cancellationToken).ConfigureAwait(false);
        }

        if (identity.TenantId is { } tenant && renewed.TenantId != tenant)
        {
            renewed = await _tokens.SwitchTenantAsync(renewed.AccessToken, tenant, cancellationToken).ConfigureAwait(false);
        }

        return renewed;
    }

    private string Label(HttpMethod method, string path) => method + " " + _pipeline.Redactor.Redact(_pipeline.Resolve(path).ToString());
}
