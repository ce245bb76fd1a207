using System;
using System.Threading;
using System.Threading.Tasks;

namespace MsxPowerShell.Client;

/// <summary>
/// Holds a session's current token and renews it before it expires or after a 401. Renewal is
/// single-flight: however many threads find the token stale, one token request is sent and all wait for it.
/// </summary>
internal sealed class TokenManager
{
    private readonly object _gate = new();
    private readonly Func<TokenState, CancellationToken, Task<TokenState>> _renew;
    private TokenState _current;
    private Task<TokenState>? _renewal;
    private bool _closed;

    public TokenManager(TokenState initial, Func<TokenState, CancellationToken, Task<TokenState>> renew)
    {
        _current = initial;
        _renew = renew;
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

        return current.NeedsRenewal(DateTimeOffset.UtcNow) ? RenewAsync(current, cancellationToken) : Task.FromResult(current);
    }

    /// <summary>Renews <paramref name="stale"/> unless another caller already replaced it.</summary>
    public Task<TokenState> RenewAsync(TokenState stale, CancellationToken cancellationToken)
    {
        Task<TokenState> renewal;
        lock (_gate)
        {
            ThrowIfClosed();
            if (!ReferenceEquals(_current, stale) && !_current.NeedsRenewal(DateTimeOffset.UtcNow))
            {
                return Task.FromResult(_current);
            }

            renewal = _renewal ??= RunRenewalAsync(_current);
        }

        return WaitAsync(renewal, cancellationToken);
    }

    /// <summary>Replaces the token (after a switch of tenant or user).</summary>
    public void Replace(TokenState token)
    {
        lock (_gate)
        {
            ThrowIfClosed();
            _current = token;
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    private async Task<TokenState> RunRenewalAsync(TokenState stale)
    {
        // Yield so the caller leaves the lock before the token request starts.
        await Task.Yield();
        try
        {
            // Not tied to one caller's cancellation: other callers may be waiting for the same renewal.
            var renewed = await _renew(stale, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _current = renewed;
            }

            return renewed;
        }
        finally
        {
            lock (_gate)
            {
                _renewal = null;
            }
        }
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
            throw new MsxApiException(MsxErrorKind.SessionClosed, "This session was disconnected; run Get-MsxAccessToken to make a new one.");
        }
    }
}
