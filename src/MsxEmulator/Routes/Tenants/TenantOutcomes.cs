namespace MsxEmulator.State;

/// <summary>A tenant with its computed number of children, as read under the state lock.</summary>
public readonly record struct TenantView(Tenant Tenant, long NumberOfChildren);

public enum TenantWriteOutcome
{
    Done,
    NotFound,
    DuplicateName,
    DuplicateExternalId,
    ParentNotFound,
    HasChildren,
}

/// <summary>What a new tenant is made of (already validated).</summary>
public sealed record TenantInput(
    string Name,
    string? Description,
    string? Url,
    string? Image,
    string? Email,
    Guid? ParentId,
    string? ExternalId);
