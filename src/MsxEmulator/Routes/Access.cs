namespace MsxEmulator.Routes;

/// <summary>
/// The one way every hand-written route is registered and entered. A path is a table of operations, one per
/// method: a method the path does not offer is 405 (after asking the spec-driven layer); an
/// <see cref="ApiFailure"/> becomes the spec's Error body. An API operation (<see cref="AccessOperation"/>,
/// every <c>/{service}/api/v8</c> path) also needs the token's user to still exist (401 with the Error body,
/// the same on every route) and the user's roles to hold its permission in the role catalog (403); an open
/// operation (<see cref="OpenOperation"/>: the token endpoints and the control API) runs without a user.
/// </summary>
public static class Access
{
    /// <summary>Maps an API path: each operation runs for the token's user after the checks of <see cref="Dispatch"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorState state, string pattern, params AccessOperation[] operations) =>
        MapTable(app, pattern, null, [.. operations.Select(o => (o.Method, (Func<HttpContext, Task>)(c => Dispatch(c, state, o.Permission, o.Run))))]);

    /// <summary>
    /// Maps a path that needs no user (token endpoints, control API); <paramref name="everyAnswer"/>, when given,
    /// runs first on every request of the path, a 405 included.
    /// </summary>
    public static void MapOpen(IEndpointRouteBuilder app, string pattern, Action<HttpContext>? everyAnswer, params OpenOperation[] operations) =>
        MapTable(app, pattern, everyAnswer, [.. operations.Select(o => (o.Method, (Func<HttpContext, Task>)(c => Guard(c, o.Run))))]);

    /// <inheritdoc cref="MapOpen(IEndpointRouteBuilder, string, Action{HttpContext}?, OpenOperation[])"/>
    public static void MapOpen(IEndpointRouteBuilder app, string pattern, params OpenOperation[] operations) =>
        MapOpen(app, pattern, null, operations);

    public static AccessOperation Get(string? permission, Func<HttpContext, User, AccessTokenRecord, Task> run) => new("GET", permission, run);

    public static AccessOperation Post(string? permission, Func<HttpContext, User, AccessTokenRecord, Task> run) => new("POST", permission, run);

    public static AccessOperation Put(string? permission, Func<HttpContext, User, AccessTokenRecord, Task> run) => new("PUT", permission, run);

    public static AccessOperation Patch(string? permission, Func<HttpContext, User, AccessTokenRecord, Task> run) => new("PATCH", permission, run);

    public static AccessOperation Delete(string? permission, Func<HttpContext, User, AccessTokenRecord, Task> run) => new("DELETE", permission, run);

    public static OpenOperation Open(string method, Func<HttpContext, Task> run) => new(method, run);

    /// <summary>Runs one API operation for the token's user after the checks above.</summary>
    public static Task Dispatch(HttpContext context, EmulatorState state, string? permission, Func<HttpContext, User, AccessTokenRecord, Task> operation)
    {
        var token = BearerAuthentication.CurrentToken(context);
        var user = state.FindUser(token.Username);
        if (user is null)
        {
            return Responses.Error(context, StatusCodes.Status401Unauthorized, Responses.Unauthenticated, "The token's user no longer exists.");
        }

        if (permission is not null && !state.Permits(user, permission))
        {
            return Responses.Error(context, StatusCodes.Status403Forbidden, Responses.Forbidden,
                $"User {user.Username} lacks the {permission} permission.");
        }

        return Guard(context, c => operation(c, user, token));
    }

    private static void MapTable(IEndpointRouteBuilder app, string pattern, Action<HttpContext>? everyAnswer,
        (string Method, Func<HttpContext, Task> Run)[] operations)
    {
        var allowed = operations.Select(o => o.Method).ToArray();
        app.Map(pattern, context =>
        {
            everyAnswer?.Invoke(context);
            var match = operations.FirstOrDefault(o => o.Method == context.Request.Method);
            return match.Run is null ? Responses.MethodNotAllowed(context, allowed) : match.Run(context);
        });
    }

    /// <summary>Runs an operation, answering an <see cref="ApiFailure"/> with the spec's Error body.</summary>
    private static async Task Guard(HttpContext context, Func<HttpContext, Task> operation)
    {
        try
        {
            await operation(context);
        }
        catch (ApiFailure failure)
        {
            await Responses.Error(context, failure.Status, failure.Code, failure.Message);
        }
    }
}
