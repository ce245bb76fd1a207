namespace MsxPowerShell.Client;

/// <summary>
/// Waits for any number of workflow instances with one poll loop: each round reads every instance that is
/// not final yet once (a few at a time), then waits longer before the next round (0.5 s, growing by half
/// up to 10 s: Cisco's example polls every 10 s). Time comes from the client's clock and the wait between
/// rounds from an injectable delay, so tests drive it without sleeping. Giving up (the timeout, or the
/// caller's cancellation) leaves the instances running on the server: waiting never cancels anything.
/// </summary>
public sealed class WorkflowWaiter
{
    public const double IntervalGrowth = 1.5;

    private readonly MsxApiClient _client;
    private readonly Func<DateTimeOffset> _clock;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly MsxWorkflowInstance[] _latest;
    private readonly MsxApiException?[] _failures;
    private readonly bool[] _read;
    private readonly DateTimeOffset _startedAt;
    private readonly DateTimeOffset? _deadline;
    private TimeSpan? _interval;

    /// <param name="client">The connection the instances are read through.</param>
    /// <param name="instances">The instances to wait for (as started or as read before), in the order results are wanted.</param>
    /// <param name="timeout">How long to wait at most; null waits until every instance is final.</param>
    /// <param name="delay">The wait between rounds; the client's <see cref="MsxClientOptions.Delay"/> by default.</param>
    public WorkflowWaiter(MsxApiClient client, IEnumerable<MsxWorkflowInstance> instances, TimeSpan? timeout, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _clock = client.Options.Clock;
        _delay = delay ?? client.Options.Delay;
        _latest = instances.ToArray();
        _failures = new MsxApiException?[_latest.Length];
        _read = new bool[_latest.Length];
        _startedAt = _clock();
        _deadline = timeout is { } limit ? _startedAt + limit : null;
    }

    /// <summary>The wait before the second round; each later wait is <see cref="IntervalGrowth"/> times the one before.</summary>
    public TimeSpan FirstInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaximumInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many instances of one round are read at once.</summary>
    public int MaximumConcurrentReads { get; init; } = 8;

    /// <summary>Each instance as last read, in the order given.</summary>
    public IReadOnlyList<MsxWorkflowInstance> Instances => _latest;

    /// <summary>Rounds done so far.</summary>
    public int Rounds { get; private set; }

    public TimeSpan Elapsed => _clock() - _startedAt;

    /// <summary>Instances still to wait for: not read yet, or read but not final (and not gone).</summary>
    public int Pending => Enumerable.Range(0, _latest.Length).Count(IsPending);

    /// <summary>Instances that reached a final state.</summary>
    public int Finished => Enumerable.Range(0, _latest.Length).Count(i => _read[i] && _failures[i] is null && _latest[i].IsFinal);

    public bool DeadlinePassed => _deadline is { } deadline && _clock() >= deadline;

    /// <summary>True when waiting is over: nothing is pending, or the timeout passed.</summary>
    public bool IsDone => Pending == 0 || DeadlinePassed;

    /// <summary>True when the timeout passed while instances were still not final.</summary>
    public bool TimedOut => Pending > 0 && DeadlinePassed;

    /// <summary>Why an instance could not be read (it was deleted, or is no longer visible), or null.</summary>
    public MsxApiException? FailureOf(int index) => _failures[index];

    /// <summary>
    /// One round: waits (not before the first round, never past the deadline), then reads every pending
    /// instance once. Answers whether another round is needed. A failure that no instance could escape
    /// (the session, the network, the server) ends the wait by throwing.
    /// </summary>
    public async Task<bool> NextRoundAsync(CancellationToken cancellationToken)
    {
        if (IsDone)
        {
            return false;
        }

        if (Rounds > 0)
        {
            var wait = _interval ?? FirstInterval;
            // Whole milliseconds, so that the waits are exact and easy to read in a log.
            _interval = TimeSpan.FromMilliseconds(Math.Min(Math.Round(wait.TotalMilliseconds * IntervalGrowth), MaximumInterval.TotalMilliseconds));
            if (_deadline is { } deadline && deadline - _clock() < wait)
            {
                wait = deadline - _clock();
            }

            if (wait > TimeSpan.Zero)
            {
                await _delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        await ReadPendingAsync(cancellationToken).ConfigureAwait(false);
        Rounds++;
        return !IsDone;
    }

    /// <summary>Rounds until every instance is final or the timeout passed.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (await NextRoundAsync(cancellationToken).ConfigureAwait(false))
        {
        }
    }

    private bool IsPending(int index) => !_read[index] || (_failures[index] is null && !_latest[index].IsFinal);

    private async Task ReadPendingAsync(CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, MaximumConcurrentReads));
        var reads = Enumerable.Range(0, _latest.Length).Where(IsPending).Select(async index =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Each instance is read through the session it came from.
                var fresh = await (_latest[index].Origin ?? _client).GetWorkflowInstanceAsync(_latest[index].Id, cancellationToken).ConfigureAwait(false);
                fresh.Name ??= _latest[index].Name;
                _latest[index] = fresh;
            }
            catch (MsxApiException ex) when (ex.Kind is MsxErrorKind.NotFound or MsxErrorKind.Forbidden or MsxErrorKind.BadRequest or MsxErrorKind.InvalidPath)
            {
                // This instance is gone, hidden, or its id is malformed (by the server, or refused before sending); the others are still worth waiting for.
                _failures[index] = ex;
            }
            finally
            {
                _read[index] = true;
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(reads).ConfigureAwait(false);
    }
}
