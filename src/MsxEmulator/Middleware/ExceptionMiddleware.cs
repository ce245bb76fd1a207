namespace MsxEmulator.Middleware;

/// <summary>Turns an unexpected exception into 500 with the spec's Error body (code INTERNAL_ERROR).</summary>
public static class ExceptionMiddleware
{
    public static async Task Invoke(HttpContext context, Func<Task> next, ILogger logger)
    {
        try
        {
            await next();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            logger.LogError(e, "Unhandled error serving {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await Responses.Error(context, StatusCodes.Status500InternalServerError, Responses.InternalError,
                "The emulator failed to serve the request: " + e.Message);
        }
    }
}
