using System.ComponentModel;
using System.Management.Automation;
using System.Reflection;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of the New-* cmdlets that take CSV rows by property name. The values a row must have are marked
/// <see cref="RequiredValueAttribute"/> instead of Mandatory: PowerShell answers a row without a mandatory
/// column with InputObjectNotBound, once per row and without naming the columns. Here every piped object also
/// binds -InputRow, so no row fails to bind; a row that lacks a required value is answered with one
/// MsxInvalidInputColumns error per distinct set of columns (naming the columns expected and the ones the
/// row has), and the good rows go on.
/// </summary>
public abstract class MsxCreateCmdlet : MsxChangeCmdlet
{
    private readonly HashSet<string> _reportedColumnSets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The piped object itself (bound after its properties), so that a row with the wrong columns can be named.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public InputRow? InputRow { get; set; }

    /// <summary>Creates one item from the bound values; called only when every required value is there.</summary>
    protected abstract void ProcessItem();

    protected sealed override void ProcessRecord()
    {
        var required = RequiredParameters(GetType());
        var missing = required.Where(p => p.GetValue(this) is null).Select(p => p.Name).ToList();
        if (missing.Count == 0)
        {
            ProcessItem();
            return;
        }

        var command = MyInvocation.MyCommand.Name;
        if (InputRow is not { } row)
        {
            ThrowTerminatingError(MsxErrors.Invalid(
                "MsxMissingParameter",
                $"{command} needs {string.Join(", ", missing.Select(m => "-" + m))}; nothing was created.",
                null));
            return;
        }

        var key = string.Join("\u001f", row.Columns.OrderBy(c => c, StringComparer.OrdinalIgnoreCase));
        if (!_reportedColumnSets.Add(key))
        {
            WriteVerbose($"Skipped a row with the columns {Describe(row.Columns)} (reported above).");
            return;
        }

        var optional = ColumnParameters(GetType()).Select(p => p.Name).Except(required.Select(p => p.Name)).ToList();
        var message = $"{command} cannot use rows with the columns {Describe(row.Columns)}: it needs the column(s) "
            + $"{string.Join(", ", required.Select(p => p.Name))} (missing: {string.Join(", ", missing)})"
            + (optional.Count > 0 ? $" and also reads {string.Join(", ", optional)}" : string.Empty)
            + ". Rows with these columns are skipped (this error is written once for them); the other rows go on.";
        WriteError(MsxErrors.Invalid("MsxInvalidInputColumns", message, row.Value, ErrorCategory.InvalidData));
    }

    /// <summary>The parameters a CSV row fills (those bound by property name), in declaration order.</summary>
    internal static IReadOnlyList<PropertyInfo> ColumnParameters(Type command) =>
        command.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any(a => a.ValueFromPipelineByPropertyName))
            .OrderBy(p => p.MetadataToken)
            .ToList();

    /// <summary>The parameters marked <see cref="RequiredValueAttribute"/>.</summary>
    internal static IReadOnlyList<PropertyInfo> RequiredParameters(Type command) =>
        ColumnParameters(command).Where(p => p.IsDefined(typeof(RequiredValueAttribute))).ToList();

    private static string Describe(IReadOnlyList<string> columns) =>
        columns.Count == 0 ? "(none)" : string.Join(", ", columns);
}

/// <summary>
/// A value a New-* cmdlet cannot do without (given as a parameter or a CSV column). Checked by
/// <c>MsxCreateCmdlet</c> instead of Mandatory, so that a row without it gets one clear error.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredValueAttribute : Attribute
{
}

/// <summary>A piped object as a row: the object and the names of its properties (its columns).</summary>
[TypeConverter(typeof(InputRowConverter))]
public sealed class InputRow
{
    public InputRow(PSObject value)
    {
        Value = value;
        Columns = value.Properties.Select(p => p.Name).ToList();
    }

    public PSObject Value { get; }

    public IReadOnlyList<string> Columns { get; }

    public override string ToString() => string.Join(", ", Columns);
}

/// <summary>Turns any piped object into an <see cref="InputRow"/> (only when binding with conversion, after its properties were bound).</summary>
public sealed class InputRowConverter : PSTypeConverter
{
    public override bool CanConvertFrom(object sourceValue, Type destinationType) => destinationType == typeof(InputRow) && sourceValue is not null;

    public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
        new InputRow(sourceValue as PSObject ?? PSObject.AsPSObject(sourceValue));

    public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

    public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
        throw new NotSupportedException();
}
