namespace MsxPowerShell.Client.Resources;

/// <summary>The workflow targets of <c>/workflow/api/v8/targets</c>: the declaration, and typed shortcuts over the shared machinery.</summary>
public static class WorkflowTargetResource
{
    public const string CollectionPath = "workflow/api/v8/targets";

    public static readonly MsxResource<MsxWorkflowTarget> Declaration = new(
        "WorkflowTarget",
        CollectionPath,
        WorkflowTargetJsonContext.Default.MsxWorkflowTarget,
        WorkflowTargetJsonContext.Default.ListMsxWorkflowTarget,
        t => t.Id,
        t => t.Name)
    {
        // targets/list is a bare array with no paging at all.
        PagePath = CollectionPath + "/list",
        Paged = false,
        // unique_name is the one thing the server refuses twice, so a lost create is found by it.
        KeyOf = t => t.UniqueName,
        KeyIgnoresCase = false,
        ExistsCodes = new[] { "WORKFLOW_TARGET_ALREADY_EXISTS" },
    };

    public static ResourceClient<MsxWorkflowTarget> WorkflowTargets(this MsxApiClient client) => client.For(Declaration);

    /// <summary>The filters of targets/list: internal targets or not (both when null), and one type.</summary>
    public static QueryString ListFilter(bool? isInternal, string? type) =>
        new QueryString().Add("internal", isInternal).Add("type", type);

    public static Task<MsxWorkflowTarget> GetWorkflowTargetAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        client.WorkflowTargets().GetAsync(id, cancellationToken);

    /// <summary>Creates a target; a lost answer is recovered by its unique_name when one is given.</summary>
    internal static Task<MsxWorkflowTarget> CreateWorkflowTargetAsync(this MsxApiClient client, WorkflowTargetBody body, CancellationToken cancellationToken) =>
        client.WorkflowTargets().CreateAsync(body, WorkflowTargetJsonContext.Default.WorkflowTargetBody, body.UniqueName, null, cancellationToken);

    /// <summary>The body that writes a target back as it is (PUT replaces it whole).</summary>
    internal static WorkflowTargetBody ToUpdate(this MsxWorkflowTarget target) => new()
    {
        Name = target.Name,
        Description = target.Description,
        Title = target.Title,
        SchemaId = target.SchemaId,
        Type = target.Type,
        Properties = target.WireProperties is null ? new(StringComparer.Ordinal) : new(target.WireProperties, StringComparer.Ordinal),
        UniqueName = target.UniqueName,
    };

    /// <summary>How a workflow target is updated: its WorkflowTargetUpdate written back whole with PUT.</summary>
    public static readonly ItemUpdate<MsxWorkflowTarget, WorkflowTargetBody> Update = new(ToUpdate, WorkflowTargetJsonContext.Default.WorkflowTargetBody);

    public static Task DeleteWorkflowTargetAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        client.WorkflowTargets().DeleteAsync(id, cancellationToken);
}
