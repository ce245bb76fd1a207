using System.Collections;
using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>
/// Creates a workflow target. Takes pipeline input by property name (CSV rows). A SecureString property
/// value, and -Credential, are sent but never shown: see WorkflowTargetProperties.
/// </summary>
[Cmdlet(VerbsCommon.New, "MsxWorkflowTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "New-MsxWorkflowTarget.md")]
[OutputType(typeof(MsxWorkflowTarget))]
public sealed class NewMsxWorkflowTargetCommand : MsxCreateCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>The target type, e.g. kafka.endpoint.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ArgumentCompleter(typeof(WorkflowTargetTypeCompleter))]
    public string? Type { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? Title { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? Description { get; set; }

    /// <summary>The name scripts use; the server makes one up when left out.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? UniqueName { get; set; }

    /// <summary>The id of the target schema the properties follow.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? SchemaId { get; set; }

    /// <summary>The connection properties; a SecureString value is sent as text and never shown. From a CSV column as key=value;key2=value2.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Properties")]
    [KeyValueText]
    public Hashtable? Property { get; set; }

    /// <summary>Stored as the properties username and password (the password never shown).</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override void ProcessItem()
    {
        if (!Valid("MsxInvalidWorkflowTargetName", nameof(Name), Name, WorkflowTargetFields.TextProblem)
            || !Valid("MsxInvalidDescription", nameof(Description), Description, WorkflowTargetFields.TextProblem))
        {
            return;
        }

        var session = CurrentSession;
        var properties = WorkflowTargetProperties.ToJson(Property, Credential, session.Client.Redactor, out var problem);
        if (properties is null)
        {
            Refuse("MsxWorkflowTargetPropertyInvalid", $"Workflow target '{Name}' was not created: {problem}.", Name);
            return;
        }

        var body = new WorkflowTargetBody
        {
            Name = Name,
            Type = Type,
            Title = Title,
            Description = Description,
            UniqueName = UniqueName,
            SchemaId = SchemaId,
            Properties = properties,
        };
        var type = Type is null ? string.Empty : $" of type {Type}";
        Submit(session, Name, $"Workflow target '{Name}'{type}", "Create", async (client, ct) => await client.CreateWorkflowTargetAsync(body, ct).ConfigureAwait(false));
    }
}

/// <summary>The checks the spec's WorkflowTargetUpdate makes on name and description (^[^&lt;&gt;]+$).</summary>
internal static class WorkflowTargetFields
{
    public static string? TextProblem(string? text) =>
        text is null ? null
        : string.IsNullOrWhiteSpace(text) ? "it is blank"
        : text.IndexOfAny(new[] { '<', '>' }) >= 0 ? "it may not contain < or >"
        : null;
}
