namespace MsxEmulator.Routes;

/// <summary>The control calls of sites and devices (<c>--control</c> only): device health and status, config approval.</summary>
public static class ManageControlRoutes
{
    public static void MapManageControlRoutes(this IEndpointRouteBuilder app, ManageState manage)
    {
        Access.MapOpen(app, ControlRoutes.Prefix + "/devices/{id}/health", Access.Open("PUT", c => SetHealth(c, manage)));
        Access.MapOpen(app, ControlRoutes.Prefix + "/devices/{id}/status", Access.Open("PUT", c => SetStatus(c, manage)));
        Access.MapOpen(app, ControlRoutes.Prefix + "/config-approval",
            Access.Open("GET", c => Approval(c, manage)),
            Access.Open("PUT", c => SetApproval(c, manage)));
    }

    /// <summary><c>{"status":"up|down|unknown","description":…}</c>: what the health list answers for the device.</summary>
    private static async Task SetHealth(HttpContext context, ManageState manage)
    {
        var body = await ManageRouting.ReadObject(context);
        var status = body.String("status", required: true)!;
        if (!ManageRules.HealthStatuses.Contains(status, StringComparer.Ordinal))
        {
            throw ApiFailure.BadRequest($"status: '{status}' is not one of {string.Join(", ", ManageRules.HealthStatuses)}");
        }

        var description = body.String("description", 256);
        var id = ManageRouting.PathText(context, "id") ?? string.Empty;
        var result = manage.SetHealth(id, status, description, manage.Clock.NowMillis());
        await (result.Outcome == ManageOutcome.Done
            ? Responses.Json(context, StatusCodes.Status200OK, ManageBodies.HealthOf(result.Value!), EmulatorJsonContext.Wire.ResourceHealthBody)
            : throw ManageErrors.DeviceNotFound(id));
    }

    /// <summary><c>{"value","severity","lastUpdatedMessage","vulnerabilityState"}</c>, all optional: the device's overall status.</summary>
    private static async Task SetStatus(HttpContext context, ManageState manage)
    {
        var body = await ManageRouting.ReadObject(context);
        var value = body.NonNullString("value", 128, 1);
        var severity = body.NonNullString("severity", 128, 1);
        var message = body.NonNullString("lastUpdatedMessage", 128, 1);
        var vulnerability = body.NonNullString("vulnerabilityState", 16);
        if (vulnerability is not null && !ManageRules.VulnerabilityStates.Contains(vulnerability, StringComparer.Ordinal))
        {
            throw ApiFailure.BadRequest($"vulnerabilityState: '{vulnerability}' is not one of {string.Join(", ", ManageRules.VulnerabilityStates)}");
        }

        var id = ManageRouting.PathText(context, "id") ?? string.Empty;
        var result = manage.SetStatus(id, value, severity, message, vulnerability, manage.Clock.NowMillis());
        await (result.Outcome == ManageOutcome.Done
            ? Responses.Json(context, StatusCodes.Status200OK, ManageBodies.ToBody(result.Value!), EmulatorJsonContext.Wire.DeviceBody)
            : throw ManageErrors.DeviceNotFound(id));
    }

    private static Task Approval(HttpContext context, ManageState manage) =>
        Responses.Json(context, StatusCodes.Status200OK, new ConfigApprovalBody(manage.ConfigApproval), EmulatorJsonContext.Wire.ConfigApprovalBody);

    /// <summary><c>{"enabled":true|false}</c>: whether config updates answer 202 with a change request.</summary>
    private static async Task SetApproval(HttpContext context, ManageState manage)
    {
        var body = await ManageRouting.ReadObject(context);
        manage.ConfigApproval = body.Bool("enabled") ?? throw ApiFailure.BadRequest("enabled: must be true or false");
        await Approval(context, manage);
    }
}
