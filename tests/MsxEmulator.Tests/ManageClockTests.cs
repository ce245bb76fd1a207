using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.ManageApi;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>
/// Sites and devices are stamped with the emulator clock (--manual-clock), not the machine's. Each test first
/// sets the clock to its own instant, years away from the machine's time, then takes a token (one taken
/// earlier would have expired by then).
/// </summary>
public sealed class ManageClockTests(ManualClockFixture fixture) : IClassFixture<ManualClockFixture>
{
    private static readonly string[] StatusDetails = ["healthStatus", "pnpStatus", "lifeCycleStatus", "syncStatus", "tunnelStatus"];

    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task A_created_device_and_its_PATCH_and_PUT_carry_the_clock_time()
    {
        var created = await _api.SetClockAsync(new DateTime(2031, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc));
        var token = await _api.AccessTokenAsync();
        var device = await _api.CreatedDeviceAsync(token, NewDevice(Coke));
        var path = $"{Devices}/{Id(device)}";
        Assert.Equal(WholeSeconds(created), Seconds(device, "createdOn"));
        Assert.Equal(WholeSeconds(created), Seconds(device, "modifiedOn"));
        Assert.Equal(WholeSeconds(created), Seconds(device.GetProperty("status"), "lastUpdated"));
        foreach (var name in StatusDetails)
        {
            Assert.Equal(WholeSeconds(created), Seconds(device.GetProperty("statusDetails").GetProperty(name), "lastUpdated"));
        }

        var patchedAt = await _api.AdvanceClockAsync(TimeSpan.FromSeconds(90));
        var patched = await OkAsync(HttpMethod.Patch, path, token, new { version = "17.3" });
        Assert.Equal(WholeSeconds(created).AddSeconds(90), Seconds(patched, "modifiedOn"));
        Assert.Equal(WholeSeconds(patchedAt), Seconds(patched, "modifiedOn"));
        Assert.Equal(WholeSeconds(created), Seconds(patched, "createdOn"));

        await _api.AdvanceClockAsync(TimeSpan.FromMinutes(45));
        var replaced = await OkAsync(HttpMethod.Put, path, token, NewDevice(Coke));
        Assert.Equal(Seconds(patched, "modifiedOn").AddMinutes(45), Seconds(replaced, "modifiedOn"));
        Assert.Equal(WholeSeconds(created), Seconds(replaced, "createdOn"));
        Assert.Equal(replaced.ToString(), (await _api.OkJsonAsync(path, token)).ToString());

        // A clock set back does not date a change before the last one.
        await _api.SetClockAsync(created.AddSeconds(30));
        var afterSetBack = await OkAsync(HttpMethod.Patch, path, token, new { version = "17.4" });
        Assert.Equal(Seconds(replaced, "modifiedOn"), Seconds(afterSetBack, "modifiedOn"));
    }

    [Fact]
    public async Task A_created_site_its_PUT_and_its_device_and_service_changes_carry_the_clock_time()
    {
        var created = await _api.SetClockAsync(new DateTime(2032, 7, 8, 9, 10, 11, 123, DateTimeKind.Utc));
        var token = await _api.AccessTokenAsync();
        var deviceId = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));
        var site = await _api.CreatedSiteAsync(token, NewSite(Coke));
        var path = $"{Sites}/{Id(site)}";
        Assert.Equal(created, Millis(site, "createdOn"));
        Assert.Equal(created, Millis(site, "modifiedOn"));
        Assert.Equal(created, Millis(site.GetProperty("status"), "lastUpdated"));

        // Each change moves modifiedOn by exactly the clock's move; createdOn stays.
        var changes = new (long AdvanceMs, HttpMethod Method, string Suffix, object Body)[]
        {
            (1234, HttpMethod.Post, "/devices/add", new[] { deviceId }),
            (5, HttpMethod.Post, "/devices/remove", new[] { deviceId }),
            (60_000, HttpMethod.Post, "/services/add", new[] { "svc-clock" }),
            (1, HttpMethod.Post, "/services/remove", new[] { "svc-clock" }),
            (999, HttpMethod.Put, string.Empty, new { name = UniqueName("site") }),
        };
        var modifiedOn = created;
        foreach (var (advanceMs, method, suffix, body) in changes)
        {
            var now = await _api.AdvanceClockAsync(advanceMs);
            var changed = await OkAsync(method, path + suffix, token, body);
            Assert.Equal(modifiedOn.AddMilliseconds(advanceMs), Millis(changed, "modifiedOn"));
            Assert.Equal(now, Millis(changed, "modifiedOn"));
            Assert.Equal(created, Millis(changed, "createdOn"));
            modifiedOn = now;
        }

        Assert.Equal(modifiedOn, Millis(await _api.OkJsonAsync(path, token), "modifiedOn"));
    }

    [Fact]
    public async Task Health_and_status_set_through_the_control_API_are_dated_by_the_clock()
    {
        var created = await _api.SetClockAsync(new DateTime(2033, 1, 2, 3, 4, 5, 600, DateTimeKind.Utc));
        var token = await _api.AccessTokenAsync();
        var id = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));
        var path = $"{Devices}/{id}";

        await _api.AdvanceClockAsync(TimeSpan.FromSeconds(42));
        await _api.SetHealthAsync(id, "up", "reachable");
        var health = (await _api.OkJsonAsync(path, token)).GetProperty("statusDetails").GetProperty("healthStatus");
        Assert.Equal("UP", Text(health, "value"));
        Assert.Equal(WholeSeconds(created).AddSeconds(42), Seconds(health, "lastUpdated"));

        var statusAt = await _api.AdvanceClockAsync(TimeSpan.FromMinutes(7));
        using (var response = await _api.SendAsync(HttpMethod.Put, $"_emulator/devices/{id}/status", null, Json(new { value = "CRITICAL", severity = "5" })))
        {
            var answered = await JsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, answered.ToString());
            Assert.Equal(WholeSeconds(statusAt), Seconds(answered.GetProperty("status"), "lastUpdated"));
        }

        var device = await _api.OkJsonAsync(path, token);
        Assert.Equal(WholeSeconds(created).AddSeconds(42).AddMinutes(7), Seconds(device.GetProperty("status"), "lastUpdated"));
        Assert.Equal(WholeSeconds(created).AddSeconds(42), Seconds(device.GetProperty("statusDetails").GetProperty("healthStatus"), "lastUpdated"));
    }

    private async Task<JsonElement> OkAsync(HttpMethod method, string path, string token, object body)
    {
        using var response = await _api.SendAsync(method, path, token, Json(body));
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: expected 200, got {(int)response.StatusCode}: {json}");
        return json;
    }

    internal static DateTime WholeSeconds(DateTime value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    internal static DateTime Seconds(JsonElement item, string name) => ClockApi.ParseSeconds(Text(item, name));

    internal static DateTime Millis(JsonElement item, string name) => ClockApi.ParseMillis(Text(item, name));
}

/// <summary>On the system clock (no --manual-clock), sites and devices are stamped with the real time.</summary>
public sealed class ManageSystemClockTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    /// <summary>Generous, for a loaded machine: the point is "today, not another year".</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(2);

    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task Sites_and_devices_are_stamped_near_the_real_time()
    {
        var token = await _api.AccessTokenAsync();
        var before = DateTime.UtcNow;
        var device = await _api.CreatedDeviceAsync(token, NewDevice(Coke));
        var site = await _api.CreatedSiteAsync(token, NewSite(Coke));
        var after = DateTime.UtcNow;

        Assert.InRange(ManageClockTests.Seconds(device, "createdOn"), ManageClockTests.WholeSeconds(before) - Slack, after + Slack);
        Assert.InRange(ManageClockTests.Seconds(device.GetProperty("status"), "lastUpdated"), ManageClockTests.WholeSeconds(before) - Slack, after + Slack);
        Assert.InRange(ManageClockTests.Millis(site, "createdOn"), before - Slack, after + Slack);
        Assert.InRange(ManageClockTests.Millis(site, "modifiedOn"), before - Slack, after + Slack);
    }
}
