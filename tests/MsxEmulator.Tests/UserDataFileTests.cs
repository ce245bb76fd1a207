using System.Net;
using MsxEmulator.Tests.Support;
using MsxPowerShell.Testing;
using static MsxEmulator.Tests.Support.MsxApi;
using static MsxEmulator.Tests.Support.UserCalls;

namespace MsxEmulator.Tests;

/// <summary>One emulator with the users and roles of a --data file, shared by the tests of <see cref="UserDataFileTests"/>.</summary>
public sealed class UserDataFileFixture : IDisposable
{
    public const string Client = "users-client";
    public const string Secret = "users-secret";
    public const string Acme = "aaaaaaaa-0000-4000-8000-00000000000a";
    public const string Beta = "aaaaaaaa-0000-4000-8000-00000000000b";
    public const string SuperUserRoleId = "bbbbbbbb-0000-4000-8000-000000000001";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"msx-emulator-users-{Guid.NewGuid():N}.json");

    public UserDataFileFixture()
    {
        File.WriteAllText(_file, $$"""
            {
              "clients": [ { "clientId": "{{Client}}", "clientSecret": "{{Secret}}", "grantTypes": ["password"], "scopes": ["read"] } ],
              "roles": [
                { "id": "{{SuperUserRoleId}}", "name": "SUPERUSER", "description": "All of it", "permissions": ["ACCESS_ALL_TENANTS", "MANAGE_REMOTE_USERS", "MANAGE_TENANT"] },
                { "name": "TENANT_ADMIN", "description": "Their tenants", "permissions": ["VIEW_TENANT"] },
                { "name": "AUDITOR", "description": "Reads the event log", "permissions": ["VIEW_EVENTLOG", "VIEW_TENANT"] }
              ],
              "users": [
                { "username": "root", "password": "pw", "lastName": "Root", "email": "root@example.com", "roles": ["SUPERUSER"], "tenantIds": ["{{Acme}}"] },
                { "username": "Auditor", "password": "Audit@Password1", "firstName": "Au", "lastName": "Ditor", "email": "au@example.com",
                  "roles": ["AUDITOR"], "tenantIds": ["{{Acme}}", "{{Beta}}"], "status": "true", "deleted": "false",
                  "locale": "fr_FR", "passwordPolicyName": "ppolicy_strong" },
                { "username": "disabled", "password": "pw", "roles": ["AUDITOR"], "tenantIds": ["{{Beta}}"], "status": "false" },
                { "username": "gone", "password": "pw", "roles": ["AUDITOR"], "tenantIds": ["{{Beta}}"], "deleted": "true" },
                { "username": "old", "password": "pw", "roles": [], "deleted": true }
              ],
              "tenants": [ { "id": "{{Acme}}", "name": "Acme" }, { "id": "{{Beta}}", "name": "Beta" } ]
            }
            """);
        Emulator = EmulatorProcess.Start("--data", _file, "--control");
        Api = new MsxApi(Emulator);
    }

    public EmulatorProcess Emulator { get; }

    public MsxApi Api { get; }

    public void Dispose()
    {
        Api.Dispose();
        Emulator.Dispose();
        File.Delete(_file);
    }
}

/// <summary>
/// Users and roles loaded from a --data file, and the control API's reset of them. One emulator for the class,
/// reset to the file's data before each test.
/// </summary>
public sealed class UserDataFileTests(UserDataFileFixture fixture) : IClassFixture<UserDataFileFixture>, IAsyncLifetime
{
    private const string Client = UserDataFileFixture.Client;
    private const string Secret = UserDataFileFixture.Secret;
    private const string Acme = UserDataFileFixture.Acme;
    private const string Beta = UserDataFileFixture.Beta;
    private const string SuperUserRoleId = UserDataFileFixture.SuperUserRoleId;

    private readonly MsxApi _api = fixture.Api;

    public async Task InitializeAsync()
    {
        using var reset = await _api.SendAsync(HttpMethod.Post, "_emulator/reset", null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> LoginAsync(string username, string password) => _api.PasswordAsync(username, password, Client, Secret);

    private async Task<string> RootTokenAsync()
    {
        using var login = await LoginAsync("root", "pw");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await JsonAsync(login)).GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task The_files_roles_replace_the_built_in_catalog()
    {
        var token = await RootTokenAsync();
        using (var superUser = await _api.GetAsync("idm/api/v8/roles/name/SUPERUSER", token))
        {
            var body = await JsonAsync(superUser);
            Assert.Equal(SuperUserRoleId, body.GetProperty("id").GetString());
            Assert.Equal("All of it", body.GetProperty("description").GetString());
            Assert.Equal(["ACCESS_ALL_TENANTS", "MANAGE_REMOTE_USERS", "MANAGE_TENANT"], body.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        }

        var auditor = await _api.RoleIdAsync(token, "AUDITOR");
        using (var list = await _api.GetAsync($"idm/api/v8/roles/list?ids={auditor}&ids={SuperUserRoleId}", token))
        {
            var roles = (await JsonAsync(list)).EnumerateArray().ToList();
            Assert.Equal(["AUDITOR", "SUPERUSER"], roles.Select(r => r.GetProperty("name").GetString()));
            Assert.Equal(["VIEW_EVENTLOG", "VIEW_TENANT"], roles[0].GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        }

        using var builtIn = await _api.GetAsync("idm/api/v8/roles/name/OPERATOR", token);
        await AssertErrorAsync(builtIn, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task The_files_users_carry_status_deleted_locale_and_policy()
    {
        var token = await RootTokenAsync();
        var auditorRole = await _api.RoleIdAsync(token, "AUDITOR");
        var (live, livePage) = await _api.PageAsync(token, "page=0&pageSize=10");
        Assert.Equal(["root", "Auditor", "disabled"], live);
        var contents = livePage.GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal([SuperUserRoleId], Ids(contents[0], "roleIds"));
        var auditor = contents[1];
        Assert.Equal(UserFields, PropertyNames(auditor));
        Assert.Equal("true", auditor.GetProperty("status").GetString());
        Assert.Equal("false", auditor.GetProperty("deleted").GetString());
        Assert.Equal("fr_FR", auditor.GetProperty("locale").GetString());
        Assert.Equal("ppolicy_strong", auditor.GetProperty("passwordPolicyName").GetString());
        Assert.Equal([auditorRole], Ids(auditor, "roleIds"));
        Assert.Equal([Acme, Beta], Ids(auditor, "tenantIds"));
        Assert.Equal("false", contents[2].GetProperty("status").GetString());
        Assert.Equal("en_US", contents[2].GetProperty("locale").GetString());

        var (deleted, deletedPage) = await _api.PageAsync(token, "page=0&pageSize=10&deleted=true");
        Assert.Equal(["gone", "old"], deleted);
        Assert.All(deletedPage.GetProperty("contents").EnumerateArray(), u => Assert.Equal("true", u.GetProperty("deleted").GetString()));
        Assert.Equal(["Auditor", "disabled"], (await _api.PageAsync(token, $"page=0&pageSize=10&tenantId={Beta}")).Usernames);
    }

    [Fact]
    public async Task Disabled_and_deleted_users_cannot_log_in()
    {
        foreach (var username in new[] { "disabled", "gone", "old" })
        {
            using var login = await LoginAsync(username, "pw");
            await AssertOAuthErrorAsync(login, HttpStatusCode.BadRequest, "invalid_grant");
        }

        // Passwords in the file are taken as they are; the policy applies to passwords set through the API.
        await RootTokenAsync();
        using var auditor = await LoginAsync("auditor", "Audit@Password1");
        Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
        var body = await JsonAsync(auditor);
        Assert.Equal("Auditor", body.GetProperty("username").GetString());
        Assert.Equal(["AUDITOR"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Reset_restores_the_loaded_users_and_roles()
    {
        var token = await RootTokenAsync();
        var auditorRole = await _api.RoleIdAsync(token, "AUDITOR");
        var created = await _api.CreatedUserAsync(token, NewUser([auditorRole], [Acme]));
        var createdName = created.GetProperty("username").GetString()!;
        var (_, page) = await _api.PageAsync(token, "page=0&pageSize=10");
        var auditor = page.GetProperty("contents")[1];
        var disabled = page.GetProperty("contents")[2];
        var changed = UpdateOf(auditor);
        changed["lastName"] = "Changed";
        using (var put = await _api.PutUserAsync(token, auditor.GetProperty("id").GetString()!, changed))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using (var reset = await _api.UpdatePasswordAsync(token, "Auditor", null, "Changed@Password1"))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        using (var delete = await _api.DeleteUserAsync(token, disabled.GetProperty("id").GetString()!))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var reset = await _api.SendAsync(HttpMethod.Post, "_emulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        using (var gone = await _api.GetAsync($"{UsersPath}/{created.GetProperty("id").GetString()}", token))
        {
            await AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var login = await LoginAsync(createdName, GoodPassword))
        {
            await AssertOAuthErrorAsync(login, HttpStatusCode.BadRequest, "invalid_grant");
        }

        using (var login = await LoginAsync("Auditor", "Audit@Password1"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var (live, livePage) = await _api.PageAsync(token, "page=0&pageSize=10");
        Assert.Equal(["root", "Auditor", "disabled"], live);
        Assert.Equal("Ditor", livePage.GetProperty("contents")[1].GetProperty("lastName").GetString());
        Assert.Equal(auditorRole, await _api.RoleIdAsync(token, "AUDITOR"));

        // The created username is free again.
        await _api.CreatedUserAsync(token, new { username = createdName, lastName = "Again", email = "again@example.com", tenantIds = new[] { Acme } });
    }

    [Theory]
    [InlineData("{ \"users\": [ { \"username\": \"u\", \"password\": \"p\", \"roles\": [\"NO_SUCH_ROLE\"] } ] }")]
    [InlineData("{ \"roles\": [ { \"name\": \"X\" } ], \"users\": [ { \"username\": \"u\", \"password\": \"p\", \"roles\": [\"CONSUMER\"] } ] }")]
    [InlineData("{ \"users\": [ { \"username\": \"u\", \"password\": \"p\" }, { \"username\": \"U\", \"password\": \"p\" } ] }")]
    [InlineData("{ \"users\": [ { \"username\": \"a b\", \"password\": \"p\" } ] }")]
    [InlineData("{ \"users\": [ { \"username\": \"u\", \"password\": \"p\", \"status\": \"maybe\" } ] }")]
    [InlineData("{ \"users\": [ { \"username\": \"u\", \"password\": \"p\", \"passwordPolicyName\": \"ppolicy_none\" } ] }")]
    [InlineData("{ \"users\": [ { \"username\": \"u\", \"password\": \"p\", \"locale\": \"x\" } ] }")]
    [InlineData("{ \"roles\": [ { \"name\": \"X\" }, { \"name\": \"X\" } ] }")]
    [InlineData("{ \"roles\": [ { \"name\": \"X\", \"id\": \"bbbbbbbb-0000-4000-8000-000000000001\" }, { \"name\": \"Y\", \"id\": \"bbbbbbbb-0000-4000-8000-000000000001\" } ] }")]
    [InlineData("{ \"roles\": [ { \"description\": \"no name\" } ] }")]
    [InlineData("{ \"roles\": [ { \"name\": \"X\", \"id\": \"not-a-uuid\" } ] }")]
    public async Task Bad_users_or_roles_in_the_data_file_exit_2(string content)
    {
        var file = Path.Combine(Path.GetTempPath(), $"msx-emulator-bad-users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, content);
        try
        {
            var (code, output) = await StartupTests.RunAsync("--urls", "http://127.0.0.1:0", "--data", file);
            Assert.Equal(2, code);
            Assert.Contains("bad data", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
