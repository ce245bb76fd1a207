using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MsxPowerShell.Commands;

/// <summary>
/// Completes Invoke-MsxRestMethod -Path from the spec's paths (the table generated into the module, see
/// SpecCatalog), with each method's summary as tooltip. A concrete value typed for a {placeholder} segment
/// matches it and is kept in the completion. Sends no request.
/// </summary>
public sealed class SpecPathCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = SpecPaths.Normalize((wordToComplete ?? string.Empty).Trim('\'', '"'));
        var typed = word.Split('/');
        var results = new List<CompletionResult>();
        foreach (var path in SpecCatalog.Operations.GroupBy(o => o.Path, StringComparer.Ordinal))
        {
            var template = path.Key.Split('/');
            if (SpecPaths.Completes(template, typed) is not { } completed)
            {
                continue;
            }

            var tooltip = string.Join(Environment.NewLine, path.Select(o => $"{o.Method}: {o.Summary}"));
            results.Add(new CompletionResult(SpecPaths.Quote(completed), path.Key, CompletionResultType.ParameterValue, tooltip));
        }

        return results;
    }
}

/// <summary>
/// Completes Invoke-MsxRestMethod -Method with the methods the spec has for the -Path given (all of them when
/// no path is given or the spec does not know it), each with its operation's summary as tooltip.
/// </summary>
public sealed class SpecMethodCompleter : IArgumentCompleter
{

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var given = fakeBoundParameters?["Path"] is { } value ? (value is PSObject wrapped ? wrapped.BaseObject : value)?.ToString() : null;
        var operations = given is null ? new List<SpecOperation>() : SpecPaths.OperationsOf(given);
        IEnumerable<(string Method, string Tooltip)> offers = operations.Count > 0
            ? operations.Select(o => (o.Method, $"{o.Method} {o.Path}: {o.Summary}"))
            : ValidateHttpMethodAttribute.Methods.Select(m => (m, m));
        return offers
            .Where(o => o.Method.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(o => new CompletionResult(o.Method, o.Method, CompletionResultType.ParameterValue, o.Tooltip))
            .ToList();
    }
}

/// <summary>Completes a device's -ComplianceState with the spec's compliance states (the set is closed).</summary>
public sealed class ComplianceStateCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return SpecCatalog.DeviceComplianceStates
            .Where(s => s.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(s => new CompletionResult(s, s, CompletionResultType.ParameterValue, s))
            .ToList();
    }
}

/// <summary>Matching typed paths against the spec's path templates.</summary>
internal static class SpecPaths
{
    /// <summary>A typed path as the spec writes it: the path of an absolute URL, no query, one leading slash.</summary>
    public static string Normalize(string typed)
    {
        var path = Uri.TryCreate(typed, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps)
            ? absolute.AbsolutePath
            : typed;
        var query = path.IndexOf('?');
        return "/" + (query >= 0 ? path.Substring(0, query) : path).TrimStart('/');
    }

    /// <summary>The operations whose path template matches the whole of a typed path.</summary>
    public static List<SpecOperation> OperationsOf(string typed)
    {
        var segments = Normalize(typed).TrimEnd('/').Split('/');
        return SpecCatalog.Operations
            .Where(o => Matches(o.Path.Split('/'), segments))
            .ToList();
    }

    /// <summary>
    /// The completion of the typed segments (the last one possibly partial) by a template, keeping what was typed
    /// for placeholders; null when the template does not start with them.
    /// </summary>
    public static string? Completes(string[] template, string[] typed)
    {
        if (typed.Length > template.Length)
        {
            return null;
        }

        var result = new string[template.Length];
        for (var i = 0; i < template.Length; i++)
        {
            if (i >= typed.Length)
            {
                result[i] = template[i];
                continue;
            }

            var last = i == typed.Length - 1;
            if (!last && IsPlaceholder(template[i]) && typed[i].Length > 0)
            {
                // A value typed for a placeholder (an id) is kept.
                result[i] = typed[i];
                continue;
            }

            var fits = last
                ? template[i].StartsWith(typed[i], StringComparison.OrdinalIgnoreCase)
                : template[i].Equals(typed[i], StringComparison.OrdinalIgnoreCase);
            if (!fits)
            {
                return null;
            }

            result[i] = template[i];
        }

        return string.Join("/", result);
    }

    public static string Quote(string text) =>
        text.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ';', ',', '{', '}', '@', '#', '&', '|' }) >= 0
            ? "'" + text.Replace("'", "''") + "'"
            : text;

    private static bool Matches(string[] template, string[] segments) =>
        template.Length == segments.Length
        && template.Zip(segments, (t, s) => IsPlaceholder(t) ? s.Length > 0 : t.Equals(s, StringComparison.OrdinalIgnoreCase)).All(m => m);

    private static bool IsPlaceholder(string segment) => segment.StartsWith("{", StringComparison.Ordinal) && segment.EndsWith("}", StringComparison.Ordinal);
}

/// <summary>
/// The methods Invoke-MsxRestMethod sends (any case). Not a ValidateSet: PowerShell would then offer the whole
/// set on Tab instead of asking <see cref="SpecMethodCompleter"/> for the methods of the path.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateHttpMethodAttribute : ValidateArgumentsAttribute
{
    public static IReadOnlyList<string> Methods { get; } = new[] { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" };

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var text = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments)?.ToString() ?? string.Empty;
        if (!Methods.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            throw new ValidationMetadataException($"'{text}' is not a method Invoke-MsxRestMethod sends; use one of {string.Join(", ", Methods)}.");
        }
    }
}
