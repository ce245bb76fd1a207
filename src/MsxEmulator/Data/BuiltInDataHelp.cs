using System.Text;

namespace MsxEmulator.Data;

/// <summary>The --help text for the built-in data, written from <see cref="BuiltInData"/> so it never drifts.</summary>
public static class BuiltInDataHelp
{
    public static string Text()
    {
        var tenantNames = BuiltInData.Tenants().ToDictionary(t => t.Id, t => t.Fields.Name);
        var text = new StringBuilder();
        text.AppendLine("Built-in data (used when there is no --data file; these are test values from Cisco's seed guide):");
        text.AppendLine();
        text.AppendLine("  Clients (HTTP Basic on POST /idm/v2/token):");
        foreach (var client in BuiltInData.Clients())
        {
            text.AppendLine($"    client id: {client.ClientId}");
            text.AppendLine($"      secret:  {client.ClientSecret}");
            text.AppendLine($"      grants:  {string.Join(", ", client.GrantTypes.Order(StringComparer.Ordinal))}");
        }

        text.AppendLine();
        text.AppendLine("  Users (password grant):");
        foreach (var user in BuiltInData.Users())
        {
            var tenants = user.TenantIds.Select(id => tenantNames.TryGetValue(id, out var name) ? name : id.ToString());
            text.AppendLine($"    username: {user.Username}");
            text.AppendLine($"      password: {user.Password}");
            text.AppendLine($"      roles:    {string.Join(", ", user.Roles)}");
            text.AppendLine($"      tenants:  {string.Join(", ", tenants)}");
        }

        return text.ToString().TrimEnd();
    }
}
