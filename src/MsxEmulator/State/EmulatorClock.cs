namespace MsxEmulator.State;

/// <summary>
/// The emulator's one notion of "now": the system clock, or (with --manual-clock) a clock that stands
/// still until the control API moves it, so tests can expire tokens and finish workflows without waiting.
/// </summary>
public sealed class EmulatorClock
{
    /// <summary>The furthest one call may move a manual clock (about 100 years), so the arithmetic cannot overflow.</summary>
    public const long MaxAdvanceMs = 100L * 366 * 24 * 60 * 60 * 1000;

    private readonly Lock _gate = new();
    private DateTime _manualNow;

    private EmulatorClock(bool manual, DateTime start)
    {
        IsManual = manual;
        _manualNow = start;
    }

    public bool IsManual { get; }

    /// <summary>Now, in UTC, at full precision.</summary>
    public DateTime UtcNow
    {
        get
        {
            if (!IsManual)
            {
                return DateTime.UtcNow;
            }

            lock (_gate)
            {
                return _manualNow;
            }
        }
    }

    public static EmulatorClock System() => new(false, default);

    /// <summary>A manual clock that starts at the system time, truncated to whole milliseconds.</summary>
    public static EmulatorClock Manual() => new(true, TruncateToMillis(DateTime.UtcNow));

    /// <summary>Now, truncated to whole milliseconds (timestamps on the wire carry at most milliseconds).</summary>
    public DateTime NowMillis() => TruncateToMillis(UtcNow);

    /// <summary>Moves a manual clock: first to <paramref name="set"/> (if given), then forward by <paramref name="advanceMs"/>.</summary>
    public DateTime Move(DateTime? set, long advanceMs)
    {
        if (!IsManual)
        {
            throw new InvalidOperationException("The system clock cannot be moved.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(advanceMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(advanceMs, MaxAdvanceMs);
        lock (_gate)
        {
            var now = set is { } target ? DateTime.SpecifyKind(target.ToUniversalTime(), DateTimeKind.Utc) : _manualNow;
            if (DateTime.MaxValue.Ticks - now.Ticks <= advanceMs * TimeSpan.TicksPerMillisecond)
            {
                throw new ArgumentOutOfRangeException(nameof(advanceMs), "The clock would pass the end of time.");
            }

            _manualNow = now.AddMilliseconds(advanceMs);
            return _manualNow;
        }
    }

    private static DateTime TruncateToMillis(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
