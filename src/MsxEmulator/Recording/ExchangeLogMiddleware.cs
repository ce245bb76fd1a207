using System.Text;
using MsxEmulator.Faults;

namespace MsxEmulator.Recording;

/// <summary>
/// Records every non-control request with its answer in the --exchange-log: the request body (read
/// again from a buffered copy after the route has read it), and the answer exactly as the client got
/// it, faults included (a fault's own body is not recorded: it is whatever a test chose, maybe secrets).
/// </summary>
public static class ExchangeLogMiddleware
{
    public static async Task Invoke(HttpContext context, Func<Task> next, ExchangeLog log)
    {
        if (ControlRoutes.IsControlPath(context.Request.Path))
        {
            await next();
            return;
        }

        var at = DateTime.UtcNow;
        context.Request.EnableBuffering();
        var original = context.Response.Body;
        var capture = new CapturingStream(original, ExchangeLog.BodyLimit);
        context.Response.Body = capture;
        try
        {
            await next();
            try
            {
                // Anything a route left unflushed in the body writer must reach the capture before it is
                // unhooked; an empty flush is skipped, since it would start the response early (chunked).
                var writer = context.Response.BodyWriter;
                if (!writer.CanGetUnflushedBytes || writer.UnflushedBytes > 0)
                {
                    await writer.FlushAsync(context.RequestAborted);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
                // The client is gone; the exchange is recorded as dropped below.
            }
        }
        finally
        {
            context.Response.Body = original;
            await RecordAsync(context, log, at, capture);
            await capture.DisposeAsync();
        }
    }

    private static async Task RecordAsync(HttpContext context, ExchangeLog log, DateTime at, CapturingStream capture)
    {
        var request = context.Request;
        var (requestBody, requestTruncated) = await ReadRequestBodyAsync(request);
        var dropped = context.Items.ContainsKey(FaultMiddleware.DroppedItemKey) || context.RequestAborted.IsCancellationRequested;
        var fault = context.Items.ContainsKey(FaultMiddleware.AppliedItemKey);
        var responseContentType = dropped ? null : context.Response.ContentType;
        string? responseBody = null;
        if (!dropped && !fault)
        {
            var bytes = capture.Captured;
            responseBody = bytes.Length == 0 ? null : Redaction.Body(Encoding.UTF8.GetString(bytes), responseContentType);
        }

        log.Write(new Exchange(
            at,
            request.Method,
            request.Path.Value ?? "/",
            Redaction.Form(request.QueryString.Value ?? string.Empty),
            request.ContentType,
            requestBody is null ? null : Redaction.Body(requestBody, request.ContentType),
            requestTruncated,
            dropped ? 0 : context.Response.StatusCode,
            responseContentType,
            responseBody,
            !dropped && !fault && capture.Truncated,
            fault,
            dropped,
            request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null));
    }

    private static async Task<(string? Body, bool Truncated)> ReadRequestBodyAsync(HttpRequest request)
    {
        try
        {
            var body = request.Body;
            if (!body.CanSeek)
            {
                return (null, false);
            }

            body.Position = 0;
            var buffer = new byte[ExchangeLog.BodyLimit + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
            {
                length += read;
            }

            if (length == 0)
            {
                return (null, false);
            }

            var truncated = length > ExchangeLog.BodyLimit;
            return (Encoding.UTF8.GetString(buffer, 0, Math.Min(length, ExchangeLog.BodyLimit)), truncated);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException
            or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // A dropped or aborted request has no body left to read.
            return (null, false);
        }
    }
}
