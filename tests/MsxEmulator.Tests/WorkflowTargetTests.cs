using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using MsxPowerShell.Testing;
using static MsxEmulator.Tests.Support.MsxApi;
using static MsxEmulator.Tests.Support.WorkflowApi;

namespace MsxEmulator.Tests;

/// <summary>One emulator (built-in data, --control, --manual-clock, --verbose) for the workflow target tests.</summary>
public sealed class VerboseManualClockFixture : EmulatorFixture
{
    public VerboseManualClockFixture()
        : base("--control", "--manual-clock", "--verbose")
    {
    }
}

/// <summary>The spec's workflow targets (<c>/workflow/api/v8/targets</c>) and the start's <c>target_id</c>.</summary>
public sealed class WorkflowTargetTests(VerboseManualClockFixture fixture) : IClassFixture<VerboseManualClockFixture>
{
    public const string TargetBase = "workflow/api/v8/targets";
    private const string UnknownKsuid = "2aKVLZZZZZZZZZZZZZZZZZZZZZZ";
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task Create_answers_201_in_the_spec_shape_and_get_and_list_show_the_same_target()
    {
        var token = await _api.AccessTokenAsync();
        var now = await _api.ClockNowAsync();
        var uniqueName = UniqueName("kafka");
        using var response = await _api.SendAsync(HttpMethod.Post, TargetBase, token, Json(Target("MSX Kafka", "kafka.endpoint", uniqueName,
            new { host = "kafka.vms.svc.cluster.local", port = 9092, ssl_enable = false })));
        var created = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToString());
        Assert.Equal(
            ["id", "name", "title", "type", "properties", "owner", "valid", "schema_id", "adapter_id", "base_type", "created_on", "created_by",
                "updated_on", "updated_by", "def_access_meta", "unique_name"],
            PropertyNames(created));
        var id = created.GetProperty("id").GetString()!;
        Assert.True(IsKsuid(id));
        Assert.EndsWith($"/{TargetBase}/{id}", response.Headers.Location!.ToString());
        Assert.Equal("MSX Kafka", created.GetProperty("name").GetString());
        Assert.Equal("Target One", created.GetProperty("title").GetString());
        Assert.Equal("kafka.endpoint", created.GetProperty("type").GetString());
        Assert.Equal(9092, created.GetProperty("properties").GetProperty("port").GetInt32());
        Assert.Equal("kafka.vms.svc.cluster.local", created.GetProperty("properties").GetProperty("host").GetString());
        Assert.Equal(SuperUser, created.GetProperty("owner").GetString());
        Assert.Equal(SuperUser, created.GetProperty("created_by").GetString());
        Assert.Equal(SuperUser, created.GetProperty("updated_by").GetString());
        Assert.Equal(Seconds(now), created.GetProperty("created_on").GetString());
        Assert.Equal(Seconds(now), created.GetProperty("updated_on").GetString());
        Assert.True(created.GetProperty("valid").GetBoolean());
        Assert.Equal("target", created.GetProperty("base_type").GetString());
        Assert.False(created.GetProperty("def_access_meta").GetProperty("is_internal").GetBoolean());
        Assert.Equal(uniqueName, created.GetProperty("unique_name").GetString());
        Assert.True(IsKsuid(created.GetProperty("schema_id").GetString()));
        Assert.True(IsKsuid(created.GetProperty("adapter_id").GetString()));

        using var get = await _api.GetAsync($"{TargetBase}/{id}", token);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(created.ToString(), (await JsonAsync(get)).ToString());

        using var list = await _api.GetAsync($"{TargetBase}/list", token);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listed = Assert.Single((await JsonAsync(list)).EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        Assert.Equal(created.ToString(), listed.ToString());
    }

    [Fact]
    public async Task Create_without_unique_name_or_type_generates_them()
    {
        var created = await CreatedAsync(await _api.AccessTokenAsync(), new { name = "Bare", properties = new { } });
        Assert.StartsWith("definition_target_", created.GetProperty("unique_name").GetString());
        Assert.Equal("generic.target", created.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("title").ValueKind);
    }

    [Fact]
    public async Task List_filters_by_type_exactly_and_by_internal()
    {
        var token = await _api.AccessTokenAsync();
        var type = UniqueName("type");
        var first = (await CreatedAsync(token, Target("A", type, UniqueName("a")))).GetProperty("id").GetString();
        var second = (await CreatedAsync(token, Target("B", type, UniqueName("b")))).GetProperty("id").GetString();
        var other = (await CreatedAsync(token, Target("C", type + "-other", UniqueName("c")))).GetProperty("id").GetString();

        Assert.Equal([first, second], await ListedIdsAsync(token, $"?type={type}"));
        Assert.Equal([first, second], await ListedIdsAsync(token, $"?type={type}&internal=false"));
        Assert.Empty(await ListedIdsAsync(token, $"?type={type}&internal=true"));
        var all = await ListedIdsAsync(token, string.Empty);
        Assert.Contains(other, all);
        Assert.Contains(first, all);

        using var bad = await _api.GetAsync($"{TargetBase}/list?internal=maybe", token);
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task Put_replaces_the_fields_and_stamps_updated_on_and_updated_by_with_the_clock()
    {
        var superuser = await _api.AccessTokenAsync();
        var created = await CreatedAsync(superuser, Target("Before", "kafka.endpoint", UniqueName("put"), new { host = "old", port = 1 }));
        var id = created.GetProperty("id").GetString()!;
        var later = await _api.AdvanceClockAsync(TimeSpan.FromMinutes(5));

        using var put = await _api.SendAsync(HttpMethod.Put, $"{TargetBase}/{id}", await _api.AccessTokenAsync(TenantAdmin),
            Json(new { name = "After", properties = new { host = "new" } }));
        var updated = await JsonAsync(put);
        Assert.True(put.StatusCode == HttpStatusCode.OK, updated.ToString());
        Assert.Equal("After", updated.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("title").ValueKind);
        Assert.Equal(["host"], PropertyNames(updated.GetProperty("properties")));
        Assert.Equal("new", updated.GetProperty("properties").GetProperty("host").GetString());
        Assert.Equal("kafka.endpoint", updated.GetProperty("type").GetString());
        Assert.Equal(created.GetProperty("unique_name").GetString(), updated.GetProperty("unique_name").GetString());
        Assert.Equal(created.GetProperty("schema_id").GetString(), updated.GetProperty("schema_id").GetString());
        Assert.Equal(created.GetProperty("created_on").GetString(), updated.GetProperty("created_on").GetString());
        Assert.Equal(SuperUser, updated.GetProperty("created_by").GetString());
        Assert.Equal(SuperUser, updated.GetProperty("owner").GetString());
        Assert.Equal(Seconds(later), updated.GetProperty("updated_on").GetString());
        Assert.Equal(TenantAdmin, updated.GetProperty("updated_by").GetString());

        using var get = await _api.GetAsync($"{TargetBase}/{id}", superuser);
        Assert.Equal(updated.ToString(), (await JsonAsync(get)).ToString());
    }

    [Fact]
    public async Task A_taken_unique_name_is_409_on_create_and_on_put()
    {
        var token = await _api.AccessTokenAsync();
        var taken = UniqueName("taken");
        await CreatedAsync(token, Target("One", "kafka.endpoint", taken));
        using (var again = await _api.SendAsync(HttpMethod.Post, TargetBase, token, Json(Target("Two", "kafka.endpoint", taken))))
        {
            var body = await AssertErrorAsync(again, HttpStatusCode.Conflict, "WORKFLOW_TARGET_ALREADY_EXISTS");
            Assert.Contains(taken, body.GetProperty("message").GetString());
        }

        var other = (await CreatedAsync(token, Target("Three", "kafka.endpoint", UniqueName("other")))).GetProperty("id").GetString();
        using (var put = await _api.SendAsync(HttpMethod.Put, $"{TargetBase}/{other}", token, Json(Target("Three", "kafka.endpoint", taken))))
        {
            await AssertErrorAsync(put, HttpStatusCode.Conflict, "WORKFLOW_TARGET_ALREADY_EXISTS");
        }

        Assert.Single(await ListedIdsAsync(token, string.Empty, t => t.GetProperty("unique_name").GetString() == taken));
    }

    [Theory]
    [InlineData("""{"properties":{}}""", "name")]
    [InlineData("""{"name":"","properties":{}}""", "name")]
    [InlineData("""{"name":"a<b","properties":{}}""", "name")]
    [InlineData("""{"name":"ok","description":"x>y","properties":{}}""", "description")]
    [InlineData("""{"name":"ok","description":"","properties":{}}""", "description")]
    [InlineData("""{"name":"ok"}""", "properties")]
    [InlineData("""{"name":"ok","properties":null}""", "properties")]
    [InlineData("""{"name":"ok","properties":[1]}""", "properties")]
    [InlineData("""{"name":42,"properties":{}}""", "name")]
    [InlineData("""{"name":"ok","type":7,"properties":{}}""", "type")]
    [InlineData("""{"name":"ok","unique_name":"has space","properties":{}}""", "unique_name")]
    public async Task A_body_breaking_a_pattern_a_type_or_a_required_field_is_400_on_create_and_put_and_changes_nothing(string body, string field)
    {
        var token = await _api.AccessTokenAsync();
        var before = await ListedIdsAsync(token, string.Empty);
        using (var create = await _api.SendAsync(HttpMethod.Post, TargetBase, token, body))
        {
            var error = await AssertErrorAsync(create, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith(field + ":", error.GetProperty("message").GetString());
        }

        var existing = await CreatedAsync(token, Target("Kept", "kafka.endpoint", UniqueName("kept")));
        var id = existing.GetProperty("id").GetString();
        using (var put = await _api.SendAsync(HttpMethod.Put, $"{TargetBase}/{id}", token, body))
        {
            await AssertErrorAsync(put, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var get = await _api.GetAsync($"{TargetBase}/{id}", token);
        Assert.Equal(existing.ToString(), (await JsonAsync(get)).ToString());
        Assert.Equal([.. before, id], await ListedIdsAsync(token, string.Empty));
    }

    [Fact]
    public async Task A_malformed_ksuid_is_400_and_an_unknown_one_404_on_get_put_and_delete()
    {
        var token = await _api.AccessTokenAsync();
        var body = Json(Target("X", "kafka.endpoint", UniqueName("x")));
        foreach (var (method, json) in new[] { (HttpMethod.Get, (string?)null), (HttpMethod.Put, body), (HttpMethod.Delete, null) })
        {
            using (var malformed = await _api.SendAsync(method, $"{TargetBase}/not-a-ksuid", token, json))
            {
                await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "BAD_REQUEST");
            }

            using var unknown = await _api.SendAsync(method, $"{TargetBase}/{UnknownKsuid}", token, json);
            var error = await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
            Assert.Equal($"Workflow target {UnknownKsuid} not found.", error.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Delete_answers_204_and_the_target_is_gone()
    {
        var token = await _api.AccessTokenAsync();
        var id = (await CreatedAsync(token, Target("Doomed", "kafka.endpoint", UniqueName("doomed")))).GetProperty("id").GetString();
        using (var delete = await _api.SendAsync(HttpMethod.Delete, $"{TargetBase}/{id}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            Assert.Empty(await delete.Content.ReadAsByteArrayAsync());
        }

        using (var get = await _api.GetAsync($"{TargetBase}/{id}", token))
        {
            await AssertErrorAsync(get, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var again = await _api.SendAsync(HttpMethod.Delete, $"{TargetBase}/{id}", token))
        {
            await AssertErrorAsync(again, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        Assert.DoesNotContain(id, await ListedIdsAsync(token, string.Empty));
    }

    [Fact]
    public async Task A_consumer_views_targets_but_may_not_create_update_or_delete_them()
    {
        var superuser = await _api.AccessTokenAsync();
        var consumer = await _api.AccessTokenAsync(Consumer);
        var existing = await CreatedAsync(superuser, Target("Seen", "kafka.endpoint", UniqueName("seen")));
        var id = existing.GetProperty("id").GetString();
        using (var get = await _api.GetAsync($"{TargetBase}/{id}", consumer))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        }

        Assert.Contains(id, await ListedIdsAsync(consumer, string.Empty));
        var body = Json(Target("Nope", "kafka.endpoint", UniqueName("nope")));
        using (var create = await _api.SendAsync(HttpMethod.Post, TargetBase, consumer, body))
        {
            var error = await AssertErrorAsync(create, HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.Contains("MANAGE_WORKFLOW", error.GetProperty("message").GetString());
        }

        using (var put = await _api.SendAsync(HttpMethod.Put, $"{TargetBase}/{id}", consumer, body))
        {
            await AssertErrorAsync(put, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var delete = await _api.SendAsync(HttpMethod.Delete, $"{TargetBase}/{id}", consumer))
        {
            await AssertErrorAsync(delete, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        // The permission comes before the path id: a malformed one is still 403.
        using (var malformed = await _api.SendAsync(HttpMethod.Delete, $"{TargetBase}/not-a-ksuid", consumer))
        {
            await AssertErrorAsync(malformed, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using var after = await _api.GetAsync($"{TargetBase}/{id}", superuser);
        Assert.Equal(existing.ToString(), (await JsonAsync(after)).ToString());
        Assert.Empty(await ListedIdsAsync(superuser, string.Empty, t => t.GetProperty("name").GetString() == "Nope"));
    }

    [Fact]
    public async Task Targets_need_a_token_and_answer_405_to_other_methods()
    {
        using (var anonymous = await _api.GetAsync($"{TargetBase}/list", null))
        {
            await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }

        using var patch = await _api.SendAsync(HttpMethod.Patch, $"{TargetBase}/{UnknownKsuid}", await _api.AccessTokenAsync(), "{}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, patch.StatusCode);
    }

    [Fact]
    public async Task Start_accepts_an_existing_target_id_and_refuses_an_unknown_one_naming_it()
    {
        var token = await _api.AccessTokenAsync(TenantAdmin);
        var target = (await CreatedAsync(token, Target("Router", "router.endpoint", UniqueName("router")))).GetProperty("id").GetString()!;
        await _api.StartedAsync(token, BackupDeviceId, new { target_id = target });
        await _api.StartedAsync(token, BackupDeviceId, new { target_id = (string?)null });
        await _api.StartedAsync(token, BackupDeviceId, new { target_id = string.Empty });

        using var instances = await _api.GetAsync($"{Base}/{BackupDeviceId}/instances/list?page=0&pageSize=100", token);
        var before = (await JsonAsync(instances)).GetArrayLength();
        using (var unknown = await _api.SendAsync(HttpMethod.Post, $"{Base}/{BackupDeviceId}/start", token, Json(new { target_id = UnknownKsuid })))
        {
            var error = await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.Equal($"target_id: workflow target {UnknownKsuid} does not exist", error.GetProperty("message").GetString());
        }

        using (var notString = await _api.SendAsync(HttpMethod.Post, $"{Base}/{BackupDeviceId}/start", token, """{"target_id":5}"""))
        {
            await AssertErrorAsync(notString, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var after = await _api.GetAsync($"{Base}/{BackupDeviceId}/instances/list?page=0&pageSize=100", token);
        Assert.Equal(before, (await JsonAsync(after)).GetArrayLength());
    }

    [Fact]
    public async Task A_workflow_that_specifies_its_target_on_start_needs_a_target_id_of_its_target_type()
    {
        var token = await _api.AccessTokenAsync();
        var type = UniqueName("needed");
        var workflow = (await _api.ImportedAsync(token, Definition(UniqueName("targeted"), properties: new
        {
            atomic = new { is_atomic = false },
            target = new { target_type = type, specify_on_workflow_start = true },
        }), "?global=true")).GetProperty("id").GetString()!;
        var right = (await CreatedAsync(token, Target("Right", type, UniqueName("right")))).GetProperty("id").GetString();
        var wrong = (await CreatedAsync(token, Target("Wrong", type + "-x", UniqueName("wrong")))).GetProperty("id").GetString();
        object Body(string? targetId) => new { target_id = targetId, input_variables = new[] { new { properties = new { name = "site", value = "s1" } } } };

        using (var none = await _api.SendAsync(HttpMethod.Post, $"{Base}/{workflow}/start", token, Json(Body(null))))
        {
            var error = await AssertErrorAsync(none, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.Equal($"target_id: workflow {workflow} needs a target of type {type} at start", error.GetProperty("message").GetString());
        }

        using (var mismatch = await _api.SendAsync(HttpMethod.Post, $"{Base}/{workflow}/start", token, Json(Body(wrong))))
        {
            var error = await AssertErrorAsync(mismatch, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.Contains(wrong!, error.GetProperty("message").GetString());
        }

        await _api.StartedAsync(token, workflow, Body(right));
    }

    [Fact]
    public async Task Property_values_never_appear_in_the_emulators_output_or_request_log()
    {
        var token = await _api.AccessTokenAsync();
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var apiKey = "key-" + Guid.NewGuid().ToString("N");
        var newPassword = "pw2-" + Guid.NewGuid().ToString("N");
        var created = await CreatedAsync(token, Target("Secretive", "kafka.endpoint", UniqueName("secret"), new { password, api_key = apiKey }));
        var id = created.GetProperty("id").GetString();

        // A real MSX returns the properties as stored, secrets included.
        Assert.Equal(password, created.GetProperty("properties").GetProperty("password").GetString());
        using (var put = await _api.SendAsync(HttpMethod.Put, $"{TargetBase}/{id}", token, Json(Target("Secretive", "kafka.endpoint", null,
            new { password = newPassword, api_key = apiKey }))))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using (var bad = await _api.SendAsync(HttpMethod.Post, TargetBase, token, Json(new { name = "<bad>", properties = new { password } })))
        {
            await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using (var get = await _api.GetAsync($"{TargetBase}/{id}", token))
        {
            Assert.Equal(newPassword, (await JsonAsync(get)).GetProperty("properties").GetProperty("password").GetString());
        }

        // --verbose prints every request as it is logged; the output pipe may lag, so wait for the GET's line.
        using var requests = await _api.GetAsync("_emulator/requests", null);
        var log = await requests.Content.ReadAsStringAsync();
        Assert.Contains($"/{TargetBase}/{id}", log);
        var output = fixture.Emulator.WaitForOutput($"GET /{TargetBase}/{id}");
        Assert.Contains($"GET /{TargetBase}/{id}", output);
        foreach (var secret in new[] { password, apiKey, newPassword })
        {
            Assert.DoesNotContain(secret, output);
            Assert.DoesNotContain(secret, log);
        }
    }

    /// <summary>A target body; without a unique name the key is left out (the spec's unique_name is a string, never null).</summary>
    private static Dictionary<string, object?> Target(string name, string type, string? uniqueName, object? properties = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["description"] = "A most excellent description.",
            ["title"] = "Target One",
            ["type"] = type,
            ["properties"] = properties ?? new { host = "example.com" },
        };
        if (uniqueName is not null)
        {
            body["unique_name"] = uniqueName;
        }

        return body;
    }

    private async Task<JsonElement> CreatedAsync(string token, object body)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, TargetBase, token, Json(body));
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {json}");
        return json;
    }

    private async Task<List<string?>> ListedIdsAsync(string token, string query, Func<JsonElement, bool>? where = null)
    {
        using var response = await _api.GetAsync($"{TargetBase}/list{query}", token);
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return [.. json.EnumerateArray().Where(where ?? (_ => true)).Select(t => t.GetProperty("id").GetString())];
    }
}

/// <summary>Reset, on an emulator of its own so that it cannot wipe the state of other tests.</summary>
public sealed class WorkflowTargetResetTests(ManualClockFixture fixture) : IClassFixture<ManualClockFixture>
{
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task Reset_removes_the_created_targets()
    {
        var token = await _api.AccessTokenAsync();
        using (var create = await _api.SendAsync(HttpMethod.Post, WorkflowTargetTests.TargetBase, token,
            Json(new { name = "Gone soon", properties = new { host = "h" } })))
        {
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        }

        using (var before = await _api.GetAsync($"{WorkflowTargetTests.TargetBase}/list", token))
        {
            Assert.Equal(1, (await JsonAsync(before)).GetArrayLength());
        }

        using (var reset = await _api.SendAsync(HttpMethod.Post, "_emulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        using var list = await _api.GetAsync($"{WorkflowTargetTests.TargetBase}/list", token);
        Assert.Equal(0, (await JsonAsync(list)).GetArrayLength());
    }
}

/// <summary>What --exchange-log, the one place bodies are written, keeps of a target's properties.</summary>
public sealed class WorkflowTargetExchangeLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("msx-target-exchange-").FullName;
    private readonly string _file;
    private readonly EmulatorProcess _emulator;
    private readonly MsxApi _api;

    public WorkflowTargetExchangeLogTests()
    {
        _file = Path.Combine(_directory, "exchanges.jsonl");
        _emulator = EmulatorProcess.Start("--control", "--exchange-log", _file);
        _api = new MsxApi(_emulator);
    }

    public void Dispose()
    {
        _api.Dispose();
        _emulator.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_password_property_is_redacted_in_both_bodies_and_other_properties_are_recorded_as_sent()
    {
        var token = await _api.AccessTokenAsync();
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var host = "host-" + Guid.NewGuid().ToString("N");
        using (var create = await _api.SendAsync(HttpMethod.Post, WorkflowTargetTests.TargetBase, token,
            Json(new { name = "Logged", properties = new { password, host } })))
        {
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
            Assert.Contains(password, await create.Content.ReadAsStringAsync());
        }

        static bool IsCreate(JsonElement l) => l.GetProperty("path").GetString() == "/" + WorkflowTargetTests.TargetBase;
        var lines = await ExchangeLogFile.WaitForLinesAsync(_file, all => all.Any(IsCreate));
        JsonElement? line = lines.Where(IsCreate).Cast<JsonElement?>().FirstOrDefault();
        Assert.NotNull(line);
        var text = File.ReadAllText(_file);
        Assert.DoesNotContain(password, text);
        foreach (var body in new[] { "requestBody", "responseBody" })
        {
            using var recorded = JsonDocument.Parse(line!.Value.GetProperty(body).GetString()!);
            var properties = recorded.RootElement.GetProperty("properties");
            Assert.Equal("REDACTED", properties.GetProperty("password").GetString());
            Assert.Equal(host, properties.GetProperty("host").GetString());
        }
    }
}
