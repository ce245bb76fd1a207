using System.Globalization;

namespace MsxEmulator.Data;

/// <summary>Clock and ISO-8601 formatting used on the wire.</summary>
public static class Timestamps
{
    /// <summary>Now, in UTC, truncated to whole milliseconds (tenant timestamps carry milliseconds).</summary>
    public static DateTime NowMillis()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    /// <summary>ISO-8601 UTC with milliseconds: 2026-11-28T12:00:00.123Z.</summary>
    public static string Millis(DateTime value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 UTC in whole seconds (rounded down): 2026-11-28T12:00:00Z.</summary>
    public static string Seconds(DateTime value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTime value)
    {
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            value = new DateTime(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
            return true;
        }

        value = default;
        return false;
    }
}
