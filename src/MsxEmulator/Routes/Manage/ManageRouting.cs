namespace MsxEmulator.Routes;

/// <summary>Routing and reading shared by the site, device and health routes.</summary>
public static class ManageRouting
{
    /// <summary>
    /// An array query parameter: repeated keys (<c>names=a&amp;names=b</c>) and comma-separated values
    /// (<c>names=a,b</c>) alike; empty parts are dropped and duplicates come once.
    /// </summary>
    public static List<string> QueryList(HttpContext context, string name)
    {
        var result = new List<string>();
        foreach (var value in context.Request.Query[name])
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!result.Contains(part, StringComparer.Ordinal))
                {
                    result.Add(part);
                }
            }
        }

        return result;
    }

    /// <summary>Reads a JSON body that must be an object.</summary>
    public static async Task<JsonFields> ReadObject(HttpContext context)
    {
        using var document = await RequestReading.ReadJsonObject(context);
        return new JsonFields(document.RootElement.Clone(), ignoreCase: false);
    }

    /// <summary>Reads a bare JSON array of ids (the body of the add/remove calls): at least one, each a non-empty string.</summary>
    public static async Task<List<string>> ReadIdArray(HttpContext context)
    {
        using var document = await RequestReading.ReadJson(context);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw ApiFailure.BadRequest("The request body must be a JSON array of ids.");
        }

        var ids = JsonFields.ReadIdArray(document.RootElement, "body");
        return ids.Count > 0 ? ids : throw ApiFailure.BadRequest("body: must contain at least 1 id");
    }

    public static string? PathText(HttpContext context, string name) => context.Request.RouteValues[name] as string;

    public static string Absolute(HttpContext context, string path)
    {
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
    }
}
