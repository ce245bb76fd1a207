using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a workflow target's name, type, title, description, schema or properties. PUT replaces the
/// target, so it is read (unless piped), merged with the given fields and written back whole; when nothing
/// would change, nothing is sent. -Property merges by key: a key given $null is removed.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxWorkflowTarget", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxWorkflowTarget.md")]
[OutputType(typeof(MsxWorkflowTarget))]
public sealed class SetMsxWorkflowTargetCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    private static readonly string[] Fields =
    {
        nameof(Name), nameof(Type), nameof(Title), nameof(Description), nameof(SchemaId), nameof(Property), nameof(Credential),
    };

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TargetId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowTargetCompleter))]
    public string Id { get; set; } = null!;

    /// <summary>A target from Get-MsxWorkflowTarget: changed through the session it was read with, without reading it again.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxWorkflowTarget InputObject { get; set; } = null!;

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

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        var target = ParameterSetName == InputObjectSet ? (object)InputObject : Id;
        if (ParameterSetName == IdSet && WorkflowTargetResource.Declaration.IdProblem(Id) is { } idProblem)
        {
            Refuse(WorkflowTargetResource.Declaration.InvalidIdErrorId, idProblem, Id);
            return;
        }

        if (!Valid("MsxInvalidWorkflowTargetName", nameof(Name), Name, WorkflowTargetFields.TextProblem)
            || !Valid("MsxInvalidDescription", nameof(Description), Description == string.Empty ? null : Description, WorkflowTargetFields.TextProblem))
        {
            return;
        }

        var changes = Fields.Where(Given).ToList();
        if (changes.Count == 0)
        {
            WriteVerbose($"Set-MsxWorkflowTarget: no field to change was given for {target}; nothing was sent.");
            return;
        }

        if (SessionFor(ParameterSetName == InputObjectSet ? InputObject : null, target) is not { } session)
        {
            return;
        }

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
            return;
        }

        var known = ParameterSetName == InputObjectSet ? InputObject : null;
        var id = known?.Id ?? Id;
        var description = known is null ? $"Workflow target {Id}" : WorkflowTargetResource.Declaration.Describe(known);
        Submit(session, target, description, $"Set {string.Join(", ", changes)}", async (client, ct) =>
        {
            var (updated, changed) = await client.ReplaceWorkflowTargetAsync(id, known, current => Merge(current, properties, removed), ct).ConfigureAwait(false);
            if (!changed)
            {
                MsxDiagnostics.Verbose($"Workflow target '{updated.Name}' already has the given values; nothing was sent.");
            }

            return PassThru ? updated : null;
        });
    }

    /// <summary>The target as it should be, or null when it already is.</summary>
    private WorkflowTargetBody? Merge(MsxWorkflowTarget current, Dictionary<string, JsonElement> properties, List<string> removed)
    {
        var before = current.ToUpdate();
        var body = current.ToUpdate();
        body.Name = Name ?? current.Name;
        if (Given(nameof(Type)))
        {
            body.Type = Blank(Type);
        }

        if (Given(nameof(Title)))
        {
            body.Title = Blank(Title);
        }

        if (Given(nameof(Description)))
        {
            body.Description = Blank(Description);
        }

        if (Given(nameof(SchemaId)))
        {
            body.SchemaId = Blank(SchemaId);
        }

        foreach (var key in removed)
        {
            body.Properties.Remove(key);
        }

        foreach (var pair in properties)
        {
            body.Properties[pair.Key] = pair.Value;
        }

        var type = WorkflowTargetJsonContext.Default.WorkflowTargetBody;
        return JsonSerializer.Serialize(before, type) == JsonSerializer.Serialize(body, type) ? null : body;
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
