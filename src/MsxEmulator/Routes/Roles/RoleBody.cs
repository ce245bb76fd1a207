namespace MsxEmulator.Json;

/// <summary>The spec's <c>Role</c>.</summary>
public sealed record RoleBody(Guid Id, string Name, string Description, IReadOnlyList<string> Permissions);
