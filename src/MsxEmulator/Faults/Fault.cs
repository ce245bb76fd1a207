using System.Text.RegularExpressions;

namespace MsxEmulator.Faults;

/// <summary>An active fault; <see cref="Remaining"/> counts down as matching requests take it.</summary>
public sealed class Fault
{
    public required string Id { get; init; }

    public string? Method { get; init; }

    public string? Path { get; init; }

    public Regex? PathPattern { get; init; }

    public int? Status { get; init; }

    public int Remaining { get; set; }

    public int? RetryAfterSeconds { get; init; }

    public int DelayMs { get; init; }

    public bool Drop { get; init; }

    public bool AfterCommit { get; init; }

    public string? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The chance that a matching request takes the fault (1 = every one, until the count runs out).</summary>
    public double Probability { get; init; } = 1;

    /// <summary>Whether the request is answered by the fault (a status or a drop), not only delayed.</summary>
    public bool Replaces => Drop || Status is not null;

    public FaultBody ToBody() =>
        new(Id, Method, Path, Status, Remaining, RetryAfterSeconds, DelayMs, Drop, AfterCommit, Body, ContentType, Probability);
}
