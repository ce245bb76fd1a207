using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>An MSX tenant, as the spec's <c>Tenant</c> schema describes it.</summary>
public sealed class MsxTenant : MsxObject
{
    [JsonPropertyName("id")]
    public Guid Id { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("parentId")]
    public Guid? ParentId { get; set; }

    [JsonPropertyName("externalId")]
    public string? ExternalId { get; set; }

    [JsonPropertyName("suspended")]
    public bool? Suspended { get; set; }

    [JsonPropertyName("numberOfChildren")]
    public long? NumberOfChildren { get; set; }

    [JsonPropertyName("createdOn")]
    public DateTimeOffset? CreatedOn { get; set; }

    [JsonPropertyName("modifiedOn")]
    public DateTimeOffset? ModifiedOn { get; set; }

    public override string ToString() => Name;
}
