using System.Text.Encodings.Web;

namespace MsxEmulator.Json;

/// <summary>Source-generated serialization of the workflow API (snake_case, as the workflow service writes it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(WorkflowBody))]
[JsonSerializable(typeof(List<WorkflowBody>))]
[JsonSerializable(typeof(WorkflowStartConfigBody))]
[JsonSerializable(typeof(List<StartWorkflowResponseBody>))]
[JsonSerializable(typeof(WorkflowInstanceBody))]
[JsonSerializable(typeof(List<WorkflowInstanceBody>))]
[JsonSerializable(typeof(WorkflowInstanceDeleteBody))]
[JsonSerializable(typeof(WorkflowMappingBody))]
[JsonSerializable(typeof(WorkflowExportBody))]
[JsonSerializable(typeof(WorkflowTargetBody))]
[JsonSerializable(typeof(List<WorkflowTargetBody>))]
public sealed partial class WorkflowJsonContext : JsonSerializerContext
{
    /// <summary>As Default, but without escaping characters such as ' and &amp; (as the other wire answers).</summary>
    public static WorkflowJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
