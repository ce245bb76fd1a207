using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.MsxApi;
using static MsxEmulator.Tests.Support.UserCalls;

namespace MsxEmulator.Tests;

/// <summary>The read-only role catalog (built-in data): roles/list and roles/name.</summary>
public sealed class RoleTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string[] RoleFields = ["id", "name", "description", "permissions"];

    private readonly MsxApi _api = fixture.Api;

    [Theory]
    [InlineData("SUPERUSER")]
    [InlineData("TENANT_ADMIN")]
    [InlineData("OPERATOR")]
    [InlineData("CONSUMER")]
    public async Task Role_by_name_answers_the_spec_Role_with_permissions(string name)
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.GetAsync("idm/api/v8/roles/name/" + name, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(RoleFields, PropertyNames(body));
        Assert.True(Guid.TryParse(body.GetProperty("id").GetString(), out _));
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("description").GetString()));
        var permissions = body.GetProperty("permissions").EnumerateArray().ToList();
        Assert.NotEmpty(permissions);
        Assert.All(permissions, p => Assert.Equal(JsonValueKind.String, p.ValueKind));
        Assert.Equal(permissions.Count, permissions.Select(p => p.GetString()).Distinct().Count());
    }

    [Fact]
    public async Task The_built_in_roles_differ_in_what_they_permit()
    {
        var token = await _api.AccessTokenAsync();
        async Task<string[]> PermissionsAsync(string name)
        {
            using var response = await _api.GetAsync("idm/api/v8/roles/name/" + name, token);
            return (await JsonAsync(response)).GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToArray();
        }

        var superUser = await PermissionsAsync("SUPERUSER");
        var operatorRole = await PermissionsAsync("OPERATOR");
        var consumer = await PermissionsAsync("CONSUMER");
        Assert.Contains("ACCESS_ALL_TENANTS", operatorRole);
        Assert.Contains("MANAGE_TENANT", superUser);
        Assert.All(consumer, p => Assert.StartsWith("VIEW_", p, StringComparison.Ordinal));
        Assert.All(operatorRole, p => Assert.Contains(p, superUser));
    }

    [Fact]
    public async Task Role_ids_are_the_roleIds_users_already_carry()
    {
        foreach (var (user, role) in new[] { (SuperUser, "SUPERUSER"), (TenantAdmin, "TENANT_ADMIN"), (Consumer, "CONSUMER") })
        {
            var token = await _api.AccessTokenAsync(user);
            using var current = await _api.GetAsync(UsersPath + "/current", token);
            Assert.Equal([await _api.RoleIdAsync(token, role)], Ids(await JsonAsync(current), "roleIds"));
        }
    }

    [Fact]
    public async Task Unknown_role_name_is_404_and_names_match_exactly()
    {
        var token = await _api.AccessTokenAsync();
        using (var unknown = await _api.GetAsync("idm/api/v8/roles/name/NO_SUCH_ROLE", token))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var lower = await _api.GetAsync("idm/api/v8/roles/name/consumer", token);
        await AssertErrorAsync(lower, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Roles_list_answers_the_known_ids_in_the_order_given()
    {
        var token = await _api.AccessTokenAsync();
        var consumer = await _api.RoleIdAsync(token, "CONSUMER");
        var operatorRole = await _api.RoleIdAsync(token, "OPERATOR");
        var superUser = await _api.RoleIdAsync(token, "SUPERUSER");
        using var response = await _api.GetAsync(
            $"idm/api/v8/roles/list?ids={operatorRole}&ids={Guid.NewGuid()}&ids={consumer},{superUser}&ids={operatorRole}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        var roles = body.EnumerateArray().ToList();
        Assert.Equal(["OPERATOR", "CONSUMER", "SUPERUSER"], roles.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal([operatorRole, consumer, superUser], roles.Select(r => r.GetProperty("id").GetString()));
        Assert.All(roles, r => Assert.Equal(RoleFields, PropertyNames(r)));

        using var byName = await _api.GetAsync("idm/api/v8/roles/name/OPERATOR", token);
        Assert.Equal((await JsonAsync(byName)).ToString(), roles[0].ToString());
    }

    [Theory]
    [InlineData("idm/api/v8/roles/list")]
    [InlineData("idm/api/v8/roles/list?ids=")]
    [InlineData("idm/api/v8/roles/list?ids=not-a-uuid")]
    public async Task Roles_cannot_be_listed_without_valid_ids(string path)
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.GetAsync(path, token);
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        Assert.StartsWith("ids:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_are_read_only_and_need_a_token()
    {
        var token = await _api.AccessTokenAsync();
        using (var post = await _api.SendAsync(HttpMethod.Post, "idm/api/v8/roles/list", token, "{}"))
        {
            await AssertErrorAsync(post, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        }

        using (var delete = await _api.SendAsync(HttpMethod.Delete, "idm/api/v8/roles/name/CONSUMER", token))
        {
            await AssertErrorAsync(delete, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        }

        using (var all = await _api.GetAsync("idm/api/v8/roles", token))
        {
            await AssertErrorAsync(all, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var anonymous = await _api.GetAsync("idm/api/v8/roles/name/CONSUMER", null);
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task Every_role_can_read_roles()
    {
        var consumerToken = await _api.AccessTokenAsync(Consumer);
        var superUser = await _api.RoleIdAsync(consumerToken, "SUPERUSER");
        using var list = await _api.GetAsync($"idm/api/v8/roles/list?ids={superUser}", consumerToken);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Single((await JsonAsync(list)).EnumerateArray());
    }
}
