using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace MsxEmulator.Spec;

/// <summary>
/// The permission a spec-driven operation needs: the one its description names ("Needs VIEW_PRICES
/// permission …"), else none for a read and, for a change, the permission of its area (longest path prefix).
/// </summary>
public static partial class SpecPermissions
{
    /// <summary>The permissions the spec's operation descriptions name; the built-in SUPERUSER holds them too.</summary>
    public static readonly string[] Described =
        ["CREATE_AUDIT_GENERIC_EVENT_PERMISSION", "MANAGE_BILLINGCYCLE", "MANAGE_PRICES", "VIEW_BILLINGCYCLE", "VIEW_COSTS", "VIEW_EVENTS", "VIEW_PRICES"];

    private static readonly (string Prefix, string Permission)[] Areas =
    [
        ("/manage/api/v8/devicetemplates", "MANAGE_TEMPLATES"),
        ("/manage/api/v8/devices", "MANAGE_DEVICES"),
        ("/manage/api/v8/services", "MANAGE_SERVICES"),
        ("/consume/api/v8", "MANAGE_SERVICES"),
        ("/workflow/api/v8/categories", "MANAGE_CATEGORY"),
        ("/workflow/api/v8/events", "MANAGE_WORKFLOW_EVENT"),
        ("/workflow/api/v8", "MANAGE_WORKFLOW"),
        ("/incident", "MANAGE_INCIDENT"),
        ("/licensing", "MANAGE_INTEGRATION"),
        ("/vulnerability", "MANAGE_DEVICES"),
        ("/template/api/v8", "MANAGE_TEMPLATES"),
        ("/billing", "MANAGE_PRICES"),
        ("/auditing", "CREATE_AUDIT_GENERIC_EVENT_PERMISSION"),
        ("/", "MANAGE_SERVICES"),
    ];

    public static string? For(string method, string template, OpenApiOperation operation)
    {
        if (NeedsPattern().Match(operation.Description ?? string.Empty) is { Success: true } named)
        {
            return named.Groups[1].Value;
        }

        return method == "GET" ? null : Areas.First(a => template.StartsWith(a.Prefix, StringComparison.Ordinal)).Permission;
    }

    [GeneratedRegex(@"Needs ([A-Z_]+) permission", RegexOptions.CultureInvariant)]
    private static partial Regex NeedsPattern();
}
