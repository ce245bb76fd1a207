using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>An MSX role, as the spec's <c>Role</c> schema describes it: a name and the permissions it grants.</summary>
public sealed class MsxRole : MsxObject
{
    private string[] _permissions = Array.Empty<string>();

    [JsonPropertyName("id")]
    public Guid Id { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("permissions")]
    public string[] Permissions
    {
        get => _permissions;
        set => _permissions = value ?? Array.Empty<string>();
    }

    public override string ToString() => Name;

    /// <summary>A copy for the caller: the session's role cache keeps its own.</summary>
    internal MsxRole Copy() => new()
    {
        Id = Id,
        Name = Name,
        Description = Description,
        Permissions = (string[])Permissions.Clone(),
        Origin = Origin,
    };
}
