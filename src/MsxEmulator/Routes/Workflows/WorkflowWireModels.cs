namespace MsxEmulator.Json;

/// <summary>A free-form <c>status</c> object: <c>{"state": …}</c>, and <c>message</c> on a failed action.</summary>
public sealed record WorkflowStatusBody(
    string State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

/// <summary>The spec's <c>WorkflowMetadata_git_info</c> (an imported workflow has no git origin).</summary>
public sealed record WorkflowGitInfoBody(string TargetId, string CommitHash, string? CommittedBy, string? CommittedOn, string? CommitMessage);

public sealed record WorkflowMetadataBody(WorkflowGitInfoBody GitInfo);

/// <summary>The spec's <c>Workflow</c> (Workflow_allOf + WorkflowFooter); the list leaves title, permissions, variables and actions out.</summary>
public sealed record WorkflowBody(
    string Id,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title,
    string Type,
    JsonElement Properties,
    bool Valid,
    string Owner,
    IReadOnlyList<string> Categories,
    WorkflowMetadataBody Metadata,
    WorkflowStatusBody Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Permissions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WorkflowVariableBody>? Variables,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WorkflowActionBody>? Actions,
    string SchemaId,
    string UniqueName,
    string BaseType,
    bool WorkflowValid,
    string CreatedOn,
    string CreatedBy,
    string UpdatedOn,
    string? UpdatedBy);

/// <summary>The spec's <c>WorkflowVariable</c> (WorkflowVariable_allOf + WorkflowFooter).</summary>
public sealed record WorkflowVariableBody(
    string Id,
    JsonObject Properties,
    string UniqueName,
    string CreatedBy,
    string CreatedOn,
    string? UpdatedBy,
    string UpdatedOn,
    string SchemaId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ObjectType);

/// <summary>The spec's <c>WorkflowAction</c>, as a workflow (no instance fields) or an instance lists it.</summary>
public sealed record WorkflowActionBody(
    string Id,
    string Name,
    string Title,
    string Type,
    WorkflowStatusBody Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WorkflowId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DefinitionId,
    string BaseType,
    string UniqueName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StartedOn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EndedOn);

/// <summary>The spec's <c>WorkflowStartConfig</c>.</summary>
public sealed record WorkflowStartConfigBody(IReadOnlyList<WorkflowVariableBody> InputVariables, string? TypeOfTargetNeeded, string? TargetId);

/// <summary>The spec's <c>StartWorkflowResponse</c>.</summary>
public sealed record StartWorkflowResponseBody(
    string Id,
    string Type,
    WorkflowStatusBody Status,
    string Version,
    string DefinitionId,
    string SchemaId,
    string BaseType,
    string CreatedBy,
    string CreatedOn);

/// <summary>The spec's <c>WorkflowInstance</c> (WorkflowInstance_allOf + WorkflowFooter); the list leaves actions and variables out.</summary>
public sealed record WorkflowInstanceBody(
    string Id,
    string Name,
    string Version,
    string Type,
    JsonElement Properties,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WorkflowActionBody>? Actions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WorkflowVariableBody>? Variables,
    WorkflowStatusBody Status,
    string Owner,
    string DefinitionId,
    string SchemaId,
    string BaseType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StartedOn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EndedOn,
    string CreatedOn,
    string CreatedBy,
    string UpdatedOn,
    string? UpdatedBy);

/// <summary>The spec's <c>WorkflowInstanceDeleteResponse</c>.</summary>
public sealed record WorkflowInstanceDeleteBody(IReadOnlyList<string>? DeletedChildWorkflowInstanceIds);

/// <summary>The spec's <c>WorkflowMapping</c>, the import answer: camelCase, unlike the rest of the workflow API.</summary>
public sealed record WorkflowMappingBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("tenantIds")] IReadOnlyList<Guid> TenantIds,
    [property: JsonPropertyName("uniqueName")] string UniqueName,
    [property: JsonPropertyName("createdBy")] string CreatedBy,
    [property: JsonPropertyName("createdOn")] string CreatedOn,
    [property: JsonPropertyName("modifiedBy")] string ModifiedBy,
    [property: JsonPropertyName("modifiedOn")] string ModifiedOn);

/// <summary>The export answer: the definition as imported (with generated unique names filled in) and its targets.</summary>
public sealed record WorkflowExportBody(
    JsonElement Workflow,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Targets);
