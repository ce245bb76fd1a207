using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxEmulator.Json;

/// <summary>The spec's <c>UsersPage</c> (PageHeader + contents of <c>User</c>).</summary>
public sealed record UsersPageBody(
    int Page,
    int PageSize,
    long? TotalItems,
    bool? HasNext,
    bool? HasPrevious,
    string? SortBy,
    string? SortOrder,
    IReadOnlyList<UserBody> Contents);

/// <summary>The spec's <c>Role</c>.</summary>
public sealed record RoleBody(Guid Id, string Name, string Description, IReadOnlyList<string> Permissions);

/// <summary>Serialization of the users page and roles, with the same options as <see cref="EmulatorJsonContext.Wire"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(UsersPageBody))]
[JsonSerializable(typeof(RoleBody))]
[JsonSerializable(typeof(List<RoleBody>))]
public sealed partial class UserJsonContext : JsonSerializerContext
{
    public static UserJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
