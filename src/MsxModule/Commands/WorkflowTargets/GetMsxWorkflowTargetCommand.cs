using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Gets workflow targets: by id, by name or unique name (wildcards), or all, optionally of one type or internal or not.</summary>
[Cmdlet(VerbsCommon.Get, "MsxWorkflowTarget", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpLinks.Base + "Get-MsxWorkflowTarget.md")]
[OutputType(typeof(MsxWorkflowTarget))]
public sealed class GetMsxWorkflowTargetCommand : MsxGetCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string NameSet = "Name";

    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TargetId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowTargetCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Names or unique names; wildcards allowed, compared without case.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowTargetCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Only targets of this type (the server filters), e.g. kafka.endpoint.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowTargetTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>Only the targets MSX made for itself (-Internal) or only the others (-Internal:$false); both when left out.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = NameSet)]
    public SwitchParameter Internal { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (SessionFor(null, One(Id)) is not { } session)
        {
            return;
        }

        var targets = session.Client.WorkflowTargets();
        if (ParameterSetName == IdSet)
        {
            WriteByIds(targets, Id);
            return;
        }

        var names = ParameterSetName == NameSet ? WorkflowTargetNames.Filter(Name) : null;
        WriteListing(targets, WorkflowTargetResource.ListFilter(Given(nameof(Internal)) ? Internal.IsPresent : null, Type), null, names);
    }
}

/// <summary>How -Name finds targets: wildcards over the name and the unique name.</summary>
internal static class WorkflowTargetNames
{
    public static NameFilter<MsxWorkflowTarget> Filter(string[] patterns) => new(patterns, t => new[] { t.Name, t.UniqueName });
}

/// <summary>Completes workflow target names (for -Name) and ids (for -Id and -TargetId).</summary>
public sealed class WorkflowTargetCompleter : ResourceCompleter<MsxWorkflowTarget>
{
    protected override MsxResource<MsxWorkflowTarget> Resource => WorkflowTargetResource.Declaration;
}
