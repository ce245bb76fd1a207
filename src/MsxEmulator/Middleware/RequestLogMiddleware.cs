using MsxEmulator.Faults;
using MsxEmulator.Recording;

namespace MsxEmulator.Middleware;

/// <summary>
/// Records every non-control request in the request log, and prints it with --verbose; the value of a
/// secret-looking query parameter (password, client_secret, token, …) is masked in both, as in the exchange log. The entry is
/// recorded before the client can see the answer (when the response starts, or just before a drop), so a
/// client that reads the log right after a call always finds that call in it.
/// </summary>
public static class RequestLogMiddleware
{
    /// <summary>Key of an <see cref="Action"/> in HttpContext.Items that records the request as dropped.</summary>
    public const string RecordDropKey = "msx-emulator-record-drop";

    public static async Task Invoke(HttpContext context, Func<Task> next, RequestLog log, bool verbose)
    {
        if (ControlRoutes.IsControlPath(context.Request.Path))
        {
            await next();
            return;
        }

        var at = DateTime.UtcNow;
        var arrivedIn = log.Generation;
        var recorded = 0;
        void Record(int status)
        {
            if (Interlocked.Exchange(ref recorded, 1) != 0)
            {
                return;
            }

            var entry = new RequestEntryBody(context.Request.Method, context.Request.Path.Value ?? "/",
                Redaction.Form(context.Request.QueryString.Value ?? string.Empty), status, Timestamps.Millis(at));
            log.Add(entry, arrivedIn);
            if (verbose)
            {
                Console.Out.WriteLine($"{Timestamps.Millis(at)} {entry.Method} {entry.Path}{entry.Query} -> {(status == 0 ? "dropped" : status)}");
            }
        }

        context.Items[RecordDropKey] = (Action)(() => Record(0));
        context.Response.OnStarting(() =>
        {
            Record(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await next();
        }
        finally
        {
            Record(context.Items.ContainsKey(FaultMiddleware.DroppedItemKey) ? 0 : context.Response.StatusCode);
        }
    }
}
