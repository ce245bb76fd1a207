using System.Net.Http;
using System.Text.Json;

namespace MsxPowerShell.Client.Resources;

/// <summary>The workflows of <c>/workflow/api/v8/workflows</c>: the declaration, and typed shortcuts over the shared machinery.</summary>
public static class WorkflowResource
{
    public const string CollectionPath = "workflow/api/v8/workflows";

    public static readonly MsxResource<MsxWorkflow> Declaration = new(
        "Workflow",
        CollectionPath,
        WorkflowJsonContext.Default.MsxWorkflow,
        WorkflowJsonContext.Default.ListMsxWorkflow,
        w => w.Id,
        w => w.Name)
    {
        // workflows/list is a bare array with no paging at all.
        PagePath = CollectionPath + "/list",
        Paged = false,
        // unique_name is what survives export and import, and the server refuses a second one.
        KeyOf = w => w.UniqueName,
        KeyIgnoresCase = false,
        Parents = new[] { new ResourceParent("Tenant", "tenantId") },
        ExistsCodes = new[] { "WORKFLOW_ALREADY_EXISTS" },
        ErrorIdsByCode = new Dictionary<string, string> { ["WORKFLOW_HAS_RUNNING_INSTANCES"] = "MsxWorkflowHasRunningInstances" },
    };

    public static ResourceClient<MsxWorkflow> Workflows(this MsxApiClient client) => client.For(Declaration);

    /// <summary>The filter of workflows/list: the tenant whose workflows (its own and the global ones) are listed; the token's tenant when null.</summary>
    public static QueryString ListFilter(Guid? tenantId) => new QueryString().Add("tenantId", tenantId);

    public static Task<MsxWorkflow> GetWorkflowAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        client.Workflows().GetAsync(id, cancellationToken);

    /// <summary>The workflows of a tenant (the token's when null) that <paramref name="isMatch"/> picks.</summary>
    public static async Task<List<MsxWorkflow>> FindWorkflowsAsync(this MsxApiClient client, Func<MsxWorkflow, bool> isMatch, Guid? tenantId, CancellationToken cancellationToken)
    {
        var found = new List<MsxWorkflow>();
        using var pager = client.Workflows().List(new ListQuery { Filters = ListFilter(tenantId), PagesAhead = 0 }, cancellationToken);
        while (await pager.NextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
        {
            found.AddRange(page.Where(isMatch));
        }

        return found;
    }

    /// <summary>
    /// Imports a definition (the export shape, <c>{"workflow": {...}, "targets": {...}}</c>) into the given
    /// tenants, globally, or (neither) into the session's tenant, and reads the new workflow back. A lost answer
    /// is recovered by the definition's unique_name when it has one.
    /// </summary>
    public static async Task<MsxWorkflow> ImportWorkflowAsync(this MsxApiClient client, JsonElement definition, IReadOnlyCollection<Guid> tenantIds, bool global, CancellationToken cancellationToken)
    {
        var query = new QueryString().Add("tenantIds", tenantIds.Count == 0 ? null : tenantIds);
        if (global)
        {
            query.Add("global", true);
        }

        var scope = ListFilter(tenantIds.Count == 0 ? null : tenantIds.First());
        var mapping = await client.Workflows().CreateAsync(definition, WorkflowJsonContext.Default.JsonElement, UniqueNameOf(definition), scope, query, cancellationToken).ConfigureAwait(false);
        // The answer is a WorkflowMapping (id, tenants, uniqueName), not the workflow.
        return await client.GetWorkflowAsync(mapping.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The definition as the server exports it, ready to import elsewhere.</summary>
    public static async Task<JsonElement> ExportWorkflowAsync(this MsxApiClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendJsonAsync(HttpMethod.Get, Declaration.ItemPath(id, "export"), null, WorkflowJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
        }
        catch (MsxApiException ex)
        {
            throw Declaration.Tag(ex, MsxOperationKind.Read, id);
        }
    }

    public static Task DeleteWorkflowAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        client.Workflows().DeleteAsync(id, cancellationToken);

    /// <summary>What a start of the workflow takes: its input variables with their defaults, and the target it needs.</summary>
    public static async Task<MsxWorkflowStartConfig> GetStartConfigAsync(this MsxApiClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendJsonAsync(HttpMethod.Get, Declaration.ItemPath(id, "startconfig"), null, WorkflowJsonContext.Default.MsxWorkflowStartConfig, cancellationToken).ConfigureAwait(false);
        }
        catch (MsxApiException ex)
        {
            throw Declaration.Tag(ex, MsxOperationKind.Read, id);
        }
    }

    /// <summary>
    /// Starts the workflow with a checked start request. A start is never repeated (it is a POST): a lost
    /// answer is an error, and the instance may exist. Answers the instances the server made (one per start).
    /// </summary>
    public static async Task<List<MsxWorkflowInstance>> StartWorkflowAsync(this MsxApiClient client, MsxWorkflow workflow, WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        if (!request.IsValid)
        {
            throw new InvalidOperationException("The start request has problems; check IsValid before starting: " + string.Join("; ", request.Problems));
        }

        List<MsxWorkflowInstance> started;
        try
        {
            started = await client.SendJsonAsync(HttpMethod.Post, Declaration.ItemPath(workflow.Id, "start"), request.Body, WorkflowJsonContext.Default.ListMsxWorkflowInstance, cancellationToken).ConfigureAwait(false);
        }
        catch (MsxApiException ex)
        {
            throw Declaration.Tag(ex, MsxOperationKind.Action, workflow);
        }

        foreach (var instance in started)
        {
            instance.Origin = client;
            instance.WorkflowId ??= workflow.Id;
            // The start answer has no name; the workflow's is the instance's.
            instance.Name ??= workflow.Name;
        }

        return started;
    }

    private static string? UniqueNameOf(JsonElement definition) =>
        definition.ValueKind == JsonValueKind.Object
        && definition.TryGetProperty("workflow", out var workflow) && workflow.ValueKind == JsonValueKind.Object
        && workflow.TryGetProperty("unique_name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
}

/// <summary>Workflow instances: <c>/workflow/api/v8/workflows/instances/{id}</c>, and each workflow's instance listing.</summary>
public static class WorkflowInstanceResource
{
    public const string CollectionPath = WorkflowResource.CollectionPath + "/instances";

    /// <summary>The spec caps the instance listing at 100 per page.</summary>
    public const int MaximumPageSize = 100;

    public static readonly MsxResource<MsxWorkflowInstance> Declaration = new(
        "WorkflowInstance",
        CollectionPath,
        WorkflowJsonContext.Default.MsxWorkflowInstance,
        WorkflowJsonContext.Default.ListMsxWorkflowInstance,
        i => i.Id,
        i => i.Name ?? i.Id)
    {
        ErrorIdsByCode = new Dictionary<string, string>
        {
            ["WORKFLOW_INSTANCE_FINISHED"] = "MsxWorkflowInstanceFinished",
            ["WORKFLOW_INSTANCE_RUNNING"] = "MsxWorkflowInstanceRunning",
        },
    };

    public static ResourceClient<MsxWorkflowInstance> WorkflowInstances(this MsxApiClient client) => client.For(Declaration);

    /// <summary>
    /// The instances of one workflow: a paged listing whose pages are bare arrays, ended by a short page. Made
    /// per call and kept nowhere, so listing many workflows' instances does not grow a table.
    /// </summary>
    public static ResourceClient<MsxWorkflowInstance> InstancesOf(this MsxApiClient client, string workflowId) =>
        client.For(new MsxResource<MsxWorkflowInstance>(
            "WorkflowInstance",
            CollectionPath,
            WorkflowJsonContext.Default.MsxWorkflowInstance,
            WorkflowJsonContext.Default.ListMsxWorkflowInstance,
            i => i.Id,
            i => i.Name ?? i.Id)
        {
            PagePath = WorkflowResource.Declaration.ItemPath(workflowId, "instances/list"),
            MaximumPageSize = MaximumPageSize,
            // The only thing this path can miss is the workflow itself.
            ErrorIdsByCode = new Dictionary<string, string> { ["NOT_FOUND"] = "MsxWorkflowNotFound" },
        });

    public static Task<MsxWorkflowInstance> GetWorkflowInstanceAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        client.WorkflowInstances().GetAsync(id, cancellationToken);

    /// <summary>Cancels a created or running instance; answers it as it is after the cancel.</summary>
    public static Task<MsxWorkflowInstance> CancelWorkflowInstanceAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        client.WorkflowInstances().SendItemAsync(HttpMethod.Post, Declaration.ItemPath(id, "cancel"), null, id, cancellationToken);

    public static Task DeleteWorkflowInstanceAsync(this MsxApiClient client, string id, CancellationToken cancellationToken) =>
        client.WorkflowInstances().DeleteAsync(id, cancellationToken);

    /// <summary>What a confirmation calls an instance: its id, and the workflow's name when known (the noun of ErrorIds reads badly there).</summary>
    public static string Describe(MsxWorkflowInstance instance) =>
        Describe(instance.Id) + (instance.Name is null ? string.Empty : $" of '{instance.Name}'");

    public static string Describe(string id) => $"Workflow instance {id}";
}
