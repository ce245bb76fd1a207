using System.IO;
using System.Management.Automation;
using System.Text.Json;

namespace MsxPowerShell.Commands;

/// <summary>
/// Imports workflow definitions (the JSON that Export-MsxWorkflow writes) from files or from the pipeline,
/// into the session's tenant, given tenants, or globally; writes each imported workflow.
/// </summary>
[Cmdlet(VerbsData.Import, "MsxWorkflow", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Import-MsxWorkflow.md")]
[OutputType(typeof(MsxWorkflow))]
public sealed class ImportMsxWorkflowCommand : MsxChangeCmdlet
{
    private const string PathSet = "Path";
    private const string DefinitionSet = "Definition";

    /// <summary>JSON files of definitions; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>
    /// A definition: JSON text, or a hashtable or object that is sent as JSON. Not from the pipeline: an
    /// object parameter would take every piped object, files from Get-ChildItem included.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = DefinitionSet)]
    [ValidateNotNull]
    public object Definition { get; set; } = null!;

    /// <summary>The tenants the workflow is for; without it (and without -Global) the session's tenant.</summary>
    [Parameter]
    [TenantIdTransformation]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid[] TenantId { get; set; } = Array.Empty<Guid>();

    /// <summary>Imports the workflow for every tenant (a superuser's right).</summary>
    [Parameter]
    public SwitchParameter Global { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Global && TenantId.Length > 0)
        {
            ThrowTerminatingError(MsxErrors.Invalid("MsxInvalidWorkflowTenant", "A workflow is either global or for given tenants: give -Global or -TenantId, not both.", TenantId));
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == DefinitionSet)
        {
            var value = Definition is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : Definition;
            var text = value is string json ? json : System.Text.Encoding.UTF8.GetString(PowerShellJson.ToJson(value));
            Import(text, "the -Definition");
            return;
        }

        foreach (var pattern in Path)
        {
            IEnumerable<string> files;
            try
            {
                files = SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out _);
            }
            catch (ItemNotFoundException ex)
            {
                // As Get-Content reports it (PathNotFound); the other paths are still imported.
                WriteError(ex.ErrorRecord);
                continue;
            }

            foreach (var file in files)
            {
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    WriteError(new ErrorRecord(ex, "MsxInvalidWorkflowDefinition", ErrorCategory.ReadError, file));
                    continue;
                }

                Import(text, file);
            }
        }
    }

    private void Import(string text, string source)
    {
        JsonElement definition;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            definition = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            Refuse("MsxInvalidWorkflowDefinition", $"{source} is not JSON ({ex.Message}); nothing was imported.", source, ErrorCategory.InvalidData);
            return;
        }

        if (definition.ValueKind != JsonValueKind.Object)
        {
            Refuse("MsxInvalidWorkflowDefinition", $"{source} is JSON but not an object; a definition is {{\"workflow\": {{...}}, \"targets\": {{...}}}} as Export-MsxWorkflow writes it. Nothing was imported.", source, ErrorCategory.InvalidData);
            return;
        }

        var name = Describe(definition, source);
        var into = Global ? "globally" : TenantId.Length > 0 ? $"into tenant(s) {string.Join(", ", TenantId)}" : "into the session's tenant";
        var tenants = TenantId;
        var global = Global.IsPresent;
        Submit(CurrentSession, source, name, $"Import {into}", async (client, ct) =>
            await client.ImportWorkflowAsync(definition, tenants, global, ct).ConfigureAwait(false));
    }

    private static string Describe(JsonElement definition, string source)
    {
        if (definition.TryGetProperty("workflow", out var workflow) && workflow.ValueKind == JsonValueKind.Object)
        {
            var unique = workflow.TryGetProperty("unique_name", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var name = workflow.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (name is not null || unique is not null)
            {
                return $"Workflow '{name ?? unique}'" + (unique is null || unique == name ? string.Empty : $" ({unique})") + $" from {source}";
            }
        }

        return $"Workflow from {source}";
    }
}
