namespace MsxEmulator.State;

/// <summary>The sort keys the tenants page accepts.</summary>
public enum TenantSort
{
    CreatedOn,
    Name,
    ModifiedOn,
}
