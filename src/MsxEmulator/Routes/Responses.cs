using System.Text.Json.Serialization.Metadata;

namespace MsxEmulator.Routes;

/// <summary>Writes JSON answers and the two error shapes (the spec's Error, and RFC 6749 for tokens).</summary>
public static class Responses
{
    public const string BadRequest = "BAD_REQUEST";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowedCode = "METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string TenantAlreadyExists = "TENANT_ALREADY_EXISTS";
    public const string TenantHasChildren = "TENANT_HAS_CHILDREN";
    public const string InternalError = "INTERNAL_ERROR";

    public static Task Json<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, typeInfo, contentType: "application/json", context.RequestAborted);
    }

    public static Task Error(HttpContext context, int status, string code, string message) =>
        Json(context, status, new ErrorBody(code, message), EmulatorJsonContext.Wire.ErrorBody);

    public static Task OAuthError(HttpContext context, int status, string error, string description) =>
        Json(context, status, new OAuthErrorBody(error, description), EmulatorJsonContext.Wire.OAuthErrorBody);

    public static Task NoContent(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Set once at start-up by the spec-driven layer: serves a method that a hand-written path does not offer
    /// but the spec does, else answers 405.
    /// </summary>
    public static Func<HttpContext, string[], Task>? MethodFallback { get; set; }

    public static Task MethodNotAllowed(HttpContext context, params string[] allowed) =>
        MethodFallback is { } fallback ? fallback(context, allowed) : MethodNotAllowedHere(context, allowed);

    /// <summary>405 with an <c>Allow</c> header, without asking the spec-driven layer.</summary>
    public static Task MethodNotAllowedHere(HttpContext context, params string[] allowed)
    {
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Error(context, StatusCodes.Status405MethodNotAllowed, MethodNotAllowedCode,
            $"Request method '{context.Request.Method}' is not supported; use {string.Join(" or ", allowed)}.");
    }

    public static Task RouteNotFound(HttpContext context) =>
        Error(context, StatusCodes.Status404NotFound, NotFound, $"No resource at {context.Request.Path}.");
}
