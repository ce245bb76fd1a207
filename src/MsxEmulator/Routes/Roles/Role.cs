namespace MsxEmulator.Data;

/// <summary>A role of the catalog (the spec's <c>Role</c>). Roles are read-only through the API.</summary>
public sealed record Role(Guid Id, string Name, string Description, IReadOnlyList<string> Permissions);
