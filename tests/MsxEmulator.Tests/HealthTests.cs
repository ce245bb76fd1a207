using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using MsxPowerShell.Testing;
using static MsxEmulator.Tests.Support.ManageApi;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

public sealed class HealthTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task The_list_answers_ResourceHealth_in_the_order_asked_leaving_out_unknown_ids()
    {
        var token = await _api.AccessTokenAsync();
        var d1 = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));
        var d2 = Id(await _api.CreatedDeviceAsync(token, NewDevice(Sprite)));

        var list = await _api.OkJsonAsync($"{DeviceHealth}?ids={d2}&ids=CPE-unknown,{d1}&ids={d2}", token);
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        var items = list.EnumerateArray().ToList();
        Assert.Equal([d2, d1], items.Select(Id));
        foreach (var item in items)
        {
            Assert.Equal(["id", "type", "status", "description"], PropertyNames(item));
            Assert.Equal("device", Text(item, "type"));
            Assert.Equal("unknown", Text(item, "status"));
            Assert.Equal(JsonValueKind.Null, item.GetProperty("description").ValueKind);
        }

        Assert.Equal(0, (await _api.OkJsonAsync($"{DeviceHealth}?ids=CPE-unknown", token)).GetArrayLength());
        foreach (var bad in new[] { DeviceHealth, DeviceHealth + "?ids=", DeviceHealth + "?ids=,," })
        {
            using var response = await _api.GetAsync(bad, token);
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var post = await _api.SendAsync(HttpMethod.Post, $"{DeviceHealth}?ids={d1}", token, "{}");
        await AssertErrorAsync(post, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task The_control_api_takes_a_device_down_and_up_again()
    {
        var token = await _api.AccessTokenAsync();
        var id = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));

        var set = await _api.SetHealthAsync(id, "down", "No answer to ping");
        Assert.Equal(["id", "type", "status", "description"], PropertyNames(set));
        Assert.Equal("down", Text(set, "status"));

        var down = Assert.Single((await _api.OkJsonAsync($"{DeviceHealth}?ids={id}", token)).EnumerateArray());
        Assert.Equal("down", Text(down, "status"));
        Assert.Equal("No answer to ping", Text(down, "description"));
        var device = await _api.OkJsonAsync($"{Devices}/{id}", token);
        var healthStatus = device.GetProperty("statusDetails").GetProperty("healthStatus");
        Assert.Equal("DOWN", Text(healthStatus, "value"));
        Assert.Equal("5", Text(healthStatus, "severity"));

        await _api.SetHealthAsync(id, "up");
        var up = Assert.Single((await _api.OkJsonAsync($"{DeviceHealth}?ids={id}", token)).EnumerateArray());
        Assert.Equal("up", Text(up, "status"));
        Assert.Equal(JsonValueKind.Null, up.GetProperty("description").ValueKind);
        Assert.Equal("UP", Text((await _api.OkJsonAsync($"{Devices}/{id}", token)).GetProperty("statusDetails").GetProperty("healthStatus"), "value"));

        using (var bad = await _api.SendAsync(HttpMethod.Put, $"_emulator/devices/{id}/health", null, Json(new { status = "sideways" })))
        {
            await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using (var missing = await _api.SendAsync(HttpMethod.Put, $"_emulator/devices/{id}/health", null, "{}"))
        {
            await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using (var unknown = await _api.SendAsync(HttpMethod.Put, "_emulator/devices/CPE-unknown/health", null, Json(new { status = "down" })))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var get = await _api.GetAsync($"_emulator/devices/{id}/health", null);
        await AssertErrorAsync(get, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task The_control_api_sets_a_devices_status()
    {
        var token = await _api.AccessTokenAsync();
        var id = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));
        using (var set = await _api.SendAsync(HttpMethod.Put, $"_emulator/devices/{id}/status", null,
            Json(new { value = "CRITICAL", severity = "5", lastUpdatedMessage = "Fan failure", vulnerabilityState = "VULNERABLE" })))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal(DeviceFields, PropertyNames(await JsonAsync(set)));
        }

        var device = await _api.OkJsonAsync($"{Devices}/{id}", token);
        var status = device.GetProperty("status");
        Assert.Equal("CRITICAL", Text(status, "value"));
        Assert.Equal("5", Text(status, "severity"));
        Assert.Equal("Fan failure", Text(status, "lastUpdatedMessage"));
        Assert.Equal("VULNERABLE", Text(device, "vulnerabilityState"));

        using (var partial = await _api.SendAsync(HttpMethod.Put, $"_emulator/devices/{id}/status", null, Json(new { severity = "1" })))
        {
            var body = await JsonAsync(partial);
            Assert.Equal("CRITICAL", Text(body.GetProperty("status"), "value"));
            Assert.Equal("1", Text(body.GetProperty("status"), "severity"));
        }

        using var bad = await _api.SendAsync(HttpMethod.Put, $"_emulator/devices/{id}/status", null, Json(new { vulnerabilityState = "SOMEWHAT" }));
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task Health_follows_the_read_rules()
    {
        var super = await _api.AccessTokenAsync();
        var cokeDevice = Id(await _api.CreatedDeviceAsync(super, NewDevice(Coke)));
        var pepsiDevice = Id(await _api.CreatedDeviceAsync(super, NewDevice(Pepsi)));
        var consumer = await _api.AccessTokenAsync(Consumer);
        var seen = await _api.OkJsonAsync($"{DeviceHealth}?ids={cokeDevice},{pepsiDevice}", consumer);
        Assert.Equal([pepsiDevice], seen.EnumerateArray().Select(Id));
    }
}

/// <summary>Config approval switches a process-wide setting, so it has an emulator of its own.</summary>
public sealed class ConfigApprovalTests : IDisposable
{
    private readonly EmulatorProcess _emulator = EmulatorProcess.Start("--control", "--config-approval");
    private readonly MsxApi _api;

    public ConfigApprovalTests() => _api = new MsxApi(_emulator);

    public void Dispose()
    {
        _api.Dispose();
        _emulator.Dispose();
    }

    private static object Update(string content) => new { correlationId = Guid.NewGuid().ToString(), configContent = content, format = "cli" };

    [Fact]
    public async Task With_approval_an_update_answers_202_with_a_change_request_and_changes_nothing()
    {
        var token = await _api.AccessTokenAsync();
        var name = UniqueName("approval");
        var path = $"{Devices}/{Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke, name)))}";
        Assert.True((await _api.OkJsonAsync("_emulator/config-approval", null)).GetProperty("enabled").GetBoolean());

        using (var pending = await _api.PostAsync(path + "/config/update", token, Update("hostname changed\n")))
        {
            Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
            var body = await JsonAsync(pending);
            Assert.Equal(["changeRequestId", "changeRequestUrl"], PropertyNames(body));
            var changeRequestId = Text(body, "changeRequestId");
            Assert.True(Guid.TryParse(changeRequestId, out _));
            Assert.Equal(new Uri(_api.Http.BaseAddress!, "incident/api/v8/changerequests/" + changeRequestId).ToString(), Text(body, "changeRequestUrl"));
        }

        using (var config = await _api.GetAsync(path + "/config", token))
        {
            Assert.Equal($"hostname {name}\n!\nend\n", await config.Content.ReadAsStringAsync());
        }

        using (var off = await _api.SendAsync(HttpMethod.Put, "_emulator/config-approval", null, Json(new { enabled = false })))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
            Assert.False((await JsonAsync(off)).GetProperty("enabled").GetBoolean());
        }

        using (var applied = await _api.PostAsync(path + "/config/update", token, Update("hostname changed\n")))
        {
            Assert.Equal(HttpStatusCode.NoContent, applied.StatusCode);
        }

        using (var config = await _api.GetAsync(path + "/config", token))
        {
            Assert.Equal("hostname changed\n", await config.Content.ReadAsStringAsync());
        }

        using (var bad = await _api.SendAsync(HttpMethod.Put, "_emulator/config-approval", null, Json(new { enabled = "yes" })))
        {
            await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using (var reset = await _api.SendAsync(HttpMethod.Post, "_emulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        Assert.True((await _api.OkJsonAsync("_emulator/config-approval", null)).GetProperty("enabled").GetBoolean());
    }
}
