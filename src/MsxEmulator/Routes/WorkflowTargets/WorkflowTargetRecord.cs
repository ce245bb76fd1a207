namespace MsxEmulator.State;

/// <summary>A workflow target as stored: what the last create or update wrote, and who and when.</summary>
public sealed record WorkflowTargetRecord(
    string Id,
    string Name,
    string? Description,
    string? Title,
    string Type,
    string SchemaId,
    string UniqueName,
    JsonElement Properties,
    bool IsInternal,
    string Owner,
    DateTime CreatedOn,
    string CreatedBy,
    DateTime UpdatedOn,
    string UpdatedBy);
