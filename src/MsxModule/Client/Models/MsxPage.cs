using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>The spec's paged answer (PageHeader + contents), for any item type.</summary>
public sealed class MsxPage<T>
{
    [JsonPropertyName("page")]
    public int Page { get; set; }

    [JsonPropertyName("pageSize")]
    public int PageSize { get; set; }

    [JsonPropertyName("totalItems")]
    public long? TotalItems { get; set; }

    [JsonPropertyName("hasNext")]
    public bool? HasNext { get; set; }

    [JsonPropertyName("hasPrevious")]
    public bool? HasPrevious { get; set; }

    [JsonPropertyName("contents")]
    public List<T>? Contents { get; set; }
}
