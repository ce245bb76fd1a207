using MsxEmulator.Data;
using MsxEmulator.Faults;
using MsxEmulator.Json;
using MsxEmulator.Routes;
using MsxEmulator.State;

namespace MsxEmulator.Middleware;

/// <summary>Records every non-control request in the request log, and prints it with --verbose.</summary>
public static class RequestLogMiddleware
{
    public static async Task Invoke(HttpContext context, Func<Task> next, RequestLog log, bool verbose)
    {
        if (ControlRoutes.IsControlPath(context.Request.Path))
        {
            await next();
            return;
        }

        var at = DateTime.UtcNow;
        try
        {
            await next();
        }
        finally
        {
            var dropped = context.Items.ContainsKey(FaultMiddleware.DroppedItemKey);
            var status = dropped ? 0 : context.Response.StatusCode;
            var entry = new RequestEntryBody(context.Request.Method, context.Request.Path.Value ?? "/",
                context.Request.QueryString.Value ?? string.Empty, status, Timestamps.Millis(at));
            log.Add(entry);
            if (verbose)
            {
                Console.Out.WriteLine($"{Timestamps.Millis(at)} {entry.Method} {entry.Path}{entry.Query} -> {(dropped ? "dropped" : status)}");
            }
        }
    }
}
