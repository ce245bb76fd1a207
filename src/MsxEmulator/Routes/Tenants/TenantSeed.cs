namespace MsxEmulator.Data;

/// <summary>A tenant as loaded: the fields a create would give it, and what only a data file sets, before timestamps and the creation order are settled.</summary>
public sealed record TenantSeed(Guid Id, TenantInput Fields, bool? Suspended, DateTime? CreatedOn, DateTime? ModifiedOn)
{
    public static TenantSeed TopLevel(Guid id, string name) =>
        new(id, new TenantInput(name, string.Empty, string.Empty, null, null, null, null), false, null, null);
}
