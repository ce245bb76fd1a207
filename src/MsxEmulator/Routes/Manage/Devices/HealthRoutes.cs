using static MsxEmulator.Routes.ManageRouting;

namespace MsxEmulator.Routes;

/// <summary><c>GET /monitor/api/v8/health/devices/list</c>: the health of the devices named by <c>ids</c>.</summary>
public static class HealthRoutes
{
    public const string DevicesListPath = "/monitor/api/v8/health/devices/list";

    public static void MapHealthRoutes(this IEndpointRouteBuilder app, EmulatorState tenants, ManageState manage)
    {
        var devices = new ManageOperations(tenants, ManageArea.Devices);
        Access.Map(app, tenants, DevicesListPath, devices.Get((c, caller) => DevicesList(c, caller, manage)));
    }

    /// <summary>In the order the ids were given; unknown devices and devices the caller may not read are left out.</summary>
    private static Task DevicesList(HttpContext context, ManageCaller caller, ManageState manage)
    {
        var ids = QueryList(context, "ids");
        if (ids.Count == 0)
        {
            throw ApiFailure.BadRequest("ids: required parameter is missing");
        }

        var health = ids
            .Select(manage.FindDevice)
            .Where(d => d is not null && caller.CanRead(d.TenantId))
            .Select(d => ManageBodies.HealthOf(d!))
            .ToList();
        return Responses.Json(context, StatusCodes.Status200OK, health, EmulatorJsonContext.Wire.ListResourceHealthBody);
    }
}
