using MsxEmulator.Data;
using MsxEmulator.State;

namespace MsxEmulator.Routes;

/// <summary>One operation of a path: its method, the permission it needs (null: any signed-in user) and what it does.</summary>
public readonly record struct AccessOperation(string Method, string? Permission, Func<HttpContext, User, AccessTokenRecord, Task> Run);

/// <summary>
/// The one way in to every <c>/{service}/api/v8</c> operation: a method the path does not offer is 405; the
/// token's user must still exist (401 with the Error body, the same on every route); the user's roles must
/// hold the operation's permission in the role catalog (403 with the Error body); an <see cref="ApiFailure"/>
/// becomes the spec's Error body.
/// </summary>
public static class Access
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state, string pattern, params AccessOperation[] operations)
    {
        var allowed = operations.Select(o => o.Method).ToArray();
        app.Map(pattern, context =>
        {
            var match = operations.FirstOrDefault(o => o.Method == context.Request.Method);
            return match.Run is null
                ? Responses.MethodNotAllowed(context, allowed)
                : Dispatch(context, state, match.Permission, match.Run);
        });
    }

    public static AccessOperation Get(string? permission, Func<HttpContext, User, AccessTokenRecord, Task> run) => new("GET", permission, run);

    public static AccessOperation Post(string? permission, Func<HttpContext, User, AccessTokenRecord, Task> run) => new("POST", permission, run);

    public static AccessOperation Put(string? permission, Func<HttpContext, User, AccessTokenRecord, Task> run) => new("PUT", permission, run);

    public static AccessOperation Patch(string? permission, Func<HttpContext, User, AccessTokenRecord, Task> run) => new("PATCH", permission, run);

    public static AccessOperation Delete(string? permission, Func<HttpContext, User, AccessTokenRecord, Task> run) => new("DELETE", permission, run);

    /// <summary>Runs one operation for the token's user after the checks above.</summary>
    public static async Task Dispatch(HttpContext context, EmulatorState state, string? permission, Func<HttpContext, User, AccessTokenRecord, Task> operation)
    {
        var token = BearerAuthentication.CurrentToken(context);
        var user = state.FindUser(token.Username);
        if (user is null)
        {
            await Responses.Error(context, StatusCodes.Status401Unauthorized, Responses.Unauthenticated, "The token's user no longer exists.");
            return;
        }

        if (permission is not null && !state.Permits(user, permission))
        {
            await Responses.Error(context, StatusCodes.Status403Forbidden, Responses.Forbidden,
                $"User {user.Username} lacks the {permission} permission.");
            return;
        }

        try
        {
            await operation(context, user, token);
        }
        catch (ApiFailure failure)
        {
            await Responses.Error(context, failure.Status, failure.Code, failure.Message);
        }
    }
}
