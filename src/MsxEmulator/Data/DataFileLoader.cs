namespace MsxEmulator.Data;

/// <summary>Reads a --data file into clients, users, roles and tenant seeds; any problem is a <see cref="DataException"/>.</summary>
public static class DataFileLoader
{
    /// <summary>Roles is null when the file has no <c>roles</c> key (the built-in catalog applies).</summary>
    public static (IReadOnlyList<Client> Clients, IReadOnlyList<User> Users, IReadOnlyList<TenantSeed> Tenants, IReadOnlyList<Role>? Roles) Load(string path)
    {
        var file = Read(path);
        if (file is null)
        {
            throw new DataException($"{path} holds null; expected an object with clients, users and tenants.");
        }

        var clients = (file.Clients ?? []).Select((c, i) => ToClient(c, i)).ToList();
        var tenants = (file.Tenants ?? []).Select((t, i) => ToTenant(t, i)).ToList();
        var users = (file.Users ?? []).Select((u, i) => ToUser(u, i)).ToList();
        var roles = file.Roles?.Select((r, i) => ToRole(r, i)).ToList();
        return (clients, users, tenants, roles);
    }

    /// <summary>The whole file as <see cref="DataFile"/> (null when it holds null); a misspelled key anywhere is an error.</summary>
    public static DataFile? Read(string path) => DataFileReading.Parse(path, content =>
    {
        // A UTF-8 byte order mark is allowed (Windows editors write one); the reader of bytes does not skip it.
        var json = content.AsSpan();
        json = json.StartsWith(System.Text.Encoding.UTF8.Preamble) ? json[System.Text.Encoding.UTF8.Preamble.Length..] : json;
        return JsonSerializer.Deserialize(json, DataFileJsonContext.Default.DataFile);
    }, (content, e) => DataFileErrors.Describe(path, content, e));

    private static Client ToClient(ClientEntry? entry, int index)
    {
        var where = $"clients[{index}]";
        if (entry is null)
        {
            throw new DataException($"{where} is null.");
        }

        if (string.IsNullOrEmpty(entry.ClientId))
        {
            throw new DataException($"{where}: clientId is required.");
        }

        if (entry.ClientSecret is null)
        {
            throw new DataException($"{where} ('{entry.ClientId}'): clientSecret is required.");
        }

        var access = entry.AccessTokenValiditySeconds ?? 9000;
        var refresh = entry.RefreshTokenValiditySeconds ?? 18000;
        if (access <= 0 || refresh <= 0)
        {
            throw new DataException($"{where} ('{entry.ClientId}'): token validity seconds must be greater than 0.");
        }

        return new Client(
            entry.ClientId,
            entry.ClientSecret,
            new HashSet<string>((entry.GrantTypes ?? []).Where(g => g is not null), StringComparer.Ordinal),
            (entry.Scopes ?? []).Where(s => s is not null).Distinct(StringComparer.Ordinal).ToList(),
            access,
            refresh);
    }

    private static User ToUser(UserEntry? entry, int index)
    {
        var where = $"users[{index}]";
        if (entry is null)
        {
            throw new DataException($"{where} is null.");
        }

        if (string.IsNullOrEmpty(entry.Username))
        {
            throw new DataException($"{where}: username is required.");
        }

        where = $"{where} ('{entry.Username}')";
        if (entry.Password is null)
        {
            throw new DataException($"{where}: password is required.");
        }

        // The spec's User requires both (UserUpdate.required), so users/current must always answer them: a
        // file that leaves them out gets the built-in data's convention (the username, <username>@example.com).
        entry.LastName ??= entry.Username;
        entry.Email ??= entry.Username + "@example.com";
        if (!TenantRules.IsWellFormedEmail(entry.Email))
        {
            throw new DataException($"{where}: email '{entry.Email}' is not a well-formed email address.");
        }

        var id = entry.Id is null
            ? Roles.StableId("msx-emulator-user:" + entry.Username)
            : ParseGuid(entry.Id, $"{where}: id");
        var tenantIds = (entry.TenantIds ?? []).Select(t => ParseGuid(t, $"{where}: tenantIds")).Distinct().ToList();
        var roles = (entry.Roles ?? []).Where(r => r is not null).Distinct(StringComparer.Ordinal).ToList();
        return new User(id, entry.Username, entry.Password, entry.FirstName, entry.LastName, entry.Email, roles, tenantIds,
            Enabled: ParseFlag(entry.Status, true, $"{where}: status"),
            Deleted: ParseFlag(entry.Deleted, false, $"{where}: deleted"),
            PasswordPolicyName: entry.PasswordPolicyName ?? PasswordPolicies.Default,
            Locale: entry.Locale ?? "en_US");
    }

    private static Role ToRole(RoleEntry? entry, int index)
    {
        var where = $"roles[{index}]";
        if (entry is null)
        {
            throw new DataException($"{where} is null.");
        }

        if (string.IsNullOrEmpty(entry.Name))
        {
            throw new DataException($"{where}: name is required.");
        }

        where = $"{where} ('{entry.Name}')";
        var id = entry.Id is null ? Roles.RoleId(entry.Name) : ParseGuid(entry.Id, $"{where}: id");
        var permissions = (entry.Permissions ?? []).Where(p => p is not null).Distinct(StringComparer.Ordinal).ToList();
        return new Role(id, entry.Name, entry.Description ?? string.Empty, permissions);
    }

    /// <summary>The spec's "true"/"false" strings, or JSON booleans; absent or null gives the default.</summary>
    private static bool ParseFlag(JsonElement? value, bool absent, string what)
    {
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return absent;
        }

        return element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when element.GetString() is "true" => true,
            JsonValueKind.String when element.GetString() is "false" => false,
            _ => throw new DataException($"{what} must be \"true\" or \"false\"."),
        };
    }

    private static TenantSeed ToTenant(TenantEntry? entry, int index)
    {
        var where = $"tenants[{index}]";
        if (entry is null)
        {
            throw new DataException($"{where} is null.");
        }

        if (entry.Name is null)
        {
            throw new DataException($"{where}: name is required.");
        }

        where = $"{where} ('{entry.Name}')";
        return new TenantSeed(
            entry.Id is null ? Guid.NewGuid() : ParseGuid(entry.Id, $"{where}: id"),
            new TenantInput(
                entry.Name,
                entry.Description,
                entry.Url,
                entry.Image,
                entry.Email,
                entry.ParentId is null ? null : ParseGuid(entry.ParentId, $"{where}: parentId"),
                entry.ExternalId),
            entry.Suspended,
            entry.CreatedOn is null ? null : ParseTime(entry.CreatedOn, $"{where}: createdOn"),
            entry.ModifiedOn is null ? null : ParseTime(entry.ModifiedOn, $"{where}: modifiedOn"));
    }

    private static Guid ParseGuid(string? text, string what) =>
        Guid.TryParse(text, out var id) ? id : throw new DataException($"{what} '{text}' is not a uuid.");

    private static DateTime ParseTime(string text, string what) =>
        Timestamps.TryParse(text, out var value) ? value : throw new DataException($"{what} '{text}' is not an ISO-8601 date-time.");
}
