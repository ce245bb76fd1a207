using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.MsxApi;
using static MsxEmulator.Tests.Support.UserCalls;

namespace MsxEmulator.Tests;

/// <summary>The users API against the built-in data. Every test makes users of its own, with fresh names.</summary>
public sealed class UserTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly MsxApi _api = fixture.Api;

    private async Task<(string Token, string Consumer, string SuperUser, string TenantAdmin)> SetupAsync()
    {
        var token = await _api.AccessTokenAsync();
        return (token, await _api.RoleIdAsync(token, "CONSUMER"), await _api.RoleIdAsync(token, "SUPERUSER"),
            await _api.RoleIdAsync(token, "TENANT_ADMIN"));
    }

    private async Task<string> NewTenantAsync(string token) =>
        (await _api.CreatedTenantAsync(token, new { name = UniqueName("users") })).GetProperty("id").GetString()!;

    [Fact]
    public async Task Create_answers_201_with_Location_and_the_spec_User_with_string_status_and_deleted()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var request = NewUser([consumer], [Coke]);
        using var response = await _api.CreateUserAsync(token, request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(UserFields, PropertyNames(body));
        var id = body.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal(new Uri(_api.Http.BaseAddress!, "idm/api/v8/users/" + id), response.Headers.Location);
        Assert.Equal(JsonValueKind.String, body.GetProperty("status").ValueKind);
        Assert.Equal("true", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("deleted").ValueKind);
        Assert.Equal("false", body.GetProperty("deleted").GetString());
        Assert.Equal(request["username"], body.GetProperty("username").GetString());
        Assert.Equal("Tom", body.GetProperty("firstName").GetString());
        Assert.Equal("Baker", body.GetProperty("lastName").GetString());
        Assert.Equal("noreply@example.com", body.GetProperty("email").GetString());
        Assert.Equal([consumer], Ids(body, "roleIds"));
        Assert.Equal([Coke], Ids(body, "tenantIds"));
        Assert.Equal("ppolicy_default", body.GetProperty("passwordPolicyName").GetString());
        Assert.Equal("en_US", body.GetProperty("locale").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("password").ValueKind);

        using var get = await _api.GetAsync($"{UsersPath}/{id}", token);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(body.ToString(), (await JsonAsync(get)).ToString());
    }

    [Fact]
    public async Task Create_with_only_the_required_fields_takes_the_defaults_and_the_callers_tenant()
    {
        var token = await _api.AccessTokenAsync();
        var username = UniqueName("minimal");
        var body = await _api.CreatedUserAsync(token, new { username, lastName = "Pertwee", email = "jp@example.com" });
        Assert.Equal(JsonValueKind.Null, body.GetProperty("firstName").ValueKind);
        Assert.Empty(body.GetProperty("roleIds").EnumerateArray());
        Assert.Equal([DandelionAndBurdock], Ids(body, "tenantIds"));
        Assert.Equal("ppolicy_default", body.GetProperty("passwordPolicyName").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("locale").ValueKind);

        // Without a password the user exists but cannot sign in until one is set.
        using var login = await _api.PasswordAsync(username, GoodPassword);
        await AssertOAuthErrorAsync(login, HttpStatusCode.BadRequest, "invalid_grant");
        using (var reset = await _api.UpdatePasswordAsync(token, username, null, GoodPassword))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        await _api.LoginAsync(username, GoodPassword);
    }

    [Fact]
    public async Task Created_user_logs_in_with_the_password_grant_right_away_and_sees_itself_as_current()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var request = NewUser([consumer], [Sprite, Coke]);
        var created = await _api.CreatedUserAsync(token, request);
        using var login = await _api.PasswordAsync((string)request["username"]!, GoodPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokenBody = await JsonAsync(login);
        Assert.Equal(["CONSUMER"], tokenBody.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Sprite, tokenBody.GetProperty("tenantId").GetString());
        Assert.Equal("Baker", tokenBody.GetProperty("lastName").GetString());

        using var current = await _api.GetAsync(UsersPath + "/current", tokenBody.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(created.ToString(), (await JsonAsync(current)).ToString());
    }

    [Fact]
    public async Task Built_in_users_are_listed_with_the_ids_of_the_role_catalog()
    {
        var (token, consumer, superUser, tenantAdmin) = await SetupAsync();
        var (_, page) = await _api.PageAsync(token, "page=0&pageSize=3");
        var users = page.GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(["superuser", "tenantadmin", "consumer"], users.Select(u => u.GetProperty("username").GetString()));
        Assert.Equal([superUser], Ids(users[0], "roleIds"));
        Assert.Equal([tenantAdmin], Ids(users[1], "roleIds"));
        Assert.Equal([consumer], Ids(users[2], "roleIds"));
        Assert.Equal([Coke, Sprite], Ids(users[1], "tenantIds"));
        Assert.All(users, u => Assert.Equal(UserFields, PropertyNames(u)));
    }

    [Fact]
    public async Task Duplicate_username_in_another_case_is_409_USER_ALREADY_EXISTS_and_login_ignores_case()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var request = NewUser([consumer], [Coke]);
        var username = (string)request["username"]!;
        await _api.CreatedUserAsync(token, request);
        request["username"] = username.ToUpperInvariant();
        using (var duplicate = await _api.CreateUserAsync(token, request))
        {
            await AssertErrorAsync(duplicate, HttpStatusCode.Conflict, "USER_ALREADY_EXISTS");
        }

        using var login = await _api.PasswordAsync(username.ToUpperInvariant(), GoodPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(username, (await JsonAsync(login)).GetProperty("username").GetString());

        using var builtIn = await _api.CreateUserAsync(token, new { username = "SuperUser", lastName = "X", email = "x@example.com" });
        await AssertErrorAsync(builtIn, HttpStatusCode.Conflict, "USER_ALREADY_EXISTS");
    }

    [Fact]
    public async Task Concurrent_creates_of_one_username_in_different_cases_make_exactly_one_user()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var username = UniqueName("race");
        var attempts = Enumerable.Range(0, 16).Select(async i =>
        {
            var request = NewUser([consumer], [Coke]);
            request["username"] = i % 2 == 0 ? username : username.ToUpperInvariant();
            using var response = await _api.CreateUserAsync(token, request);
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(attempts);
        Assert.Single(statuses, s => s == HttpStatusCode.Created);
        Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.Conflict));
    }

    [Theory]
    [InlineData("username", null, "username:")]
    [InlineData("username", "has space", "username:")]
    [InlineData("username", "", "username:")]
    [InlineData("lastName", null, "lastName:")]
    [InlineData("lastName", " ", "lastName:")]
    [InlineData("email", null, "email:")]
    [InlineData("email", "not-an-email", "email:")]
    [InlineData("locale", "e", "locale:")]
    [InlineData("locale", "abcdefghijklmnopq", "locale:")]
    [InlineData("passwordPolicyName", "ppolicy_none", "passwordPolicyName:")]
    [InlineData("roleIds", "not-an-array", "roleIds:")]
    [InlineData("tenantIds", "not-an-array", "tenantIds:")]
    public async Task Bad_or_missing_fields_are_400_with_a_message_naming_the_field(string field, string? value, string prefix)
    {
        var (token, consumer, _, _) = await SetupAsync();
        var request = NewUser([consumer], [Coke]);
        if (value is null)
        {
            request.Remove(field);
        }
        else
        {
            request[field] = value;
        }

        using var response = await _api.CreateUserAsync(token, request);
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        Assert.StartsWith(prefix, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_or_malformed_role_and_tenant_ids_are_400()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var unknown = Guid.NewGuid().ToString();
        foreach (var (roles, tenants, prefix) in new[]
        {
            (new[] { unknown }, new[] { Coke }, "roleIds:"),
            (new[] { "nope" }, new[] { Coke }, "roleIds:"),
            (new[] { consumer }, new[] { unknown }, "tenantIds:"),
            (new[] { consumer }, new[] { "nope" }, "tenantIds:"),
        })
        {
            using var response = await _api.CreateUserAsync(token, NewUser(roles, tenants));
            var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith(prefix, body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Create_needs_a_JSON_body()
    {
        var token = await _api.AccessTokenAsync();
        using (var empty = await _api.SendAsync(HttpMethod.Post, UsersPath, token, ""))
        {
            await AssertErrorAsync(empty, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var text = await _api.SendAsync(HttpMethod.Post, UsersPath, token, "{}", "text/plain");
        await AssertErrorAsync(text, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Theory]
    [InlineData("ppolicy_default", "Pa@1abc")]
    [InlineData("ppolicy_default", "password@1")]
    [InlineData("ppolicy_default", "PASSWORD@1")]
    [InlineData("ppolicy_default", "Password@x")]
    [InlineData("ppolicy_default", "Password11")]
    [InlineData("ppolicy_strong", "Password@1")]
    public async Task A_password_that_breaks_its_policy_is_400_PASSWORD_POLICY_VIOLATION(string policy, string password)
    {
        var (token, consumer, _, _) = await SetupAsync();
        var request = NewUser([consumer], [Coke], password);
        request["passwordPolicyName"] = policy;
        using var response = await _api.CreateUserAsync(token, request);
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "PASSWORD_POLICY_VIOLATION");
        var message = body.GetProperty("message").GetString()!;
        Assert.StartsWith("password:", message, StringComparison.Ordinal);
        Assert.Contains(policy, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strong_policy_password_of_12_characters_is_accepted()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var request = NewUser([consumer], [Coke], "Password@123");
        request["passwordPolicyName"] = "ppolicy_strong";
        var body = await _api.CreatedUserAsync(token, request);
        Assert.Equal("ppolicy_strong", body.GetProperty("passwordPolicyName").GetString());
        await _api.LoginAsync((string)request["username"]!, "Password@123");
    }

    [Fact]
    public async Task Put_replaces_the_whole_record_and_new_tokens_carry_the_new_roles()
    {
        var (token, consumer, _, tenantAdmin) = await SetupAsync();
        var request = NewUser([consumer], [Coke]);
        var username = (string)request["username"]!;
        var created = await _api.CreatedUserAsync(token, request);
        var id = created.GetProperty("id").GetString()!;
        var before = await _api.LoginAsync(username, GoodPassword);

        // firstName and locale are left out, so they become null; username and password are not UserUpdate fields.
        var update = new
        {
            lastName = "Eccleston",
            email = "ce@example.com",
            roleIds = new[] { tenantAdmin, consumer },
            tenantIds = new[] { Sprite },
            passwordPolicyName = "ppolicy_strong",
            username = "renamed-" + username,
            password = "Other@Password1",
        };
        using var put = await _api.PutUserAsync(token, id, update);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await JsonAsync(put);
        Assert.Equal(UserFields, PropertyNames(body));
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal(username, body.GetProperty("username").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("firstName").ValueKind);
        Assert.Equal("Eccleston", body.GetProperty("lastName").GetString());
        Assert.Equal("ce@example.com", body.GetProperty("email").GetString());
        Assert.Equal([tenantAdmin, consumer], Ids(body, "roleIds"));
        Assert.Equal([Sprite], Ids(body, "tenantIds"));
        Assert.Equal("ppolicy_strong", body.GetProperty("passwordPolicyName").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("locale").ValueKind);

        using (var get = await _api.GetAsync($"{UsersPath}/{id}", token))
        {
            Assert.Equal(body.ToString(), (await JsonAsync(get)).ToString());
        }

        var after = await _api.TokenBodyAsync(username, GoodPassword);
        Assert.Equal(["TENANT_ADMIN", "CONSUMER"], after.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Sprite, after.GetProperty("tenantId").GetString());
        using (var current = await _api.GetAsync(UsersPath + "/current", before))
        {
            Assert.Equal([tenantAdmin, consumer], Ids(await JsonAsync(current), "roleIds"));
        }

        // Omitting roleIds and tenantIds empties them.
        using var emptied = await _api.PutUserAsync(token, id, new { lastName = "E", email = "ce@example.com" });
        var emptiedBody = await JsonAsync(emptied);
        Assert.Empty(emptiedBody.GetProperty("roleIds").EnumerateArray());
        Assert.Empty(emptiedBody.GetProperty("tenantIds").EnumerateArray());
        Assert.Equal("ppolicy_default", emptiedBody.GetProperty("passwordPolicyName").GetString());
    }

    [Fact]
    public async Task Put_of_an_unknown_user_is_404_and_a_bad_body_is_400()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var created = await _api.CreatedUserAsync(token, NewUser([consumer], [Coke]));
        using (var unknown = await _api.PutUserAsync(token, Guid.NewGuid().ToString(), UpdateOf(created)))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        var noEmail = UpdateOf(created);
        noEmail.Remove("email");
        using (var bad = await _api.PutUserAsync(token, created.GetProperty("id").GetString()!, noEmail))
        {
            var body = await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith("email:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var unknownRole = UpdateOf(created);
        unknownRole["roleIds"] = new[] { Guid.NewGuid().ToString() };
        using (var bad = await _api.PutUserAsync(token, created.GetProperty("id").GetString()!, unknownRole))
        {
            await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var malformed = await _api.GetAsync(UsersPath + "/not-a-uuid", token);
        await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "BAD_REQUEST");
        using var missing = await _api.GetAsync($"{UsersPath}/{Guid.NewGuid()}", token);
        await AssertErrorAsync(missing, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Delete_is_soft_the_user_cannot_log_in_and_is_listed_only_with_deleted_true()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var tenant = await NewTenantAsync(token);
        var request = NewUser([consumer], [tenant]);
        var username = (string)request["username"]!;
        var created = await _api.CreatedUserAsync(token, request);
        var kept = await _api.CreatedUserAsync(token, NewUser([consumer], [tenant]));
        var id = created.GetProperty("id").GetString()!;
        var userToken = await _api.LoginAsync(username, GoodPassword);

        using (var delete = await _api.DeleteUserAsync(token, id))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            Assert.Empty(await delete.Content.ReadAsByteArrayAsync());
        }

        using (var get = await _api.GetAsync($"{UsersPath}/{id}", token))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            var body = await JsonAsync(get);
            Assert.Equal("true", body.GetProperty("deleted").GetString());
            Assert.Equal(username, body.GetProperty("username").GetString());
        }

        var (live, _) = await _api.PageAsync(token, $"page=0&pageSize=10&tenantId={tenant}");
        Assert.Equal([kept.GetProperty("username").GetString()!], live);
        var (liveFalse, _) = await _api.PageAsync(token, $"page=0&pageSize=10&tenantId={tenant}&deleted=false");
        Assert.Equal(live, liveFalse);
        var (gone, goneBody) = await _api.PageAsync(token, $"page=0&pageSize=10&tenantId={tenant}&deleted=true");
        Assert.Equal([username], gone);
        Assert.Equal("true", goneBody.GetProperty("contents")[0].GetProperty("deleted").GetString());

        using (var login = await _api.PasswordAsync(username, GoodPassword))
        {
            await AssertOAuthErrorAsync(login, HttpStatusCode.BadRequest, "invalid_grant");
        }

        using (var current = await _api.GetAsync(UsersPath + "/current", userToken))
        {
            await AssertErrorAsync(current, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }

        using (var again = await _api.DeleteUserAsync(token, id))
        {
            await AssertErrorAsync(again, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var put = await _api.PutUserAsync(token, id, UpdateOf(created)))
        {
            await AssertErrorAsync(put, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var reset = await _api.UpdatePasswordAsync(token, username, null, "Another@Pass1"))
        {
            await AssertErrorAsync(reset, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        // The name stays taken by the deleted user.
        using var recreate = await _api.CreateUserAsync(token, request);
        await AssertErrorAsync(recreate, HttpStatusCode.Conflict, "USER_ALREADY_EXISTS");
        using var unknown = await _api.DeleteUserAsync(token, Guid.NewGuid().ToString());
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Nobody_deletes_itself()
    {
        var (token, _, _, tenantAdmin) = await SetupAsync();
        var request = NewUser([tenantAdmin], [Coke]);
        var admin = await _api.CreatedUserAsync(token, request);
        var adminToken = await _api.LoginAsync((string)request["username"]!, GoodPassword);
        using var self = await _api.DeleteUserAsync(adminToken, admin.GetProperty("id").GetString()!);
        await AssertErrorAsync(self, HttpStatusCode.Forbidden, "FORBIDDEN");

        using var current = await _api.GetAsync(UsersPath + "/current", token);
        using var superSelf = await _api.DeleteUserAsync(token, (await JsonAsync(current)).GetProperty("id").GetString()!);
        await AssertErrorAsync(superSelf, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Pages_come_in_creation_order_with_exact_hasNext_and_the_spec_page_header()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var tenant = await NewTenantAsync(token);
        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var body = await _api.CreatedUserAsync(token, NewUser([consumer], [tenant]));
            names.Add(body.GetProperty("username").GetString()!);
        }

        var (first, firstPage) = await _api.PageAsync(token, $"page=0&pageSize=2&tenantId={tenant}");
        Assert.Equal(["page", "pageSize", "totalItems", "hasNext", "hasPrevious", "sortBy", "sortOrder", "contents"], PropertyNames(firstPage));
        Assert.Equal(names.Take(2), first);
        Assert.Equal(0, firstPage.GetProperty("page").GetInt32());
        Assert.Equal(2, firstPage.GetProperty("pageSize").GetInt32());
        Assert.Equal(JsonValueKind.Null, firstPage.GetProperty("totalItems").ValueKind);
        Assert.True(firstPage.GetProperty("hasNext").GetBoolean());
        Assert.False(firstPage.GetProperty("hasPrevious").GetBoolean());
        Assert.Equal(JsonValueKind.Null, firstPage.GetProperty("sortBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, firstPage.GetProperty("sortOrder").ValueKind);

        var (second, secondPage) = await _api.PageAsync(token, $"page=1&pageSize=2&tenantId={tenant}");
        Assert.Equal(names.Skip(2).Take(2), second);
        Assert.True(secondPage.GetProperty("hasNext").GetBoolean());
        Assert.True(secondPage.GetProperty("hasPrevious").GetBoolean());

        var (third, thirdPage) = await _api.PageAsync(token, $"page=2&pageSize=2&tenantId={tenant}");
        Assert.Equal(names.Skip(4), third);
        Assert.False(thirdPage.GetProperty("hasNext").GetBoolean());

        var (exact, exactPage) = await _api.PageAsync(token, $"page=0&pageSize=5&tenantId={tenant}");
        Assert.Equal(names, exact);
        Assert.False(exactPage.GetProperty("hasNext").GetBoolean());

        var (beyond, _) = await _api.PageAsync(token, $"page=9&pageSize=5&tenantId={tenant}");
        Assert.Empty(beyond);

        var (empty, _) = await _api.PageAsync(token, $"page=0&pageSize=5&tenantId={Guid.NewGuid()}");
        Assert.Empty(empty);
    }

    [Fact]
    public async Task Tenant_filter_matches_users_whose_tenantIds_contain_it()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var a = await NewTenantAsync(token);
        var b = await NewTenantAsync(token);
        var onlyA = (await _api.CreatedUserAsync(token, NewUser([consumer], [a]))).GetProperty("username").GetString()!;
        var both = (await _api.CreatedUserAsync(token, NewUser([consumer], [b, a]))).GetProperty("username").GetString()!;
        var onlyB = (await _api.CreatedUserAsync(token, NewUser([consumer], [b]))).GetProperty("username").GetString()!;
        Assert.Equal([onlyA, both], (await _api.PageAsync(token, $"page=0&pageSize=10&tenantId={a}")).Usernames);
        Assert.Equal([both, onlyB], (await _api.PageAsync(token, $"page=0&pageSize=10&tenantId={b}")).Usernames);
        Assert.Equal(["tenantadmin"], (await _api.PageAsync(token, $"page=0&pageSize=10&tenantId={Sprite}")).Usernames
            .Where(n => !n.StartsWith("user-", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("pageSize=10")]
    [InlineData("page=0")]
    [InlineData("page=-1&pageSize=10")]
    [InlineData("page=0&pageSize=0")]
    [InlineData("page=0&pageSize=1001")]
    [InlineData("page=x&pageSize=10")]
    [InlineData("page=0&pageSize=10&tenantId=nope")]
    [InlineData("page=0&pageSize=10&deleted=maybe")]
    public async Task Bad_page_parameters_are_400(string query)
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.GetAsync($"{UsersPath}?{query}", token);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task PageSize_1000_is_accepted()
    {
        var token = await _api.AccessTokenAsync();
        var (names, page) = await _api.PageAsync(token, "page=0&pageSize=1000");
        Assert.Contains("superuser", names);
        Assert.Equal(1000, page.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task Tenant_admin_manages_only_users_whose_tenants_are_all_its_own()
    {
        var (token, consumer, superUser, tenantAdmin) = await SetupAsync();
        var admin = await _api.AccessTokenAsync(TenantAdmin);

        // Creating: its own tenants (the current one by default), never another tenant, never SUPERUSER.
        var ownRequest = NewUser([consumer], [Coke, Sprite]);
        var own = await _api.CreatedUserAsync(admin, ownRequest);
        var defaulted = await _api.CreatedUserAsync(admin, new { username = UniqueName("ta"), lastName = "L", email = "l@example.com", roleIds = new[] { consumer } });
        Assert.Equal([Coke], Ids(defaulted, "tenantIds"));
        foreach (var (roles, tenants) in new[]
        {
            (new[] { consumer }, new[] { Pepsi }),
            (new[] { consumer }, new[] { Coke, Pepsi }),
            (new[] { consumer }, Array.Empty<string>()),
            (new[] { superUser }, new[] { Coke }),
        })
        {
            using var outside = await _api.CreateUserAsync(admin, NewUser(roles, tenants));
            await AssertErrorAsync(outside, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        // Reading and listing.
        var foreign = await _api.CreatedUserAsync(token, NewUser([consumer], [Coke, Pepsi]));
        var foreignId = foreign.GetProperty("id").GetString()!;
        using (var get = await _api.GetAsync($"{UsersPath}/{foreignId}", admin))
        {
            await AssertErrorAsync(get, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var get = await _api.GetAsync($"{UsersPath}/{own.GetProperty("id").GetString()}", admin))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        }

        var (names, page) = await _api.PageAsync(admin, "page=0&pageSize=1000");
        Assert.Contains("tenantadmin", names);
        Assert.Contains(ownRequest["username"], names);
        Assert.DoesNotContain("superuser", names);
        Assert.DoesNotContain("consumer", names);
        Assert.DoesNotContain(foreign.GetProperty("username").GetString(), names);
        Assert.All(page.GetProperty("contents").EnumerateArray(), u =>
        {
            Assert.All(Ids(u, "tenantIds"), t => Assert.Contains(t, new[] { Coke, Sprite }));
            Assert.DoesNotContain(superUser, Ids(u, "roleIds"));
        });
        using (var pepsi = await _api.GetAsync($"{UsersPath}?page=0&pageSize=10&tenantId={Pepsi}", admin))
        {
            await AssertErrorAsync(pepsi, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        // Updating: not a foreign user, not to a foreign tenant, not to SUPERUSER.
        var ownId = own.GetProperty("id").GetString()!;
        using (var put = await _api.PutUserAsync(admin, foreignId, UpdateOf(foreign)))
        {
            await AssertErrorAsync(put, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        var moved = UpdateOf(own);
        moved["tenantIds"] = new[] { Pepsi };
        using (var put = await _api.PutUserAsync(admin, ownId, moved))
        {
            await AssertErrorAsync(put, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        var promoted = UpdateOf(own);
        promoted["roleIds"] = new[] { superUser };
        using (var put = await _api.PutUserAsync(admin, ownId, promoted))
        {
            await AssertErrorAsync(put, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        var renamed = UpdateOf(own);
        renamed["lastName"] = "Renamed";
        renamed["roleIds"] = new[] { tenantAdmin };
        using (var put = await _api.PutUserAsync(admin, ownId, renamed))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal("Renamed", (await JsonAsync(put)).GetProperty("lastName").GetString());
        }

        // A SUPERUSER inside its tenants is still out of reach.
        var superInCoke = await _api.CreatedUserAsync(token, NewUser([superUser], [Coke]));
        using (var get = await _api.GetAsync($"{UsersPath}/{superInCoke.GetProperty("id").GetString()}", admin))
        {
            await AssertErrorAsync(get, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        // Deleting.
        using (var delete = await _api.DeleteUserAsync(admin, foreignId))
        {
            await AssertErrorAsync(delete, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var delete = await _api.DeleteUserAsync(admin, superInCoke.GetProperty("id").GetString()!))
        {
            await AssertErrorAsync(delete, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var delete = await _api.DeleteUserAsync(admin, ownId))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
    }

    [Fact]
    public async Task Consumer_may_not_manage_users_but_reads_itself_and_roles()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var consumerToken = await _api.AccessTokenAsync(Consumer);
        var target = await _api.CreatedUserAsync(token, NewUser([consumer], [Pepsi]));
        var id = target.GetProperty("id").GetString()!;
        using (var page = await _api.GetAsync(UsersPath + "?page=0&pageSize=10", consumerToken))
        {
            await AssertErrorAsync(page, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var get = await _api.GetAsync($"{UsersPath}/{id}", consumerToken))
        {
            await AssertErrorAsync(get, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var create = await _api.CreateUserAsync(consumerToken, NewUser([consumer], [Pepsi])))
        {
            await AssertErrorAsync(create, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var put = await _api.PutUserAsync(consumerToken, id, UpdateOf(target)))
        {
            await AssertErrorAsync(put, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var delete = await _api.DeleteUserAsync(consumerToken, id))
        {
            await AssertErrorAsync(delete, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var reset = await _api.UpdatePasswordAsync(consumerToken, target.GetProperty("username").GetString()!, null, "Another@Pass1"))
        {
            await AssertErrorAsync(reset, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var current = await _api.GetAsync(UsersPath + "/current", consumerToken))
        {
            Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        }

        using var role = await _api.GetAsync("idm/api/v8/roles/name/CONSUMER", consumerToken);
        Assert.Equal(HttpStatusCode.OK, role.StatusCode);
    }

    [Fact]
    public async Task Own_password_change_needs_the_right_old_password_and_satisfies_the_policy()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var request = NewUser([consumer], [Pepsi]);
        var username = (string)request["username"]!;
        await _api.CreatedUserAsync(token, request);
        var userToken = await _api.LoginAsync(username, GoodPassword);

        using (var wrong = await _api.UpdatePasswordAsync(userToken, username, "Wrong@Pass1", "Changed@Pass1"))
        {
            var body = await AssertErrorAsync(wrong, HttpStatusCode.BadRequest, "OLD_PASSWORD_MISMATCH");
            Assert.StartsWith("oldPassword:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using (var missing = await _api.UpdatePasswordAsync(userToken, username, null, "Changed@Pass1"))
        {
            var body = await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith("oldPassword:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using (var weak = await _api.UpdatePasswordAsync(userToken, username, GoodPassword, "weak"))
        {
            var body = await AssertErrorAsync(weak, HttpStatusCode.BadRequest, "PASSWORD_POLICY_VIOLATION");
            Assert.StartsWith("newPassword:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("ppolicy_default", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using (var same = await _api.UpdatePasswordAsync(userToken, username, GoodPassword, GoodPassword))
        {
            await AssertErrorAsync(same, HttpStatusCode.BadRequest, "PASSWORD_POLICY_VIOLATION");
        }

        await _api.LoginAsync(username, GoodPassword);
        using (var right = await _api.UpdatePasswordAsync(userToken, username.ToUpperInvariant(), GoodPassword, "Changed@Pass1"))
        {
            Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
            Assert.Empty(await right.Content.ReadAsByteArrayAsync());
        }

        using (var old = await _api.PasswordAsync(username, GoodPassword))
        {
            await AssertOAuthErrorAsync(old, HttpStatusCode.BadRequest, "invalid_grant");
        }

        await _api.LoginAsync(username, "Changed@Pass1");

        // The token in hand stays valid after the change.
        using var current = await _api.GetAsync(UsersPath + "/current", userToken);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Superuser_resets_any_password_without_the_old_one_and_tenant_admin_only_its_users()
    {
        var (token, consumer, _, _) = await SetupAsync();
        var inCoke = NewUser([consumer], [Coke]);
        var inPepsi = NewUser([consumer], [Pepsi]);
        await _api.CreatedUserAsync(token, inCoke);
        await _api.CreatedUserAsync(token, inPepsi);
        var cokeUser = (string)inCoke["username"]!;
        var pepsiUser = (string)inPepsi["username"]!;

        using (var reset = await _api.UpdatePasswordAsync(token, pepsiUser, null, "Reset@Pass1"))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        await _api.LoginAsync(pepsiUser, "Reset@Pass1");

        // A wrong old password given by an administrator for someone else is ignored.
        using (var reset = await _api.UpdatePasswordAsync(token, pepsiUser, "Wrong@Pass1", "Reset@Pass2"))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        await _api.LoginAsync(pepsiUser, "Reset@Pass2");

        var admin = await _api.AccessTokenAsync(TenantAdmin);
        using (var reset = await _api.UpdatePasswordAsync(admin, cokeUser, null, "Reset@Pass1"))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        await _api.LoginAsync(cokeUser, "Reset@Pass1");
        using (var reset = await _api.UpdatePasswordAsync(admin, pepsiUser, null, "Reset@Pass3"))
        {
            await AssertErrorAsync(reset, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var reset = await _api.UpdatePasswordAsync(admin, SuperUser, null, "Reset@Pass3"))
        {
            await AssertErrorAsync(reset, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var weak = await _api.UpdatePasswordAsync(token, pepsiUser, null, "short"))
        {
            await AssertErrorAsync(weak, HttpStatusCode.BadRequest, "PASSWORD_POLICY_VIOLATION");
        }

        using (var unknown = await _api.UpdatePasswordAsync(token, UniqueName("nobody"), null, "Reset@Pass3"))
        {
            var body = await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith("username:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using (var noUsername = await _api.SendAsync(HttpMethod.Put, UsersPath + "/updatepassword", token, Json(new { newPassword = "Reset@Pass3" })))
        {
            var body = await AssertErrorAsync(noUsername, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith("username:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using (var noNew = await _api.SendAsync(HttpMethod.Put, UsersPath + "/updatepassword", token, Json(new { username = pepsiUser })))
        {
            var body = await AssertErrorAsync(noNew, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith("newPassword:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Wrong_methods_are_405_with_Allow()
    {
        var token = await _api.AccessTokenAsync();
        foreach (var (method, path, allow) in new[]
        {
            (HttpMethod.Get, UsersPath + "/updatepassword", "PUT"),
            (HttpMethod.Post, UsersPath + "/current", "GET"),
            (HttpMethod.Delete, UsersPath, "GET, POST"),
            (HttpMethod.Post, $"{UsersPath}/{Guid.NewGuid()}", "GET, PUT, DELETE"),
        })
        {
            using var response = await _api.SendAsync(method, path, token);
            await AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
            Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        }
    }

    [Fact]
    public async Task Users_API_needs_a_bearer_token()
    {
        using var page = await _api.GetAsync(UsersPath + "?page=0&pageSize=10", null);
        await AssertErrorAsync(page, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        using var create = await _api.SendAsync(HttpMethod.Post, UsersPath, null, "{}");
        await AssertErrorAsync(create, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
