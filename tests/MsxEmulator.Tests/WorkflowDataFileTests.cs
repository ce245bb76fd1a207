using System.Net;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.MsxApi;
using static MsxEmulator.Tests.Support.WorkflowApi;

namespace MsxEmulator.Tests;

/// <summary>Workflows loaded from the <c>workflows</c> key of a --data file (which replaces the built-in ones).</summary>
public sealed class WorkflowDataFileTests(WorkflowDataFileTests.Fixture fixture) : IClassFixture<WorkflowDataFileTests.Fixture>, IAsyncLifetime
{
    private const string TenantA = "bbbbbbbb-0000-4000-8000-00000000000a";
    private const string TenantB = "bbbbbbbb-0000-4000-8000-00000000000b";
    private const string GivenId = "0ujtsYcgvSTl8PAuAdqWYSMnLOv";

    private const string Content = $$"""
        {
          "clients": [ { "clientId": "c", "clientSecret": "s", "grantTypes": ["password"], "scopes": ["read"] } ],
          "users": [
            { "username": "root", "password": "pw", "roles": ["SUPERUSER"], "tenantIds": ["{{TenantA}}"] },
            { "username": "b-admin", "password": "pw", "roles": ["TENANT_ADMIN"], "tenantIds": ["{{TenantB}}"] }
          ],
          "tenants": [ { "id": "{{TenantA}}", "name": "A" }, { "id": "{{TenantB}}", "name": "B" } ],
          "workflows": [
            {
              // global (no tenantIds), id derived from the unique_name
              "workflow": {
                "unique_name": "greet",
                "name": "Greet",
                "properties": { "emulator": { "start_delay_ms": 0 } },
                "variables": [
                  { "properties": { "name": "who", "scope": "input", "type": "datatype.string", "value": "world", "is_required": true } },
                  { "properties": { "name": "greeting", "scope": "output", "type": "datatype.string", "value": "hello {who}" } }
                ],
                "actions": [ { "name": "Say it", "properties": { "emulator": { "duration_ms": 3000 } } } ]
              }
            },
            {
              "id": "{{GivenId}}",
              "tenantIds": ["{{TenantA}}"],
              "workflow": { "unique_name": "only-a", "name": "Only A" },
              "targets": { "t1": { "unique_name": "t1", "name": "Target" } }
            }
          ]
        }
        """;

    private readonly MsxApi _api = fixture.Api;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> TokenAsync(string username)
    {
        using var response = await _api.PasswordAsync(username, "pw", "c", "s");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task Data_file_workflows_replace_the_built_in_ones_and_keep_their_scope()
    {
        var root = await TokenAsync("root");
        using (var list = await _api.GetAsync($"{Base}/list", root))
        {
            Assert.Equal(["greet", "only-a"], (await JsonAsync(list)).EnumerateArray().Select(w => w.GetProperty("unique_name").GetString()));
        }

        using (var given = await _api.GetAsync($"{Base}/{GivenId}", root))
        {
            Assert.Equal("Only A", (await JsonAsync(given)).GetProperty("name").GetString());
        }

        using (var export = await _api.GetAsync($"{Base}/{GivenId}/export", root))
        {
            Assert.Equal("Target", (await JsonAsync(export)).GetProperty("targets").GetProperty("t1").GetProperty("name").GetString());
        }

        var admin = await TokenAsync("b-admin");
        using (var adminList = await _api.GetAsync($"{Base}/list", admin))
        {
            Assert.Equal(["greet"], (await JsonAsync(adminList)).EnumerateArray().Select(w => w.GetProperty("unique_name").GetString()));
        }

        using var hidden = await _api.GetAsync($"{Base}/{GivenId}", admin);
        await AssertErrorAsync(hidden, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_data_file_workflow_runs_on_its_hints_with_its_defaults()
    {
        var token = await TokenAsync("b-admin");
        using var list = await _api.GetAsync($"{Base}/list", token);
        var greet = (await JsonAsync(list)).EnumerateArray().Single().GetProperty("id").GetString()!;
        Assert.True(IsKsuid(greet));

        var id = await _api.StartedAsync(token, greet);
        Assert.Equal("running", await _api.StateAsync(token, id));
        await _api.AdvanceClockAsync(2999);
        Assert.Equal("running", await _api.StateAsync(token, id));
        await _api.AdvanceClockAsync(1);
        var done = await _api.InstanceAsync(token, id);
        Assert.Equal("success", State(done));
        Assert.Equal("hello world", Variable(done, "greeting"));
    }

    /// <summary>The class's one emulator, with the data file above.</summary>
    public sealed class Fixture() : DataFileFixture(Content, "--manual-clock");
}
