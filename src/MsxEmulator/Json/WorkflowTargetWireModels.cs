using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxEmulator.Json;

/// <summary>The spec's <c>WorkflowDefAccessMeta</c> of a target.</summary>
public sealed record WorkflowDefAccessMetaBody(bool IsInternal);

/// <summary>The spec's <c>WorkflowTarget</c> (WorkflowTarget_allOf + WorkflowFooter), in the order of the spec's example.</summary>
public sealed record WorkflowTargetBody(
    string Id,
    string Name,
    string? Title,
    string Type,
    JsonElement Properties,
    string Owner,
    bool Valid,
    string SchemaId,
    string AdapterId,
    string BaseType,
    string CreatedOn,
    string CreatedBy,
    string UpdatedOn,
    string? UpdatedBy,
    WorkflowDefAccessMetaBody DefAccessMeta,
    string UniqueName);

/// <summary>Source-generated serialization of the workflow targets (snake_case, as the workflow service writes it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WorkflowTargetBody))]
[JsonSerializable(typeof(List<WorkflowTargetBody>))]
public sealed partial class WorkflowTargetJsonContext : JsonSerializerContext
{
    /// <summary>As Default, but without escaping characters such as ' and &amp; (as the other wire answers).</summary>
    public static WorkflowTargetJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
