namespace MsxEmulator.Data;

/// <summary>
/// Reads the <c>workflows</c> key of a --data file: each entry is an import body (<c>workflow</c>,
/// optional <c>targets</c>) plus an optional <c>id</c> and its scope (<c>global</c>, <c>tenantIds</c>).
/// Any problem is a <see cref="DataException"/>.
/// </summary>
public static class WorkflowDataLoader
{
    public static IReadOnlyList<WorkflowDefinition> Load(string path, IReadOnlyCollection<Guid> tenantIds, DateTime createdOn)
    {
        var file = DataFileReading.Parse(path, content =>
        {
            using var stream = new MemoryStream(content, writable: false);
            return JsonSerializer.Deserialize(stream, WorkflowDataFileJsonContext.Default.WorkflowDataFile);
        });
        var result = new List<WorkflowDefinition>();
        var tenants = tenantIds.ToHashSet();
        foreach (var (entry, index) in (file?.Workflows ?? []).Select((e, i) => (e, i)))
        {
            var workflow = Read(entry, $"workflows[{index}]", tenants) with { CreatedOn = createdOn };
            if (result.Exists(w => w.UniqueName == workflow.UniqueName))
            {
                throw new DataException($"workflows[{index}]: unique_name '{workflow.UniqueName}' is used twice.");
            }

            if (result.Exists(w => w.Id == workflow.Id))
            {
                throw new DataException($"workflows[{index}]: id {workflow.Id} is used twice.");
            }

            result.Add(workflow);
        }

        return result;
    }

    private static WorkflowDefinition Read(JsonElement entry, string where, HashSet<Guid> knownTenants)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new DataException($"{where} must be an object.");
        }

        if (!entry.TryGetProperty("workflow", out var body) || body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("unique_name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new DataException($"{where}: workflow.unique_name is required (the id is derived from it).");
        }

        var id = BuiltInWorkflows.StableId(name.GetString()!);
        if (entry.TryGetProperty("id", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            id = given.ValueKind == JsonValueKind.String && Ksuid.IsValid(given.GetString())
                ? given.GetString()!
                : throw new DataException($"{where}: id must be a KSUID (27 base62 characters).");
        }

        var tenantIds = new List<Guid>();
        if (entry.TryGetProperty("tenantIds", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new DataException($"{where}: tenantIds must be an array of tenant ids.");
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !Guid.TryParse(item.GetString(), out var tenantId))
                {
                    throw new DataException($"{where}: tenantIds holds '{item}', which is not a uuid.");
                }

                if (!knownTenants.Contains(tenantId))
                {
                    throw new DataException($"{where}: tenantIds names {tenantId}, which is not a tenant in the data.");
                }

                if (!tenantIds.Contains(tenantId))
                {
                    tenantIds.Add(tenantId);
                }
            }
        }

        var global = tenantIds.Count == 0;
        if (entry.TryGetProperty("global", out var flag) && flag.ValueKind != JsonValueKind.Null)
        {
            global = flag.ValueKind switch
            {
                JsonValueKind.True when tenantIds.Count == 0 => true,
                JsonValueKind.True => throw new DataException($"{where}: a workflow is either global or has tenantIds, not both."),
                JsonValueKind.False when tenantIds.Count > 0 => false,
                JsonValueKind.False => throw new DataException($"{where}: a workflow that is not global needs tenantIds."),
                _ => throw new DataException($"{where}: global must be true or false."),
            };
        }

        try
        {
            return WorkflowReader.Read(entry, id, seed => Ksuid.Stable(id + "/" + seed)) with { Global = global, TenantIds = tenantIds };
        }
        catch (WorkflowFormatException e)
        {
            throw new DataException($"{where} ('{name.GetString()}'): {e.Message}", e);
        }
    }
}
