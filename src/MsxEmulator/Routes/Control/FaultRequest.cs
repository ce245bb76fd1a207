namespace MsxEmulator.Json;

/// <summary>A fault as posted to <c>/_emulator/faults</c>.</summary>
public sealed class FaultRequest
{
    public string? Method { get; set; }

    public string? Path { get; set; }

    public int? Status { get; set; }

    public int? Count { get; set; }

    public int? RetryAfterSeconds { get; set; }

    public int? DelayMs { get; set; }

    public bool? Drop { get; set; }

    public bool? AfterCommit { get; set; }

    public string? Body { get; set; }

    public string? ContentType { get; set; }

    /// <summary>The chance (0..1] that a matching request takes the fault; default 1.</summary>
    public double? Probability { get; set; }
}
