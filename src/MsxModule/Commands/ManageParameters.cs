using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;

namespace MsxPowerShell.Commands;

/// <summary>
/// Lets a switch take the text of a CSV column: "true"/"false", "yes"/"no", "1"/"0" (an empty cell is false).
/// PowerShell would turn any non-empty string, "false" included, into true.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BooleanTextAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is not string text)
        {
            return inputData;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "":
            case "false":
            case "no":
            case "0":
            case "$false":
                return false;
            case "true":
            case "yes":
            case "1":
            case "$true":
                return true;
            default:
                throw new ArgumentTransformationMetadataException($"'{text}' is not a boolean: use true or false (yes/no, 1/0).");
        }
    }
}

/// <summary>
/// Lets a hashtable parameter take the text of a CSV column, <c>key=value;key2=value2</c> (an empty cell is
/// not given). Hashtables and other dictionaries pass as they are.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class KeyValueTextAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is not string text)
        {
            return inputData;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var map = new Hashtable();
        foreach (var part in text.Split(';'))
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new ArgumentTransformationMetadataException($"'{part.Trim()}' is not key=value (write pairs as key=value;key2=value2).");
            }

            map[part.Substring(0, equals).Trim()] = part.Substring(equals + 1).Trim();
        }

        return map;
    }
}

/// <summary>Turns the hashtables of -Tag and -Attribute into the wire's maps.</summary>
internal static class ManageValues
{
    public static readonly string[] ComplianceStates = { "COMPLIANT", "NOT_COMPLIANT", "APPLICABLE", "NOT_APPLICABLE", "UNKNOWN" };

    public static readonly string[] VulnerabilityStates = { "VULNERABLE", "NOT_VULNERABLE", "NOT_APPLICABLE", "UNKNOWN" };

    /// <summary>String values (tags, site attributes); null or empty means none.</summary>
    public static Dictionary<string, string>? Strings(IDictionary? map)
    {
        if (map is null || map.Count == 0)
        {
            return null;
        }

        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in map)
        {
            var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return result;
    }

    /// <summary>Free-form values (device attributes, onboarding details), written as ConvertTo-Json would; null means none.</summary>
    public static Dictionary<string, JsonElement>? Json(IDictionary? map) =>
        map is null ? null : JsonValues.ParseObject(PowerShellJson.ToJson(map));

    /// <summary>The spec's compliance states, compared without case; null when the value is not one of them.</summary>
    public static string? ComplianceState(string value) =>
        Array.Find(ComplianceStates, s => string.Equals(s, value, StringComparison.OrdinalIgnoreCase));

    /// <summary>What is wrong with a text field of at most 128 characters, or null.</summary>
    public static string? Max128(string text) => ValidateMaxLengthAttribute.Problem(text, 128);
}

/// <summary>Completes site names (for -Name) and ids (for -Id, -SiteId, -ParentId).</summary>
public sealed class SiteCompleter : ResourceCompleter<MsxSite>
{
    protected override MsxResource<MsxSite> Resource => SiteResource.Declaration;
}

/// <summary>Completes device names (for -Name) and ids (for -Id, -DeviceId).</summary>
public sealed class DeviceCompleter : ResourceCompleter<MsxDevice>
{
    protected override MsxResource<MsxDevice> Resource => DeviceResource.Declaration;
}
