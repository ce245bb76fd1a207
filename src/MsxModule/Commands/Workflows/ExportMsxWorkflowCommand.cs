using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Exports workflow definitions as the server gives them (the JSON Import-MsxWorkflow takes): to the output
/// as text, to a file, or into a folder as one &lt;unique name&gt;.json file per workflow.
/// </summary>
[Cmdlet(VerbsData.Export, "MsxWorkflow", DefaultParameterSetName = InputObjectSet, HelpUri = HelpLinks.Base + "Export-MsxWorkflow.md")]
[OutputType(typeof(string))]
public sealed class ExportMsxWorkflowCommand : MsxSessionCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    private readonly HashSet<string> _written = new(StringComparer.OrdinalIgnoreCase);

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Workflows from Get-MsxWorkflow, exported through the session they were read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxWorkflow[] InputObject { get; set; } = Array.Empty<MsxWorkflow>();

    /// <summary>A file to write (replaced if it exists), or an existing folder to write &lt;unique name&gt;.json files into.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var workflow in InputObject)
            {
                if (SessionFor(workflow, workflow) is { } own)
                {
                    Export(own, workflow.Id, workflow);
                }
            }

            return;
        }

        foreach (var id in Id)
        {
            if (SessionFor(null, id) is { } session)
            {
                Export(session, id, id);
            }
        }
    }

    private void Export(MsxSession session, string id, object target)
    {
        JsonElement definition = default;
        if (!Attempt(target, () => definition = Run(ct => session.Client.ExportWorkflowAsync(id, ct))))
        {
            return;
        }

        var text = Indented(definition);
        if (Path is null)
        {
            WriteObject(text);
            return;
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (Directory.Exists(path))
        {
            path = System.IO.Path.Combine(path, FileNameOf(definition, id));
        }

        if (!_written.Add(path))
        {
            Refuse("MsxWorkflowExportConflict", $"'{path}' was already written by this command; give a folder as -Path to export several workflows. Workflow {id} was not written.", target);
            return;
        }

        try
        {
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(ex, "MsxWorkflowExportFailed", ErrorCategory.WriteError, path));
            return;
        }

        WriteVerbose($"Workflow {id} was exported to {path}");
    }

    private static string FileNameOf(JsonElement definition, string id)
    {
        var name = definition.TryGetProperty("workflow", out var workflow) && workflow.ValueKind == JsonValueKind.Object
            && workflow.TryGetProperty("unique_name", out var unique) && unique.ValueKind == JsonValueKind.String
            ? unique.GetString()!
            : id;
        foreach (var bad in System.IO.Path.GetInvalidFileNameChars())
        {
            name = name.Replace(bad, '_');
        }

        return name + ".json";
    }

    private static string Indented(JsonElement definition)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            definition.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
