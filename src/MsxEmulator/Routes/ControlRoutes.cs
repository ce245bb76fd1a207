using System.Text.Json;
using MsxEmulator.Faults;
using MsxEmulator.Json;
using MsxEmulator.Spec;
using MsxEmulator.State;

namespace MsxEmulator.Routes;

/// <summary>The <c>/_emulator/*</c> control API, mapped only with --control.</summary>
public static class ControlRoutes
{
    public const string Prefix = "/_emulator";

    public static bool IsControlPath(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public static void MapControlRoutes(this IEndpointRouteBuilder app, EmulatorState state, FaultInjector faults, RequestLog log, ManageState manage, WorkflowState workflows, WorkflowTargetState targets, SpecLoader spec)
    {
        app.Map(Prefix + "/faults", context => context.Request.Method switch
        {
            "GET" => Responses.Json(context, StatusCodes.Status200OK, faults.List(), EmulatorJsonContext.Wire.ListFaultBody),
            "POST" => AddFault(context, faults),
            "DELETE" => Clear(context, faults.Clear),
            _ => Responses.MethodNotAllowed(context, "GET", "POST", "DELETE"),
        });
        app.Map(Prefix + "/reset", context => HttpMethods.IsPost(context.Request.Method)
            ? Clear(context, () =>
            {
                state.Reset();
                manage.Reset();
                workflows.Reset();
                targets.Reset();
                spec.Reset();
                faults.Clear();
                log.Clear();
            })
            : Responses.MethodNotAllowed(context, "POST"));
        app.Map(Prefix + "/requests", context => context.Request.Method switch
        {
            "GET" => Responses.Json(context, StatusCodes.Status200OK, log.Snapshot(), EmulatorJsonContext.Wire.ListRequestEntryBody),
            "DELETE" => Clear(context, log.Clear),
            _ => Responses.MethodNotAllowed(context, "GET", "DELETE"),
        });
        app.Map(Prefix + "/stats", context =>
        {
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                return Responses.MethodNotAllowed(context, "GET");
            }

            var (requests, tokenRequests) = log.Counts();
            return Responses.Json(context, StatusCodes.Status200OK, new StatsBody(requests, tokenRequests, state.TenantCount),
                EmulatorJsonContext.Wire.StatsBody);
        });
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
        catch (ApiFailure failure)
        {
            await Responses.Error(context, failure.Status, failure.Code, failure.Message);
            return;
        }
        catch (JsonException e)
        {
            await Responses.Error(context, StatusCodes.Status400BadRequest, Responses.BadRequest, "Malformed fault: " + e.Message);
            return;
        }

        string? error = "The fault must be a JSON object.";
        var fault = request is null ? null : faults.Add(request, out error);
        if (fault is null)
        {
            await Responses.Error(context, StatusCodes.Status400BadRequest, Responses.BadRequest, error ?? "Malformed fault.");
            return;
        }

        await Responses.Json(context, StatusCodes.Status201Created, fault.ToBody(), EmulatorJsonContext.Wire.FaultBody);
    }
}
