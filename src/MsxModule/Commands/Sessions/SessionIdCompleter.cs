using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Completes session ids (Get-MsxSession -Id) from the sessions of this process, with the user, server and
/// whether it is the default in the list and tooltip. Sends no request.
/// </summary>
public sealed class SessionIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return MsxSessionStore.All
            .Where(s => s.Id.ToString(CultureInfo.InvariantCulture).StartsWith(word, StringComparison.Ordinal))
            .Select(s =>
            {
                var id = s.Id.ToString(CultureInfo.InvariantCulture);
                var who = $"{s.UserName} at {s.Server}";
                var state = (s.Default ? " (default)" : string.Empty) + (s.Connected ? string.Empty : " (disconnected)");
                return new CompletionResult(id, $"{id} {who}{state}", CompletionResultType.ParameterValue, $"Session {id}: {who}{state}");
            })
            .ToList();
    }
}
