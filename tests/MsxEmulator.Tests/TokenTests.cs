using System.Globalization;
using System.Net;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

public sealed class TokenTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task Password_grant_answers_the_spec_AccessToken_fields()
    {
        using var response = await _api.PasswordAsync(SuperUser, SuperUserPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("no-cache", response.Headers.Pragma.Select(p => p.Name));
        var body = await JsonAsync(response);
        Assert.Equal(
            ["access_token", "token_type", "expires_in", "scope", "firstName", "lastName", "roles", "tenantId", "email", "username", "expiry", "iat"],
            PropertyNames(body));
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(9000, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("address read phone openid profile write email tenant_hierarchy token_details", body.GetProperty("scope").GetString());
        Assert.Equal("Super", body.GetProperty("firstName").GetString());
        Assert.Equal("User", body.GetProperty("lastName").GetString());
        Assert.Equal(["SUPERUSER"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(DandelionAndBurdock, body.GetProperty("tenantId").GetString());
        Assert.Equal("superuser@example.com", body.GetProperty("email").GetString());
        Assert.Equal("superuser", body.GetProperty("username").GetString());
        var iat = DateTime.ParseExact(body.GetProperty("iat").GetString()!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var expiry = DateTime.ParseExact(body.GetProperty("expiry").GetString()!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromSeconds(9000), expiry - iat);
    }

    [Fact]
    public async Task Bad_client_secret_is_401_invalid_client()
    {
        using var response = await _api.PasswordAsync(SuperUser, SuperUserPassword, PrivateClient, "wrong");
        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Missing_basic_header_is_401_invalid_client()
    {
        using var content = new FormUrlEncodedContent([new("grant_type", "password")]);
        using var response = await _api.Http.PostAsync("idm/v2/token", content);
        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Bad_password_is_400_invalid_grant()
    {
        using var response = await _api.PasswordAsync(SuperUser, "wrong");
        var body = await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal("Bad credentials", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Grant_errors_follow_RFC_6749()
    {
        using (var response = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", "client_credentials")))
        {
            await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
        }

        using (var response = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", "refresh_token"), ("refresh_token", "x")))
        {
            await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unauthorized_client");
        }

        using (var response = await _api.TokenAsync(PrivateClient, PrivateSecret, ("username", "superuser")))
        {
            await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        }

        using (var response = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", "password"), ("username", SuperUser),
            ("password", SuperUserPassword), ("scope", "read admin")))
        {
            await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope");
        }

        using (var response = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", "password"), ("password", "x")))
        {
            await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        }
    }

    [Fact]
    public async Task Json_body_is_400_invalid_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "idm/v2/token")
        {
            Content = new StringContent("{\"grant_type\":\"password\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(PrivateClient + ":" + PrivateSecret)));
        using var response = await _api.Http.SendAsync(request);
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Scope_can_be_narrowed()
    {
        using var response = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", "password"), ("username", SuperUser),
            ("password", SuperUserPassword), ("scope", "read write"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("read write", (await JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Refresh_token_is_only_issued_to_the_refresh_client_and_works()
    {
        var plain = await _api.TokenBodyAsync();
        Assert.False(plain.TryGetProperty("refresh_token", out _));

        var first = await _api.TokenBodyAsync(SuperUser, null, RefreshClient, RefreshSecret);
        var refresh = first.GetProperty("refresh_token").GetString()!;
        using var response = await _api.TokenAsync(RefreshClient, RefreshSecret, ("grant_type", "refresh_token"), ("refresh_token", refresh));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renewed = await JsonAsync(response);
        Assert.NotEqual(first.GetProperty("access_token").GetString(), renewed.GetProperty("access_token").GetString());
        Assert.NotEqual(refresh, renewed.GetProperty("refresh_token").GetString());
        Assert.Equal("superuser", renewed.GetProperty("username").GetString());
        Assert.Equal(first.GetProperty("tenantId").GetString(), renewed.GetProperty("tenantId").GetString());

        using var current = await _api.GetAsync("idm/api/v8/users/current", renewed.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Invalid_or_missing_refresh_token_is_rejected()
    {
        using (var response = await _api.TokenAsync(RefreshClient, RefreshSecret, ("grant_type", "refresh_token"), ("refresh_token", "nope")))
        {
            await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
        }

        using (var response = await _api.TokenAsync(RefreshClient, RefreshSecret, ("grant_type", "refresh_token")))
        {
            var body = await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
            Assert.Equal("missing required parameter refresh_token", body.GetProperty("error_description").GetString());
        }
    }

    [Fact]
    public async Task Switch_tenant_changes_the_tenant()
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("access_token", token), ("tenant_id", Coke));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(Coke, body.GetProperty("tenantId").GetString());
        Assert.Equal("superuser", body.GetProperty("username").GetString());

        using var byName = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("access_token", token), ("tenant_name", "Sprite"));
        Assert.Equal(Sprite, (await JsonAsync(byName)).GetProperty("tenantId").GetString());
    }

    [Fact]
    public async Task Switch_tenant_errors()
    {
        var token = await _api.AccessTokenAsync();
        using (var same = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("access_token", token), ("tenant_id", DandelionAndBurdock)))
        {
            var body = await AssertOAuthErrorAsync(same, HttpStatusCode.BadRequest, "invalid_grant");
            Assert.Equal("cannot switch to same tenant", body.GetProperty("error_description").GetString());
        }

        using (var unknown = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("access_token", token), ("tenant_id", Guid.NewGuid().ToString())))
        {
            await AssertOAuthErrorAsync(unknown, HttpStatusCode.BadRequest, "invalid_grant");
        }

        using (var missing = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("access_token", token)))
        {
            var body = await AssertOAuthErrorAsync(missing, HttpStatusCode.BadRequest, "invalid_request");
            Assert.Equal("both [tenant_id] and [tenant_name] are missing", body.GetProperty("error_description").GetString());
        }

        using (var noToken = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("tenant_id", Coke)))
        {
            var body = await AssertOAuthErrorAsync(noToken, HttpStatusCode.BadRequest, "invalid_request");
            Assert.Equal("access_token is missing", body.GetProperty("error_description").GetString());
        }

        var consumer = await _api.AccessTokenAsync(Consumer);
        using (var forbidden = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("access_token", consumer), ("tenant_id", Coke)))
        {
            await AssertOAuthErrorAsync(forbidden, HttpStatusCode.Forbidden, "access_denied");
        }

        var admin = await _api.AccessTokenAsync(TenantAdmin);
        using (var own = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("access_token", admin), ("tenant_id", Sprite)))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using (var other = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("access_token", admin), ("tenant_id", Pepsi)))
        {
            await AssertOAuthErrorAsync(other, HttpStatusCode.Forbidden, "access_denied");
        }
    }

    [Fact]
    public async Task Switch_user_by_superuser_gives_the_target_user()
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchUser), ("access_token", token), ("switch_username", Consumer));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("consumer", body.GetProperty("username").GetString());
        Assert.Equal(["CONSUMER"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Pepsi, body.GetProperty("tenantId").GetString());
        Assert.False(body.TryGetProperty("refresh_token", out _));

        var switched = body.GetProperty("access_token").GetString();
        using var current = await _api.GetAsync("idm/api/v8/users/current", switched);
        Assert.Equal("consumer", (await JsonAsync(current)).GetProperty("username").GetString());

        using var nested = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchUser), ("access_token", switched!), ("switch_username", TenantAdmin));
        await AssertOAuthErrorAsync(nested, HttpStatusCode.BadRequest, "invalid_grant");
        using var nestedTenant = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("access_token", switched!), ("tenant_id", Coke));
        await AssertOAuthErrorAsync(nestedTenant, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Switch_user_errors()
    {
        var token = await _api.AccessTokenAsync();
        using (var same = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchUser), ("access_token", token), ("switch_username", SuperUser)))
        {
            var body = await AssertOAuthErrorAsync(same, HttpStatusCode.BadRequest, "invalid_grant");
            Assert.Equal("cannot switch to same user", body.GetProperty("error_description").GetString());
        }

        using (var unknown = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchUser), ("access_token", token), ("switch_username", "nobody")))
        {
            await AssertOAuthErrorAsync(unknown, HttpStatusCode.BadRequest, "invalid_grant");
        }

        using (var missing = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchUser), ("access_token", token)))
        {
            await AssertOAuthErrorAsync(missing, HttpStatusCode.BadRequest, "invalid_request");
        }

        var admin = await _api.AccessTokenAsync(TenantAdmin);
        using (var forbidden = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchUser), ("access_token", admin), ("switch_username", Consumer)))
        {
            await AssertOAuthErrorAsync(forbidden, HttpStatusCode.Forbidden, "access_denied");
        }
    }

    [Fact]
    public async Task Logout_revokes_the_token()
    {
        var token = await _api.AccessTokenAsync();
        using (var before = await _api.GetAsync("idm/api/v8/users/current", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var logout = await _api.SendAsync(HttpMethod.Delete, "idm/v2/logout", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using (var after = await _api.GetAsync("idm/api/v8/users/current", token))
        {
            await AssertErrorAsync(after, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }

        using (var again = await _api.SendAsync(HttpMethod.Get, "idm/v2/logout", token))
        {
            await AssertErrorAsync(again, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token_issued_with_it()
    {
        var body = await _api.TokenBodyAsync(SuperUser, null, RefreshClient, RefreshSecret);
        using (var logout = await _api.SendAsync(HttpMethod.Post, "idm/v2/logout", body.GetProperty("access_token").GetString()))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var refresh = await _api.TokenAsync(RefreshClient, RefreshSecret, ("grant_type", "refresh_token"),
            ("refresh_token", body.GetProperty("refresh_token").GetString()!));
        await AssertOAuthErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Users_current_answers_the_spec_User()
    {
        var token = await _api.AccessTokenAsync(TenantAdmin);
        using var response = await _api.GetAsync("idm/api/v8/users/current", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(
            ["id", "status", "deleted", "username", "firstName", "lastName", "email", "roleIds", "tenantIds", "passwordPolicyName", "locale", "password"],
            PropertyNames(body));
        Assert.Equal("true", body.GetProperty("status").GetString());
        Assert.Equal("false", body.GetProperty("deleted").GetString());
        Assert.Equal("tenantadmin", body.GetProperty("username").GetString());
        Assert.Equal([Coke, Sprite], body.GetProperty("tenantIds").EnumerateArray().Select(t => t.GetString()));
        Assert.Single(body.GetProperty("roleIds").EnumerateArray());
        Assert.True(Guid.TryParse(body.GetProperty("roleIds")[0].GetString(), out _));
        Assert.Equal("ppolicy_default", body.GetProperty("passwordPolicyName").GetString());
        Assert.Equal("en_US", body.GetProperty("locale").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("password").ValueKind);
    }

    [Fact]
    public async Task Missing_or_bad_bearer_is_401()
    {
        using (var none = await _api.GetAsync("idm/api/v8/users/current", null))
        {
            await AssertErrorAsync(none, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }

        using (var bad = await _api.GetAsync("idm/api/v8/tenants?page=0&pageSize=10", "not-a-token"))
        {
            await AssertErrorAsync(bad, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }
    }

    [Fact]
    public async Task Token_endpoint_only_accepts_POST()
    {
        using var response = await _api.GetAsync("idm/v2/token", null);
        await AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }
}
