using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Gets workflows: by id (with variables and actions), by name or unique name (wildcards), or all of a tenant.</summary>
[Cmdlet(VerbsCommon.Get, "MsxWorkflow", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpLinks.Base + "Get-MsxWorkflow.md")]
[OutputType(typeof(MsxWorkflow))]
public sealed class GetMsxWorkflowCommand : MsxGetCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string NameSet = "Name";

    // Not mandatory, so that a piped tenant binds to -TenantId (see MsxGetCmdlet.Given).
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Names or unique names; wildcards allowed, compared without case.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>The tenant whose workflows (its own and the global ones) are listed, piped too; the session's tenant by default.</summary>
    [Parameter(ParameterSetName = ListSet, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = NameSet, ValueFromPipeline = true)]
    [TenantIdTransformation(Child = typeof(MsxWorkflow))]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid TenantId { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (SessionFor(ParentObject(TenantId), One(Id)) is not { } session)
        {
            return;
        }

        var workflows = session.Client.Workflows();
        if (ParameterSetName == IdSet)
        {
            WriteByIds(workflows, Id);
            return;
        }

        var names = ParameterSetName == NameSet ? WorkflowNames.Filter(Name) : null;
        WriteListing(workflows, WorkflowResource.ListFilter(Given(TenantId)), null, names);
    }
}

/// <summary>How -Name finds workflows: wildcards over the display name and the unique name.</summary>
internal static class WorkflowNames
{
    public static NameFilter<MsxWorkflow> Filter(string[] patterns) => new(patterns, w => new[] { w.Name, w.UniqueName });
}

/// <summary>Completes workflow names (for -Name) and ids (for -Id and -WorkflowId).</summary>
public sealed class WorkflowCompleter : ResourceCompleter<MsxWorkflow>
{
    protected override MsxResource<MsxWorkflow> Resource => WorkflowResource.Declaration;
}
