namespace MsxEmulator.Data;

/// <summary>
/// The spec's permission names that the hand-written routes need. Who holds them is the role catalog's
/// business (see <c>EmulatorState.Permits</c>); nothing here maps roles to permissions.
/// </summary>
public static class Permissions
{
    public const string ViewWorkflow = "VIEW_WORKFLOW";
    public const string ManageWorkflow = "MANAGE_WORKFLOW";
    public const string ViewWorkflowInstance = "VIEW_WORKFLOW_INSTANCE";
    public const string ManageWorkflowInstance = "MANAGE_WORKFLOW_INSTANCE";
    public const string ViewTenant = "VIEW_TENANT";
    public const string ManageTenant = "MANAGE_TENANT";
    public const string ViewSites = "VIEW_SITES";
    public const string ManageSites = "MANAGE_SITES";
    public const string ViewDevices = "VIEW_DEVICES";
    public const string ManageDevices = "MANAGE_DEVICES";
    public const string ManageUsers = "MANAGE_REMOTE_USERS";
    public const string SwitchTenant = "SWITCH_TENANT";
    public const string AccessAllTenants = "ACCESS_ALL_TENANTS";
}
