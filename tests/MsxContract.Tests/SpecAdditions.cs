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
        new("POST", "/idm/api/v8/users", 409, "Error", "emulator README, Users and roles: usernames are unique regardless of case"),
        new("POST", "/manage/api/v8/devices", 409, "Error", "emulator README, Sites and devices: a taken serialKey or device name is a conflict, as decision 3 makes it for tenants"),
        new("PUT", "/manage/api/v8/devices/{id}", 409, "Error", "emulator README, Sites and devices: renaming to a taken device name is a conflict"),
        new("PATCH", "/manage/api/v8/devices/{id}", 409, "Error", "emulator README, Sites and devices: renaming to a taken device name is a conflict"),
        new("POST", "/manage/api/v8/devices/{id}/redeploy", 404, "Error", "emulator README, Sites and devices: an unknown device is not found, as on every other device operation"),
        new("POST", "/manage/api/v8/sites", 409, "Error", "emulator README, Sites and devices: a site name is unique within its tenant"),
        new("PUT", "/manage/api/v8/sites/{id}", 409, "Error", "emulator README, Sites and devices: a site name is unique within its tenant"),
        new("POST", "/workflow/api/v8/workflows", 409, "Error", "emulator README, Workflows: a unique_name is unique"),
        new("DELETE", "/workflow/api/v8/workflows/{id}", 409, "Error", "emulator README, Workflows: a workflow with created or running instances is not deleted"),
        new("DELETE", "/workflow/api/v8/workflows/instances/{id}", 409, "Error", "emulator README, Workflows: a running instance is cancelled first, not deleted"),
        new("POST", "/workflow/api/v8/workflows/instances/{id}/cancel", 409, "Error", "emulator README, Workflows: a finished instance cannot be cancelled"),
        new("POST", "/workflow/api/v8/targets", 409, "Error", "emulator README, Workflows (targets): a unique_name is unique, WORKFLOW_TARGET_ALREADY_EXISTS"),
        new("PUT", "/workflow/api/v8/targets/{id}", 409, "Error", "emulator README, Workflows (targets): a unique_name is unique, WORKFLOW_TARGET_ALREADY_EXISTS"),
    ];

    /// <summary>A defect of the spec itself: a check that a spec-faithful exchange cannot pass.</summary>
    public sealed record KnownDefect(string Method, string PathTemplate, string Violation, string Why);

    public static readonly IReadOnlyList<KnownDefect> Defects =
    [
        new("POST", "/manage/api/v8/devices/{id}/config/update", "Required properties [\"configContents\"] are not present",
            "DeviceConfigUpdate lists configContents as required but defines only configContent (emulator README, Sites and devices)"),
    ];

    public static bool IsKnownDefect(SpecOperation operation, string detail) =>
        Defects.Any(d => d.Method == operation.Method && d.PathTemplate == operation.PathTemplate && detail.Contains(d.Violation, StringComparison.Ordinal));

    public static readonly IReadOnlyList<ExtraOperation> Operations =
    [
        new("/idm/v2/logout", new HashSet<string>(["GET", "POST", "PUT", "DELETE"], StringComparer.Ordinal), new HashSet<int>([204, 401]),
            "API notes §1 row 11, the frameworks' logout"),
    ];

    /// <summary>Every operation that takes a JSON body refuses another content type as Spring MVC does.</summary>
    private const string UnsupportedMediaType = "emulator README: a body that is not JSON is refused as Spring MVC does (RFC 9110 §15.5.16)";

    public static ExtraStatus? StatusFor(SpecOperation operation, int status) =>
        Statuses.FirstOrDefault(s => s.Method == operation.Method && s.PathTemplate == operation.PathTemplate && s.Status == status)
        ?? (status == 415 && operation.Model.RequestBody is not null ? new ExtraStatus(operation.Method, operation.PathTemplate, 415, "Error", UnsupportedMediaType) : null);

    public static ExtraOperation? OperationFor(string method, string path) =>
        Operations.FirstOrDefault(o => o.Path == path && o.Methods.Contains(method));
}
