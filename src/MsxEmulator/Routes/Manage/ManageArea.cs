namespace MsxEmulator.Routes;

/// <summary>The view and manage permissions of one manage area (sites, devices).</summary>
public sealed record ManageArea(string View, string Manage)
{
    public static readonly ManageArea Sites = new(Permissions.ViewSites, Permissions.ManageSites);

    public static readonly ManageArea Devices = new(Permissions.ViewDevices, Permissions.ManageDevices);
}
