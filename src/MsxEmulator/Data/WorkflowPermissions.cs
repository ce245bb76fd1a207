namespace MsxEmulator.Data;

/// <summary>
/// What each role may do with workflows, in the spec's permission names (the role examples list
/// MANAGE_WORKFLOW, MANAGE_WORKFLOW_INSTANCE, VIEW_WORKFLOW and VIEW_WORKFLOW_INSTANCE).
/// </summary>
public static class WorkflowPermissions
{
    public const string ViewWorkflow = "VIEW_WORKFLOW";
    public const string ManageWorkflow = "MANAGE_WORKFLOW";
    public const string ViewWorkflowInstance = "VIEW_WORKFLOW_INSTANCE";
    public const string ManageWorkflowInstance = "MANAGE_WORKFLOW_INSTANCE";

    private static readonly string[] All = [ViewWorkflow, ManageWorkflow, ViewWorkflowInstance, ManageWorkflowInstance];

    /// <summary>A consumer runs the workflows of its tenants but does not import or delete them.</summary>
    private static readonly string[] ConsumerPermissions = [ViewWorkflow, ViewWorkflowInstance, ManageWorkflowInstance];

    public static bool Has(IEnumerable<string> roles, string permission) =>
        roles.Any(role => role switch
        {
            Roles.SuperUser or Roles.TenantAdmin => All.Contains(permission),
            Roles.Consumer => ConsumerPermissions.Contains(permission),
            _ => false,
        });
}
