namespace MsxEmulator.Data;

/// <summary>
/// A stored tenant. Immutable: an update replaces the record. <see cref="Sequence"/> is the creation
/// order, used to break createdOn ties; <c>numberOfChildren</c> is computed by the state, not stored.
/// </summary>
public sealed record Tenant(
    Guid Id,
    string Name,
    string? Description,
    string? Url,
    string? Image,
    string? Email,
    Guid? ParentId,
    string? ExternalId,
    bool? Suspended,
    DateTime CreatedOn,
    DateTime ModifiedOn,
    long Sequence)
{
    /// <summary>A tenant made of the fields of a create (or of a data file's entry).</summary>
    public static Tenant From(Guid id, TenantInput fields, bool? suspended, DateTime createdOn, DateTime modifiedOn, long sequence) =>
        new(id, fields.Name, fields.Description, fields.Url, fields.Image, fields.Email, fields.ParentId, fields.ExternalId,
            suspended, createdOn, modifiedOn, sequence);
}
