namespace MsxEmulator.Routes;

/// <summary>The Error codes of sites and devices, and the shared answer to a state outcome.</summary>
public static class ManageErrors
{
    public const string DeviceAlreadyExists = "DEVICE_ALREADY_EXISTS";
    public const string SiteAlreadyExists = "SITE_ALREADY_EXISTS";
    public const string DeviceNotManaged = "DEVICE_NOT_MANAGED";

    public static ApiFailure Forbidden(string message) => new(StatusCodes.Status403Forbidden, Responses.Forbidden, message);

    public static ApiFailure DeviceNotFound(string id) => new(StatusCodes.Status404NotFound, Responses.NotFound, $"Device {id} not found.");

    public static ApiFailure SiteNotFound(Guid id) => new(StatusCodes.Status404NotFound, Responses.NotFound, $"Site {id} not found.");

    public static ApiFailure UnknownTenant(string field, Guid tenantId) => ApiFailure.BadRequest($"{field}: tenant {tenantId} does not exist");

    /// <summary>Turns a failed outcome into its answer; <paramref name="unknownDeviceStatus"/> is 404 where the spec declares it, else 400.</summary>
    public static ApiFailure For<T>(ManageResult<T> result, string subject, int unknownDeviceStatus = StatusCodes.Status404NotFound) =>
        result.Outcome switch
        {
            ManageOutcome.NotFound => new(StatusCodes.Status404NotFound, Responses.NotFound, $"{subject} not found."),
            ManageOutcome.DeviceNameTaken => new(StatusCodes.Status409Conflict, DeviceAlreadyExists,
                $"Device {result.Detail} of the same tenant already has this name."),
            ManageOutcome.SerialKeyTaken => new(StatusCodes.Status409Conflict, DeviceAlreadyExists,
                $"Device {result.Detail} already has this serialKey."),
            ManageOutcome.SiteNameTaken => new(StatusCodes.Status409Conflict, SiteAlreadyExists,
                "A site of the same tenant already has this name."),
            ManageOutcome.UnknownDevice => unknownDeviceStatus == StatusCodes.Status404NotFound
                ? new(StatusCodes.Status404NotFound, Responses.NotFound, $"Device {result.Detail} not found; nothing was changed.")
                : ApiFailure.BadRequest($"deviceIds: device {result.Detail} does not exist"),
            ManageOutcome.DeviceInOtherTenant => ApiFailure.BadRequest(
                $"deviceIds: device {result.Detail} belongs to another tenant than the site; nothing was changed"),
            ManageOutcome.ParentNotFound => ApiFailure.BadRequest($"parentId: site {result.Detail} does not exist"),
            ManageOutcome.ParentInOtherTenant => ApiFailure.BadRequest($"parentId: site {result.Detail} belongs to another tenant"),
            ManageOutcome.ParentLoop => ApiFailure.BadRequest($"parentId: site {result.Detail} would make the site its own ancestor"),
            ManageOutcome.NotManaged => new(StatusCodes.Status409Conflict, DeviceNotManaged,
                $"{subject} is not managed (managed is false), so it cannot be redeployed."),
            _ => throw new InvalidOperationException("Not a failure: " + result.Outcome),
        };
}
