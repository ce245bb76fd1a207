namespace MsxEmulator.Data;

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
