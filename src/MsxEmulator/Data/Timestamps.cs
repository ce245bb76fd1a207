namespace MsxEmulator.Data;

/// <summary>ISO-8601 formatting and parsing used on the wire (the time itself comes from <c>EmulatorClock</c>).</summary>
public static class Timestamps
{
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
