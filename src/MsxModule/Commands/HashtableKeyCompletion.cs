using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace MsxPowerShell.Commands;

/// <summary>
/// Completes the keys of <c>Start-MsxWorkflow -Input @{ …</c> with the workflow's input names. PowerShell asks
/// an argument completer only for a whole argument, never for a key inside a hashtable literal (it completes
/// keys only for a few built-in commands and for parameter types with properties), so on import the module
/// wraps the session's TabExpansion2: the wrapper calls the original and, only when it found nothing and the
/// cursor is at a key of such a hashtable, adds the input names. On removal the original is put back.
/// </summary>
public sealed class HashtableKeyCompletion : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string Wrapper = @"
if (-not (Get-Command -Name TabExpansion2 -CommandType Function -ErrorAction Ignore)) { return }
if ([MsxPowerShell.Commands.HashtableKeyCompletion]::Original) { return }
[MsxPowerShell.Commands.HashtableKeyCompletion]::Original = ${function:global:TabExpansion2}
${function:global:TabExpansion2} = {
    [CmdletBinding(DefaultParameterSetName = 'ScriptInputSet')]
    [OutputType([System.Management.Automation.CommandCompletion])]
    param(
        [Parameter(ParameterSetName = 'ScriptInputSet', Mandatory = $true, Position = 0)]
        [AllowEmptyString()]
        [string] $inputScript,

        [Parameter(ParameterSetName = 'ScriptInputSet', Position = 1)]
        [int] $cursorColumn = $inputScript.Length,

        [Parameter(ParameterSetName = 'AstInputSet', Mandatory = $true, Position = 0)]
        [System.Management.Automation.Language.Ast] $ast,

        [Parameter(ParameterSetName = 'AstInputSet', Mandatory = $true, Position = 1)]
        [System.Management.Automation.Language.Token[]] $tokens,

        [Parameter(ParameterSetName = 'AstInputSet', Mandatory = $true, Position = 2)]
        [System.Management.Automation.Language.IScriptPosition] $positionOfCursor,

        [Parameter(ParameterSetName = 'ScriptInputSet', Position = 2)]
        [Parameter(ParameterSetName = 'AstInputSet', Position = 3)]
        [Hashtable] $options = $null
    )

    # Start-MsxWorkflow -Input @{ <Tab>: the workflow's input names (added by MsxModule; the rest is PowerShell's own).
    $result = & ([MsxPowerShell.Commands.HashtableKeyCompletion]::Original) @PSBoundParameters
    if ($null -ne $result -and $result.CompletionMatches.Count -eq 0) {
        if ($PSCmdlet.ParameterSetName -eq 'ScriptInputSet') {
            $parsed = [System.Management.Automation.CommandCompletion]::MapStringInputToParsedInput($inputScript, $cursorColumn)
            $ast = $parsed.Item1
            $positionOfCursor = $parsed.Item3
        }
        # Completion never disturbs the console: a failure here leaves PowerShell's (empty) answer.
        try { [MsxPowerShell.Commands.HashtableKeyCompletion]::AddInputKeys($ast, $positionOfCursor, $result) } catch { }
    }
    $result
}
";

    private const string Restore = @"
if ([MsxPowerShell.Commands.HashtableKeyCompletion]::Original) {
    ${function:global:TabExpansion2} = [MsxPowerShell.Commands.HashtableKeyCompletion]::Original
    [MsxPowerShell.Commands.HashtableKeyCompletion]::Original = $null
}
";

    /// <summary>The TabExpansion2 the wrapper calls (the session's own, saved on import).</summary>
    public static ScriptBlock? Original { get; set; }

    public void OnImport() => RunInCurrentRunspace(Wrapper);

    public void OnRemove(PSModuleInfo psModuleInfo) => RunInCurrentRunspace(Restore);

    /// <summary>
    /// When the cursor is at a key of the hashtable given to Start-MsxWorkflow -Input, adds the inputs of the
    /// workflow named by -Name or -Id (those not in the hashtable yet) to <paramref name="result"/>.
    /// </summary>
    public static void AddInputKeys(Ast ast, IScriptPosition cursor, CommandCompletion result)
    {
        var offset = cursor.Offset;
        var hashtable = ast.FindAll(a => a is HashtableAst && a.Extent.StartOffset < offset && offset <= a.Extent.EndOffset, searchNestedScriptBlocks: true)
            .Cast<HashtableAst>()
            .OrderByDescending(h => h.Extent.StartOffset)
            .FirstOrDefault();
        if (hashtable?.Parent is not CommandAst command
            || !string.Equals(command.GetCommandName(), "Start-MsxWorkflow", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var binding = StaticParameterBinder.BindCommand(command, resolve: true);
        if (!binding.BoundParameters.TryGetValue("Input", out var input) || !ReferenceEquals(input.Value, hashtable))
        {
            return;
        }

        var script = ast.Extent.Text;
        var start = offset - ast.Extent.StartOffset;
        if (start < 0 || start > script.Length)
        {
            return;
        }

        var wordStart = start;
        while (wordStart > 0 && (char.IsLetterOrDigit(script[wordStart - 1]) || script[wordStart - 1] is '_' or '-'))
        {
            wordStart--;
        }

        var before = wordStart - 1;
        while (before >= 0 && script[before] is ' ' or '\t')
        {
            before--;
        }

        if (before < 0 || script[before] is not ('{' or ';' or '\n' or '\r'))
        {
            return; // the cursor is at a value, not at a key
        }

        var word = script.Substring(wordStart, start - wordStart);
        var given = new HashSet<string>(
            hashtable.KeyValuePairs.Select(p => p.Item1).OfType<StringConstantExpressionAst>()
                .Where(k => k.Extent.EndOffset < offset - word.Length || k.Extent.StartOffset > offset)
                .Select(k => k.Value),
            StringComparer.OrdinalIgnoreCase);
        var bound = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "Name", "Id", "Session" })
        {
            if (binding.BoundParameters.TryGetValue(name, out var value) && value.ConstantValue is { } constant)
            {
                bound[name] = constant;
            }
        }

        var offers = WorkflowInputCompleter.Inputs(bound)
            .Where(v => !given.Contains(v.Name) && v.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(WorkflowInputCompleter.Key(v.Name), v.Name, CompletionResultType.Property, Client.WorkflowStartRequest.DescribeInput(v)))
            .ToList();
        if (offers.Count == 0)
        {
            return;
        }

        // An empty result's list is read-only: give it a new one.
        result.CompletionMatches = new Collection<CompletionResult>(offers);

        result.ReplacementIndex = offset - word.Length;
        result.ReplacementLength = word.Length;
    }

    private static void RunInCurrentRunspace(string script)
    {
        if (Runspace.DefaultRunspace is null)
        {
            return;
        }

        try
        {
            using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
            shell.AddScript(script).Invoke();
        }
        catch (Exception ex) when (ex is RuntimeException or InvalidOperationException or PSInvalidOperationException)
        {
            // Completion is a convenience: a session that does not let the module wrap TabExpansion2 (a
            // constrained language session, a host without it) keeps its own completion.
        }
    }
}
