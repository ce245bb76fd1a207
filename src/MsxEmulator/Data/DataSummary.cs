using System.Collections;
using System.Reflection;

namespace MsxEmulator.Data;

/// <summary>
/// What the emulator starts with, said at start-up: a count of every collection in
/// <see cref="EmulatorData"/> (found by reflection, so a collection added later is counted too), and a
/// warning when a data file leaves nobody able to log in.
/// </summary>
public static class DataSummary
{
    /// <summary>"clients: 2, users: 3, tenants: 4", in the order EmulatorData declares them.</summary>
    public static string Counts(EmulatorData data) =>
        string.Join(", ", typeof(EmulatorData).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.Name, Value: p.GetValue(data) as ICollection))
            .Where(p => p.Value is not null)
            .Select(p => $"{char.ToLowerInvariant(p.Name[0])}{p.Name[1..]}: {p.Value!.Count}"));

    /// <summary>Warnings for a data file without clients or without users (every login then fails).</summary>
    public static IEnumerable<string> Warnings(EmulatorData data, string? dataFile)
    {
        if (dataFile is null)
        {
            yield break;
        }

        const string Why = "a data file replaces the built-in clients and users instead of adding to them (--help lists the built-in ones, to copy into the file).";
        if (data.Clients.Count == 0)
        {
            yield return $"{dataFile} has no clients, so every login will fail (the token endpoint answers invalid_client): {Why}";
        }

        if (data.Users.Count == 0)
        {
            yield return $"{dataFile} has no users, so every login will fail (the password grant answers invalid_grant): {Why}";
        }
    }
}
