using System.Globalization;
using System.Net;

namespace MsxEmulator.Tests.Support;

/// <summary>Calls of the emulator's clock control API (<c>/_emulator/clock</c>), for emulators started with --manual-clock.</summary>
public static class ClockApi
{
    public static async Task<DateTime> ClockNowAsync(this MsxApi api)
    {
        using var response = await api.GetAsync("_emulator/clock", null);
        var body = await MsxApi.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return ParseMillis(body.GetProperty("now").GetString()!);
    }

    /// <summary>Moves the manual clock forward and returns the new time.</summary>
    public static Task<DateTime> AdvanceClockAsync(this MsxApi api, long milliseconds) =>
        MoveClockAsync(api, MsxApi.Json(new { advanceMs = milliseconds }));

    public static Task<DateTime> AdvanceClockAsync(this MsxApi api, TimeSpan by) => api.AdvanceClockAsync((long)by.TotalMilliseconds);

    public static Task<DateTime> SetClockAsync(this MsxApi api, DateTime to) =>
        MoveClockAsync(api, MsxApi.Json(new { set = to.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) }));

    public static DateTime ParseMillis(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static DateTime ParseSeconds(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static async Task<DateTime> MoveClockAsync(MsxApi api, string json)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "_emulator/clock", null, json);
        var body = await MsxApi.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.True(body.GetProperty("manual").GetBoolean());
        return ParseMillis(body.GetProperty("now").GetString()!);
    }
}
