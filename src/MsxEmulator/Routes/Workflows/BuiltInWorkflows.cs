namespace MsxEmulator.Data;

/// <summary>
/// The workflows of the built-in data: every input has a default, so both start with no inputs.
/// backup-device succeeds after 2.5 s with outputs computed from its inputs; failing-check fails at
/// its second action after 2 s.
/// </summary>
public static class BuiltInWorkflows
{
    public const string BackupDevice = "backup-device";
    public const string FailingCheck = "failing-check";

    private const string BackupDeviceJson = """
        {
          "workflow": {
            "unique_name": "backup-device",
            "name": "Backup device",
            "title": "Backup device",
            "type": "generic.workflow",
            "base_type": "workflow",
            "object_type": "definition_workflow",
            "properties": {
              "atomic": { "is_atomic": false },
              "delete_workflow_instance": false,
              "display_name": "Backup device",
              "favorite": false,
              "target": { "no_target": true, "execute_on_workflow_target": false, "specify_on_workflow_start": false },
              "emulator": { "start_delay_ms": 500 }
            },
            "variables": [
              { "unique_name": "variable_workflow_backup_device_device", "object_type": "variable_workflow", "schema_id": "datatype.string",
                "properties": { "value": "router-1", "scope": "input", "name": "device", "type": "datatype.string", "is_required": true } },
              { "unique_name": "variable_workflow_backup_device_destination", "object_type": "variable_workflow", "schema_id": "datatype.string",
                "properties": { "value": "tftp://backup.example.com", "scope": "input", "name": "destination", "type": "datatype.string", "is_required": false } },
              { "unique_name": "variable_workflow_backup_device_result", "object_type": "variable_workflow", "schema_id": "datatype.string",
                "properties": { "value": "backup of {device} done", "scope": "output", "name": "result", "type": "datatype.string", "is_required": false } },
              { "unique_name": "variable_workflow_backup_device_location", "object_type": "variable_workflow", "schema_id": "datatype.string",
                "properties": { "value": "{destination}/{device}.cfg", "scope": "output", "name": "location", "type": "datatype.string", "is_required": false } }
            ],
            "actions": [
              { "unique_name": "definition_activity_backup_device_connect", "name": "Connect to device", "title": "Connect to device",
                "type": "core.noop", "base_type": "activity", "object_type": "definition_activity",
                "properties": { "display_name": "Connect to device", "continue_on_failure": false, "emulator": { "duration_ms": 1000 } } },
              { "unique_name": "definition_activity_backup_device_copy", "name": "Copy running config", "title": "Copy running config",
                "type": "core.noop", "base_type": "activity", "object_type": "definition_activity",
                "properties": { "display_name": "Copy running config", "continue_on_failure": false, "emulator": { "duration_ms": 1000 } } }
            ],
            "categories": []
          }
        }
        """;

    private const string FailingCheckJson = """
        {
          "workflow": {
            "unique_name": "failing-check",
            "name": "Failing check",
            "title": "Failing check",
            "type": "generic.workflow",
            "base_type": "workflow",
            "object_type": "definition_workflow",
            "properties": {
              "atomic": { "is_atomic": false },
              "delete_workflow_instance": false,
              "display_name": "Failing check",
              "favorite": false,
              "target": { "no_target": true, "execute_on_workflow_target": false, "specify_on_workflow_start": false },
              "emulator": { "start_delay_ms": 500 }
            },
            "variables": [
              { "unique_name": "variable_workflow_failing_check_device", "object_type": "variable_workflow", "schema_id": "datatype.string",
                "properties": { "value": "router-1", "scope": "input", "name": "device", "type": "datatype.string", "is_required": true } },
              { "unique_name": "variable_workflow_failing_check_result", "object_type": "variable_workflow", "schema_id": "datatype.string",
                "properties": { "value": "check of {device} passed", "scope": "output", "name": "result", "type": "datatype.string", "is_required": false } }
            ],
            "actions": [
              { "unique_name": "definition_activity_failing_check_ping", "name": "Ping device", "title": "Ping device",
                "type": "core.noop", "base_type": "activity", "object_type": "definition_activity",
                "properties": { "display_name": "Ping device", "continue_on_failure": false, "emulator": { "duration_ms": 500 } } },
              { "unique_name": "definition_activity_failing_check_compliance", "name": "Check compliance", "title": "Check compliance",
                "type": "core.noop", "base_type": "activity", "object_type": "definition_activity",
                "properties": { "display_name": "Check compliance", "continue_on_failure": false,
                  "emulator": { "duration_ms": 1000, "failure": "device {device} is not compliant" } } }
            ],
            "categories": []
          }
        }
        """;

    /// <summary>The built-in workflows, global, created at <paramref name="createdOn"/>.</summary>
    public static IReadOnlyList<WorkflowDefinition> Workflows(DateTime createdOn) =>
    [
        Read(BackupDeviceJson, createdOn),
        Read(FailingCheckJson, createdOn),
    ];

    /// <summary>The stable id of a loaded workflow: a KSUID derived from its unique_name.</summary>
    public static string StableId(string uniqueName) => Ksuid.Stable("msx-emulator-workflow:" + uniqueName);

    private static WorkflowDefinition Read(string json, DateTime createdOn)
    {
        using var document = JsonDocument.Parse(json);
        var uniqueName = document.RootElement.GetProperty("workflow").GetProperty("unique_name").GetString()!;
        var id = StableId(uniqueName);
        return WorkflowReader.Read(document.RootElement, id, seed => Ksuid.Stable(id + "/" + seed)) with
        {
            Global = true,
            CreatedOn = createdOn,
        };
    }
}
