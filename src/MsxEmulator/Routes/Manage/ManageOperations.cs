namespace MsxEmulator.Routes;

/// <summary>
/// The <see cref="AccessOperation"/>s of one manage area (sites, devices, health): a GET needs the area's view
/// permission, any other method its manage permission, and each operation gets its <see cref="ManageCaller"/>.
/// </summary>
public sealed class ManageOperations(EmulatorState tenants, ManageArea area)
{
    public AccessOperation Get(Func<HttpContext, ManageCaller, Task> run) => Make("GET", area.View, run);

    public AccessOperation Post(Func<HttpContext, ManageCaller, Task> run) => Make("POST", area.Manage, run);

    public AccessOperation Put(Func<HttpContext, ManageCaller, Task> run) => Make("PUT", area.Manage, run);

    public AccessOperation Patch(Func<HttpContext, ManageCaller, Task> run) => Make("PATCH", area.Manage, run);

    public AccessOperation Delete(Func<HttpContext, ManageCaller, Task> run) => Make("DELETE", area.Manage, run);

    private AccessOperation Make(string method, string permission, Func<HttpContext, ManageCaller, Task> run) =>
        new(method, permission, (context, user, _) => run(context, new ManageCaller(tenants, user, area)));
}
