using MsxEmulator.Data;
using MsxEmulator.State;

namespace MsxEmulator.Routes;

/// <summary>
/// The workflow service's way in, shared by its definitions, instances and targets: a method not offered is
/// 405, the token's user must still exist (401) and hold the operation's permission (403), and an
/// <see cref="ApiFailure"/> becomes the spec's Error body.
/// </summary>
internal static class WorkflowAccess
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state, string pattern,
        params (string Method, string Permission, Func<HttpContext, User, AccessTokenRecord, Task> Operation)[] operations)
    {
        var allowed = operations.Select(o => o.Method).ToArray();
        app.Map(pattern, context =>
        {
            var match = operations.FirstOrDefault(o => o.Method == context.Request.Method);
            return match.Operation is null
                ? Responses.MethodNotAllowed(context, allowed)
                : Dispatch(context, state, match.Permission, match.Operation);
        });
    }

    private static async Task Dispatch(HttpContext context, EmulatorState state, string permission, Func<HttpContext, User, AccessTokenRecord, Task> operation)
    {
        var token = BearerAuthentication.CurrentToken(context);
        var user = state.FindUser(token.Username);
        if (user is null)
        {
            await Responses.Error(context, StatusCodes.Status401Unauthorized, Responses.Unauthenticated, "The token's user no longer exists.");
            return;
        }

        if (!WorkflowPermissions.Has(user.Roles, permission))
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
