namespace MsxEmulator.State;

/// <summary>
/// Users behind their own lock, in creation order. Deletion is soft, so records are never removed
/// (only a reset drops what was created): a list plus two indexes serves paging, id and name look-ups.
/// Usernames are unique regardless of case, deleted users' included. Records are immutable, so what
/// leaves the lock is safe to read outside it.
/// </summary>
public sealed class UserState
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<User> _initial;
    private readonly List<User> _users = [];
    private readonly Dictionary<Guid, int> _byId = [];
    private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);

    public UserState(IReadOnlyList<User> initial)
    {
        _initial = initial;
        Reset();
    }

    /// <summary>Goes back to the users loaded at start.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _users.Clear();
            _byId.Clear();
            _byName.Clear();
            foreach (var user in _initial)
            {
                Add(user);
            }
        }
    }

    /// <summary>An active user (not deleted, enabled) by username, any case: what sign-in and tokens see.</summary>
    public User? FindActive(string username)
    {
        lock (_gate)
        {
            return _byName.TryGetValue(username, out var i) && _users[i].IsActive ? _users[i] : null;
        }
    }

    public User? FindActive(Guid id)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var i) && _users[i].IsActive ? _users[i] : null;
        }
    }

    /// <summary>Any user by id, deleted or disabled ones included.</summary>
    public User? Find(Guid id)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var i) ? _users[i] : null;
        }
    }

    /// <summary>Any user by username, any case, deleted or disabled ones included.</summary>
    public User? Find(string username)
    {
        lock (_gate)
        {
            return _byName.TryGetValue(username, out var i) ? _users[i] : null;
        }
    }

    /// <summary>One page of the users that pass the filter, in creation order, and whether more follow.</summary>
    public (List<User> Items, bool HasNext) Page(Func<User, bool> filter, PageRequest request)
    {
        lock (_gate)
        {
            return request.Cut(_users.Where(filter));
        }
    }

    public (UserWriteOutcome Outcome, User? User) Create(UserInput input)
    {
        lock (_gate)
        {
            if (_byName.ContainsKey(input.Username))
            {
                return (UserWriteOutcome.DuplicateUsername, null);
            }

            var fields = input.Fields;
            var user = new User(Guid.NewGuid(), input.Username, input.Password, fields.FirstName, fields.LastName, fields.Email,
                fields.Roles, fields.TenantIds, Enabled: true, Deleted: false, fields.PasswordPolicyName, fields.Locale);
            Add(user);
            return (UserWriteOutcome.Done, user);
        }
    }

    /// <summary>Replaces the updatable fields; <paramref name="mayManage"/> is asked about the stored record under the lock.</summary>
    public (UserWriteOutcome Outcome, User? User) Update(Guid id, UserUpdateInput input, Func<User, bool> mayManage)
    {
        lock (_gate)
        {
            var (outcome, index) = Writable(id, mayManage);
            if (outcome != UserWriteOutcome.Done)
            {
                return (outcome, null);
            }

            var updated = _users[index] with
            {
                FirstName = input.FirstName,
                LastName = input.LastName,
                Email = input.Email,
                Roles = input.Roles,
                TenantIds = input.TenantIds,
                PasswordPolicyName = input.PasswordPolicyName,
                Locale = input.Locale,
            };
            _users[index] = updated;
            return (UserWriteOutcome.Done, updated);
        }
    }

    /// <summary>Soft delete: the record stays, with <c>deleted</c> true, and keeps its username.</summary>
    public UserWriteOutcome Delete(Guid id, Func<User, bool> mayManage)
    {
        lock (_gate)
        {
            var (outcome, index) = Writable(id, mayManage);
            if (outcome == UserWriteOutcome.Done)
            {
                _users[index] = _users[index] with { Deleted = true };
            }

            return outcome;
        }
    }

    /// <summary>
    /// Sets a password. With <paramref name="oldPassword"/> given (a change of one's own password) it
    /// must match the current one. The new password must differ from the current one.
    /// </summary>
    public UserWriteOutcome SetPassword(Guid id, string? oldPassword, string newPassword, Func<User, bool> mayManage)
    {
        lock (_gate)
        {
            var (outcome, index) = Writable(id, mayManage);
            if (outcome != UserWriteOutcome.Done)
            {
                return outcome;
            }

            var user = _users[index];
            if (oldPassword is not null && !string.Equals(user.Password, oldPassword, StringComparison.Ordinal))
            {
                return UserWriteOutcome.WrongOldPassword;
            }

            if (string.Equals(user.Password, newPassword, StringComparison.Ordinal))
            {
                return UserWriteOutcome.SamePassword;
            }

            _users[index] = user with { Password = newPassword };
            return UserWriteOutcome.Done;
        }
    }

    private (UserWriteOutcome Outcome, int Index) Writable(Guid id, Func<User, bool> mayManage)
    {
        if (!_byId.TryGetValue(id, out var index))
        {
            return (UserWriteOutcome.NotFound, -1);
        }

        var user = _users[index];
        if (user.Deleted)
        {
            return (UserWriteOutcome.Deleted, index);
        }

        return mayManage(user) ? (UserWriteOutcome.Done, index) : (UserWriteOutcome.Forbidden, index);
    }

    private void Add(User user)
    {
        _byId[user.Id] = _users.Count;
        _byName[user.Username] = _users.Count;
        _users.Add(user);
    }
}
