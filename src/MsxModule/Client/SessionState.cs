namespace MsxPowerShell.Client;

/// <summary>Who a session acts as and in which tenant: what every renewal must bring back.</summary>
internal sealed class SessionIdentity
{
    public SessionIdentity(string? actingAs, Guid? tenantId)
    {
        ActingAs = actingAs;
        TenantId = tenantId;
    }

    /// <summary>The user a switch-user made the session act as; null for the logged-in user.</summary>
    public string? ActingAs { get; }

    public Guid? TenantId { get; }
}

/// <summary>
/// The one owner of a session's state: its current token, the identity and tenant it acts as, and its
/// renewal. Renewal is single-flight (however many threads find the token stale, one renewal runs and all
/// wait for it) and restores the identity the session had when it started; a switch that lands while a
/// renewal runs wins, so a renewal can never revert it.
/// </summary>
internal sealed class SessionState
{
    private readonly object _gate = new();
    private readonly Func<TokenState, SessionIdentity, CancellationToken, Task<TokenState>> _renew;
    private readonly Func<DateTimeOffset> _clock;
    private readonly SecretRedactor _redactor;
    private TokenState _current;
    private SessionIdentity _identity;
    private long _generation;
    private Task<TokenState>? _renewal;
    private bool _closed;

    /// <summary>The redactor's slot for the session's current tokens: replaced, never added to, on renewal and switch.</summary>
    internal const string CurrentTokensSlot = "current-tokens";

    public SessionState(TokenState initial, Func<TokenState, SessionIdentity, CancellationToken, Task<TokenState>> renew, Func<DateTimeOffset> clock, SecretRedactor redactor)
    {
        _identity = new SessionIdentity(null, initial.TenantId);
        _renew = renew;
        _clock = clock;
        _redactor = redactor;
        _current = Adopt(initial);
    }

    public TokenState Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public SessionIdentity Identity
    {
        get
        {
            lock (_gate)
            {
                return _identity;
            }
        }
    }

    /// <summary>The tables the session fills as it works (roles read, names for completion); released by <see cref="Close"/>.</summary>
    public SessionTables Tables { get; } = new();

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>A token that is not about to expire, renewing first if needed.</summary>
    public Task<TokenState> GetTokenAsync(CancellationToken cancellationToken)
    {
        TokenState current;
        lock (_gate)
        {
            ThrowIfClosed();
            current = _current;
        }

        return current.NeedsRenewal(_clock()) ? RenewAsync(current, cancellationToken) : Task.FromResult(current);
    }

    /// <summary>Renews <paramref name="stale"/> unless another caller already replaced it.</summary>
    public Task<TokenState> RenewAsync(TokenState stale, CancellationToken cancellationToken)
    {
        Task<TokenState> renewal;
        lock (_gate)
        {
            ThrowIfClosed();
            if (!ReferenceEquals(_current, stale) && !_current.NeedsRenewal(_clock()))
            {
                return Task.FromResult(_current);
            }

            renewal = _renewal ??= RunRenewalAsync(_current, _identity, _generation);
        }

        return WaitAsync(renewal, cancellationToken);
    }

    /// <summary>Takes the token of a switch of tenant or user, and the identity it stands for.</summary>
    public void Switch(TokenState token, SessionIdentity identity)
    {
        lock (_gate)
        {
            ThrowIfClosed();
            _current = Adopt(token);
            _identity = identity;
            _generation++;
        }
    }

    /// <summary>Ends the session: no token is handed out again, and the tables it filled are released.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }

        Tables.Release();
    }

    private async Task<TokenState> RunRenewalAsync(TokenState stale, SessionIdentity identity, long generation)
    {
        // Yield so the caller leaves the lock before the token request starts.
        await Task.Yield();
        try
        {
            // Not tied to one caller's cancellation: other callers may be waiting for the same renewal.
            var renewed = await _renew(stale, identity, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                if (_generation != generation)
                {
                    // A switch landed meanwhile: its token stands for what the session is now.
                    return _current;
                }

                _current = Adopt(renewed);
                return renewed;
            }
        }
        finally
        {
            lock (_gate)
            {
                _renewal = null;
            }
        }
    }

    /// <summary>Makes the redactor mask <paramref name="token"/>'s values instead of the ones it replaces.</summary>
    private TokenState Adopt(TokenState token)
    {
        _redactor.ReplaceSecrets(CurrentTokensSlot, token.AccessToken, token.RefreshToken);
        return token;
    }

    private static async Task<TokenState> WaitAsync(Task<TokenState> task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || task.IsCompleted)
        {
            return await task.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return await task.ConfigureAwait(false);
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new MsxApiException(MsxErrorKind.SessionClosed, "This session was disconnected; run Connect-MsxServer (or Get-MsxAccessToken) to make a new one.");
        }
    }
}

/// <summary>
/// What one session has read and keeps for its own later use (its role catalog, the names its completers
/// offer), keyed by what fills each table. Held by the session, never by a static: Disconnect-MsxSession
/// releases every table, and a session that is over keeps nothing (a late caller still gets a table to work
/// with, but it is not kept, so nothing fills up again after the release). Thread-safe.
/// </summary>
/// <remarks>
/// The session's secrets are not a table here: they stay with its redactor for as long as anything can still
/// reach the session (see <see cref="SecretRedactor"/>).
/// </remarks>
internal sealed class SessionTables
{
    private readonly object _gate = new();
    private Dictionary<object, object>? _tables = new();

    /// <summary>How many tables are held (for tests: none once the session is over).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _tables?.Count ?? 0;
            }
        }
    }

    /// <summary>The table kept under <paramref name="key"/>, made (cheaply, under the lock) on first use.</summary>
    public TTable Get<TTable>(object key, Func<TTable> make)
        where TTable : class
    {
        lock (_gate)
        {
            if (_tables is null)
            {
                return make();
            }

            if (!_tables.TryGetValue(key, out var table))
            {
                table = make();
                _tables[key] = table;
            }

            return (TTable)table;
        }
    }

    /// <summary>Drops every table; from now on nothing is kept.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _tables = null;
        }
    }
}
