using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>
/// What every object of the workflow service carries (the spec's <c>WorkflowFooter</c>): who made and last
/// changed it, and when (UTC).
/// </summary>
public abstract class MsxWorkflowFooter : MsxObject
{
    [JsonPropertyName("created_on")]
    [JsonConverter(typeof(LenientTimeConverter))]
    public DateTimeOffset? CreatedOn { get; set; }

    [JsonPropertyName("created_by")]
    public string? CreatedBy { get; set; }

    [JsonPropertyName("updated_on")]
    [JsonConverter(typeof(LenientTimeConverter))]
    public DateTimeOffset? UpdatedOn { get; set; }

    [JsonPropertyName("updated_by")]
    public string? UpdatedBy { get; set; }
}
