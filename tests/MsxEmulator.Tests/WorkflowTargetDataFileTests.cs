using System.Net;
using MsxEmulator.Tests.Support;
using MsxPowerShell.Testing;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>Workflow targets loaded from the <c>workflowTargets</c> key of a --data file.</summary>
public sealed class WorkflowTargetDataFileTests : IDisposable
{
    private const string Tenant = "cccccccc-0000-4000-8000-00000000000a";
    private const string GivenId = "0ujtsYcgvSTl8PAuAdqWYSMnLOv";
    private const string TargetBase = WorkflowTargetTests.TargetBase;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"msx-emulator-targets-{Guid.NewGuid():N}.json");
    private readonly EmulatorProcess _emulator;
    private readonly MsxApi _api;

    public WorkflowTargetDataFileTests()
    {
        File.WriteAllText(_file, $$"""
            {
              "clients": [ { "clientId": "c", "clientSecret": "s", "grantTypes": ["password"], "scopes": ["read"] } ],
              "users": [ { "username": "root", "password": "pw", "roles": ["SUPERUSER"], "tenantIds": ["{{Tenant}}"] } ],
              "tenants": [ { "id": "{{Tenant}}", "name": "A" } ],
              "workflowTargets": [
                { "id": "{{GivenId}}", "unique_name": "kafka", "name": "MSX Kafka", "type": "kafka.endpoint", "internal": true,
                  "properties": { "host": "kafka.vms.svc.cluster.local", "port": 9092 } },
                { "unique_name": "router", "name": "Router", "title": "Edge router", "properties": { } }
              ]
            }
            """);
        _emulator = EmulatorProcess.Start("--data", _file, "--control");
        _api = new MsxApi(_emulator);
    }

    public void Dispose()
    {
        _api.Dispose();
        _emulator.Dispose();
        File.Delete(_file);
    }

    [Fact]
    public async Task Data_file_targets_are_listed_with_their_fields_and_come_back_on_reset()
    {
        using var login = await _api.PasswordAsync("root", "pw", "c", "s");
        var token = (await JsonAsync(login)).GetProperty("access_token").GetString()!;
        using (var delete = await _api.SendAsync(HttpMethod.Delete, $"{TargetBase}/{GivenId}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var reset = await _api.SendAsync(HttpMethod.Post, "_emulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        using var list = await _api.GetAsync($"{TargetBase}/list", token);
        var targets = (await JsonAsync(list)).EnumerateArray().ToList();
        Assert.Equal(["kafka", "router"], targets.Select(t => t.GetProperty("unique_name").GetString()));
        var kafka = targets[0];
        Assert.Equal(GivenId, kafka.GetProperty("id").GetString());
        Assert.Equal("kafka.endpoint", kafka.GetProperty("type").GetString());
        Assert.Equal(9092, kafka.GetProperty("properties").GetProperty("port").GetInt32());
        Assert.True(kafka.GetProperty("def_access_meta").GetProperty("is_internal").GetBoolean());
        Assert.Equal("system", kafka.GetProperty("owner").GetString());
        Assert.Equal("system", kafka.GetProperty("created_by").GetString());
        var router = targets[1];
        Assert.True(WorkflowApi.IsKsuid(router.GetProperty("id").GetString()));
        Assert.Equal("generic.target", router.GetProperty("type").GetString());
        Assert.Equal("Edge router", router.GetProperty("title").GetString());
        Assert.False(router.GetProperty("def_access_meta").GetProperty("is_internal").GetBoolean());

        using var internalOnly = await _api.GetAsync($"{TargetBase}/list?internal=true", token);
        Assert.Equal([GivenId], (await JsonAsync(internalOnly)).EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }
}

public sealed class WorkflowTargetBadDataFileTests
{
    [Theory]
    [InlineData("{ \"workflowTargets\": [ { \"name\": \"n\", \"properties\": {} } ] }", "workflowTargets[0]: unique_name is required")]
    [InlineData("{ \"workflowTargets\": [ { \"unique_name\": \"u\", \"properties\": {} } ] }", "workflowTargets[0] ('u'): name: required.")]
    [InlineData("{ \"workflowTargets\": [ { \"unique_name\": \"u\", \"name\": \"a<b\", \"properties\": {} } ] }", "name: must match ^[^<>]+$")]
    [InlineData("{ \"workflowTargets\": [ { \"unique_name\": \"u\", \"name\": \"n\" } ] }", "properties: required, an object")]
    [InlineData("{ \"workflowTargets\": [ { \"unique_name\": \"u\", \"name\": \"n\", \"properties\": {}, \"id\": \"short\" } ] }", "id: must be a KSUID")]
    [InlineData("{ \"workflowTargets\": [ { \"unique_name\": \"u\", \"name\": \"n\", \"properties\": {} }, { \"unique_name\": \"u\", \"name\": \"m\", \"properties\": {} } ] }", "workflowTargets[1]: unique_name 'u' is used twice.")]
    [InlineData("{ \"workflowTargets\": [\n  { \"unique_name\": \"u\", \"name\": \"n\", \"properties\": {},\n    \"colour\": \"red\" } ] }", ":3:5: unknown property 'colour' in workflowTargets[0]")]
    [InlineData("{ \"workflowTargets\": [ { \"unique_name\": \"u\", \"name\": \"n\", \"properties\": {}, \"internal\": \"yes\" } ] }", ":1:77: workflowTargets[0].internal: expected true, false or null.")]
    public async Task Bad_workflow_targets_exit_2_naming_the_entry(string content, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"msx-emulator-bad-targets-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, content);
        try
        {
            var (code, output) = await StartupTests.RunAsync("--urls", "http://127.0.0.1:0", "--data", file);
            Assert.Equal(2, code);
            Assert.Contains("MsxEmulator: bad data: ", output, StringComparison.Ordinal);
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
