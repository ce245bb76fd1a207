namespace MsxPowerShell.Client.Resources;

/// <summary>
/// The roles of <c>/idm/api/v8/roles</c>: read-only, found by name (<c>roles/name/{name}</c>) or by ids
/// (<c>roles/list?ids=…</c>), never listed whole (the spec has no such operation). Reads go through the
/// session's <see cref="RoleCatalog"/>.
/// </summary>
public static class RoleResource
{
    public static readonly MsxResource<MsxRole> Declaration = new(
        "Role",
        "idm/api/v8/roles",
        UserJsonContext.Default.MsxRole,
        UserJsonContext.Default.ListMsxRole,
        r => r.Id.ToString(),
        r => r.Name)
    {
        ListByIdsPath = "list",
        Paged = false,
    };

    public static ResourceClient<MsxRole> RoleDefinitions(this MsxApiClient client) => client.For(Declaration);

    public static string ByNamePath(string name) => Declaration.KeyPath("name", name, "MsxInvalidRoleName", "role name");
}
