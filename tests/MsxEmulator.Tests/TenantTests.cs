using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

public sealed class TenantTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly MsxApi _api = fixture.Api;

    private static readonly string[] TenantFields =
        ["id", "createdOn", "modifiedOn", "suspended", "name", "description", "url", "image", "parentId", "numberOfChildren"];

    [Fact]
    public async Task Create_answers_201_with_Location_and_the_spec_fields()
    {
        var token = await _api.AccessTokenAsync();
        var name = UniqueName("create");
        using var response = await _api.CreateTenantAsync(token, new { name, description = "An anvil", url = "https://cisco.com" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(TenantFields, PropertyNames(body));
        var id = body.GetProperty("id").GetString();
        Assert.Equal(new Uri(_api.Http.BaseAddress!, "idm/api/v8/tenants/" + id), response.Headers.Location);
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.False(body.GetProperty("suspended").GetBoolean());
        Assert.Equal(0, body.GetProperty("numberOfChildren").GetInt64());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("parentId").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("image").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", body.GetProperty("createdOn").GetString());
        Assert.Equal(body.GetProperty("createdOn").GetString(), body.GetProperty("modifiedOn").GetString());

        using var get = await _api.GetAsync("idm/api/v8/tenants/" + id, token);
        Assert.Equal(body.ToString(), (await JsonAsync(get)).ToString());
    }

    [Fact]
    public async Task Email_and_externalId_appear_when_set()
    {
        var token = await _api.AccessTokenAsync();
        var externalId = "ext-" + Guid.NewGuid().ToString("N");
        var body = await _api.CreatedTenantAsync(token, new { name = UniqueName("ext"), email = "someone@cisco.com", externalId });
        Assert.Equal([.. TenantFields, "email", "externalId"], PropertyNames(body));

        using var byExternal = await _api.GetAsync($"idm/api/v8/tenants/externalId/{externalId}", token);
        Assert.Equal(HttpStatusCode.OK, byExternal.StatusCode);
        Assert.Equal(body.GetProperty("id").GetString(), (await JsonAsync(byExternal)).GetProperty("id").GetString());

        using var unknown = await _api.GetAsync("idm/api/v8/tenants/externalId/nope-" + Guid.NewGuid().ToString("N"), token);
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        using var bad = await _api.GetAsync("idm/api/v8/tenants/externalId/bad%20id", token);
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");

        using var duplicate = await _api.CreateTenantAsync(token, new { name = UniqueName("ext"), externalId });
        await AssertErrorAsync(duplicate, HttpStatusCode.Conflict, "TENANT_ALREADY_EXISTS");
    }

    [Fact]
    public async Task Duplicate_name_is_409_case_insensitively()
    {
        var token = await _api.AccessTokenAsync();
        var name = UniqueName("Dup");
        await _api.CreatedTenantAsync(token, new { name });
        using var response = await _api.CreateTenantAsync(token, new { name = name.ToUpperInvariant() });
        await AssertErrorAsync(response, HttpStatusCode.Conflict, "TENANT_ALREADY_EXISTS");
        using var builtIn = await _api.CreateTenantAsync(token, new { name = "coke" });
        await AssertErrorAsync(builtIn, HttpStatusCode.Conflict, "TENANT_ALREADY_EXISTS");
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "{\"name\":\"\"}", "name" },
        { "{\"name\":\"" + new string('n', 129) + "\"}", "name" },
        { "{\"description\":\"no name\"}", "name" },
        { "{\"name\":null}", "name" },
        { "{\"name\":42}", "name" },
        { "{\"name\":\"x-email\",\"email\":\"not-an-email\"}", "email" },
        { "{\"name\":\"x-ext\",\"externalId\":\"has space\"}", "externalId" },
        { "{\"name\":\"x-ext2\",\"externalId\":\"\"}", "externalId" },
        { "{\"name\":\"x-desc\",\"description\":\"" + new string('d', 257) + "\"}", "description" },
        { "{\"name\":\"x-image\",\"image\":\"" + new string('i', 40001) + "\"}", "image" },
        { "{\"name\":\"x-parent\",\"parentId\":\"not-a-uuid\"}", "parentId" },
        { "{\"name\":\"x-parent2\",\"parentId\":\"" + "00000000-0000-0000-0000-000000000001" + "\"}", "parentId" },
        { "{\"name\":", "JSON" },
        { "[1,2]", "object" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_create_bodies_are_400_naming_the_field(string json, string field)
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.SendAsync(HttpMethod.Post, "idm/api/v8/tenants", token, json);
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        Assert.Contains(field, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_are_inclusive()
    {
        var token = await _api.AccessTokenAsync();
        var name = Guid.NewGuid().ToString("N") + new string('n', 96);
        Assert.Equal(128, name.Length);
        await _api.CreatedTenantAsync(token, new { name, description = new string('d', 256) });
    }

    [Fact]
    public async Task Empty_body_is_400_and_non_json_is_415()
    {
        var token = await _api.AccessTokenAsync();
        using (var empty = await _api.SendAsync(HttpMethod.Post, "idm/api/v8/tenants", token, string.Empty))
        {
            await AssertErrorAsync(empty, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var text = await _api.SendAsync(HttpMethod.Post, "idm/api/v8/tenants", token, "name=x", "text/plain");
        await AssertErrorAsync(text, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Get_unknown_is_404_and_malformed_is_400()
    {
        var token = await _api.AccessTokenAsync();
        using (var unknown = await _api.GetAsync("idm/api/v8/tenants/" + Guid.NewGuid(), token))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var malformed = await _api.GetAsync("idm/api/v8/tenants/not-a-uuid", token);
        await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task Paging_is_exact()
    {
        var token = await _api.AccessTokenAsync();
        var parent = await _api.CreatedTenantAsync(token, new { name = UniqueName("page-parent") });
        var parentId = parent.GetProperty("id").GetString()!;
        for (var i = 0; i < 4; i++)
        {
            await _api.CreatedTenantAsync(token, new { name = UniqueName($"page-child-{i}"), parentId });
        }

        async Task<JsonElement> Page(int page, int size)
        {
            using var response = await _api.GetAsync($"idm/api/v8/tenants?page={page}&pageSize={size}&parentId={parentId}", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await JsonAsync(response);
        }

        var first = await Page(0, 2);
        Assert.Equal(["page", "pageSize", "totalItems", "hasNext", "hasPrevious", "sortBy", "sortOrder", "contents"], PropertyNames(first));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("totalItems").ValueKind);
        Assert.True(first.GetProperty("hasNext").GetBoolean());
        Assert.False(first.GetProperty("hasPrevious").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("sortBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("sortOrder").ValueKind);
        Assert.Equal(2, first.GetProperty("contents").GetArrayLength());

        var last = await Page(1, 2);
        Assert.False(last.GetProperty("hasNext").GetBoolean());
        Assert.True(last.GetProperty("hasPrevious").GetBoolean());
        Assert.Equal(2, last.GetProperty("contents").GetArrayLength());

        var beyond = await Page(2, 2);
        Assert.Equal(0, beyond.GetProperty("contents").GetArrayLength());
        Assert.False(beyond.GetProperty("hasNext").GetBoolean());

        var all = await Page(0, 3);
        Assert.True(all.GetProperty("hasNext").GetBoolean());

        using var parentView = await _api.GetAsync("idm/api/v8/tenants/" + parentId, token);
        Assert.Equal(4, (await JsonAsync(parentView)).GetProperty("numberOfChildren").GetInt64());
    }

    [Theory]
    [InlineData("pageSize=10")]
    [InlineData("page=0")]
    [InlineData("page=0&pageSize=0")]
    [InlineData("page=0&pageSize=1001")]
    [InlineData("page=-1&pageSize=10")]
    [InlineData("page=x&pageSize=10")]
    [InlineData("page=0&pageSize=10&sortBy=url")]
    [InlineData("page=0&pageSize=10&sortOrder=DESC")]
    [InlineData("page=0&pageSize=10&parentId=nope")]
    [InlineData("page=0&pageSize=10&showImage=maybe")]
    public async Task Bad_page_parameters_are_400(string query)
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.GetAsync("idm/api/v8/tenants?" + query, token);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task Page_size_1000_is_allowed()
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.GetAsync("idm/api/v8/tenants?page=0&pageSize=1000", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sorting_by_name_and_createdOn()
    {
        var token = await _api.AccessTokenAsync();
        var parentId = (await _api.CreatedTenantAsync(token, new { name = UniqueName("sort-parent") })).GetProperty("id").GetString()!;
        var suffix = Guid.NewGuid().ToString("N");
        string[] created = [$"b-{suffix}", $"A-{suffix}", $"c-{suffix}"];
        foreach (var name in created)
        {
            await _api.CreatedTenantAsync(token, new { name, parentId });
        }

        async Task<string[]> Names(string sort)
        {
            using var response = await _api.GetAsync($"idm/api/v8/tenants?page=0&pageSize=10&parentId={parentId}{sort}", token);
            var body = await JsonAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return body.GetProperty("contents").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray();
        }

        Assert.Equal(created, await Names(string.Empty));
        Assert.Equal(created, await Names("&sortBy=createdOn"));
        Assert.Equal(created.Reverse().ToArray(), await Names("&sortBy=createdOn&sortOrder=desc"));
        Assert.Equal([created[1], created[0], created[2]], await Names("&sortBy=name"));
        Assert.Equal([created[2], created[0], created[1]], await Names("&sortBy=name&sortOrder=desc"));

        using var echo = await _api.GetAsync($"idm/api/v8/tenants?page=0&pageSize=1&sortBy=name&sortOrder=desc", token);
        var page = await JsonAsync(echo);
        Assert.Equal("name", page.GetProperty("sortBy").GetString());
        Assert.Equal("desc", page.GetProperty("sortOrder").GetString());
    }

    [Fact]
    public async Task ShowImage_controls_the_image_in_pages()
    {
        var token = await _api.AccessTokenAsync();
        var parentId = (await _api.CreatedTenantAsync(token, new { name = UniqueName("img-parent") })).GetProperty("id").GetString()!;
        var child = await _api.CreatedTenantAsync(token, new { name = UniqueName("img"), image = "data:image/png;base64,AAAA", parentId });
        Assert.Equal("data:image/png;base64,AAAA", child.GetProperty("image").GetString());

        using var hidden = await _api.GetAsync($"idm/api/v8/tenants?page=0&pageSize=10&parentId={parentId}", token);
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(hidden)).GetProperty("contents")[0].GetProperty("image").ValueKind);
        using var shown = await _api.GetAsync($"idm/api/v8/tenants?page=0&pageSize=10&parentId={parentId}&showImage=true", token);
        Assert.Equal("data:image/png;base64,AAAA", (await JsonAsync(shown)).GetProperty("contents")[0].GetProperty("image").GetString());
    }

    [Fact]
    public async Task List_by_ids_keeps_order_and_omits_unknown()
    {
        var token = await _api.AccessTokenAsync();
        var a = (await _api.CreatedTenantAsync(token, new { name = UniqueName("list-a") })).GetProperty("id").GetString();
        var b = (await _api.CreatedTenantAsync(token, new { name = UniqueName("list-b") })).GetProperty("id").GetString();
        using var response = await _api.GetAsync($"idm/api/v8/tenants/list?ids={b}&ids={Guid.NewGuid()}&ids={a}&ids={b}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal([b, a], body.EnumerateArray().Select(t => t.GetProperty("id").GetString()));

        using var none = await _api.GetAsync("idm/api/v8/tenants/list", token);
        await AssertErrorAsync(none, HttpStatusCode.BadRequest, "BAD_REQUEST");
        using var bad = await _api.GetAsync("idm/api/v8/tenants/list?ids=nope", token);
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task Put_replaces_the_updatable_fields()
    {
        var token = await _api.AccessTokenAsync();
        var externalId = "put-" + Guid.NewGuid().ToString("N");
        var created = await _api.CreatedTenantAsync(token, new { name = UniqueName("put"), description = "old", url = "https://old", email = "a@b.com", externalId });
        var id = created.GetProperty("id").GetString();
        // The event: the clock has moved past the creation's millisecond, so the change is stamped later.
        var createdAt = DateTimeOffset.Parse(created.GetProperty("modifiedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(SpinWait.SpinUntil(() => DateTimeOffset.UtcNow > createdAt.AddMilliseconds(1), TimeSpan.FromSeconds(20)));
        var newName = UniqueName("put-renamed");
        using var response = await _api.SendAsync(HttpMethod.Put, "idm/api/v8/tenants/" + id, token,
            Json(new { name = newName, url = "https://new", parentId = Coke, externalId = "ignored" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(newName, body.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("description").ValueKind);
        Assert.Equal("https://new", body.GetProperty("url").GetString());
        Assert.False(body.TryGetProperty("email", out _));
        Assert.Equal(externalId, body.GetProperty("externalId").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("parentId").ValueKind);
        Assert.Equal(created.GetProperty("createdOn").GetString(), body.GetProperty("createdOn").GetString());
        Assert.True(string.CompareOrdinal(body.GetProperty("modifiedOn").GetString(), created.GetProperty("modifiedOn").GetString()) > 0);

        using var caseOnly = await _api.SendAsync(HttpMethod.Put, "idm/api/v8/tenants/" + id, token, Json(new { name = newName.ToUpperInvariant() }));
        Assert.Equal(HttpStatusCode.OK, caseOnly.StatusCode);
    }

    [Fact]
    public async Task Put_errors()
    {
        var token = await _api.AccessTokenAsync();
        using (var unknown = await _api.SendAsync(HttpMethod.Put, "idm/api/v8/tenants/" + Guid.NewGuid(), token, Json(new { name = UniqueName("x") })))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        var id = (await _api.CreatedTenantAsync(token, new { name = UniqueName("put-conflict") })).GetProperty("id").GetString();
        using (var conflict = await _api.SendAsync(HttpMethod.Put, "idm/api/v8/tenants/" + id, token, Json(new { name = "PEPSI" })))
        {
            await AssertErrorAsync(conflict, HttpStatusCode.Conflict, "TENANT_ALREADY_EXISTS");
        }

        using var noName = await _api.SendAsync(HttpMethod.Put, "idm/api/v8/tenants/" + id, token, Json(new { description = "x" }));
        await AssertErrorAsync(noName, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task Delete_keeps_the_children_count()
    {
        var token = await _api.AccessTokenAsync();
        var parentId = (await _api.CreatedTenantAsync(token, new { name = UniqueName("del-parent") })).GetProperty("id").GetString()!;
        var childId = (await _api.CreatedTenantAsync(token, new { name = UniqueName("del-child"), parentId })).GetProperty("id").GetString();

        using (var parent = await _api.GetAsync("idm/api/v8/tenants/" + parentId, token))
        {
            Assert.Equal(1, (await JsonAsync(parent)).GetProperty("numberOfChildren").GetInt64());
        }

        using (var blocked = await _api.SendAsync(HttpMethod.Delete, "idm/api/v8/tenants/" + parentId, token))
        {
            await AssertErrorAsync(blocked, HttpStatusCode.Conflict, "TENANT_HAS_CHILDREN");
        }

        using (var deleted = await _api.SendAsync(HttpMethod.Delete, "idm/api/v8/tenants/" + childId, token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        }

        using (var parent = await _api.GetAsync("idm/api/v8/tenants/" + parentId, token))
        {
            Assert.Equal(0, (await JsonAsync(parent)).GetProperty("numberOfChildren").GetInt64());
        }

        using (var again = await _api.SendAsync(HttpMethod.Delete, "idm/api/v8/tenants/" + childId, token))
        {
            await AssertErrorAsync(again, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var parentGone = await _api.SendAsync(HttpMethod.Delete, "idm/api/v8/tenants/" + parentId, token);
        Assert.Equal(HttpStatusCode.NoContent, parentGone.StatusCode);
    }

    [Fact]
    public async Task Consumer_and_tenant_admin_read_tenants_but_only_MANAGE_TENANT_writes()
    {
        foreach (var user in new[] { Consumer, TenantAdmin })
        {
            var token = await _api.AccessTokenAsync(user);
            using (var list = await _api.GetAsync("idm/api/v8/tenants?page=0&pageSize=10", token))
            {
                Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            }

            using var create = await _api.CreateTenantAsync(token, new { name = UniqueName(user) });
            var body = await AssertErrorAsync(create, HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.Contains("MANAGE_TENANT", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        await _api.CreatedTenantAsync(await _api.AccessTokenAsync(), new { name = UniqueName("superuser") });
    }

    [Fact]
    public async Task Unknown_route_is_404_and_wrong_method_is_405()
    {
        var token = await _api.AccessTokenAsync();
        using (var unknown = await _api.GetAsync("idm/api/v8/widgets", token))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var wrong = await _api.SendAsync(HttpMethod.Patch, "idm/api/v8/tenants/" + Coke, token, "{}");
        await AssertErrorAsync(wrong, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }
}
