using System.Text;
using Microsoft.Net.Http.Headers;

namespace MsxEmulator.Routes;

/// <summary><c>POST /idm/v2/token</c> (password, refresh_token, switch-tenant, switch-user) and <c>/idm/v2/logout</c>.</summary>
public static class TokenRoutes
{
    public const string TokenPath = "/idm/v2/token";
    public const string LogoutPath = "/idm/v2/logout";
    private const string RefreshGrant = "refresh_token";
    private const string PasswordGrant = "password";

    public static void MapTokenRoutes(this IEndpointRouteBuilder app, EmulatorState state, TokenStore tokens)
    {
        var handler = new TokenHandler(state, tokens);
        Access.MapOpen(app, TokenPath, NoStore, Access.Open("POST", handler.Token));
        Task LogoutWith(HttpContext context) => Logout(context, tokens);
        Access.MapOpen(app, LogoutPath,
            Access.Open("GET", LogoutWith), Access.Open("POST", LogoutWith), Access.Open("PUT", LogoutWith), Access.Open("DELETE", LogoutWith));
    }

    /// <summary>Every answer of the token endpoint, a 405 included, says it must not be cached.</summary>
    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }

    private static Task Logout(HttpContext context, TokenStore tokens)
    {
        var token = BearerAuthentication.Authenticate(context, tokens);
        if (token is null || !tokens.Revoke(token.Value))
        {
            return Responses.Error(context, StatusCodes.Status401Unauthorized, Responses.Unauthenticated,
                "A valid bearer access token is required to log out.");
        }

        return Responses.NoContent(context);
    }

    /// <summary>A token endpoint failure, turned into an RFC 6749 error body.</summary>
    private sealed class OAuthFailure(int status, string error, string description) : Exception(description)
    {
        public int Status { get; } = status;

        public string Error { get; } = error;
    }

    private sealed class TokenHandler(EmulatorState state, TokenStore tokens)
    {
        public async Task Token(HttpContext context)
        {
            try
            {
                var client = AuthenticateClient(context);
                var form = await ReadForm(context);
                var body = Grant(client, form);
                await Responses.Json(context, StatusCodes.Status200OK, body, EmulatorJsonContext.Wire.AccessTokenBody);
            }
            catch (OAuthFailure failure)
            {
                if (failure.Status == StatusCodes.Status401Unauthorized)
                {
                    context.Response.Headers.WWWAuthenticate = "Basic realm=\"idm\"";
                }

                await Responses.OAuthError(context, failure.Status, failure.Error, failure.Message);
            }
        }

        private static OAuthFailure BadRequest(string error, string description) => new(StatusCodes.Status400BadRequest, error, description);

        private static OAuthFailure InvalidRequest(string description) => BadRequest("invalid_request", description);

        private static OAuthFailure InvalidGrant(string description) => BadRequest("invalid_grant", description);

        private static OAuthFailure AccessDenied(string description) => new(StatusCodes.Status403Forbidden, "access_denied", description);

        private Client AuthenticateClient(HttpContext context)
        {
            string? header = context.Request.Headers.Authorization;
            const string Scheme = "Basic ";
            if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            {
                throw new OAuthFailure(StatusCodes.Status401Unauthorized, "invalid_client",
                    "Full authentication is required: send the client id and secret with HTTP Basic authentication.");
            }

            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[Scheme.Length..].Trim()));
            }
            catch (FormatException)
            {
                throw new OAuthFailure(StatusCodes.Status401Unauthorized, "invalid_client", "The Basic authorization header is malformed.");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new OAuthFailure(StatusCodes.Status401Unauthorized, "invalid_client", "The Basic authorization header is malformed.");
            }

            var client = state.FindClient(decoded[..colon]);
            if (client is null || !string.Equals(client.ClientSecret, decoded[(colon + 1)..], StringComparison.Ordinal))
            {
                throw new OAuthFailure(StatusCodes.Status401Unauthorized, "invalid_client", "Bad client credentials");
            }

            return client;
        }

        private static async Task<IFormCollection> ReadForm(HttpContext context)
        {
            var contentType = context.Request.ContentType;
            if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)
                || !media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                throw InvalidRequest("The request body must be application/x-www-form-urlencoded.");
            }

            try
            {
                return await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                throw InvalidRequest("The form body is malformed: " + e.Message);
            }
        }

        private static string? Field(IFormCollection form, string name)
        {
            var value = form[name].FirstOrDefault();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        private AccessTokenBody Grant(Client client, IFormCollection form)
        {
            var grantType = Field(form, "grant_type") ?? throw InvalidRequest("Missing grant type");
            if (grantType is not (PasswordGrant or RefreshGrant or BuiltInData.SwitchTenantGrant or BuiltInData.SwitchUserGrant))
            {
                throw BadRequest("unsupported_grant_type", $"Unsupported grant type: {grantType}");
            }

            if (!client.GrantTypes.Contains(grantType))
            {
                throw BadRequest("unauthorized_client", $"Unauthorized grant type: {grantType}");
            }

            IReadOnlyList<string>? requestedScopes = null;
            if (Field(form, "scope") is { } scope)
            {
                var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
                var unknown = scopes.FirstOrDefault(s => !client.Scopes.Contains(s));
                if (unknown is not null)
                {
                    throw BadRequest("invalid_scope", $"Invalid scope: {unknown}");
                }

                requestedScopes = scopes.Count == 0 ? null : scopes;
            }

            return grantType switch
            {
                PasswordGrant => Password(client, form, requestedScopes),
                RefreshGrant => Refresh(client, form, requestedScopes),
                BuiltInData.SwitchTenantGrant => SwitchTenant(client, form, requestedScopes),
                _ => SwitchUser(client, form, requestedScopes),
            };
        }

        private AccessTokenBody Password(Client client, IFormCollection form, IReadOnlyList<string>? scopes)
        {
            var username = Field(form, "username") ?? throw InvalidRequest("Missing username");
            var password = form["password"].FirstOrDefault() ?? throw InvalidRequest("Missing password");
            var user = state.FindUser(username);
            if (user is null || !string.Equals(user.Password, password, StringComparison.Ordinal))
            {
                throw InvalidGrant("Bad credentials");
            }

            Guid? tenantId = user.TenantIds.Count > 0 ? user.TenantIds[0] : null;
            var target = ResolveTenant(form, required: false);
            if (target is { } chosen)
            {
                if (!Roles.IsSuperUser(user.Roles) && !user.TenantIds.Contains(chosen.Tenant.Id))
                {
                    throw InvalidGrant($"user {user.Username} has no access to tenant {chosen.Tenant.Id}");
                }

                tenantId = chosen.Tenant.Id;
            }

            return Issue(client, user, tenantId, scopes ?? client.Scopes, originalUsername: null, allowRefresh: true);
        }

        private AccessTokenBody Refresh(Client client, IFormCollection form, IReadOnlyList<string>? scopes)
        {
            var value = Field(form, "refresh_token") ?? throw InvalidRequest("missing required parameter refresh_token");
            var refresh = tokens.FindRefresh(value) ?? throw InvalidGrant("Invalid refresh token: unknown, revoked or expired");
            if (refresh.ClientId != client.ClientId)
            {
                throw InvalidGrant("Invalid refresh token: it was issued to another client");
            }

            var user = state.FindUser(refresh.Username) ?? throw InvalidGrant("Invalid refresh token: its user no longer exists");
            if (scopes is not null && scopes.FirstOrDefault(s => !refresh.Scopes.Contains(s)) is { } wider)
            {
                throw BadRequest("invalid_scope", $"Invalid scope: {wider} was not granted originally");
            }

            return Issue(client, user, refresh.TenantId, scopes ?? refresh.Scopes, originalUsername: null, allowRefresh: true);
        }

        private AccessTokenRecord SourceToken(Client client, IFormCollection form, string grant)
        {
            var value = Field(form, "access_token") ?? throw InvalidRequest("access_token is missing");
            var token = tokens.FindAccess(value) ?? throw InvalidGrant("Invalid access token: unknown, revoked or expired");
            if (token.ClientId != client.ClientId)
            {
                throw InvalidGrant("Invalid access token: it was issued to another client");
            }

            if (token.OriginalUsername is not null)
            {
                throw InvalidGrant($"cannot {grant} with a switched-user token");
            }

            return token;
        }

        private TenantView? ResolveTenant(IFormCollection form, bool required)
        {
            var tenantId = Field(form, "tenant_id");
            var tenantName = Field(form, "tenant_name");
            if (tenantId is not null)
            {
                if (!Guid.TryParse(tenantId, out var id))
                {
                    throw InvalidRequest($"tenant_id '{tenantId}' is not a valid uuid");
                }

                return state.FindTenant(id) ?? throw InvalidGrant($"tenant {id} does not exist");
            }

            if (tenantName is not null)
            {
                return state.FindTenantByName(tenantName) ?? throw InvalidGrant($"tenant '{tenantName}' does not exist");
            }

            return required ? throw InvalidRequest("both [tenant_id] and [tenant_name] are missing") : null;
        }

        private AccessTokenBody SwitchTenant(Client client, IFormCollection form, IReadOnlyList<string>? scopes)
        {
            var token = SourceToken(client, form, "switch tenant");
            var target = ResolveTenant(form, required: true)!.Value.Tenant;
            var user = state.FindUser(token.Username) ?? throw InvalidGrant("the token's user no longer exists");
            if (!state.Permits(user, Permissions.SwitchTenant))
            {
                throw AccessDenied($"user {user.Username} is not allowed to switch tenant");
            }

            if (token.TenantId == target.Id)
            {
                throw InvalidGrant("cannot switch to same tenant");
            }

            if (!Roles.IsSuperUser(user.Roles) && !user.TenantIds.Contains(target.Id))
            {
                throw AccessDenied($"user {user.Username} has no access to tenant {target.Id}");
            }

            return Issue(client, user, target.Id, scopes ?? token.Scopes, originalUsername: null, allowRefresh: true);
        }

        private AccessTokenBody SwitchUser(Client client, IFormCollection form, IReadOnlyList<string>? scopes)
        {
            var token = SourceToken(client, form, "switch user");
            var username = Field(form, "switch_username");
            var userId = Field(form, "switch_user_id");
            if (username is null && userId is null)
            {
                throw InvalidRequest("both [switch_username] and [switch_user_id] are missing");
            }

            var caller = state.FindUser(token.Username) ?? throw InvalidGrant("the token's user no longer exists");
            if (!Roles.IsSuperUser(caller.Roles))
            {
                throw AccessDenied($"user {caller.Username} is not allowed to switch user");
            }

            var target = username is not null
                ? state.FindUser(username)
                : Guid.TryParse(userId, out var id) ? state.FindUser(id) : null;
            if (target is null)
            {
                throw InvalidGrant($"user {username ?? userId} does not exist");
            }

            if (target.Id == caller.Id)
            {
                throw InvalidGrant("cannot switch to same user");
            }

            Guid? tenantId = target.TenantIds.Count > 0 ? target.TenantIds[0] : null;
            return Issue(client, target, tenantId, scopes ?? token.Scopes, originalUsername: caller.Username, allowRefresh: false);
        }

        private AccessTokenBody Issue(Client client, User user, Guid? tenantId, IReadOnlyList<string> scopes, string? originalUsername, bool allowRefresh)
        {
            var now = tokens.Clock.UtcNow;
            var access = new AccessTokenRecord(TokenStore.NewTokenValue(), client.ClientId, user.Username, tenantId, scopes,
                now, now.AddSeconds(client.AccessTokenValiditySeconds), originalUsername);
            RefreshTokenRecord? refresh = null;
            if (allowRefresh && client.GrantTypes.Contains(RefreshGrant))
            {
                refresh = new RefreshTokenRecord(TokenStore.NewTokenValue(), client.ClientId, user.Username, tenantId, scopes,
                    now.AddSeconds(client.RefreshTokenValiditySeconds), access.Value);
            }

            tokens.Add(access, refresh);
            return new AccessTokenBody(
                access.Value,
                "bearer",
                client.AccessTokenValiditySeconds,
                string.Join(' ', scopes),
                user.FirstName,
                user.LastName,
                user.Roles,
                tenantId,
                user.Email,
                user.Username,
                Timestamps.Seconds(access.ExpiresAt),
                Timestamps.Seconds(access.IssuedAt),
                refresh?.Value);
        }
    }
}
