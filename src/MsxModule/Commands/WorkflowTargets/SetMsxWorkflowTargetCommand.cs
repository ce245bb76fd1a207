using System.Collections;
using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a workflow target's name, type, title, description, schema or properties. PUT replaces the
/// target, so it is read (unless piped), merged with the given fields and written back whole; when nothing
/// would change, nothing is sent. -Property merges by key: a key given $null is removed.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxWorkflowTarget", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxWorkflowTarget.md")]
[OutputType(typeof(MsxWorkflowTarget))]
public sealed class SetMsxWorkflowTargetCommand : MsxSetCmdlet<MsxWorkflowTarget, WorkflowTargetBody>
{
    private static readonly string[] TargetFields =
    {
        nameof(Name), nameof(Type), nameof(Title), nameof(Description), nameof(SchemaId), nameof(Property), nameof(Credential),
    };

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TargetId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowTargetCompleter))]
    public string Id { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The new type (a target always has one, so it cannot be cleared).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowTargetTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>The new title; an empty string clears it.</summary>
    [Parameter]
    public string? Title { get; set; }

    /// <summary>The new description; an empty string clears it.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>The new schema id (a target always has one, so it cannot be cleared).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SchemaId { get; set; }

    /// <summary>Properties to set, merged by key into the target's; a key given $null is removed. A SecureString value is never shown.</summary>
    [Parameter]
    [Alias("Properties")]
    public Hashtable? Property { get; set; }

    /// <summary>Sets the properties username and password (the password never shown).</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override MsxResource<MsxWorkflowTarget> Resource => WorkflowTargetResource.Declaration;

    protected override ItemUpdate<MsxWorkflowTarget, WorkflowTargetBody> Update => WorkflowTargetResource.Update;

    protected override string[] Fields => TargetFields;

    protected override string IdText => Id;

    protected override object IdValue => Id;

    protected override bool Validate(object target) =>
        Valid("MsxInvalidWorkflowTargetName", nameof(Name), Name, WorkflowTargetFields.TextProblem)
        && Valid("MsxInvalidDescription", nameof(Description), Description == string.Empty ? null : Description, WorkflowTargetFields.TextProblem);

    /// <summary>The target as it should be: the given fields, and -Property merged by key (a key given $null is removed).</summary>
    protected override Func<MsxApiClient, CancellationToken, Task<Action<MsxWorkflowTarget, WorkflowTargetBody>>>? Edit(MsxSession session, object target)
    {
        var removed = Property?.Keys.Cast<object>().Where(k => Unwrap(Property[k]) is null).Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToList() ?? new List<string>();
        var kept = new Hashtable();
        if (Property is not null)
        {
            foreach (DictionaryEntry entry in Property)
            {
                if (Unwrap(entry.Value) is not null)
                {
                    kept[entry.Key] = entry.Value;
                }
            }
        }

        var properties = WorkflowTargetProperties.ToJson(kept, Credential, session.Client.Redactor, out var problem);
        if (properties is null)
        {
            Refuse("MsxWorkflowTargetPropertyInvalid", $"Workflow target {target} was not changed: {problem}.", target);
            return null;
        }

        var name = Name;
        var (typeGiven, type) = (Given(nameof(Type)), Cleared(Type));
        var (titleGiven, title) = (Given(nameof(Title)), Cleared(Title));
        var (descriptionGiven, description) = (Given(nameof(Description)), Cleared(Description));
        var (schemaGiven, schemaId) = (Given(nameof(SchemaId)), Cleared(SchemaId));
        return Now((_, body) =>
        {
            body.Name = name ?? body.Name;
            body.Type = typeGiven ? type : body.Type;
            body.Title = titleGiven ? title : body.Title;
            body.Description = descriptionGiven ? description : body.Description;
            body.SchemaId = schemaGiven ? schemaId : body.SchemaId;
            foreach (var key in removed)
            {
                body.Properties.Remove(key);
            }

            foreach (var pair in properties)
            {
                body.Properties[pair.Key] = pair.Value;
            }
        });
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
