using System;
using System.Collections.Generic;
using System.Threading;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;

namespace MsxPowerShell.Commands;

/// <summary>Completes user names (for -UserName) and ids (for -Id) from the session's live users.</summary>
public sealed class UserCompleter : ResourceCompleter<MsxUser>
{
    protected override MsxResource<MsxUser> Resource => UserResource.Declaration;
}

/// <summary>
/// Completes role names (-Role, -AddRole, -RemoveRole, Get-MsxRole -Name) and ids (-RoleId, Get-MsxRole -Id).
/// Roles cannot be listed, so the roles offered are the session's own, those read so far, and those its
/// users hold.
/// </summary>
public sealed class RoleCompleter : ResourceCompleter<MsxRole>
{
    protected override MsxResource<MsxRole> Resource => RoleResource.Declaration;

    protected override bool TakesName(string parameterName) => !parameterName.EndsWith("Id", StringComparison.OrdinalIgnoreCase);

    protected override void ReadItems(MsxApiClient client, List<MsxRole> into, CancellationToken token)
    {
        var catalog = RoleCatalog.Of(client);
        foreach (var name in client.Roles)
        {
            Add(into, catalog.FindByNameAsync(name, token).GetAwaiter().GetResult());
        }

        foreach (var role in catalog.Known)
        {
            Add(into, role);
        }

        var held = new HashSet<Guid>();
        try
        {
            using var pager = client.Users().List(new ListQuery(), token);
            while (pager.NextPageAsync(token).GetAwaiter().GetResult() is { } page)
            {
                foreach (var user in page)
                {
                    held.UnionWith(user.RoleIds);
                }
            }
        }
        catch (MsxApiException)
        {
            // A user who may not list users still gets its own roles and those read so far.
        }

        foreach (var role in catalog.GetByIdsAsync(held, token).GetAwaiter().GetResult())
        {
            Add(into, role);
        }
    }

    private static void Add(List<MsxRole> into, MsxRole? role)
    {
        if (role is not null && !into.Exists(r => r.Id == role.Id))
        {
            into.Add(role);
        }
    }
}
