using MsxEmulator.Data;
using MsxEmulator.Json;
using MsxEmulator.State;

namespace MsxEmulator.Routes;

/// <summary><c>GET /idm/api/v8/users/current</c>: the token's user (the target user for a switched-user token).</summary>
public static class UserRoutes
{
    public static void MapUserRoutes(this IEndpointRouteBuilder app, EmulatorState state)
    {
        app.Map("/idm/api/v8/users/current", context =>
        {
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                return Responses.MethodNotAllowed(context, "GET");
            }

            var token = BearerAuthentication.CurrentToken(context);
            var user = state.FindUser(token.Username);
            if (user is null)
            {
                return Responses.Error(context, StatusCodes.Status401Unauthorized, Responses.Unauthenticated,
                    "The token's user no longer exists.");
            }

            var body = new UserBody(
                user.Id,
                "true",
                "false",
                user.Username,
                user.FirstName,
                user.LastName,
                user.Email,
                user.Roles.Select(Roles.RoleId).ToList(),
                user.TenantIds,
                "ppolicy_default",
                "en_US",
                null);
            return Responses.Json(context, StatusCodes.Status200OK, body, EmulatorJsonContext.Wire.UserBody);
        });
    }
}
