namespace MsxEmulator.Json;

/// <summary>The spec's <c>Tenant</c>; email and externalId are left out when null (decision 6).</summary>
public sealed record TenantBody(
    Guid Id,
    string CreatedOn,
    string ModifiedOn,
    bool? Suspended,
    string Name,
    string? Description,
    string? Url,
    string? Image,
    Guid? ParentId,
    long? NumberOfChildren,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExternalId);
