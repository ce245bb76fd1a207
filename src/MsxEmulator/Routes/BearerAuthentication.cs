namespace MsxEmulator.Routes;

/// <summary>Reads <c>Authorization: Bearer &lt;token&gt;</c> and finds the live token it names.</summary>
public static class BearerAuthentication
{
    private const string ItemKey = "msx-emulator-token";

    public static AccessTokenRecord? Authenticate(HttpContext context, TokenStore tokens)
    {
        string? header = context.Request.Headers.Authorization;
        const string Scheme = "Bearer ";
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = header[Scheme.Length..].Trim();
        return value.Length == 0 ? null : tokens.FindAccess(value);
    }

    /// <summary>Guards every /{service}/api/v{n}/* path (v8, and the incident service's v1): without a live bearer token the answer is 401 with an Error body.</summary>
    public static async Task Middleware(HttpContext context, Func<Task> next, TokenStore tokens)
    {
        if (IsV8ApiPath(context.Request.Path))
        {
            var token = Authenticate(context, tokens);
            if (token is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"idm\"";
                await Responses.Error(context, StatusCodes.Status401Unauthorized, Responses.Unauthenticated,
                    context.Request.Headers.Authorization.Count == 0
                        ? "Full authentication is required to access this resource."
                        : "The access token is invalid, expired or revoked.");
                return;
            }

            context.Items[ItemKey] = token;
        }

        await next();
    }

    /// <summary>Whether the path is under <c>/{service}/api/v{n}</c> (idm, manage, monitor, incident's v1, …).</summary>
    public static bool IsV8ApiPath(PathString path)
    {
        var segments = (path.Value ?? string.Empty).Split('/', 5);
        return segments.Length >= 4 && segments[0].Length == 0 && segments[1].Length > 0
            && segments[2].Equals("api", StringComparison.OrdinalIgnoreCase)
            && segments[3].Length > 1 && (segments[3][0] is 'v' or 'V') && segments[3][1..].All(char.IsAsciiDigit);
    }

    public static AccessTokenRecord CurrentToken(HttpContext context) =>
        context.Items[ItemKey] as AccessTokenRecord
        ?? throw new InvalidOperationException("The request was not authenticated.");
}
