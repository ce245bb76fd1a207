using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using MsxPowerShell.Client.Models;

namespace MsxPowerShell.Client;

/// <summary>
/// One authenticated connection to one MSX server: the token and its renewal, and the typed
/// operations of the spec. Thread-safe; PowerShell-free.
/// </summary>
public sealed class MsxApiClient : IDisposable
{
    internal const string TenantsPath = "idm/api/v8/tenants";
    private const string CurrentUserPath = "idm/api/v8/users/current";
    private const string LogoutPath = "idm/v2/logout";

    private readonly HttpPipeline _pipeline;
    private readonly TokenEndpoint _tokens;
    private readonly TokenManager _tokenManager;
    private readonly MsxCredential _credential;
    private string? _switchedUser;

    private MsxApiClient(MsxClientOptions options, MsxCredential credential, HttpPipeline pipeline, TokenEndpoint tokens, TokenState first)
    {
        Options = options;
        _credential = credential;
        _pipeline = pipeline;
        _tokens = tokens;
        _tokenManager = new TokenManager(first, RenewAsync);
    }

    public MsxClientOptions Options { get; }

    public string ClientId => _credential.ClientId;

    public string UserName => _tokenManager.Current.UserName;

    public Guid? TenantId => _tokenManager.Current.TenantId;

    public IReadOnlyList<string> Scopes => _tokenManager.Current.Scopes;

    public IReadOnlyList<string> Roles => _tokenManager.Current.Roles;

    public DateTimeOffset ExpiresOn => _tokenManager.Current.ExpiresOn;

    public bool HasRefreshToken => _tokenManager.Current.RefreshToken is not null;

    public bool IsClosed => _tokenManager.IsClosed;

    /// <summary>Token requests sent by this client so far (the first one and every renewal or switch).</summary>
    public int TokenRequestCount => _tokens.RequestCount;

    public SecretRedactor Redactor => _pipeline.Redactor;

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
        (await _tokenManager.GetTokenAsync(cancellationToken).ConfigureAwait(false)).AccessToken;

    // ---- tenants ----

    public Task<MsxTenant> GetTenantAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"{TenantsPath}/{id}", null, MsxJsonContext.Default.MsxTenant, cancellationToken);

    public Task<MsxTenant> GetTenantByExternalIdAsync(string externalId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"{TenantsPath}/externalId/{Uri.EscapeDataString(externalId)}", null, MsxJsonContext.Default.MsxTenant, cancellationToken);

    /// <summary>Tenants by id in one call; ids the server does not know are simply absent from the answer.</summary>
    public Task<List<MsxTenant>> GetTenantsListAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return Task.FromResult(new List<MsxTenant>());
        }

        var query = string.Join("&", ids.Select(id => "ids=" + id.ToString()));
        return SendAsync(HttpMethod.Get, $"{TenantsPath}/list?{query}", null, MsxJsonContext.Default.ListMsxTenant, cancellationToken);
    }

    internal Task<TenantsPage> GetTenantsPageAsync(TenantQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        var path = new StringBuilder(TenantsPath)
            .Append("?page=").Append(page.ToString(CultureInfo.InvariantCulture))
            .Append("&pageSize=").Append(pageSize.ToString(CultureInfo.InvariantCulture));
        if (query.ParentId is { } parent)
        {
            path.Append("&parentId=").Append(parent);
        }

        if (!string.IsNullOrEmpty(query.SortBy))
        {
            path.Append("&sortBy=").Append(Uri.EscapeDataString(query.SortBy));
            path.Append("&sortOrder=").Append(query.Descending ? "desc" : "asc");
        }
        else if (query.Descending)
        {
            path.Append("&sortOrder=desc");
        }

        return SendAsync(HttpMethod.Get, path.ToString(), null, MsxJsonContext.Default.TenantsPage, cancellationToken);
    }

    /// <summary>
    /// Creates a tenant. A POST is never blindly repeated: when the answer is lost (broken connection,
    /// timeout, 502/503/504), the tenant is looked up by its unique name, and returned if the first attempt
    /// took effect; only if it did not is the POST sent again.
    /// </summary>
    public async Task<MsxTenant> CreateTenantAsync(TenantCreateRequest request, CancellationToken cancellationToken)
    {
        var body = new TenantCreateBody
        {
            Name = request.Name,
            Description = request.Description,
            Url = request.Url,
            Email = request.Email,
            ParentId = request.ParentId,
            ExternalId = request.ExternalId,
        };

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SendAsync(HttpMethod.Post, TenantsPath, Json(body, MsxJsonContext.Default.TenantCreateBody), MsxJsonContext.Default.MsxTenant, cancellationToken, retryable: false).ConfigureAwait(false);
            }
            catch (MsxApiException ex) when (IsLostAnswer(ex) && attempt < Options.MaximumRetryCount)
            {
                MsxDiagnostics.Verbose($"The answer to creating tenant '{request.Name}' was lost ({ex.Kind}); checking whether it was created");
                if (ex.StatusCode == (HttpStatusCode)429)
                {
                    // 429 means the server refused the request: it did not take effect.
                    await Task.Delay(_pipeline.Retry.Delay(attempt + 1, null), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var existing = await FindTenantByNameAsync(request.Name, request.ParentId, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    MsxDiagnostics.Verbose($"Tenant '{request.Name}' was created by the first attempt ({existing.Id})");
                    return existing;
                }

                var wait = _pipeline.Retry.Delay(attempt + 1, null);
                MsxDiagnostics.Verbose($"Tenant '{request.Name}' was not created; sending the request again in {wait.TotalSeconds:0.0} s");
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Replaces a tenant's updatable fields (PUT replaces: pass every field you want to keep).</summary>
    public Task<MsxTenant> UpdateTenantAsync(Guid id, TenantUpdateRequest request, CancellationToken cancellationToken)
    {
        var body = new TenantUpdateBody
        {
            Name = request.Name,
            Description = request.Description,
            Url = request.Url,
            Email = request.Email,
        };
        return SendAsync(HttpMethod.Put, $"{TenantsPath}/{id}", Json(body, MsxJsonContext.Default.TenantUpdateBody), MsxJsonContext.Default.MsxTenant, cancellationToken);
    }

    public async Task DeleteTenantAsync(Guid id, CancellationToken cancellationToken)
    {
        var attempts = new RequestAttempts();
        try
        {
            using var response = await SendRawAsync(HttpMethod.Delete, $"{TenantsPath}/{id}", null, retryable: true, cancellationToken, attempts).ConfigureAwait(false);
        }
        catch (MsxApiException ex) when (ex.Kind == MsxErrorKind.NotFound && attempts.Count > 1)
        {
            // An earlier attempt deleted it and its answer was lost: the tenant is gone, as asked.
            MsxDiagnostics.Verbose($"Tenant {id} was deleted by an earlier attempt whose answer was lost");
        }
    }

    /// <summary>Finds a tenant by exact name (case-insensitive), walking the pages: the API has no name filter.</summary>
    public async Task<MsxTenant?> FindTenantByNameAsync(string name, Guid? parentId, CancellationToken cancellationToken)
    {
        var pager = new TenantPager(this, new TenantQuery { ParentId = parentId, PageSize = TenantPager.MaximumPageSize });
        while (await pager.NextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
        {
            var match = page.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    // ---- users and the session's context ----

    public async Task<MsxUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        var user = await SendAsync(HttpMethod.Get, CurrentUserPath, null, MsxJsonContext.Default.MsxUser, cancellationToken).ConfigureAwait(false);
        user.Roles = _tokenManager.Current.Roles.ToArray();
        return user;
    }

    /// <summary>Moves the session to another tenant with the switch-tenant grant.</summary>
    public async Task SwitchTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var current = await _tokenManager.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var switched = await _tokens.SwitchTenantAsync(current.AccessToken, tenantId, cancellationToken).ConfigureAwait(false);
        _tokenManager.Replace(switched);
    }

    /// <summary>Acts as another user with the switch-user grant.</summary>
    public async Task SwitchUserAsync(string userName, CancellationToken cancellationToken)
    {
        var current = await _tokenManager.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var switched = await _tokens.SwitchUserAsync(current.AccessToken, userName, cancellationToken).ConfigureAwait(false);
        _tokenManager.Replace(switched);
        _switchedUser = userName;
    }

    /// <summary>Revokes the token on the server (best effort: a server without logout is not an error) and closes the client.</summary>
    public async Task<bool> LogoutAsync(CancellationToken cancellationToken)
    {
        var token = _tokenManager.Current;
        _tokenManager.Close();
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
        _tokenManager.Close();
        _pipeline.Dispose();
    }

    // ---- plumbing ----

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken, bool retryable = true)
    {
        using var response = await SendRawAsync(method, path, content, retryable, cancellationToken).ConfigureAwait(false);
        return await ResponseReader.ReadJsonAsync(response, typeInfo, () => Label(method, path), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends with the session's bearer token; after a 401, renews the token once and replays the request once.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, bool retryable, CancellationToken cancellationToken, RequestAttempts? attempts = null)
    {
        var uri = _pipeline.Resolve(path);
        var bodyBytes = content is null ? null : await content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var contentType = content?.Headers.ContentType;
        var token = await _tokenManager.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        for (var replay = 0; ; replay++)
        {
            var bearer = token.AccessToken;
            var response = await _pipeline.SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(method, uri);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                    if (bodyBytes is not null)
                    {
                        request.Content = new ByteArrayContent(bodyBytes);
                        request.Content.Headers.ContentType = contentType;
                    }

                    return request;
                },
                retryable,
                cancellationToken,
                attempts).ConfigureAwait(false);

            if (response.StatusCode == HttpStatusCode.Unauthorized && replay == 0)
            {
                response.Dispose();
                MsxDiagnostics.Verbose("The server rejected the token (401); renewing it and sending the request again");
                token = await _tokenManager.RenewAsync(token, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await ResponseReader.ReadFailureAsync(response, Label(method, path), _pipeline.Server, _pipeline.Redactor, tokenEndpoint: false).ConfigureAwait(false);
                }
            }

            return response;
        }
    }

    /// <summary>How the session renews: refresh token when it has one, else the original grant again (keeping tenant and user).</summary>
    private async Task<TokenState> RenewAsync(TokenState stale, CancellationToken cancellationToken)
    {
        if (stale.RefreshToken is { } refresh)
        {
            try
            {
                MsxDiagnostics.Verbose("Renewing the access token with the refresh token");
                return await _tokens.RefreshAsync(refresh, cancellationToken).ConfigureAwait(false);
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

        var renewed = await _tokens.PasswordAsync(null, cancellationToken).ConfigureAwait(false);
        if (_switchedUser is { } user)
        {
            renewed = await _tokens.SwitchUserAsync(renewed.AccessToken, user, cancellationToken).ConfigureAwait(false);
        }
        else if (stale.TenantId is { } tenant && renewed.TenantId != tenant)
        {
            renewed = await _tokens.SwitchTenantAsync(renewed.AccessToken, tenant, cancellationToken).ConfigureAwait(false);
        }

        return renewed;
    }

    private static bool IsLostAnswer(MsxApiException ex) =>
        ex.Kind is MsxErrorKind.ConnectionFailed or MsxErrorKind.Timeout or MsxErrorKind.InvalidResponse
        || (ex.StatusCode is { } status && RetryPolicy.IsTransient(status));

    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private string Label(HttpMethod method, string path) => method + " " + _pipeline.Redactor.Redact(_pipeline.Resolve(path).ToString());
}
