using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.MsxApi;
using static MsxEmulator.Tests.Support.WorkflowApi;

namespace MsxEmulator.Tests;

/// <summary>
/// The workflow API against one emulator on a manual clock: instances move only when a test advances
/// the clock, so every state transition is checked at its exact moment, without waiting.
/// </summary>
public sealed class WorkflowTests(ManualClockFixture fixture) : IClassFixture<ManualClockFixture>
{
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task List_is_a_bare_array_of_the_built_in_workflows_in_the_spec_shape()
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.GetAsync($"{Base}/list", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await JsonAsync(response)).EnumerateArray().ToList();
        var backup = list.Single(w => w.GetProperty("unique_name").GetString() == "backup-device");
        var failing = list.Single(w => w.GetProperty("unique_name").GetString() == "failing-check");
        Assert.Equal(BackupDeviceId, backup.GetProperty("id").GetString());
        Assert.Equal(FailingCheckId, failing.GetProperty("id").GetString());
        Assert.Equal(
            ["id", "name", "type", "properties", "valid", "owner", "categories", "metadata", "status", "schema_id", "unique_name",
                "base_type", "workflow_valid", "created_on", "created_by", "updated_on", "updated_by"],
            PropertyNames(backup));
        Assert.Equal("Backup device", backup.GetProperty("name").GetString());
        Assert.Equal("import_completed", State(backup));
        Assert.Equal("workflow", backup.GetProperty("base_type").GetString());
        Assert.False(backup.GetProperty("properties").GetProperty("atomic").GetProperty("is_atomic").GetBoolean());
        Assert.Equal(JsonValueKind.Null, backup.GetProperty("metadata").GetProperty("git_info").GetProperty("committed_by").ValueKind);

        using var atomic = await _api.GetAsync($"{Base}/list?atomic=true", token);
        Assert.DoesNotContain((await JsonAsync(atomic)).EnumerateArray(), w => w.GetProperty("id").GetString() == BackupDeviceId);
    }

    [Fact]
    public async Task Get_shows_variables_with_their_scope_actions_and_the_callers_permissions()
    {
        using var response = await _api.GetAsync($"{Base}/{BackupDeviceId}", await _api.AccessTokenAsync());
        var workflow = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Backup device", workflow.GetProperty("title").GetString());
        Assert.Equal(["manage", "run"], workflow.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        var variables = workflow.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("properties")).ToList();
        Assert.Equal(["device", "destination", "result", "location"], variables.Select(v => v.GetProperty("name").GetString()));
        Assert.Equal(["input", "input", "output", "output"], variables.Select(v => v.GetProperty("scope").GetString()));
        Assert.True(variables[0].GetProperty("is_required").GetBoolean());
        Assert.Equal("router-1", variables[0].GetProperty("value").GetString());
        var actions = workflow.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["Connect to device", "Copy running config"], actions.Select(a => a.GetProperty("name").GetString()));
        Assert.All(actions, a => Assert.Equal("created", State(a)));
        Assert.All(actions, a => Assert.True(IsKsuid(a.GetProperty("id").GetString())));

        using var asConsumer = await _api.GetAsync($"{Base}/{BackupDeviceId}", await _api.AccessTokenAsync(Consumer));
        Assert.Equal(0, (await JsonAsync(asConsumer)).GetProperty("permissions").GetArrayLength());
    }

    [Fact]
    public async Task Startconfig_lists_the_input_variables_with_their_defaults()
    {
        using var response = await _api.GetAsync($"{Base}/{BackupDeviceId}/startconfig", await _api.AccessTokenAsync());
        var config = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["input_variables", "type_of_target_needed", "target_id"], PropertyNames(config));
        var inputs = config.GetProperty("input_variables").EnumerateArray().ToList();
        Assert.Equal(["device", "destination"], inputs.Select(v => v.GetProperty("properties").GetProperty("name").GetString()));
        Assert.Equal(["router-1", "tftp://backup.example.com"], inputs.Select(v => v.GetProperty("properties").GetProperty("value").GetString()));
        Assert.All(inputs, v => Assert.Equal("input", v.GetProperty("properties").GetProperty("scope").GetString()));
        Assert.All(inputs, v => Assert.False(string.IsNullOrEmpty(v.GetProperty("unique_name").GetString())));
        Assert.Equal(JsonValueKind.Null, config.GetProperty("type_of_target_needed").ValueKind);
    }

    [Fact]
    public async Task Backup_device_goes_created_running_success_on_the_clock_with_outputs_from_its_defaults()
    {
        var token = await _api.AccessTokenAsync();
        var start = await _api.ClockNowAsync();
        using (var response = await _api.SendAsync(HttpMethod.Post, $"{Base}/{BackupDeviceId}/start", token, "{}"))
        {
            var started = Assert.Single((await JsonAsync(response)).EnumerateArray());
            Assert.Equal(
                ["id", "type", "status", "version", "definition_id", "schema_id", "base_type", "created_by", "created_on"],
                PropertyNames(started));
            Assert.Equal(BackupDeviceId, started.GetProperty("definition_id").GetString());
            Assert.Equal("superuser", started.GetProperty("created_by").GetString());
            Assert.Equal(Seconds(start), started.GetProperty("created_on").GetString());
        }

        var id = await _api.StartedAsync(token, BackupDeviceId);
        Assert.True(IsKsuid(id));
        var created = await _api.InstanceAsync(token, id);
        Assert.Equal("created", State(created));
        Assert.False(created.TryGetProperty("started_on", out _));
        Assert.Equal("", Variable(created, "result"));

        await _api.AdvanceClockAsync(499);
        Assert.Equal("created", await _api.StateAsync(token, id));
        await _api.AdvanceClockAsync(1);
        var running = await _api.InstanceAsync(token, id);
        Assert.Equal("running", State(running));
        Assert.Equal(Seconds(start.AddMilliseconds(500)), running.GetProperty("started_on").GetString());
        Assert.Equal(["running", "created"], running.GetProperty("actions").EnumerateArray().Select(State));

        await _api.AdvanceClockAsync(1999);
        var late = await _api.InstanceAsync(token, id);
        Assert.Equal("running", State(late));
        Assert.Equal(["success", "running"], late.GetProperty("actions").EnumerateArray().Select(State));
        Assert.Equal("", Variable(late, "result"));

        await _api.AdvanceClockAsync(1);
        var done = await _api.InstanceAsync(token, id);
        Assert.Equal("success", State(done));
        Assert.Equal(Seconds(start.AddMilliseconds(2500)), done.GetProperty("ended_on").GetString());
        Assert.Equal(["success", "success"], done.GetProperty("actions").EnumerateArray().Select(State));
        Assert.Equal("backup of router-1 done", Variable(done, "result"));
        Assert.Equal("tftp://backup.example.com/router-1.cfg", Variable(done, "location"));
        Assert.Equal("router-1", Variable(done, "device"));
        var outputs = done.GetProperty("variables").EnumerateArray()
            .Where(v => v.GetProperty("properties").GetProperty("scope").GetString() == "output").ToList();
        Assert.Equal(2, outputs.Count);
        Assert.All(done.GetProperty("actions").EnumerateArray(), a => Assert.Equal(id, a.GetProperty("workflow_id").GetString()));
        Assert.Equal(BackupDeviceId, done.GetProperty("definition_id").GetString());
        Assert.Equal("superuser", done.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Start_with_inputs_from_the_startconfig_as_Ciscos_example_sends_them()
    {
        var token = await _api.AccessTokenAsync();
        using var configResponse = await _api.GetAsync($"{Base}/{BackupDeviceId}/startconfig", token);
        var config = await JsonAsync(configResponse);
        var values = new Dictionary<string, string> { ["device"] = "edge-7", ["destination"] = "scp://vault" };
        var inputs = config.GetProperty("input_variables").EnumerateArray().Select(v =>
        {
            var entry = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(v.GetRawText())!;
            var properties = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(v.GetProperty("properties").GetRawText())!;
            properties["value"] = JsonSerializer.SerializeToElement(values[properties["name"].GetString()!]);
            entry["properties"] = JsonSerializer.SerializeToElement(properties);
            return entry;
        }).ToList();

        var id = await _api.StartedAsync(token, BackupDeviceId, new { input_variables = inputs });
        await _api.AdvanceClockAsync(2500);
        var done = await _api.InstanceAsync(token, id);
        Assert.Equal("success", State(done));
        Assert.Equal("backup of edge-7 done", Variable(done, "result"));
        Assert.Equal("scp://vault/edge-7.cfg", Variable(done, "location"));
    }

    [Fact]
    public async Task An_input_may_be_named_by_properties_name_alone_and_the_others_keep_their_defaults()
    {
        var token = await _api.AccessTokenAsync();
        var id = await _api.StartedAsync(token, BackupDeviceId,
            new { input_variables = new[] { new { properties = new { name = "device", value = "core-2" } } } });
        await _api.AdvanceClockAsync(2500);
        var done = await _api.InstanceAsync(token, id);
        Assert.Equal("backup of core-2 done", Variable(done, "result"));
        Assert.Equal("tftp://backup.example.com/core-2.cfg", Variable(done, "location"));
    }

    [Fact]
    public async Task Failing_check_fails_at_its_named_action_with_the_message()
    {
        var token = await _api.AccessTokenAsync();
        var start = await _api.ClockNowAsync();
        var id = await _api.StartedAsync(token, FailingCheckId);
        await _api.AdvanceClockAsync(1999);
        var running = await _api.InstanceAsync(token, id);
        Assert.Equal("running", State(running));
        Assert.Equal(["success", "running"], running.GetProperty("actions").EnumerateArray().Select(State));

        await _api.AdvanceClockAsync(1);
        var failed = await _api.InstanceAsync(token, id);
        Assert.Equal("failed", State(failed));
        Assert.Equal(Seconds(start.AddMilliseconds(2000)), failed.GetProperty("ended_on").GetString());
        var actions = failed.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal("success", State(actions[0]));
        Assert.Equal("Check compliance", actions[1].GetProperty("name").GetString());
        Assert.Equal("failed", State(actions[1]));
        Assert.Equal("device router-1 is not compliant", actions[1].GetProperty("status").GetProperty("message").GetString());
        Assert.Equal("", Variable(failed, "result"));

        await _api.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("failed", await _api.StateAsync(token, id));
    }

    [Fact]
    public async Task Cancel_stops_a_running_instance_and_a_finished_one_is_409()
    {
        var token = await _api.AccessTokenAsync();
        var id = await _api.StartedAsync(token, BackupDeviceId);
        await _api.AdvanceClockAsync(1700);
        using (var cancel = await _api.SendAsync(HttpMethod.Post, $"{Base}/instances/{id}/cancel", token))
        {
            var body = await JsonAsync(cancel);
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            Assert.Equal("cancelled", State(body));
            Assert.Equal(["success", "cancelled"], body.GetProperty("actions").EnumerateArray().Select(State));
            Assert.True(body.TryGetProperty("ended_on", out _));
        }

        await _api.AdvanceClockAsync(TimeSpan.FromSeconds(10));
        var later = await _api.InstanceAsync(token, id);
        Assert.Equal("cancelled", State(later));
        Assert.Equal("", Variable(later, "result"));

        using (var again = await _api.SendAsync(HttpMethod.Post, $"{Base}/instances/{id}/cancel", token))
        {
            await AssertErrorAsync(again, HttpStatusCode.Conflict, "WORKFLOW_INSTANCE_FINISHED");
        }

        var finished = await _api.StartedAsync(token, BackupDeviceId);
        await _api.AdvanceClockAsync(2500);
        using var tooLate = await _api.SendAsync(HttpMethod.Post, $"{Base}/instances/{finished}/cancel", token);
        await AssertErrorAsync(tooLate, HttpStatusCode.Conflict, "WORKFLOW_INSTANCE_FINISHED");
        Assert.Equal("success", await _api.StateAsync(token, finished));
    }

    [Fact]
    public async Task Cancel_before_the_instance_runs_leaves_every_action_created()
    {
        var token = await _api.AccessTokenAsync();
        var id = await _api.StartedAsync(token, FailingCheckId);
        using var cancel = await _api.SendAsync(HttpMethod.Post, $"{Base}/instances/{id}/cancel", token);
        var body = await JsonAsync(cancel);
        Assert.Equal("cancelled", State(body));
        Assert.False(body.TryGetProperty("started_on", out _));
        Assert.Equal(["created", "created"], body.GetProperty("actions").EnumerateArray().Select(State));
        await _api.AdvanceClockAsync(5000);
        Assert.Equal("cancelled", await _api.StateAsync(token, id));
    }

    [Fact]
    public async Task Instances_list_pages_newest_first_and_pageSize_is_at_most_100()
    {
        var token = await _api.AccessTokenAsync();
        var workflow = (await _api.ImportedAsync(token, Definition(UniqueName("paging")))).GetProperty("id").GetString()!;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _api.StartedAsync(token, workflow, Inputs("s" + i)));
            await _api.AdvanceClockAsync(1000);
        }

        using (var first = await _api.GetAsync($"{Base}/{workflow}/instances/list?page=0&pageSize=2", token))
        {
            var page = (await JsonAsync(first)).EnumerateArray().ToList();
            Assert.Equal([ids[2], ids[1]], page.Select(i => i.GetProperty("id").GetString()));
            Assert.All(page, i => Assert.False(i.TryGetProperty("variables", out _)));
            Assert.All(page, i => Assert.Equal(workflow, i.GetProperty("definition_id").GetString()));
        }

        using (var second = await _api.GetAsync($"{Base}/{workflow}/instances/list?page=1&pageSize=2", token))
        {
            Assert.Equal([ids[0]], (await JsonAsync(second)).EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        }

        using (var full = await _api.GetAsync($"{Base}/{workflow}/instances/list?page=0&pageSize=100", token))
        {
            Assert.Equal(3, (await JsonAsync(full)).GetArrayLength());
        }

        var tomorrow = (await _api.ClockNowAsync()).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var future = await _api.GetAsync($"{Base}/{workflow}/instances/list?page=0&pageSize=10&dateFrom={tomorrow}", token))
        {
            Assert.Equal(0, (await JsonAsync(future)).GetArrayLength());
        }

        foreach (var query in new[] { "page=0&pageSize=101", "page=0&pageSize=0", "pageSize=10", "page=0", "page=-1&pageSize=10", "page=0&pageSize=10&dateTo=soon" })
        {
            using var bad = await _api.GetAsync($"{Base}/{workflow}/instances/list?{query}", token);
            await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }
    }

    [Theory]
    [InlineData("{\"input_variables\":[{\"properties\":{\"name\":\"nonesuch\",\"value\":\"x\"}}]}")]
    [InlineData("{\"input_variables\":[{\"properties\":{\"name\":\"copy\",\"value\":\"x\"}}]}")]
    [InlineData("{\"input_variables\":[{\"properties\":{\"name\":\"site\",\"value\":7}}]}")]
    [InlineData("{\"input_variables\":[{\"properties\":{\"value\":\"x\"}}]}")]
    [InlineData("{\"input_variables\":[{\"properties\":{\"name\":\"site\",\"value\":\"a\"}},{\"properties\":{\"name\":\"site\",\"value\":\"b\"}}]}")]
    [InlineData("{\"input_variables\":{\"site\":\"x\"}}")]
    [InlineData("{}")]
    [InlineData("{\"input_variables\":[{\"properties\":{\"name\":\"site\",\"value\":\"\"}}]}")]
    [InlineData("{\"input_variables\":[{\"unique_name\":\"variable_workflow_nonesuch\"}]}")]
    public async Task A_bad_or_missing_input_is_400_with_the_Error_body(string body)
    {
        var token = await _api.AccessTokenAsync();
        var workflow = (await _api.ImportedAsync(token, Definition(UniqueName("inputs")))).GetProperty("id").GetString()!;
        using var response = await _api.SendAsync(HttpMethod.Post, $"{Base}/{workflow}/start", token, body);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        using var list = await _api.GetAsync($"{Base}/{workflow}/instances/list?page=0&pageSize=10", token);
        Assert.Equal(0, (await JsonAsync(list)).GetArrayLength());
    }

    [Fact]
    public async Task Start_needs_a_JSON_body()
    {
        var token = await _api.AccessTokenAsync();
        using (var none = await _api.SendAsync(HttpMethod.Post, $"{Base}/{BackupDeviceId}/start", token))
        {
            await AssertErrorAsync(none, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var text = await _api.SendAsync(HttpMethod.Post, $"{Base}/{BackupDeviceId}/start", token, "device=x", "text/plain");
        await AssertErrorAsync(text, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Import_export_and_delete_a_workflow()
    {
        var token = await _api.AccessTokenAsync();
        var uniqueName = UniqueName("import");
        var before = await _api.ClockNowAsync();
        var mapping = await _api.ImportedAsync(token, Definition(uniqueName));
        Assert.Equal(["id", "tenantIds", "uniqueName", "createdBy", "createdOn", "modifiedBy", "modifiedOn"], PropertyNames(mapping));
        var id = mapping.GetProperty("id").GetString()!;
        Assert.True(IsKsuid(id));
        Assert.Equal(uniqueName, mapping.GetProperty("uniqueName").GetString());
        Assert.Equal([DandelionAndBurdock], mapping.GetProperty("tenantIds").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(before.ToString("yyyy-MM-dd HH:mm:ss'+0000'", System.Globalization.CultureInfo.InvariantCulture),
            mapping.GetProperty("createdOn").GetString());
        Assert.True(Guid.TryParse(mapping.GetProperty("createdBy").GetString(), out _));

        using (var list = await _api.GetAsync($"{Base}/list?tenantId={DandelionAndBurdock}", token))
        {
            Assert.Contains((await JsonAsync(list)).EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        }

        using (var otherTenant = await _api.GetAsync($"{Base}/list?tenantId={Coke}", token))
        {
            Assert.DoesNotContain((await JsonAsync(otherTenant)).EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        }

        JsonElement exported;
        using (var export = await _api.GetAsync($"{Base}/{id}/export", token))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            exported = (await JsonAsync(export)).GetProperty("workflow");
        }

        Assert.Equal(uniqueName, exported.GetProperty("unique_name").GetString());
        Assert.Equal("Test " + uniqueName, exported.GetProperty("name").GetString());
        var variables = exported.GetProperty("variables").EnumerateArray().ToList();
        Assert.All(variables, v => Assert.StartsWith("variable_workflow_", v.GetProperty("unique_name").GetString(), StringComparison.Ordinal));
        Assert.Equal("{site}", variables[1].GetProperty("properties").GetProperty("value").GetString());
        Assert.StartsWith("definition_activity_", exported.GetProperty("actions")[0].GetProperty("unique_name").GetString(), StringComparison.Ordinal);

        using (var duplicate = await _api.SendAsync(HttpMethod.Post, Base, token, Json(Definition(uniqueName))))
        {
            await AssertErrorAsync(duplicate, HttpStatusCode.Conflict, "WORKFLOW_ALREADY_EXISTS");
        }

        using (var delete = await _api.SendAsync(HttpMethod.Delete, $"{Base}/{id}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var gone = await _api.GetAsync($"{Base}/{id}", token))
        {
            await AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var again = await _api.SendAsync(HttpMethod.Delete, $"{Base}/{id}", token))
        {
            await AssertErrorAsync(again, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        // The export, imported again under its own unique name, is the same workflow.
        var reimported = await _api.ImportedAsync(token, new { workflow = exported });
        using var reGet = await _api.GetAsync($"{Base}/{reimported.GetProperty("id").GetString()}", token);
        var workflow = await JsonAsync(reGet);
        Assert.Equal(variables.Select(v => v.GetProperty("unique_name").GetString()),
            workflow.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("unique_name").GetString()));
    }

    [Fact]
    public async Task An_imported_workflow_without_hints_runs_half_a_second_created_and_a_second_per_action()
    {
        var token = await _api.AccessTokenAsync();
        var workflow = (await _api.ImportedAsync(token, Definition(UniqueName("defaults"),
            [new { name = "One" }, new { name = "Two" }]))).GetProperty("id").GetString()!;
        var id = await _api.StartedAsync(token, workflow, Inputs("north"));
        await _api.AdvanceClockAsync(499);
        Assert.Equal("created", await _api.StateAsync(token, id));
        await _api.AdvanceClockAsync(2000);
        Assert.Equal("running", await _api.StateAsync(token, id));
        await _api.AdvanceClockAsync(1);
        var done = await _api.InstanceAsync(token, id);
        Assert.Equal("success", State(done));
        Assert.Equal("north", Variable(done, "copy"));
    }

    [Fact]
    public async Task Import_hints_set_the_start_delay_durations_and_failure()
    {
        var token = await _api.AccessTokenAsync();
        var workflow = (await _api.ImportedAsync(token, Definition(UniqueName("hints"),
            [
                new { name = "Quick", properties = new { emulator = new { duration_ms = 100 } } },
                new { name = "Broken", properties = new { emulator = new { duration_ms = 200, failure = "no route to {site}" } } },
                new { name = "Never", properties = new { } },
            ],
            new { emulator = new { start_delay_ms = 0 } }))).GetProperty("id").GetString()!;
        var id = await _api.StartedAsync(token, workflow, Inputs("east"));
        Assert.Equal("running", await _api.StateAsync(token, id));
        await _api.AdvanceClockAsync(299);
        Assert.Equal("running", await _api.StateAsync(token, id));
        await _api.AdvanceClockAsync(1);
        var failed = await _api.InstanceAsync(token, id);
        Assert.Equal("failed", State(failed));
        Assert.Equal(["success", "failed", "created"], failed.GetProperty("actions").EnumerateArray().Select(State));
        Assert.Equal("no route to east", failed.GetProperty("actions")[1].GetProperty("status").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("{\"name\":\"no workflow key\"}")]
    [InlineData("{\"workflow\":{\"title\":\"no name\"}}")]
    [InlineData("{\"workflow\":{\"name\":\"x\",\"variables\":[{\"properties\":{\"name\":\"v\",\"scope\":\"sideways\"}}]}}")]
    [InlineData("{\"workflow\":{\"name\":\"x\",\"variables\":[{\"properties\":{\"scope\":\"input\"}}]}}")]
    [InlineData("{\"workflow\":{\"name\":\"x\",\"variables\":[{\"properties\":{\"name\":\"v\",\"scope\":\"input\",\"type\":\"datatype.integer\",\"value\":\"ten\"}}]}}")]
    [InlineData("{\"workflow\":{\"name\":\"x\",\"actions\":[{\"name\":\"a\",\"properties\":{\"emulator\":{\"duration_ms\":-5}}}]}}")]
    [InlineData("{\"workflow\":{\"name\":\"x\",\"actions\":[{\"name\":\"a\",\"properties\":{\"emulator\":{\"durationMs\":5}}}]}}")]
    [InlineData("{\"workflow\":{\"name\":\"x\",\"unique_name\":\"has spaces\"}}")]
    [InlineData("{\"workflow\":{\"name\":\"x\",\"actions\":{}}}")]
    public async Task A_bad_definition_is_400(string body)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, Base, await _api.AccessTokenAsync(), body);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Theory]
    [InlineData("?global=true&tenantIds=" + Coke)]
    [InlineData("?tenantIds=not-a-uuid")]
    [InlineData("?tenantIds=00000000-0000-4000-8000-000000000000")]
    [InlineData("?global=maybe")]
    public async Task A_bad_import_scope_is_400(string query)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, Base + query, await _api.AccessTokenAsync(), Json(Definition(UniqueName("scope"))));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task Tenant_workflows_are_visible_and_startable_only_in_their_tenants()
    {
        var admin = await _api.AccessTokenAsync(TenantAdmin);
        var consumer = await _api.AccessTokenAsync(Consumer);
        var superuser = await _api.AccessTokenAsync();
        var mapping = await _api.ImportedAsync(admin, Definition(UniqueName("sprite")), $"?tenantIds={Sprite}");
        var id = mapping.GetProperty("id").GetString()!;
        Assert.Equal([Sprite], mapping.GetProperty("tenantIds").EnumerateArray().Select(t => t.GetString()));

        using (var spriteList = await _api.GetAsync($"{Base}/list?tenantId={Sprite}", admin))
        {
            Assert.Contains((await JsonAsync(spriteList)).EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        }

        // The admin's token is for Coke (its first tenant): the workflow is not in its default list.
        using (var cokeList = await _api.GetAsync($"{Base}/list", admin))
        {
            Assert.DoesNotContain((await JsonAsync(cokeList)).EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        }

        using (var start = await _api.SendAsync(HttpMethod.Post, $"{Base}/{id}/start", admin, Json(Inputs("x"))))
        {
            await AssertErrorAsync(start, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var hidden = await _api.GetAsync($"{Base}/{id}", consumer))
        {
            await AssertErrorAsync(hidden, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var foreignList = await _api.GetAsync($"{Base}/list?tenantId={Sprite}", consumer))
        {
            await AssertErrorAsync(foreignList, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var seen = await _api.GetAsync($"{Base}/{id}", superuser))
        {
            Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        }

        // After switching to Sprite the admin may start it; the instance belongs to Sprite.
        using var switched = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant), ("access_token", admin), ("tenant_id", Sprite));
        var spriteToken = (await JsonAsync(switched)).GetProperty("access_token").GetString()!;
        var instance = await _api.StartedAsync(spriteToken, id, Inputs("sprite-hq"));
        using var consumerView = await _api.GetAsync($"{Base}/instances/{instance}", consumer);
        await AssertErrorAsync(consumerView, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("created", await _api.StateAsync(superuser, instance));
    }

    [Fact]
    public async Task Roles_decide_who_imports_deletes_and_runs()
    {
        var consumer = await _api.AccessTokenAsync(Consumer);
        var admin = await _api.AccessTokenAsync(TenantAdmin);
        using (var import = await _api.SendAsync(HttpMethod.Post, Base, consumer, Json(Definition(UniqueName("consumer")))))
        {
            await AssertErrorAsync(import, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var export = await _api.GetAsync($"{Base}/{BackupDeviceId}/export", consumer))
        {
            await AssertErrorAsync(export, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var global = await _api.SendAsync(HttpMethod.Post, Base + "?global=true", admin, Json(Definition(UniqueName("global")))))
        {
            await AssertErrorAsync(global, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var deleteGlobal = await _api.SendAsync(HttpMethod.Delete, $"{Base}/{BackupDeviceId}", admin))
        {
            await AssertErrorAsync(deleteGlobal, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        // A consumer views the instances of its tenant (Pepsi) but neither starts nor cancels one.
        using (var start = await _api.SendAsync(HttpMethod.Post, $"{Base}/{BackupDeviceId}/start", consumer, "{}"))
        {
            await AssertErrorAsync(start, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using var switched = await _api.TokenAsync(PrivateClient, PrivateSecret, ("grant_type", SwitchTenant),
            ("access_token", await _api.AccessTokenAsync()), ("tenant_id", Pepsi));
        var inPepsi = (await JsonAsync(switched)).GetProperty("access_token").GetString()!;
        var instance = await _api.StartedAsync(inPepsi, BackupDeviceId);
        Assert.Equal("created", await _api.StateAsync(consumer, instance));
        using (var cancel = await _api.SendAsync(HttpMethod.Post, $"{Base}/instances/{instance}/cancel", consumer))
        {
            await AssertErrorAsync(cancel, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var delete = await _api.SendAsync(HttpMethod.Delete, $"{Base}/instances/{instance}", consumer))
        {
            await AssertErrorAsync(delete, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using var adminView = await _api.GetAsync($"{Base}/instances/{instance}", admin);
        await AssertErrorAsync(adminView, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_workflow_with_a_running_instance_cannot_be_deleted_until_it_ends()
    {
        var token = await _api.AccessTokenAsync();
        var workflow = (await _api.ImportedAsync(token, Definition(UniqueName("busy")))).GetProperty("id").GetString()!;
        var instance = await _api.StartedAsync(token, workflow, Inputs("busy"));
        using (var refused = await _api.SendAsync(HttpMethod.Delete, $"{Base}/{workflow}", token))
        {
            await AssertErrorAsync(refused, HttpStatusCode.Conflict, "WORKFLOW_HAS_RUNNING_INSTANCES");
        }

        await _api.AdvanceClockAsync(1500);
        Assert.Equal("success", await _api.StateAsync(token, instance));
        using (var deleted = await _api.SendAsync(HttpMethod.Delete, $"{Base}/{workflow}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await _api.GetAsync($"{Base}/instances/{instance}", token);
        await AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Delete_instance_answers_the_spec_body_once_it_has_ended()
    {
        var token = await _api.AccessTokenAsync();
        var instance = await _api.StartedAsync(token, FailingCheckId);
        using (var running = await _api.SendAsync(HttpMethod.Delete, $"{Base}/instances/{instance}", token))
        {
            await AssertErrorAsync(running, HttpStatusCode.Conflict, "WORKFLOW_INSTANCE_RUNNING");
        }

        await _api.AdvanceClockAsync(2000);
        using (var deleted = await _api.SendAsync(HttpMethod.Delete, $"{Base}/instances/{instance}", token))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            var body = await JsonAsync(deleted);
            Assert.Equal(["deleted_child_workflow_instance_ids"], PropertyNames(body));
            Assert.Equal(JsonValueKind.Null, body.GetProperty("deleted_child_workflow_instance_ids").ValueKind);
        }

        using var gone = await _api.GetAsync($"{Base}/instances/{instance}", token);
        await AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Theory]
    [InlineData("GET", "{0}/not-a-ksuid", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    [InlineData("GET", "{0}/instances/short", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    [InlineData("POST", "{0}/instances/zzzzzzzzzzzzzzzzzzzzzzzzzzz/cancel", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    [InlineData("GET", "{0}/2aKVLRN0Nzy4Xh6m7cL5qAQUWr0", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("GET", "{0}/2aKVLRN0Nzy4Xh6m7cL5qAQUWr0/startconfig", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("GET", "{0}/instances/2aKVLRN0Nzy4Xh6m7cL5qAQUWr0", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("DELETE", "{0}/instances/anything", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("PATCH", "{0}/" + BackupDeviceId, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED")]
    [InlineData("GET", "{0}/" + BackupDeviceId + "/start", HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED")]
    public async Task Bad_ids_unknown_ids_and_wrong_methods(string method, string path, HttpStatusCode status, string code)
    {
        using var response = await _api.SendAsync(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Base),
            await _api.AccessTokenAsync());
        await AssertErrorAsync(response, status, code);
    }

    [Theory]
    [InlineData("GET", "list")]
    [InlineData("GET", BackupDeviceId + "/startconfig")]
    [InlineData("POST", BackupDeviceId + "/start")]
    public async Task Workflow_calls_need_a_bearer_token(string method, string path)
    {
        using var response = await _api.SendAsync(new HttpMethod(method), $"{Base}/{path}", null, method == "POST" ? "{}" : null);
        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    private static object Inputs(string site) => new { input_variables = new[] { new { properties = new { name = "site", value = site } } } };
}

/// <summary>Reset, on an emulator of its own so that it cannot wipe the state of other tests.</summary>
public sealed class WorkflowResetTests(ManualClockFixture fixture) : IClassFixture<ManualClockFixture>
{
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task Reset_removes_imported_workflows_and_all_instances_and_keeps_the_built_in_ones()
    {
        var token = await _api.AccessTokenAsync();
        var imported = (await _api.ImportedAsync(token, Definition(UniqueName("reset")))).GetProperty("id").GetString()!;
        var instance = await _api.StartedAsync(token, BackupDeviceId);

        using (var reset = await _api.SendAsync(HttpMethod.Post, "_emulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        using (var workflow = await _api.GetAsync($"{Base}/{imported}", token))
        {
            await AssertErrorAsync(workflow, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var gone = await _api.GetAsync($"{Base}/instances/{instance}", token))
        {
            await AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var list = await _api.GetAsync($"{Base}/list", token);
        Assert.Equal([BackupDeviceId, FailingCheckId], (await JsonAsync(list)).EnumerateArray().Select(w => w.GetProperty("id").GetString()));
    }
}
