using System.Text.Json;
using System.Text.Json.Serialization;
using MsxEmulator.Routes;
using MsxEmulator.State;

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

/// <summary>Turns the <c>workflowTargets</c> of a --data file into targets; any problem is a <see cref="DataException"/>.</summary>
public static class WorkflowTargetDataLoader
{
    private const string SystemUser = "system";

    public static IReadOnlyList<WorkflowTargetRecord> Load(string path, DateTime createdOn)
    {
        var file = DataFileLoader.Read(path);
        var result = new List<WorkflowTargetRecord>();
        foreach (var (entry, index) in (file?.WorkflowTargets ?? []).Select((e, i) => (e, i)))
        {
            var where = $"workflowTargets[{index}]";
            var target = Read(entry ?? throw new DataException($"{where} is null."), where, createdOn);
            if (result.Exists(t => t.UniqueName == target.UniqueName))
            {
                throw new DataException($"{where}: unique_name '{target.UniqueName}' is used twice.");
            }

            if (result.Exists(t => t.Id == target.Id))
            {
                throw new DataException($"{where}: id {target.Id} is used twice.");
            }

            result.Add(target);
        }

        return result;
    }

    private static WorkflowTargetRecord Read(WorkflowTargetEntry entry, string where, DateTime createdOn)
    {
        if (entry.UniqueName is null)
        {
            throw new DataException($"{where}: unique_name is required (the id is derived from it).");
        }

        var problem = WorkflowTargetRoutes.UniqueNameProblem(entry.UniqueName)
            ?? (entry.Name is null ? "name: required" : WorkflowTargetRoutes.PatternProblem("name", entry.Name))
            ?? (entry.Description is null ? null : WorkflowTargetRoutes.PatternProblem("description", entry.Description))
            ?? (entry.Properties is not { ValueKind: JsonValueKind.Object } ? "properties: required, an object" : null)
            ?? (entry.Type is { Length: 0 } ? "type: must not be empty" : null)
            ?? (entry.SchemaId is { Length: 0 } ? "schema_id: must not be empty" : null)
            ?? (entry.Id is not null && !Ksuid.IsValid(entry.Id) ? "id: must be a KSUID (27 base62 characters)" : null);
        if (problem is not null)
        {
            throw new DataException($"{where} ('{entry.UniqueName}'): {problem}.");
        }

        var type = entry.Type ?? WorkflowTargetRoutes.DefaultType;
        return new WorkflowTargetRecord(
            entry.Id ?? Ksuid.Stable("msx-emulator-target:" + entry.UniqueName),
            entry.Name!,
            entry.Description,
            entry.Title,
            type,
            entry.SchemaId ?? WorkflowTargetRoutes.SchemaIdOf(type),
            entry.UniqueName,
            entry.Properties!.Value.Clone(),
            entry.Internal ?? false,
            SystemUser,
            createdOn,
            SystemUser,
            createdOn,
            SystemUser);
    }
}
