namespace MsxEmulator.Json;

/// <summary>A stored fault; <c>count</c> is what is left of it.</summary>
public sealed record FaultBody(
    string Id,
    string? Method,
    string? Path,
    int? Status,
    int Count,
    int? RetryAfterSeconds,
    int DelayMs,
    bool Drop,
    bool AfterCommit,
    string? Body,
    string? ContentType,
    double Probability);

/// <summary>One entry of the request log.</summary>
public sealed record RequestEntryBody(string Method, string Path, string Query, int Status, string At);

/// <summary>The answer of <c>/_emulator/stats</c>.</summary>
public sealed record StatsBody(long Requests, long TokenRequests, int Tenants);
