namespace MsxEmulator.State;

public enum ManageOutcome
{
    Done,
    NotFound,
    DeviceNameTaken,
    SerialKeyTaken,
    SiteNameTaken,
    UnknownDevice,
    DeviceInOtherTenant,
    ParentNotFound,
    ParentInOtherTenant,
    ParentLoop,
    NotManaged,
}

/// <summary>What a state operation did; <see cref="Detail"/> names the offending id when there is one.</summary>
public readonly record struct ManageResult<T>(ManageOutcome Outcome, T? Value = default, string? Detail = null)
{
    public static implicit operator ManageResult<T>(ManageOutcome outcome) => new(outcome);
}

/// <summary>A device as a site lists it (the spec's DeviceSummary), computed from the current device.</summary>
public sealed record DeviceSummary(string DeviceId, string ServiceId, string? ServiceType);

/// <summary>A site with its device summaries, as read under the state lock.</summary>
public sealed record SiteView(Site Site, IReadOnlyList<DeviceSummary> Devices);
