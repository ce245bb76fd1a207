using System.Net;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>An emulator loaded from a --data file, with short-lived tokens, on a manual clock.</summary>
public sealed class DataFileTests(DataFileTests.Fixture fixture) : IClassFixture<DataFileTests.Fixture>, IAsyncLifetime
{
    private const string ShortClient = "short-client";
    private const string ShortSecret = "short-secret";
    private const string TwoSecondClient = "two-second-client";
    private const string ParentId = "aaaaaaaa-0000-4000-8000-000000000001";
    private const string ChildId = "aaaaaaaa-0000-4000-8000-000000000002";

    private const string Content = $$"""
        {
          // comments are allowed
          "clients": [
            { "clientId": "{{ShortClient}}", "clientSecret": "{{ShortSecret}}", "grantTypes": ["password", "refresh_token"],
              "scopes": ["read", "write"], "accessTokenValiditySeconds": 1, "refreshTokenValiditySeconds": 1,
              "maxTokensPerUser": -1, "autoApproveScopes": [], "authorities": ["ROLE_CLIENT"], "resourceIds": [],
              "additionalInformation": {}, "useSessionTimeout": false },
            { "clientId": "{{TwoSecondClient}}", "clientSecret": "s", "grantTypes": ["password"], "scopes": ["read"],
              "accessTokenValiditySeconds": 2, "refreshTokenValiditySeconds": 4 }
          ],
          "users": [
            { "username": "admin", "password": "pw", "firstName": "Ad", "lastName": "Min", "email": "admin@example.com",
              "roles": ["TENANT_ADMIN"], "tenantIds": ["{{ChildId}}"] }
          ],
          "tenants": [
            { "id": "{{ParentId}}", "name": "Parent", "description": "the parent", "externalId": "parent-1",
              "createdOn": "2020-08-06T21:43:17.941Z" },
            { "id": "{{ChildId}}", "name": "Child", "parentId": "{{ParentId}}", "email": "child@example.com", "suspended": true }
          ]
        }
        """;

    private readonly MsxApi _api = fixture.Api;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> LoginAsync(string client, string secret) => _api.PasswordAsync("admin", "pw", client, secret);

    [Fact]
    public async Task Data_file_users_and_tenants_are_loaded()
    {
        using var login = await LoginAsync(ShortClient, ShortSecret);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = await JsonAsync(login);
        Assert.Equal(ChildId, token.GetProperty("tenantId").GetString());
        Assert.Equal("read write", token.GetProperty("scope").GetString());
        Assert.Equal(1, token.GetProperty("expires_in").GetInt32());

        using var builtIn = await _api.PasswordAsync(SuperUser, SuperUserPassword);
        await AssertOAuthErrorAsync(builtIn, HttpStatusCode.Unauthorized, "invalid_client");

        var access = (await JsonAsync(await LoginAsync(TwoSecondClient, "s"))).GetProperty("access_token").GetString();
        using var page = await _api.GetAsync("idm/api/v8/tenants?page=0&pageSize=10", access);
        var contents = (await JsonAsync(page)).GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(["Parent", "Child", "load-00001", "load-00002", "load-00003"], contents.Select(t => t.GetProperty("name").GetString()));
        var parent = contents[0];
        Assert.Equal("2020-08-06T21:43:17.941Z", parent.GetProperty("createdOn").GetString());
        Assert.Equal(1, parent.GetProperty("numberOfChildren").GetInt64());
        Assert.Equal("parent-1", parent.GetProperty("externalId").GetString());
        Assert.True(contents[1].GetProperty("suspended").GetBoolean());
        Assert.Equal("child@example.com", contents[1].GetProperty("email").GetString());
    }

    [Fact]
    public async Task Expired_token_is_401_and_expiry_is_exact()
    {
        var issuedAt = await _api.ClockNowAsync();
        using var login = await LoginAsync(TwoSecondClient, "s");
        var body = await JsonAsync(login);
        var token = body.GetProperty("access_token").GetString();
        Assert.Equal(2, body.GetProperty("expires_in").GetInt32());
        var iat = ClockApi.ParseSeconds(body.GetProperty("iat").GetString()!);
        var expiry = ClockApi.ParseSeconds(body.GetProperty("expiry").GetString()!);
        Assert.Equal(TimeSpan.FromSeconds(2), expiry - iat);
        Assert.Equal(issuedAt.AddTicks(-(issuedAt.Ticks % TimeSpan.TicksPerSecond)), iat);

        // Valid until issue time + 2 s (the clock stands still in between), then rejected.
        await _api.AdvanceClockAsync(1999);
        using (var live = await _api.GetAsync("idm/api/v8/users/current", token))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        Assert.Equal(issuedAt.AddSeconds(2), await _api.AdvanceClockAsync(1));
        using var expired = await _api.GetAsync("idm/api/v8/users/current", token);
        await AssertErrorAsync(expired, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task One_second_client_token_and_refresh_token_expire()
    {
        using var login = await LoginAsync(ShortClient, ShortSecret);
        var body = await JsonAsync(login);
        var access = body.GetProperty("access_token").GetString();
        var refresh = body.GetProperty("refresh_token").GetString()!;
        await _api.AdvanceClockAsync(999);
        using (var live = await _api.GetAsync("idm/api/v8/users/current", access))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await _api.AdvanceClockAsync(1);
        using var current = await _api.GetAsync("idm/api/v8/users/current", access);
        await AssertErrorAsync(current, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        using var renewed = await _api.TokenAsync(ShortClient, ShortSecret, ("grant_type", "refresh_token"), ("refresh_token", refresh));
        await AssertOAuthErrorAsync(renewed, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Password_grant_tenant_id_must_be_one_of_the_users_tenants()
    {
        using (var outside = await _api.TokenAsync(TwoSecondClient, "s", ("grant_type", "password"), ("username", "admin"), ("password", "pw"),
            ("tenant_id", ParentId)))
        {
            await AssertOAuthErrorAsync(outside, HttpStatusCode.BadRequest, "invalid_grant");
        }

        using var own = await _api.TokenAsync(TwoSecondClient, "s", ("grant_type", "password"), ("username", "admin"), ("password", "pw"),
            ("tenant_id", ChildId));
        Assert.Equal(ChildId, (await JsonAsync(own)).GetProperty("tenantId").GetString());
    }

    /// <summary>The class's one emulator, with the data file above.</summary>
    public sealed class Fixture() : DataFileFixture(Content, "--seed-tenants", "3", "--manual-clock");
}
