using System.Text.RegularExpressions;

namespace MsxPowerShell.Client;

/// <summary>
/// A field of a create or update request schema of the MSX spec (see <see cref="SpecCatalog.RequestFields"/>,
/// generated from the spec): its JSON type and the rules the spec gives it.
/// </summary>
public sealed class SpecField
{
    public SpecField(string schema, string name, string type, bool required, bool nullable, int? minLength, int? maxLength, string? pattern, string? format, string[]? values)
    {
        Schema = schema;
        Name = name;
        Type = type;
        Required = required;
        Nullable = nullable;
        MinLength = minLength;
        MaxLength = maxLength;
        Pattern = pattern;
        Format = format;
        Values = values;
    }

    /// <summary>The schema (TenantUpdate, UserCreate, …).</summary>
    public string Schema { get; }

    /// <summary>The JSON name (firstName).</summary>
    public string Name { get; }

    /// <summary>string, integer, number, boolean, array or object.</summary>
    public string Type { get; }

    public bool Required { get; }

    public bool Nullable { get; }

    public int? MinLength { get; }

    public int? MaxLength { get; }

    public string? Pattern { get; }

    /// <summary>email, uuid, … (checked by the caller, which knows how the module reads that format).</summary>
    public string? Format { get; }

    public IReadOnlyList<string>? Values { get; }

    /// <summary>The field of a schema, by its JSON name.</summary>
    public static SpecField Of(string schema, string name) =>
        SpecCatalog.RequestFields.FirstOrDefault(f => f.Schema == schema && f.Name == name)
        ?? throw new ArgumentException($"The spec's {schema} has no field '{name}'.", nameof(name));

    /// <summary>What is wrong with a text value by the spec's length, pattern and enum rules, or null when nothing is.</summary>
    public string? Problem(string value)
    {
        if (MinLength is { } min && value.Length < min)
        {
            return min == 1 ? "it is empty." : $"it has {value.Length} characters; the server takes {min} to {MaxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any number of"}.";
        }

        if (MaxLength is { } max && value.Length > max)
        {
            return $"it has {value.Length} characters; the server takes at most {max}.";
        }

        if (Pattern is { } pattern && !Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            return $"it does not match the server's pattern {pattern}.";
        }

        if (Values is { Count: > 0 } values && !values.Contains(value, StringComparer.Ordinal))
        {
            return $"it is not one of {string.Join(", ", values)}.";
        }

        return null;
    }

    public override string ToString() => $"{Schema}.{Name}";
}
