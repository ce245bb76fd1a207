namespace MsxEmulator.Data;

/// <summary>
/// An entry of the <c>workflowTargets</c> key of a --data file: the API's create body (its snake_case
/// names) plus the <c>id</c> and <c>internal</c> the API sets itself. Read strictly with the rest of
/// the file, so an unknown field or a wrong JSON type is an error with its line and column.
/// </summary>
public sealed class WorkflowTargetEntry
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("schema_id")]
    public string? SchemaId { get; set; }

    [JsonPropertyName("unique_name")]
    public string? UniqueName { get; set; }

    [JsonPropertyName("properties")]
    public JsonElement? Properties { get; set; }

    /// <summary>The target's <c>def_access_meta.is_internal</c> (default false), which the API cannot set.</summary>
    [JsonPropertyName("internal")]
    public bool? Internal { get; set; }
}
