namespace MsxContract.Tests;

/// <summary>
/// What the project's API notes (and the emulator README's written decisions) add to the spec where it
/// is silent, each with its reason. These are the only exceptions the contract checks make; everything
/// else must be in the spec itself. A new exception needs a written decision first.
/// </summary>
public static class SpecAdditions
{
    /// <summary>An answer the spec does not declare for an operation, with the schema its body must have.</summary>
    public sealed record ExtraStatus(string Method, string PathTemplate, int Status, string BodySchema, string Why);

    /// <summary>An operation that is not in the spec at all, and the statuses it may answer.</summary>
    public sealed record ExtraOperation(string Path, IReadOnlySet<string> Methods, IReadOnlySet<int> Statuses, string Why)
    {
        public string Key => $"{string.Join("|", Methods.Order(StringComparer.Ordinal))} {Path} (not in the spec: {Why})";
    }

    public static readonly IReadOnlyList<ExtraStatus> Statuses =
    [
        new("POST", "/idm/api/v8/tenants", 409, "Error", "API notes, decision 3: a taken name or externalId is a conflict"),
        new("PUT", "/idm/api/v8/tenants/{id}", 409, "Error", "API notes, decision 3: renaming to a taken name is a conflict"),
        new("POST", "/idm/api/v8/tenants", 415, "Error", "emulator README: a body that is not JSON is refused as Spring MVC does (RFC 9110 §15.5.16)"),
        new("PUT", "/idm/api/v8/tenants/{id}", 415, "Error", "emulator README: a body that is not JSON is refused as Spring MVC does (RFC 9110 §15.5.16)"),
    ];

    public static readonly IReadOnlyList<ExtraOperation> Operations =
    [
        new("/idm/v2/logout", new HashSet<string>(["GET", "POST", "PUT", "DELETE"], StringComparer.Ordinal), new HashSet<int>([204, 401]),
            "API notes §1 row 11, the frameworks' logout"),
    ];

    public static ExtraStatus? StatusFor(SpecOperation operation, int status) =>
        Statuses.FirstOrDefault(s => s.Method == operation.Method && s.PathTemplate == operation.PathTemplate && s.Status == status);

    public static ExtraOperation? OperationFor(string method, string path) =>
        Operations.FirstOrDefault(o => o.Path == path && o.Methods.Contains(method));
}
