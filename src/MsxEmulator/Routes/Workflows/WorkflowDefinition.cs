namespace MsxEmulator.Data;

/// <summary>
/// An imported workflow: what the engine needs (variables, actions and their emulator hints) and the
/// normalised definition JSON that export gives back. Immutable, so it can be read outside the state lock.
/// </summary>
public sealed record WorkflowDefinition(
    string Id,
    string UniqueName,
    string Name,
    string Title,
    string Type,
    string BaseType,
    JsonElement Properties,
    IReadOnlyList<string> Categories,
    IReadOnlyList<WorkflowVariableDefinition> Variables,
    IReadOnlyList<WorkflowActionDefinition> Actions,
    long StartDelayMs,
    bool IsAtomic,
    string? TargetType,
    string? TargetId,
    bool TargetNeededAtStart,
    JsonElement Source,
    JsonElement? Targets)
{
    /// <summary>Global workflows are visible in every tenant; the others only in <see cref="TenantIds"/>.</summary>
    public bool Global { get; init; }

    public IReadOnlyList<Guid> TenantIds { get; init; } = [];

    /// <summary>The importing user's name (the spec's created_by and owner).</summary>
    public string CreatedBy { get; init; } = "system";

    /// <summary>The importing user's id (WorkflowMapping's createdBy).</summary>
    public Guid? CreatedByUserId { get; init; }

    public DateTime CreatedOn { get; init; }

    public IEnumerable<WorkflowVariableDefinition> Inputs => Variables.Where(v => v.Scope == WorkflowVariableDefinition.InputScope);
}

/// <summary>A workflow variable; <see cref="Value"/> is the default (for an output, the template of its value).</summary>
public sealed record WorkflowVariableDefinition(
    string Id,
    string UniqueName,
    string Name,
    string Scope,
    string Type,
    string SchemaId,
    JsonElement Value,
    bool IsRequired,
    JsonElement Properties)
{
    public const string InputScope = "input";
    public const string OutputScope = "output";
    public const string LocalScope = "local";
}

/// <summary>A workflow action: it runs for <see cref="DurationMs"/>, then succeeds, or fails with <see cref="Failure"/>.</summary>
public sealed record WorkflowActionDefinition(
    string Id,
    string UniqueName,
    string Name,
    string Title,
    string Type,
    string BaseType,
    long DurationMs,
    string? Failure);
