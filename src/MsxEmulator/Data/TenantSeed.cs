namespace MsxEmulator.Data;

/// <summary>A tenant as loaded, before timestamps and the creation order are settled.</summary>
public sealed record TenantSeed(
    Guid Id,
    string Name,
    string? Description,
    string? Url,
    string? Image,
    string? Email,
    Guid? ParentId,
    string? ExternalId,
    bool? Suspended,
    DateTime? CreatedOn,
    DateTime? ModifiedOn)
{
    public static TenantSeed TopLevel(Guid id, string name) =>
        new(id, name, string.Empty, string.Empty, null, null, null, null, false, null, null);
}
