using System.Collections;
using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a device. Fields not given keep their values. The spec offers two updates: PATCH (name, model,
/// type, subtype, serial key, version, compliance state, onboarding details) and PUT (the whole device, the
/// only way to change tags, attributes, managed, service type and onboard type). The device is read (unless
/// piped) and the changed fields go with PATCH when it carries them all, else the whole device with PUT.
/// When nothing would change, nothing is sent.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxDevice", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxDevice.md")]
[OutputType(typeof(MsxDevice))]
public sealed class SetMsxDeviceCommand : MsxSetCmdlet<MsxDevice, DeviceUpdateBody>
{
    private static readonly string[] DeviceFields =
    {
        nameof(Name), nameof(Model), nameof(Type), nameof(SubType), nameof(SerialKey), nameof(Version), nameof(ComplianceState), nameof(OnboardInformation),
        nameof(ServiceType), nameof(OnboardType), nameof(Managed), nameof(Tag), nameof(Attribute),
    };

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string Id { get; set; } = null!;

    [Parameter]
    public string? Name { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string? Model { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string? Type { get; set; }

    /// <summary>The new subtype; an empty string clears it.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string? SubType { get; set; }

    /// <summary>The new serial key; an empty string clears it.</summary>
    [Parameter]
    public string? SerialKey { get; set; }

    /// <summary>The new version; an empty string clears it.</summary>
    [Parameter]
    public string? Version { get; set; }

    [Parameter]
    [ValidateSet("COMPLIANT", "NOT_COMPLIANT", "APPLICABLE", "NOT_APPLICABLE", "UNKNOWN", IgnoreCase = true)]
    public string? ComplianceState { get; set; }

    /// <summary>The onboarding details, replaced whole; $null clears them.</summary>
    [Parameter]
    public Hashtable? OnboardInformation { get; set; }

    /// <summary>The new service type; an empty string clears it.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string? ServiceType { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(DeviceValueCompleter))]
    public string? OnboardType { get; set; }

    /// <summary>-Managed makes the device managed, -Managed:$false unmanaged.</summary>
    [Parameter]
    public SwitchParameter Managed { get; set; }

    /// <summary>The tags, replaced whole; an empty hashtable clears them.</summary>
    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary>The attributes, replaced whole; an empty hashtable clears them.</summary>
    [Parameter]
    public Hashtable? Attribute { get; set; }

    protected override MsxResource<MsxDevice> Resource => DeviceResource.Declaration;

    protected override ItemUpdate<MsxDevice, DeviceUpdateBody> Update => DeviceResource.Update;

    protected override string[] Fields => DeviceFields;

    protected override string IdText => Id;

    protected override object IdValue => Id;

    protected override IReadOnlyList<MsxField> DeclaredFields => DeviceResource.Fields;

    /// <summary>The device as it should be (the spec's DeviceUpdate); the client sends the changed fields with PATCH when it carries them all, else PUT.</summary>
    protected override Func<MsxApiClient, CancellationToken, Task<Action<MsxDevice, DeviceUpdateBody>>>? Edit(MsxSession session, object target)
    {
        bool Has(string field) => Given(field);
        var (name, model, type, complianceState, onboardType) = (Name, Model, Type, ComplianceState?.ToUpperInvariant(), OnboardType);
        var (subTypeGiven, subType) = (Has(nameof(SubType)), Cleared(SubType));
        var (serialKeyGiven, serialKey) = (Has(nameof(SerialKey)), Cleared(SerialKey));
        var (versionGiven, version) = (Has(nameof(Version)), Cleared(Version));
        var (serviceTypeGiven, serviceType) = (Has(nameof(ServiceType)), Cleared(ServiceType));
        var (onboardGiven, onboard) = (Has(nameof(OnboardInformation)), ManageValues.Json(OnboardInformation));
        var (managedGiven, managed) = (Has(nameof(Managed)), Managed.IsPresent);
        var (tagsGiven, tags) = (Has(nameof(Tag)), ManageValues.Strings(Tag));
        var (attributesGiven, attributes) = (Has(nameof(Attribute)), Attribute is null || Attribute.Count == 0 ? null : ManageValues.Json(Attribute));
        return Now((_, body) =>
        {
            body.Name = name ?? body.Name;
            body.Model = model ?? body.Model;
            body.Type = type ?? body.Type;
            body.SubType = subTypeGiven ? subType : body.SubType;
            body.SerialKey = serialKeyGiven ? serialKey : body.SerialKey;
            body.Version = versionGiven ? version : body.Version;
            body.ComplianceState = complianceState ?? body.ComplianceState;
            body.OnboardInformation = onboardGiven ? onboard : body.OnboardInformation;
            body.ServiceType = serviceTypeGiven ? serviceType : body.ServiceType;
            body.OnboardType = onboardType ?? body.OnboardType;
            body.Managed = managedGiven ? managed : body.Managed;
            body.Tags = tagsGiven ? tags : body.Tags;
            body.Attributes = attributesGiven ? attributes : body.Attributes;
        });
    }
}
