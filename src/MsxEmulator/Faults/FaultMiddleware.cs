using System.Text;

namespace MsxEmulator.Faults;

/// <summary>Applies injected faults: delay, a replacement status/body, or a dropped connection, before or after the real operation.</summary>
public static class FaultMiddleware
{
    public const string DroppedItemKey = "msx-emulator-dropped";

    /// <summary>Set in HttpContext.Items when a fault answers the request (a status or a drop), not only delays it.</summary>
    public const string AppliedItemKey = "msx-emulator-fault-applied";

    public static async Task Invoke(HttpContext context, Func<Task> next, FaultInjector faults)
    {
        if (ControlRoutes.IsControlPath(context.Request.Path))
        {
            await next();
            return;
        }

        var fault = faults.TryTake(context.Request.Method, context.Request.Path.Value ?? "/");
        if (fault is null)
        {
            await next();
            return;
        }

        var replaces = fault.Drop || fault.Status is not null;
        if (replaces)
        {
            context.Items[AppliedItemKey] = true;
        }

        if (replaces && fault.AfterCommit)
        {
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next();
            }
            finally
            {
                context.Response.Body = original;
            }

            context.Response.Clear();
        }

        if (fault.DelayMs > 0)
        {
            try
            {
                await Task.Delay(fault.DelayMs, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                context.Items[DroppedItemKey] = true;
                return;
            }
        }

        if (!replaces)
        {
            await next();
            return;
        }

        if (fault.Drop)
        {
            context.Items[DroppedItemKey] = true;
            if (context.Items[Middleware.RequestLogMiddleware.RecordDropKey] is Action recordDrop)
            {
                recordDrop();
            }

            context.Abort();
            return;
        }

        var response = context.Response;
        response.StatusCode = fault.Status!.Value;
        if (fault.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        if (fault.Body is not null)
        {
            response.ContentType = fault.ContentType ?? "text/plain; charset=utf-8";
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(fault.Body), context.RequestAborted);
            return;
        }

        if (fault.Status is >= 200 and not 204 and not 304)
        {
            await Responses.Json(context, fault.Status.Value,
                new ErrorBody("FAULT_INJECTED", $"Fault {fault.Id} injected by the emulator: status {fault.Status}."),
                EmulatorJsonContext.Wire.ErrorBody);
        }
    }
}
