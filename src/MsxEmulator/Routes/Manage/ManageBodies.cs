namespace MsxEmulator.Routes;

/// <summary>
/// Stored sites and devices as the wire shows them. Device times are whole seconds and site times carry
/// milliseconds, as in the spec's examples of each.
/// </summary>
public static class ManageBodies
{
    public static DeviceBody ToBody(Device d) => new(
        d.Id, d.Name, d.Model, d.Type, d.SubType, d.Tags, d.SerialKey, d.Version, d.ServiceInstanceId, d.SubscriptionId,
        d.ServiceType, d.Managed, d.OnboardType, d.OnboardInformation, d.Attributes, d.ComplianceState, d.VulnerabilityState,
        ToBody(d.Status),
        new StatusDetailsBody(ToBody(d.StatusDetails.HealthStatus), ToBody(d.StatusDetails.PnpStatus),
            ToBody(d.StatusDetails.LifeCycleStatus), ToBody(d.StatusDetails.SyncStatus), ToBody(d.StatusDetails.TunnelStatus)),
        d.TenantId, d.ProviderId, d.UserId, Timestamps.Seconds(d.CreatedOn), Timestamps.Seconds(d.ModifiedOn));

    public static ResourceHealthBody HealthOf(Device d) => new(d.Id, "device", d.Health, d.HealthDescription);

    public static SiteBody ToBody(SiteView view, bool includeImage = true)
    {
        var s = view.Site;
        var created = Timestamps.Millis(s.CreatedOn);
        return new SiteBody(
            s.Id,
            s.TenantId,
            s.ParentId,
            s.Name,
            s.Type,
            s.Description,
            s.Address is { } a
                ? new SiteAddressBody(a.Name, a.Company, a.FormattedAddress, a.Address1, a.Address2, a.City, a.State, a.Country, a.PostCode)
                : null,
            s.Contact is { } c ? new SiteContactBody(c.Name, c.Phone, c.Email) : null,
            includeImage ? s.Image : null,
            s.ManagingControlPlaneId,
            s.Attributes,
            view.Devices.Select(d => new DeviceSummaryBody(d.DeviceId, d.ServiceId, d.ServiceType)).ToList(),
            s.ServiceIds,
            s.Location is { } l ? new SiteLocationBody(l.Latitude, l.Longitude) : null,
            new SiteStatusBody("health", "healthStatus", "unknown", "3", created, "unknown"),
            created,
            s.CreatedBy,
            Timestamps.Millis(s.ModifiedOn),
            s.ModifiedBy);
    }

    private static StatusBody ToBody(StatusEntry e) => new(e.Value, e.Severity, Timestamps.Seconds(e.LastUpdated), e.LastUpdatedMessage);
}
