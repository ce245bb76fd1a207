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

    protected override void ReadItems(MsxApiClient client, List<MsxRole> into, CancellationToken token) =>
        RoleCatalog.Of(client).VisibleAsync(into, token).GetAwaiter().GetResult();
}
