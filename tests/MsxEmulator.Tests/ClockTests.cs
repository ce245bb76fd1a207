using System.Net;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>The manual clock (--manual-clock) and its control API. Tests share one emulator, so each works relative to the clock's current time.</summary>
public sealed class ClockTests(ManualClockFixture fixture) : IClassFixture<ManualClockFixture>
{
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task The_manual_clock_stands_still_until_it_is_moved()
    {
        var first = await _api.ClockNowAsync();
        await _api.AccessTokenAsync();
        Assert.Equal(first, await _api.ClockNowAsync());

        Assert.Equal(first.AddMilliseconds(1500), await _api.AdvanceClockAsync(1500));
        Assert.Equal(first.AddMilliseconds(1500), await _api.ClockNowAsync());
        Assert.Equal(first.AddMilliseconds(1500), await _api.AdvanceClockAsync(0));
    }

    [Fact]
    public async Task Set_moves_the_clock_to_a_time_and_advanceMs_then_moves_on_from_it()
    {
        var start = await _api.ClockNowAsync();
        var target = start.AddDays(3).AddMilliseconds(123);
        Assert.Equal(target, await _api.SetClockAsync(target));

        using var both = await _api.SendAsync(HttpMethod.Post, "_emulator/clock", null,
            Json(new { set = "2031-01-02T03:04:05.678Z", advanceMs = 2000 }));
        var body = await JsonAsync(both);
        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        Assert.Equal("2031-01-02T03:04:07.678Z", body.GetProperty("now").GetString());
        Assert.True(body.GetProperty("manual").GetBoolean());

        // Back to where the other tests expect the clock to be (it may go backwards with set).
        await _api.SetClockAsync(target);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"advanceMs\":-1}")]
    [InlineData("{\"advanceMs\":1.5}")]
    [InlineData("{\"advanceMs\":\"10\"}")]
    [InlineData("{\"set\":\"yesterday\"}")]
    [InlineData("{\"set\":5}")]
    [InlineData("{\"advanceMS\":10}")]
    [InlineData("[1]")]
    public async Task A_bad_clock_move_is_400(string json)
    {
        var before = await _api.ClockNowAsync();
        using var response = await _api.SendAsync(HttpMethod.Post, "_emulator/clock", null, json);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        Assert.Equal(before, await _api.ClockNowAsync());
    }

    [Fact]
    public async Task A_clock_move_that_is_not_JSON_is_415_and_other_methods_405()
    {
        using (var text = await _api.SendAsync(HttpMethod.Post, "_emulator/clock", null, "advanceMs=1", "text/plain"))
        {
            await AssertErrorAsync(text, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        }

        using var put = await _api.SendAsync(HttpMethod.Put, "_emulator/clock", null, "{}");
        await AssertErrorAsync(put, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task A_token_expires_when_the_clock_passes_its_validity()
    {
        var issuedAt = await _api.ClockNowAsync();
        var token = await _api.AccessTokenAsync();
        await _api.AdvanceClockAsync(TimeSpan.FromSeconds(9000) - TimeSpan.FromMilliseconds(1));
        using (var live = await _api.GetAsync("idm/api/v8/users/current", token))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        Assert.Equal(issuedAt.AddSeconds(9000), await _api.AdvanceClockAsync(1));
        using var expired = await _api.GetAsync("idm/api/v8/users/current", token);
        await AssertErrorAsync(expired, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task New_tenants_are_stamped_with_the_clock_and_reset_leaves_the_clock_alone()
    {
        var token = await _api.AccessTokenAsync();
        var now = await _api.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var tenant = await _api.CreatedTenantAsync(token, new { name = UniqueName("clock") });
        Assert.Equal(now, ClockApi.ParseMillis(tenant.GetProperty("createdOn").GetString()!));
        Assert.Equal(now, ClockApi.ParseMillis(tenant.GetProperty("modifiedOn").GetString()!));

        using var reset = await _api.SendAsync(HttpMethod.Post, "_emulator/reset", null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(now, await _api.ClockNowAsync());
    }
}

/// <summary>The clock control API of an emulator on the system clock.</summary>
public sealed class SystemClockTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task The_system_clock_reads_now_and_refuses_to_move()
    {
        var before = DateTime.UtcNow;
        using (var response = await _api.GetAsync("_emulator/clock", null))
        {
            var body = await JsonAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(body.GetProperty("manual").GetBoolean());
            Assert.InRange(ClockApi.ParseMillis(body.GetProperty("now").GetString()!), before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        }

        using var move = await _api.SendAsync(HttpMethod.Post, "_emulator/clock", null, Json(new { advanceMs = 1000 }));
        await AssertErrorAsync(move, HttpStatusCode.Conflict, "CLOCK_NOT_MANUAL");
    }
}
