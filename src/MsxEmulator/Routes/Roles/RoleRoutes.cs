namespace MsxEmulator.Routes;

/// <summary>
/// <c>GET /idm/api/v8/roles/list?ids=…</c> and <c>GET /idm/api/v8/roles/name/{name}</c>. Roles are
/// readable by every active user; the spec has no way to list them without ids, nor to write them.
/// </summary>
public static class RoleRoutes
{
    public const string BasePath = "/idm/api/v8/roles";

    public static void MapRoleRoutes(this IEndpointRouteBuilder app, EmulatorState state)
    {
        Access.Map(app, state, BasePath + "/list", Access.Get(null, (c, _, _) => List(c, state.RoleCatalog)));
        Access.Map(app, state, BasePath + "/name/{name}", Access.Get(null, (c, _, _) => ByName(c, state.RoleCatalog)));
    }

    public static RoleBody ToBody(Role role) => new(role.Id, role.Name, role.Description, role.Permissions);

    private static Task List(HttpContext context, RoleCatalog catalog)
    {
        var roles = new List<RoleBody>();
        foreach (var id in RequestReading.RequiredUuidList(context, "ids"))
        {
            if (catalog.Find(id) is { } role)
            {
                roles.Add(ToBody(role));
            }
        }

        return Responses.Json(context, StatusCodes.Status200OK, roles, EmulatorJsonContext.Wire.ListRoleBody);
    }

    private static Task ByName(HttpContext context, RoleCatalog catalog)
    {
        var name = context.Request.RouteValues["name"] as string ?? string.Empty;
        var role = catalog.FindByName(name)
            ?? throw new ApiFailure(StatusCodes.Status404NotFound, Responses.NotFound, $"Role '{name}' not found.");
        return Responses.Json(context, StatusCodes.Status200OK, ToBody(role), EmulatorJsonContext.Wire.RoleBody);
    }
}
