using System.Text.Json;
using MsxEmulator.Json;

namespace MsxEmulator.Data;

/// <summary>Reads a --data file into clients, users and tenant seeds; any problem is a <see cref="DataException"/>.</summary>
public static class DataFileLoader
{
    public static (IReadOnlyList<Client> Clients, IReadOnlyList<User> Users, IReadOnlyList<TenantSeed> Tenants) Load(string path)
    {
        DataFile? file;
        byte[] content = [];
        try
        {
            content = File.ReadAllBytes(path);
            // A UTF-8 byte order mark is allowed (Windows editors write one); the reader of bytes does not skip it.
            var json = content.AsSpan();
            json = json.StartsWith(System.Text.Encoding.UTF8.Preamble) ? json[System.Text.Encoding.UTF8.Preamble.Length..] : json;
            file = JsonSerializer.Deserialize(json, DataFileJsonContext.Default.DataFile);
        }
        catch (JsonException e)
        {
            throw new DataException(DataFileErrors.Describe(path, content, e), e);
        }
        catch (IOException e)
        {
            throw new DataException($"cannot read {path}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataException($"cannot read {path}: {e.Message}", e);
        }

        if (file is null)
        {
            throw new DataException($"{path} holds null; expected an object with clients, users and tenants.");
        }

        var clients = (file.Clients ?? []).Select((c, i) => ToClient(c, i)).ToList();
        var tenants = (file.Tenants ?? []).Select((t, i) => ToTenant(t, i)).ToList();
        var users = (file.Users ?? []).Select((u, i) => ToUser(u, i)).ToList();
        return (clients, users, tenants);
    }

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

        // The spec's User requires both (UserUpdate.required), so users/current can always answer them.
        if (entry.LastName is null)
        {
            throw new DataException($"{where}: lastName is required (the spec's User requires lastName and email).");
        }

        if (entry.Email is null || !TenantRules.IsWellFormedEmail(entry.Email))
        {
            throw new DataException(entry.Email is null
                ? $"{where}: email is required (the spec's User requires lastName and email)."
                : $"{where}: email '{entry.Email}' is not a well-formed email address.");
        }

        var id = entry.Id is null
            ? Roles.StableId("msx-emulator-user:" + entry.Username)
            : ParseGuid(entry.Id, $"{where}: id");
        var tenantIds = (entry.TenantIds ?? []).Select(t => ParseGuid(t, $"{where}: tenantIds")).Distinct().ToList();
        var roles = (entry.Roles ?? []).Where(r => r is not null).ToList();
        return new User(id, entry.Username, entry.Password, entry.FirstName, entry.LastName, entry.Email, roles, tenantIds);
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
            entry.Name,
            entry.Description,
            entry.Url,
            entry.Image,
            entry.Email,
            entry.ParentId is null ? null : ParseGuid(entry.ParentId, $"{where}: parentId"),
            entry.ExternalId,
            entry.Suspended,
            entry.CreatedOn is null ? null : ParseTime(entry.CreatedOn, $"{where}: createdOn"),
            entry.ModifiedOn is null ? null : ParseTime(entry.ModifiedOn, $"{where}: modifiedOn"));
    }

    private static Guid ParseGuid(string? text, string what) =>
        Guid.TryParse(text, out var id) ? id : throw new DataException($"{what} '{text}' is not a uuid.");

    private static DateTime ParseTime(string text, string what) =>
        Timestamps.TryParse(text, out var value) ? value : throw new DataException($"{what} '{text}' is not an ISO-8601 date-time.");
}
