namespace MsxEmulator.Routes;

/// <summary><c>GET/POST /_emulator/clock</c>: read the emulator's clock, and move it when it is manual (--manual-clock).</summary>
public static class ClockRoutes
{
    public const string ClockNotManual = "CLOCK_NOT_MANUAL";

    public static void MapClockRoutes(this IEndpointRouteBuilder app, EmulatorClock clock)
    {
        Access.MapOpen(app, ControlRoutes.Prefix + "/clock",
            Access.Open("GET", c => Answer(c, clock, clock.UtcNow)),
            Access.Open("POST", c => Move(c, clock)));
    }

    private static Task Answer(HttpContext context, EmulatorClock clock, DateTime now) =>
        Responses.Json(context, StatusCodes.Status200OK, new ClockBody(Timestamps.Millis(now), clock.IsManual), EmulatorJsonContext.Wire.ClockBody);

    private static async Task Move(HttpContext context, EmulatorClock clock)
    {
        DateTime? set = null;
        long advanceMs = 0;
        using (var document = await RequestReading.ReadJsonObject(context))
        {
            var body = document.RootElement;
            var seen = false;
            foreach (var property in body.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "advanceMs":
                        seen = true;
                        if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out advanceMs)
                            || advanceMs < 0 || advanceMs > EmulatorClock.MaxAdvanceMs)
                        {
                            throw ApiFailure.BadRequest($"advanceMs: must be a whole number from 0 to {EmulatorClock.MaxAdvanceMs}");
                        }

                        break;
                    case "set":
                        seen = true;
                        if (property.Value.ValueKind != JsonValueKind.String
                            || !Timestamps.TryParse(property.Value.GetString()!, out var target))
                        {
                            throw ApiFailure.BadRequest("set: must be an ISO-8601 date-time string");
                        }

                        set = target;
                        break;
                    default:
                        throw ApiFailure.BadRequest($"{property.Name}: unknown property; use advanceMs and/or set");
                }
            }

            if (!seen)
            {
                throw ApiFailure.BadRequest("Give advanceMs (milliseconds to move forward) and/or set (an ISO-8601 time).");
            }
        }

        if (!clock.IsManual)
        {
            throw new ApiFailure(StatusCodes.Status409Conflict, ClockNotManual,
                "The emulator runs on the system clock; start it with --manual-clock to move the clock.");
        }

        DateTime now;
        try
        {
            now = clock.Move(set, advanceMs);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw ApiFailure.BadRequest("advanceMs: the clock would pass the end of time");
        }

        await Answer(context, clock, now);
    }
}
