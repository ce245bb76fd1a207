using System.Text.RegularExpressions;

namespace MsxEmulator.Faults;

/// <summary>The faults set through the control API; the first matching one with count left applies.</summary>
public sealed class FaultInjector : IResettable
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];
    private int _nextId = 1;

    /// <summary>Validates and stores a fault; returns null and an error message when it is not usable.</summary>
    public Fault? Add(FaultRequest request, out string? error)
    {
        error = request switch
        {
            { Status: < 100 or > 599 } => "status: must be between 100 and 599",
            { Count: < 1 } => "count: must be at least 1",
            { DelayMs: < 0 } => "delayMs: must not be negative",
            { RetryAfterSeconds: < 0 } => "retryAfterSeconds: must not be negative",
            { Probability: <= 0 or > 1 } => "probability: must be above 0 and at most 1",
            { Status: null, Drop: not true, DelayMs: null or 0 } => "a fault needs a status, drop: true or a delayMs above 0",
            _ => null,
        };
        if (error is not null)
        {
            return null;
        }

        var method = string.IsNullOrEmpty(request.Method) || request.Method == "*" ? null : request.Method.ToUpperInvariant();
        var path = string.IsNullOrEmpty(request.Path) ? null : request.Path;
        lock (_gate)
        {
            var fault = new Fault
            {
                Id = (_nextId++).ToString(CultureInfo.InvariantCulture),
                Method = method,
                Path = path,
                PathPattern = path is null ? null : Glob(path),
                Status = request.Status,
                Remaining = request.Count ?? 1,
                RetryAfterSeconds = request.RetryAfterSeconds,
                DelayMs = request.DelayMs ?? 0,
                Drop = request.Drop ?? false,
                AfterCommit = request.AfterCommit ?? false,
                Body = request.Body,
                ContentType = request.ContentType,
                Probability = request.Probability ?? 1,
            };
            _faults.Add(fault);
            return fault;
        }
    }

    /// <summary>Takes one use of the first fault matching the request, if any.</summary>
    public FaultBody? TryTake(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var fault = _faults[i];
                if ((fault.Method is null || string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase))
                    && (fault.PathPattern is null || fault.PathPattern.IsMatch(path))
                    && (fault.Probability >= 1 || Random.Shared.NextDouble() < fault.Probability))
                {
                    fault.Remaining--;
                    if (fault.Remaining <= 0)
                    {
                        _faults.RemoveAt(i);
                    }

                    return fault.ToBody();
                }
            }

            return null;
        }
    }

    public List<FaultBody> List()
    {
        lock (_gate)
        {
            return _faults.ConvertAll(f => f.ToBody());
        }
    }

    /// <summary>A reset empties it.</summary>
    void IResettable.Reset() => Clear();

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    private static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
}
