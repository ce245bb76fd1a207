using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using MsxPowerShell.Testing;
using static MsxEmulator.Tests.Support.ManageApi;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>An emulator whose --data file holds sites and devices, and what a reset brings back.</summary>
public sealed class ManageDataFileTests(ManageDataFileTests.Fixture fixture) : IClassFixture<ManageDataFileTests.Fixture>, IAsyncLifetime
{
    private const string Parent = "bbbbbbbb-0000-4000-8000-000000000001";
    private const string Child = "bbbbbbbb-0000-4000-8000-000000000002";
    private const string Other = "bbbbbbbb-0000-4000-8000-000000000003";
    private const string EdgeId = "CPE-11111111-2222-4333-8444-555555555555";
    private const string HeadOffice = "cccccccc-0000-4000-8000-000000000001";

    private const string Content = $$"""
        {
          "clients": [ { "clientId": "c", "clientSecret": "s", "grantTypes": ["password"], "scopes": ["read"] } ],
          "users": [
            { "username": "root", "password": "pw", "roles": ["SUPERUSER"], "tenantIds": ["{{Parent}}"] },
            { "username": "viewer", "password": "pw", "roles": ["CONSUMER"], "tenantIds": ["{{Other}}"] }
          ],
          "tenants": [
            { "id": "{{Parent}}", "name": "Parent" },
            { "id": "{{Child}}", "name": "Child", "parentId": "{{Parent}}" },
            { "id": "{{Other}}", "name": "Other" }
          ],
          // Devices: the API's create body plus id, times, config, health and status.
          "Devices": [
            { "id": "{{EdgeId}}", "tenantId": "{{Parent}}", "name": "edge-1", "model": "CISCO CSR 1000v", "type": "CISCO CSR 1000v",
              "onboardType": "pnp", "serialKey": "97K7C3YDPY1", "managed": true, "serviceType": "manageddevice",
              "serviceInstanceId": "si-1", "tags": { "resourceProvider": "nso" }, "complianceState": "COMPLIANT",
              "vulnerabilityState": "VULNERABLE", "config": "hostname edge-1\nend\n",
              "health": { "status": "down", "description": "unreachable" },
              "status": { "value": "CRITICAL", "severity": "5", "lastUpdatedMessage": "Updated by monitor" },
              "createdOn": "2020-08-04T20:59:34Z", "modifiedOn": "2020-08-04T21:01:46Z" },
            { "TENANTID": "{{Child}}", "name": "edge-2", "model": "ISR", "type": "ISR", "onboardType": "direct", },
          ],
          "sites": [
            { "id": "{{HeadOffice}}", "tenantId": "{{Parent}}", "name": "Head office", "deviceIds": ["{{EdgeId}}"],
              "serviceIds": ["svc-1"], "location": { "latitude": 43.64, "longitude": -79.37 },
              "createdOn": "2020-08-04T20:59:35.084Z", "createdBy": "superuser" },
            { "tenantId": "{{Parent}}", "name": "Branch", "parentId": "{{HeadOffice}}" }
          ]
        }
        """;

    private readonly MsxApi _api = fixture.Api;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> TokenAsync(string username = "root")
    {
        using var login = await _api.PasswordAsync(username, "pw", "c", "s");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return Text(await JsonAsync(login), "access_token");
    }

    [Fact]
    public async Task Data_file_devices_and_sites_are_loaded()
    {
        var token = await TokenAsync();
        var devices = (await _api.OkJsonAsync($"{Devices}?page=0&pageSize=10", token)).GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(["edge-1", "edge-2"], devices.Select(d => Text(d, "name")));
        var edge = devices[0];
        Assert.Equal(DeviceFields, PropertyNames(edge));
        Assert.Equal(EdgeId, Id(edge));
        Assert.Equal("97K7C3YDPY1", Text(edge, "serialKey"));
        Assert.True(edge.GetProperty("managed").GetBoolean());
        Assert.Equal("COMPLIANT", Text(edge, "complianceState"));
        Assert.Equal("VULNERABLE", Text(edge, "vulnerabilityState"));
        Assert.Equal("CRITICAL", Text(edge.GetProperty("status"), "value"));
        Assert.Equal("Updated by monitor", Text(edge.GetProperty("status"), "lastUpdatedMessage"));
        Assert.Equal("DOWN", Text(edge.GetProperty("statusDetails").GetProperty("healthStatus"), "value"));
        Assert.Equal("2020-08-04T20:59:34Z", Text(edge, "createdOn"));
        Assert.Equal("2020-08-04T21:01:46Z", Text(edge, "modifiedOn"));

        var second = devices[1];
        Assert.Matches("^CPE-[0-9a-f-]{36}$", Id(second));
        Assert.Equal(Child, Text(second, "tenantId"));
        Assert.Equal("NOT_APPLICABLE", Text(second, "vulnerabilityState"));

        using (var config = await _api.GetAsync($"{Devices}/{EdgeId}/config", token))
        {
            Assert.Equal("hostname edge-1\nend\n", await config.Content.ReadAsStringAsync());
        }

        var health = (await _api.OkJsonAsync($"{DeviceHealth}?ids={EdgeId},{Id(second)}", token)).EnumerateArray().ToList();
        Assert.Equal(["down", "unknown"], health.Select(h => Text(h, "status")));
        Assert.Equal("unreachable", Text(health[0], "description"));

        var sites = (await _api.OkJsonAsync($"{Sites}?page=0&pageSize=10", token)).GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(["Head office", "Branch"], sites.Select(s => Text(s, "name")));
        var head = sites[0];
        Assert.Equal(HeadOffice, Id(head));
        Assert.Equal("2020-08-04T20:59:35.084Z", Text(head, "createdOn"));
        Assert.Equal("superuser", Text(head, "createdBy"));
        var summary = Assert.Single(head.GetProperty("devices").EnumerateArray());
        Assert.Equal([EdgeId, "si-1", "manageddevice"], new[] { Text(summary, "deviceId"), Text(summary, "serviceId"), Text(summary, "serviceType") });
        Assert.Equal(HeadOffice, Text(sites[1], "parentId"));

        var viewer = await TokenAsync("viewer");
        Assert.Equal(0, (await _api.OkJsonAsync($"{Devices}?page=0&pageSize=10", viewer)).GetProperty("contents").GetArrayLength());
    }

    [Fact]
    public async Task Reset_brings_back_the_loaded_sites_and_devices()
    {
        var token = await TokenAsync();
        var secondId = (await _api.PageIdsAsync($"{Devices}?page=0&pageSize=10", token))[1];
        var added = Id(await _api.CreatedDeviceAsync(token, NewDevice(Parent)));
        await _api.CreatedSiteAsync(token, NewSite(Parent));
        using (var deleted = await _api.SendAsync(HttpMethod.Delete, $"{Devices}/{EdgeId}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var renamed = await _api.SendAsync(HttpMethod.Put, $"{Sites}/{HeadOffice}", token, Json(new { name = "Renamed" })))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        await _api.SetHealthAsync(secondId, "up");

        using (var reset = await _api.SendAsync(HttpMethod.Post, "_emulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        Assert.Equal([EdgeId, secondId], await _api.PageIdsAsync($"{Devices}?page=0&pageSize=10", token));
        using (var gone = await _api.GetAsync($"{Devices}/{added}", token))
        {
            await AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        var sites = (await _api.OkJsonAsync($"{Sites}?page=0&pageSize=10", token)).GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(["Head office", "Branch"], sites.Select(s => Text(s, "name")));
        Assert.Equal([EdgeId], sites[0].GetProperty("devices").EnumerateArray().Select(d => Text(d, "deviceId")));
        var health = Assert.Single((await _api.OkJsonAsync($"{DeviceHealth}?ids={secondId}", token)).EnumerateArray());
        Assert.Equal("unknown", Text(health, "status"));
    }

    /// <summary>The class's one emulator, with the data file above.</summary>
    public sealed class Fixture() : DataFileFixture(Content);
}

/// <summary>Data files whose sites or devices break a rule stop the emulator with exit code 2.</summary>
public sealed class ManageBadDataFileTests
{
    private const string Tenant = "dddddddd-0000-4000-8000-000000000001";
    private const string OtherTenant = "dddddddd-0000-4000-8000-000000000002";
    private const string Tenants = "\"tenants\": [ { \"id\": \"" + Tenant + "\", \"name\": \"T\" }, { \"id\": \"" + OtherTenant + "\", \"name\": \"U\" } ]";
    private const string Device = "\"tenantId\": \"" + Tenant + "\", \"model\": \"m\", \"type\": \"t\", \"onboardType\": \"o\"";

    [Theory]
    [InlineData("\"devices\": [ { " + Device + " } ]", "devices[0]: name")]
    [InlineData("\"devices\": [ { \"tenantId\": \"dddddddd-0000-4000-8000-000000000009\", \"name\": \"a\", \"model\": \"m\", \"type\": \"t\", \"onboardType\": \"o\" } ]", "not a tenant")]
    [InlineData("\"devices\": [ { " + Device + ", \"name\": \"a\", \"serialKey\": \"S1\" }, { " + Device + ", \"name\": \"b\", \"serialKey\": \"s1\" } ]", "serialKey")]
    [InlineData("\"devices\": [ { " + Device + ", \"name\": \"a\" }, { " + Device + ", \"name\": \"A\" } ]", "name")]
    [InlineData("\"devices\": [ { " + Device + ", \"name\": \"a\", \"health\": { \"status\": \"sideways\" } } ]", "health.status")]
    [InlineData("\"devices\": [ { " + Device + ", \"name\": \"a\", \"id\": \"CPE-x\" } ], \"sites\": [ { \"tenantId\": \"" + OtherTenant + "\", \"name\": \"s\", \"deviceIds\": [\"CPE-x\"] } ]", "deviceIds")]
    [InlineData("\"sites\": [ { \"tenantId\": \"" + Tenant + "\", \"name\": \"s\", \"parentId\": \"dddddddd-0000-4000-8000-000000000009\" } ]", "parentId")]
    [InlineData("\"sites\": [ { \"tenantId\": \"" + Tenant + "\", \"name\": \"s\" }, { \"tenantId\": \"" + Tenant + "\", \"name\": \"S\" } ]", "name")]
    [InlineData("\"sites\": { }", "sites must be an array")]
    public async Task Bad_sites_or_devices_exit_2(string entries, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"msx-emulator-bad-manage-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{ " + Tenants + ", " + entries + " }");
        try
        {
            var (code, output) = await StartupTests.RunAsync("--urls", "http://127.0.0.1:0", "--data", file);
            Assert.Equal(2, code);
            Assert.Contains("bad data", output, StringComparison.Ordinal);
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>Without --control the device control calls do not exist.</summary>
public sealed class ManageControlOffTests : IDisposable
{
    private readonly EmulatorProcess _emulator = EmulatorProcess.Start();
    private readonly MsxApi _api;

    public ManageControlOffTests() => _api = new MsxApi(_emulator);

    public void Dispose()
    {
        _api.Dispose();
        _emulator.Dispose();
    }

    [Fact]
    public async Task Device_control_paths_are_404()
    {
        var token = await _api.AccessTokenAsync();
        var id = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));
        foreach (var path in new[] { $"_emulator/devices/{id}/health", $"_emulator/devices/{id}/status", "_emulator/config-approval" })
        {
            using var response = await _api.SendAsync(HttpMethod.Put, path, null, Json(new { status = "down", enabled = true }));
            await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        var health = Assert.Single((await _api.OkJsonAsync($"{DeviceHealth}?ids={id}", token)).EnumerateArray());
        Assert.Equal("unknown", Text(health, "status"));
        Assert.Equal(JsonValueKind.Null, health.GetProperty("description").ValueKind);
    }
}
