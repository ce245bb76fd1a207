namespace MsxEmulator.Data;

/// <summary>
/// What each role may do with workflows, in the spec's permission names. The sets are the workflow
/// permissions of the built-in role catalog (the spec's role examples): a consumer views workflows and
/// instances but runs none; an operator runs and views instances.
/// </summary>
public static class WorkflowPermissions
{
    public const string ViewWorkflow = "VIEW_WORKFLOW";
    public const string ManageWorkflow = "MANAGE_WORKFLOW";
    public const string ViewWorkflowInstance = "VIEW_WORKFLOW_INSTANCE";
    public const string ManageWorkflowInstance = "MANAGE_WORKFLOW_INSTANCE";

    private const string OperatorRole = "OPERATOR";

    private static readonly string[] All = [ViewWorkflow, ManageWorkflow, ViewWorkflowInstance, ManageWorkflowInstance];

    private static readonly string[] OperatorPermissions = [ViewWorkflowInstance, ManageWorkflowInstance];

    private static readonly string[] ConsumerPermissions = [ViewWorkflow, ViewWorkflowInstance];

    public static bool Has(IEnumerable<string> roles, string permission) =>
        roles.Any(role => role switch
        {
            Roles.SuperUser or Roles.TenantAdmin => All.Contains(permission),
            OperatorRole => OperatorPermissions.Contains(permission),
            Roles.Consumer => ConsumerPermissions.Contains(permission),
            _ => false,
        });
}
