using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MsxEmulator.Tests.Support;
using MsxPowerShell.Testing;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>
/// One emulator (a --data file whose roles differ only in permissions, --control, --verbose) for the
/// access tests: ROOT holds every permission the routes need, VIEWER only their VIEW_* ones, NOBODY none of them.
/// </summary>
public sealed class AccessFixture : IDisposable
{
    public const string Client = "access-client";
    public const string Secret = "access-secret";
    public const string Acme = "aaaaaaaa-0000-4000-8000-0000000000a1";
    public const string Password = "Access-Pa55!";
    public const string Workflow = "2aKVLAAAAAAAAAAAAAAAAAAAAAA";

    public static readonly string[] ViewPermissions =
        ["VIEW_TENANT", "VIEW_SITES", "VIEW_DEVICES", "VIEW_WORKFLOW", "VIEW_WORKFLOW_INSTANCE", "VIEW_ROLE"];

    public static readonly string[] ManagePermissions =
        ["MANAGE_TENANT", "MANAGE_SITES", "MANAGE_DEVICES", "MANAGE_WORKFLOW", "MANAGE_WORKFLOW_INSTANCE", "MANAGE_REMOTE_USERS"];

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"msx-emulator-access-{Guid.NewGuid():N}.json");

    public AccessFixture()
    {
        string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));
        File.WriteAllText(_file, $$"""
            {
              "clients": [ { "clientId": "{{Client}}", "clientSecret": "{{Secret}}", "grantTypes": ["password"], "scopes": ["read"] } ],
              "roles": [
                { "name": "SUPERUSER", "description": "All of it", "permissions": [{{Quoted(ViewPermissions.Concat(ManagePermissions))}}] },
                { "name": "VIEWER", "description": "Reads", "permissions": [{{Quoted(ViewPermissions)}}] },
                { "name": "NOBODY", "description": "Reads the event log only", "permissions": ["VIEW_EVENTLOG"] }
              ],
              "users": [
                { "username": "root", "password": "{{Password}}", "lastName": "Root", "email": "root@example.com", "roles": ["SUPERUSER"], "tenantIds": ["{{Acme}}"] },
                { "username": "viewer", "password": "{{Password}}", "lastName": "Viewer", "email": "v@example.com", "roles": ["VIEWER"], "tenantIds": ["{{Acme}}"] },
                { "username": "nobody", "password": "{{Password}}", "lastName": "Nobody", "email": "n@example.com", "roles": ["NOBODY"], "tenantIds": ["{{Acme}}"] },
                { "username": "doomed", "password": "{{Password}}", "lastName": "Doomed", "email": "d@example.com", "roles": ["SUPERUSER"], "tenantIds": ["{{Acme}}"] }
              ],
              "tenants": [ { "id": "{{Acme}}", "name": "Acme" } ],
              "workflows": [ { "id": "{{Workflow}}", "workflow": { "unique_name": "access-check", "name": "Access check" } } ]
            }
            """);
        Emulator = EmulatorProcess.Start("--data", _file, "--control", "--verbose");
        Api = new MsxApi(Emulator);
    }

    public EmulatorProcess Emulator { get; }

    public MsxApi Api { get; }

    public async Task<string> TokenAsync(string username)
    {
        using var login = await Api.PasswordAsync(username, Password, Client, Secret);
        var body = await JsonAsync(login);
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"login {username}: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    public void Dispose()
    {
        Api.Dispose();
        Emulator.Dispose();
        File.Delete(_file);
    }
}

/// <summary>Every hand-written route goes through the one access function: permissions, deleted users, malformed bodies, masked logs.</summary>
public sealed class AccessTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    private const string Id = "0f0e0d0c-0b0a-4908-8706-050403020100";
    private const string Ksuid = "2aKVLZZZZZZZZZZZZZZZZZZZZZZ";

    /// <summary>Every operation of the hand-written routes: method, path, the permission it needs (null: any signed-in user), whether it takes a JSON body.</summary>
    public static readonly TheoryData<string, string, string?, bool> Routes = new()
    {
        { "GET", "idm/api/v8/tenants?page=0&pageSize=10", "VIEW_TENANT", false },
        { "POST", "idm/api/v8/tenants", "MANAGE_TENANT", true },
        { "GET", "idm/api/v8/tenants/list?ids=" + AccessFixture.Acme, "VIEW_TENANT", false },
        { "GET", "idm/api/v8/tenants/externalId/ext-1", "VIEW_TENANT", false },
        { "GET", "idm/api/v8/tenants/" + AccessFixture.Acme, "VIEW_TENANT", false },
        { "PUT", "idm/api/v8/tenants/" + AccessFixture.Acme, "MANAGE_TENANT", true },
        { "DELETE", "idm/api/v8/tenants/" + Id, "MANAGE_TENANT", false },
        { "GET", "idm/api/v8/users/current", null, false },
        { "PUT", "idm/api/v8/users/updatepassword", null, true },
        { "GET", "idm/api/v8/users?page=0&pageSize=10", "MANAGE_REMOTE_USERS", false },
        { "POST", "idm/api/v8/users", "MANAGE_REMOTE_USERS", true },
        { "GET", "idm/api/v8/users/" + Id, "MANAGE_REMOTE_USERS", false },
        { "PUT", "idm/api/v8/users/" + Id, "MANAGE_REMOTE_USERS", true },
        { "DELETE", "idm/api/v8/users/" + Id, "MANAGE_REMOTE_USERS", false },
        { "GET", "idm/api/v8/roles/list?ids=" + Id, null, false },
        { "GET", "idm/api/v8/roles/name/VIEWER", null, false },
        { "GET", "manage/api/v8/sites?page=0&pageSize=10", "VIEW_SITES", false },
        { "POST", "manage/api/v8/sites", "MANAGE_SITES", true },
        { "GET", "manage/api/v8/sites/" + Id, "VIEW_SITES", false },
        { "PUT", "manage/api/v8/sites/" + Id, "MANAGE_SITES", true },
        { "DELETE", "manage/api/v8/sites/" + Id, "MANAGE_SITES", false },
        { "POST", $"manage/api/v8/sites/{Id}/devices/add", "MANAGE_SITES", true },
        { "POST", $"manage/api/v8/sites/{Id}/devices/remove", "MANAGE_SITES", true },
        { "POST", $"manage/api/v8/sites/{Id}/services/add", "MANAGE_SITES", true },
        { "POST", $"manage/api/v8/sites/{Id}/services/remove", "MANAGE_SITES", true },
        { "GET", "manage/api/v8/devices?page=0&pageSize=10", "VIEW_DEVICES", false },
        { "POST", "manage/api/v8/devices", "MANAGE_DEVICES", true },
        { "GET", "manage/api/v8/devices/CPE-" + Id, "VIEW_DEVICES", false },
        { "PUT", "manage/api/v8/devices/CPE-" + Id, "MANAGE_DEVICES", true },
        { "PATCH", "manage/api/v8/devices/CPE-" + Id, "MANAGE_DEVICES", true },
        { "DELETE", "manage/api/v8/devices/CPE-" + Id, "MANAGE_DEVICES", false },
        { "GET", $"manage/api/v8/devices/CPE-{Id}/config", "VIEW_DEVICES", false },
        { "POST", $"manage/api/v8/devices/CPE-{Id}/config/update", "MANAGE_DEVICES", true },
        { "POST", $"manage/api/v8/devices/CPE-{Id}/redeploy", "MANAGE_DEVICES", false },
        { "GET", "monitor/api/v8/health/devices/list?ids=CPE-" + Id, "VIEW_DEVICES", false },
        { "POST", "workflow/api/v8/workflows", "MANAGE_WORKFLOW", true },
        { "GET", "workflow/api/v8/workflows/list", "VIEW_WORKFLOW", false },
        { "GET", "workflow/api/v8/workflows/instances/" + Ksuid, "VIEW_WORKFLOW_INSTANCE", false },
        { "DELETE", "workflow/api/v8/workflows/instances/" + Ksuid, "MANAGE_WORKFLOW_INSTANCE", false },
        { "POST", $"workflow/api/v8/workflows/instances/{Ksuid}/cancel", "MANAGE_WORKFLOW_INSTANCE", false },
        { "GET", "workflow/api/v8/workflows/" + Ksuid, "VIEW_WORKFLOW", false },
        { "DELETE", "workflow/api/v8/workflows/" + Ksuid, "MANAGE_WORKFLOW", false },
        { "GET", $"workflow/api/v8/workflows/{Ksuid}/export", "MANAGE_WORKFLOW", false },
        { "GET", $"workflow/api/v8/workflows/{Ksuid}/startconfig", "VIEW_WORKFLOW", false },
        { "POST", $"workflow/api/v8/workflows/{AccessFixture.Workflow}/start", "MANAGE_WORKFLOW_INSTANCE", true },
        { "GET", $"workflow/api/v8/workflows/{Ksuid}/instances/list", "VIEW_WORKFLOW_INSTANCE", false },
        { "POST", "workflow/api/v8/targets", "MANAGE_WORKFLOW", true },
        { "GET", "workflow/api/v8/targets/list", "VIEW_WORKFLOW", false },
        { "GET", "workflow/api/v8/targets/" + Ksuid, "VIEW_WORKFLOW", false },
        { "PUT", "workflow/api/v8/targets/" + Ksuid, "MANAGE_WORKFLOW", true },
        { "DELETE", "workflow/api/v8/targets/" + Ksuid, "MANAGE_WORKFLOW", false },
    };

    private readonly AccessFixture _fixture = fixture;

    private MsxApi Api => _fixture.Api;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_role_without_the_permission_gets_403_with_the_Error_body(string method, string path, string? permission, bool takesBody)
    {
        if (permission is null)
        {
            // Open to every signed-in user: the role without any route permission is not refused.
            using var open = await Api.SendAsync(new HttpMethod(method), path, await _fixture.TokenAsync("nobody"), takesBody ? "{}" : null);
            Assert.NotEqual(HttpStatusCode.Forbidden, open.StatusCode);
            return;
        }

        var users = permission.StartsWith("VIEW_", StringComparison.Ordinal) ? new[] { "nobody" } : ["nobody", "viewer"];
        foreach (var user in users)
        {
            using var response = await Api.SendAsync(new HttpMethod(method), path, await _fixture.TokenAsync(user), takesBody ? "{}" : null);
            var body = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.Contains(permission, body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_role_with_the_permission_is_not_refused(string method, string path, string? permission, bool takesBody)
    {
        var user = permission is null || permission.StartsWith("VIEW_", StringComparison.Ordinal) ? "viewer" : "root";
        using var response = await Api.SendAsync(new HttpMethod(method), path, await _fixture.TokenAsync(user), takesBody ? "{}" : null);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{method} {path}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_deleted_users_token_is_401_with_the_Error_body_on_every_route()
    {
        var doomed = await _fixture.TokenAsync("doomed");
        var root = await _fixture.TokenAsync("root");
        using (var me = await Api.GetAsync("idm/api/v8/users/current", doomed))
        {
            var id = (await JsonAsync(me)).GetProperty("id").GetString();
            using var delete = await Api.SendAsync(HttpMethod.Delete, "idm/api/v8/users/" + id, root);
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        foreach (var route in Routes)
        {
            var (method, path, takesBody) = ((string)route[0], (string)route[1], (bool)route[3]);
            using var response = await Api.SendAsync(new HttpMethod(method), path, doomed, takesBody ? "{}" : null);
            var body = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            Assert.Contains("no longer exists", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string> BodyRoutes()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes)
        {
            if ((bool)route[3])
            {
                data.Add((string)route[0], (string)route[1]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Malformed_text_in_a_JSON_body_is_400_with_the_Error_body(string method, string path)
    {
        var root = await _fixture.TokenAsync("root");
        byte[][] bodies =
        [
            Encoding.UTF8.GetBytes("{\"name\":\"\\ud800\"}"),
            Encoding.UTF8.GetBytes("[\"\\udc00x\"]"),
            Encoding.UTF8.GetBytes("{\"\\ud83d\":1}"),
            [.. Encoding.UTF8.GetBytes("{\"name\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")],
            [.. Encoding.UTF8.GetBytes("{\"name\":\""), 0xFF, .. Encoding.UTF8.GetBytes("\"}")],
        ];
        foreach (var bytes in bodies)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", root);
            using var response = await Api.Http.SendAsync(request);
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }
    }

    [Fact]
    public async Task The_request_log_and_the_console_mask_secret_looking_query_parameters()
    {
        var marker = UniqueName("masked");
        var query = $"?password=hunter2-{marker}&client_secret=s3cret-{marker}&token=abc-{marker}&marker={marker}";
        using (var response = await Api.GetAsync("idm/api/v8/users/current" + query, await _fixture.TokenAsync("viewer")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var expected = $"?password=REDACTED&client_secret=REDACTED&token=REDACTED&marker={marker}";
        using (var log = await Api.GetAsync("_emulator/requests", null))
        {
            var entry = (await JsonAsync(log)).EnumerateArray().Single(e => e.GetProperty("query").GetString()!.Contains(marker, StringComparison.Ordinal));
            Assert.Equal(expected, entry.GetProperty("query").GetString());
        }

        var output = _fixture.Emulator.WaitForOutput("GET /idm/api/v8/users/current" + expected + " -> 200");
        Assert.DoesNotContain("hunter2-" + marker, output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-" + marker, output, StringComparison.Ordinal);
        Assert.DoesNotContain("abc-" + marker, output, StringComparison.Ordinal);
    }
}

/// <summary>The built-in role catalog gives TENANT_ADMIN no tenant-management permission.</summary>
public sealed class TenantAdminAccessTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task A_tenant_admin_reads_tenants_but_may_not_create_rename_or_delete_one()
    {
        var admin = await _api.AccessTokenAsync(TenantAdmin);
        using (var read = await _api.GetAsync("idm/api/v8/tenants/" + Coke, admin))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var create = await _api.CreateTenantAsync(admin, new { name = UniqueName("by-admin") }))
        {
            await AssertErrorAsync(create, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var rename = await _api.SendAsync(HttpMethod.Put, "idm/api/v8/tenants/" + Coke, admin, Json(new { name = "Renamed by admin" })))
        {
            await AssertErrorAsync(rename, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var delete = await _api.SendAsync(HttpMethod.Delete, "idm/api/v8/tenants/" + Sprite, admin))
        {
            await AssertErrorAsync(delete, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        var root = await _api.AccessTokenAsync();
        using var still = await _api.GetAsync("idm/api/v8/tenants/" + Coke, root);
        Assert.Equal("Coke", (await JsonAsync(still)).GetProperty("name").GetString());
    }
}
