using System.Collections;
using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Creates a device (the spec's DeviceCreate). Takes pipeline input by property name, so a CSV of devices can be piped in.</summary>
[Cmdlet(VerbsCommon.New, "MsxDevice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "New-MsxDevice.md")]
[OutputType(typeof(MsxDevice))]
public sealed class NewMsxDeviceCommand : MsxCreateCmdlet
{
    /// <summary>The tenant's id; bound as text and checked here, so that a bad CSV cell is reported with its device.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [TenantIdTransformation(ResolveNames = false)]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public string TenantId { get; set; } = null!;

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [AllowEmptyString]
    public string Name { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string Model { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string Type { get; set; } = null!;

    /// <summary>How the device is onboarded (for example direct or pnp); the spec requires it and allows it empty.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string OnboardType { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string? SubType { get; set; }

    /// <summary>The serial key: unique on the server, and how a create whose answer was lost is found again.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? SerialKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? Version { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string? ServiceType { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? ServiceInstanceId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? SubscriptionId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ArgumentCompleter(typeof(ComplianceStateCompleter))]
    public string? ComplianceState { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanText]
    public SwitchParameter Managed { get; set; }

    /// <summary>String tags; from a CSV column as key=value;key2=value2.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [KeyValueText]
    public Hashtable? Tag { get; set; }

    /// <summary>Free-form attributes (values of any JSON type); from a CSV column as key=value;key2=value2.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [KeyValueText]
    public Hashtable? Attribute { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [KeyValueText]
    public Hashtable? OnboardInformation { get; set; }

    protected override void ProcessItem()
    {
        var label = string.IsNullOrWhiteSpace(Name) ? "(no name)" : Name;
        if (!Required("MsxInvalidDeviceName", "name", Name, label)
            || !Required("MsxInvalidDeviceModel", "model", Model, label)
            || !Required("MsxInvalidDeviceType", "type", Type, label))
        {
            return;
        }

        if (!SiteFields.IsGuid(TenantId, out var tenantId))
        {
            Refuse("MsxInvalidTenantId", $"The tenant id '{TenantId}' of device '{label}' is not a GUID; the device was not created.", TenantId);
            return;
        }

        if (!Valid("MsxInvalidDeviceField", nameof(OnboardType), OnboardType, ManageValues.Max128)
            || !Valid("MsxInvalidDeviceField", nameof(SubType), SubType, ManageValues.Max128)
            || !Valid("MsxInvalidDeviceField", nameof(SerialKey), SerialKey, ManageValues.Max128)
            || !Valid("MsxInvalidDeviceField", nameof(Version), Version, ManageValues.Max128)
            || !Valid("MsxInvalidDeviceField", nameof(ServiceType), ServiceType, ManageValues.Max128))
        {
            return;
        }

        string? complianceState = null;
        if (ComplianceState is not null && (complianceState = ManageValues.ComplianceState(ComplianceState)) is null)
        {
            Refuse("MsxInvalidComplianceState", $"'{ComplianceState}' is not a compliance state of device '{label}': use {string.Join(", ", ManageValues.ComplianceStates)}. The device was not created.", ComplianceState);
            return;
        }

        var body = new DeviceCreateBody
        {
            TenantId = tenantId,
            Name = Name,
            Model = Model,
            Type = Type,
            OnboardType = OnboardType,
            SubType = SubType,
            SerialKey = SerialKey,
            Version = Version,
            ServiceType = ServiceType,
            ServiceInstanceId = ServiceInstanceId,
            SubscriptionId = SubscriptionId,
            ComplianceState = complianceState,
            Managed = Managed.IsPresent,
            Tags = ManageValues.Strings(Tag),
            Attributes = ManageValues.Json(Attribute),
            OnboardInformation = ManageValues.Json(OnboardInformation),
        };
        var serial = SerialKey is null ? string.Empty : $", serial key {SerialKey}";
        Submit(CurrentSession, Name, $"Device '{Name}' ({Model}{serial}) in tenant {tenantId}", "Create", async (client, ct) => await client.CreateDeviceAsync(body, ct).ConfigureAwait(false));
    }

    /// <summary>Checks a field the spec requires (1 to 128 characters); refuses the device naming the field.</summary>
    private bool Required(string errorId, string field, string? value, string device)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Refuse(errorId, $"Device '{device}' has no {field}: MSX requires one (1 to 128 characters); the device was not created.", device);
            return false;
        }

        if (value!.Length > 128)
        {
            Refuse(errorId, $"The {field} of device '{device}' is {value.Length} characters long; MSX accepts at most 128. The device was not created.", value);
            return false;
        }

        return true;
    }
}
