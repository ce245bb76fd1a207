using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MsxPowerShell.Commands;

/// <summary>
/// Completes Start-MsxWorkflow -Input with the inputs of the workflow named by -Name or -Id (read from its start
/// configuration through the session being typed): on an empty argument, a hashtable with every input as a key.
/// Quiet like the other completers: bounded in time, never an error on the console.
/// </summary>
public sealed class WorkflowInputCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = wordToComplete ?? string.Empty;
        if (word.Length > 0 && !"@{".StartsWith(word, StringComparison.Ordinal))
        {
            return Array.Empty<CompletionResult>();
        }

        var inputs = Inputs(fakeBoundParameters);
        if (inputs.Count == 0)
        {
            return Array.Empty<CompletionResult>();
        }

        var text = "@{ " + string.Join("; ", inputs.Select(v => $"{Key(v.Name)} = ''")) + " }";
        var tooltip = "The workflow's inputs: " + string.Join(", ", inputs.Select(WorkflowStartRequest.DescribeInput));
        return new[] { new CompletionResult(text, text, CompletionResultType.ParameterValue, tooltip) };
    }

    /// <summary>
    /// The inputs of the workflow that -Name (an exact name or unique name) or -Id names in the bound
    /// parameters, read through -Session or the default session; none when it cannot be told in time.
    /// </summary>
    public static IReadOnlyList<MsxWorkflowVariable> Inputs(IDictionary? fakeBoundParameters)
    {
        var session = CompletionSession.Of(fakeBoundParameters);
        var name = Text(fakeBoundParameters?["Name"]);
        var id = Text(fakeBoundParameters?["Id"]);
        if (session is null || !session.Connected || (name is null && id is null))
        {
            return Array.Empty<MsxWorkflowVariable>();
        }

        var previous = MsxDiagnostics.Sink;
        MsxDiagnostics.Sink = null;
        try
        {
            using var budget = new CancellationTokenSource(Budget);
            var client = session.Client;
            if (id is null)
            {
                var found = client.FindWorkflowsAsync(
                    w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(w.UniqueName, name, StringComparison.OrdinalIgnoreCase),
                    null,
                    budget.Token).GetAwaiter().GetResult();
                if (found.Count != 1)
                {
                    return Array.Empty<MsxWorkflowVariable>();
                }

                id = found[0].Id;
            }

            return WorkflowStartRequest.InputsOf(client.GetStartConfigAsync(id, budget.Token).GetAwaiter().GetResult());
        }
        catch (Exception ex) when (ex is MsxApiException or OperationCanceledException or ObjectDisposedException)
        {
            return Array.Empty<MsxWorkflowVariable>();
        }
        finally
        {
            MsxDiagnostics.Sink = previous;
        }
    }

    /// <summary>A hashtable key as typed: bare when it is a simple name, quoted otherwise.</summary>
    public static string Key(string name) =>
        name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '_') && !char.IsDigit(name[0])
            ? name
            : "'" + name.Replace("'", "''") + "'";

    private static string? Text(object? value)
    {
        var text = (value is PSObject wrapped ? wrapped.BaseObject : value)?.ToString()?.Trim('\'', '"');
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
