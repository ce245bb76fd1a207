using System.Net;
using System.Text.Json;

namespace MsxEmulator.Tests.Support;

/// <summary>Calls of the users and roles API used by the user and role tests.</summary>
public static class UserCalls
{
    public const string UsersPath = "idm/api/v8/users";
    public const string GoodPassword = "Password@1";

    /// <summary>The spec's User fields, in the order the emulator writes them.</summary>
    public static readonly string[] UserFields =
        ["id", "status", "deleted", "username", "firstName", "lastName", "email", "roleIds", "tenantIds", "passwordPolicyName", "locale", "password"];

    public static async Task<string> RoleIdAsync(this MsxApi api, string token, string roleName)
    {
        using var response = await api.GetAsync("idm/api/v8/roles/name/" + roleName, token);
        var body = await MsxApi.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"role {roleName}: {(int)response.StatusCode} {body}");
        return body.GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> CreateUserAsync(this MsxApi api, string token, object body) =>
        api.SendAsync(HttpMethod.Post, UsersPath, token, MsxApi.Json(body));

    /// <summary>Creates a user and returns its JSON, asserting 201.</summary>
    public static async Task<JsonElement> CreatedUserAsync(this MsxApi api, string token, object body)
    {
        using var response = await api.CreateUserAsync(token, body);
        var json = await MsxApi.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {json}");
        return json;
    }

    /// <summary>A valid UserCreate body with a fresh username.</summary>
    public static Dictionary<string, object?> NewUser(string[] roleIds, string[] tenantIds, string? password = GoodPassword) => new()
    {
        ["username"] = MsxApi.UniqueName("user"),
        ["firstName"] = "Tom",
        ["lastName"] = "Baker",
        ["email"] = "noreply@example.com",
        ["roleIds"] = roleIds,
        ["tenantIds"] = tenantIds,
        ["passwordPolicyName"] = "ppolicy_default",
        ["locale"] = "en_US",
        ["password"] = password,
    };

    /// <summary>A UserUpdate body made from a User answer (what a read-modify-write client sends back).</summary>
    public static Dictionary<string, object?> UpdateOf(JsonElement user) => new()
    {
        ["firstName"] = user.GetProperty("firstName").GetString(),
        ["lastName"] = user.GetProperty("lastName").GetString(),
        ["email"] = user.GetProperty("email").GetString(),
        ["roleIds"] = Ids(user, "roleIds"),
        ["tenantIds"] = Ids(user, "tenantIds"),
        ["passwordPolicyName"] = user.GetProperty("passwordPolicyName").GetString(),
        ["locale"] = user.GetProperty("locale").GetString(),
    };

    public static string[] Ids(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static Task<HttpResponseMessage> PutUserAsync(this MsxApi api, string token, string id, object body) =>
        api.SendAsync(HttpMethod.Put, $"{UsersPath}/{id}", token, MsxApi.Json(body));

    public static Task<HttpResponseMessage> DeleteUserAsync(this MsxApi api, string token, string id) =>
        api.SendAsync(HttpMethod.Delete, $"{UsersPath}/{id}", token);

    public static Task<HttpResponseMessage> UpdatePasswordAsync(this MsxApi api, string token, string username, string? oldPassword, string newPassword) =>
        api.SendAsync(HttpMethod.Put, UsersPath + "/updatepassword", token,
            MsxApi.Json(new { username, oldPassword, newPassword }));

    /// <summary>Signs in with the password grant and returns the access token, asserting 200.</summary>
    public static async Task<string> LoginAsync(this MsxApi api, string username, string password)
    {
        using var response = await api.PasswordAsync(username, password);
        var body = await MsxApi.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login of {username}: {(int)response.StatusCode} {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>The usernames of a users page.</summary>
    public static async Task<(string[] Usernames, JsonElement Page)> PageAsync(this MsxApi api, string token, string query)
    {
        using var response = await api.GetAsync($"{UsersPath}?{query}", token);
        var body = await MsxApi.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"page {query}: {(int)response.StatusCode} {body}");
        return (body.GetProperty("contents").EnumerateArray().Select(u => u.GetProperty("username").GetString()!).ToArray(), body);
    }
}
