using System.Net;
using System.Net.Http;

namespace MsxPowerShell.Client;

/// <summary>When to try a request again and how long to wait first: exponential backoff with jitter, Retry-After wins.</summary>
internal sealed class RetryPolicy
{
    private static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(120);

    private readonly Random _jitter = new();

    private readonly Func<DateTimeOffset> _clock;

    public RetryPolicy(int maximumRetryCount, double retryIntervalSec, Func<DateTimeOffset>? clock = null)
    {
        _clock = clock ?? (static () => DateTimeOffset.UtcNow);
        MaximumRetryCount = Math.Max(0, maximumRetryCount);
        RetryInterval = TimeSpan.FromSeconds(Math.Max(0, retryIntervalSec));
    }

    public int MaximumRetryCount { get; }

    public TimeSpan RetryInterval { get; }

    /// <summary>Statuses a load balancer or a busy server answers with and that a retry can cure.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status == (HttpStatusCode)429
        || status == HttpStatusCode.BadGateway
        || status == HttpStatusCode.ServiceUnavailable
        || status == HttpStatusCode.GatewayTimeout;

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan Delay(int retry, HttpResponseMessage? response)
    {
        var retryAfter = RetryAfter(response);
        if (retryAfter is { } serverWait)
        {
            return serverWait > MaximumWait ? MaximumWait : serverWait;
        }

        var exponential = RetryInterval.TotalMilliseconds * Math.Pow(2, retry - 1);
        double factor;
        lock (_jitter)
        {
            factor = 0.8 + (_jitter.NextDouble() * 0.4);
        }

        return TimeSpan.FromMilliseconds(Math.Min(exponential * factor, MaximumWait.TotalMilliseconds));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - _clock();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
