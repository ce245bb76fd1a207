namespace MsxEmulator.Json;

/// <summary>The spec's <c>WorkflowDefAccessMeta</c> of a target.</summary>
public sealed record WorkflowDefAccessMetaBody(bool IsInternal);

/// <summary>The spec's <c>WorkflowTarget</c> (WorkflowTarget_allOf + WorkflowFooter), in the order of the spec's example.</summary>
public sealed record WorkflowTargetBody(
    string Id,
    string Name,
    string? Title,
    string Type,
    JsonElement Properties,
    string Owner,
    bool Valid,
    string SchemaId,
    string AdapterId,
    string BaseType,
    string CreatedOn,
    string CreatedBy,
    string UpdatedOn,
    string? UpdatedBy,
    WorkflowDefAccessMetaBody DefAccessMeta,
    string UniqueName);
