namespace MsxEmulator.Json;

/// <summary>Source-generated reading of the <c>workflows</c> key of a --data file.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(WorkflowDataFile))]
public sealed partial class WorkflowDataFileJsonContext : JsonSerializerContext;

/// <summary>The part of a --data file the workflow engine reads: <c>{"workflows": [...]}</c>; other keys are read elsewhere.</summary>
public sealed class WorkflowDataFile
{
    [JsonPropertyName("workflows")]
    public List<JsonElement>? Workflows { get; set; }
}
