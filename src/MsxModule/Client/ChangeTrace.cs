namespace MsxPowerShell.Client;

/// <summary>What became of one traced change after it was stopped: see <see cref="ChangeTrace.SettleAsync"/>.</summary>
public enum ChangeOutcome
{
    /// <summary>No request that changes anything left the client.</summary>
    NotSent,

    /// <summary>The item was made (answered, or found by its unique key afterwards).</summary>
    Made,

    /// <summary>The create was cancelled in flight and its unique key finds nothing afterwards.</summary>
    NotFound,

    /// <summary>A change was sent and nothing can tell whether it took effect.</summary>
    Unknown,
}

/// <summary>
/// What the work of one item sent that changes state, so that a caller that stops the work can say what
/// happened to it. The caller starts the work inside <see cref="Within{T}"/>; the client notes each change it
/// sends (<see cref="MsxApiClient"/>) and each create with the unique key that finds its item again
/// (<see cref="Resources.ResourceClient{T}"/>, the same look-up as lost-answer recovery). The trace flows with the
/// async calls of that work only, like <see cref="MsxDiagnostics.Sink"/>.
/// </summary>
public sealed class ChangeTrace
{
    private static readonly AsyncLocal<ChangeTrace?> CurrentTrace = new();
    private readonly object _gate = new();
    private bool _sent;
    private string? _made;
    private string? _creating;
    private Func<CancellationToken, Task<string?>>? _find;

    /// <summary>The trace of the current logical call, or null when nobody traces it.</summary>
    internal static ChangeTrace? Current => CurrentTrace.Value;

    /// <summary>Whether a request that may change state left the client.</summary>
    public bool Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent;
            }
        }
    }

    /// <summary>What was made, as "Tenant 'acme' (id)", once a create was answered or recovered.</summary>
    public string? Made
    {
        get
        {
            lock (_gate)
            {
                return _made;
            }
        }
    }

    /// <summary>Starts work (its synchronous part runs here) with this trace as the current one of its async calls.</summary>
    public T Within<T>(Func<T> start)
    {
        var previous = CurrentTrace.Value;
        CurrentTrace.Value = this;
        try
        {
            return start();
        }
        finally
        {
            CurrentTrace.Value = previous;
        }
    }

    /// <summary>
    /// After the work ended or was cancelled: what it did. A create sent but not answered is looked up by its unique
    /// key with <paramref name="cancellationToken"/> (a fresh, bounded one: the work's own token is cancelled);
    /// Item is what was made or looked for ("Tenant 'acme' (id)"), Reason why an
    /// outcome is unknown.
    /// </summary>
    public async Task<(ChangeOutcome Outcome, string? Item, string? Reason)> SettleAsync(CancellationToken cancellationToken)
    {
        string? made, creating;
        Func<CancellationToken, Task<string?>>? find;
        bool sent;
        lock (_gate)
        {
            (sent, made, creating, find) = (_sent, _made, _creating, _find);
        }

        if (made is not null)
        {
            return (ChangeOutcome.Made, made, null);
        }

        if (!sent)
        {
            return (ChangeOutcome.NotSent, creating, null);
        }

        if (find is null)
        {
            return (ChangeOutcome.Unknown, creating, creating is null ? null : "it has no unique key to look it up by");
        }

        try
        {
            var found = await find(cancellationToken).ConfigureAwait(false);
            return found is null ? (ChangeOutcome.NotFound, creating, null) : (ChangeOutcome.Made, found, null);
        }
        catch (OperationCanceledException)
        {
            return (ChangeOutcome.Unknown, creating, "the look-up did not answer in time");
        }
        catch (MsxApiException ex)
        {
            return (ChangeOutcome.Unknown, creating, "the look-up failed: " + ex.Message);
        }
    }

    /// <summary>A request that may change state is about to leave the client.</summary>
    internal void OnSending()
    {
        lock (_gate)
        {
            _sent = true;
        }
    }

    /// <summary>A create of <paramref name="what"/> ("Tenant 'acme'") is about to be sent; <paramref name="find"/> finds its item by key.</summary>
    internal void OnCreating(string what, Func<CancellationToken, Task<string?>>? find)
    {
        lock (_gate)
        {
            _creating = what;
            _find = find;
        }
    }

    /// <summary>The create was answered (or recovered): <paramref name="what"/> exists.</summary>
    internal void OnMade(string what)
    {
        lock (_gate)
        {
            _made = what;
        }
    }
}
