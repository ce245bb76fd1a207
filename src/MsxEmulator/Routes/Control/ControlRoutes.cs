using MsxEmulator.Faults;

namespace MsxEmulator.Routes;

/// <summary>The <c>/_emulator/*</c> control API, mapped only with --control.</summary>
public static class ControlRoutes
{
    public const string Prefix = "/_emulator";

    public static bool IsControlPath(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public static void MapControlRoutes(this IEndpointRouteBuilder app, EmulatorState state, FaultInjector faults, RequestLog log, Resets resets)
    {
        Access.MapOpen(app, Prefix + "/faults",
            Access.Open("GET", c => Responses.Json(c, StatusCodes.Status200OK, faults.List(), EmulatorJsonContext.Wire.ListFaultBody)),
            Access.Open("POST", c => AddFault(c, faults)),
            Access.Open("DELETE", c => Clear(c, faults.Clear)));
        Access.MapOpen(app, Prefix + "/reset", Access.Open("POST", c => Clear(c, resets.ResetAll)));
        Access.MapOpen(app, Prefix + "/requests",
            Access.Open("GET", c => Responses.Json(c, StatusCodes.Status200OK, log.Snapshot(), EmulatorJsonContext.Wire.ListRequestEntryBody)),
            Access.Open("DELETE", c => Clear(c, log.Clear)));
        Access.MapOpen(app, Prefix + "/stats", Access.Open("GET", c =>
        {
            var (requests, tokenRequests) = log.Counts();
            return Responses.Json(c, StatusCodes.Status200OK, new StatsBody(requests, tokenRequests, state.TenantCount), EmulatorJsonContext.Wire.StatsBody);
        }));
    }

    private static Task Clear(HttpContext context, Action action)
    {
        action();
        return Responses.NoContent(context);
    }

    private static async Task AddFault(HttpContext context, FaultInjector faults)
    {
        FaultRequest? request;
        try
        {
            using var document = await RequestReading.ReadJsonObject(context);
            request = document.RootElement.Deserialize(EmulatorJsonContext.Wire.FaultRequest);
        }
        catch (JsonException e)
        {
            throw ApiFailure.BadRequest("Malformed fault: " + e.Message);
        }

        string? error = "The fault must be a JSON object.";
        var fault = request is null ? null : faults.Add(request, out error);
        var stored = fault ?? throw ApiFailure.BadRequest(error ?? "Malformed fault.");
        await Responses.Json(context, StatusCodes.Status201Created, stored.ToBody(), EmulatorJsonContext.Wire.FaultBody);
    }
}
