using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a device. Fields not given keep their values. The spec offers two updates: PATCH (name, model,
/// type, subtype, serial key, version, compliance state, onboarding details) and PUT (the whole device, the
/// only way to change tags, attributes, managed, service type and onboard type). Set-MsxDevice picks the one
/// the change needs: a PATCH of the given fields, else a read-merge-write PUT. When nothing would change,
/// nothing is sent.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxDevice", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxDevice.md")]
[OutputType(typeof(MsxDevice))]
public sealed class SetMsxDeviceCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    private static readonly string[] PatchFields = { nameof(Name), nameof(Model), nameof(Type), nameof(SubType), nameof(SerialKey), nameof(Version), nameof(ComplianceState), nameof(OnboardInformation) };

    private static readonly string[] PutOnlyFields = { nameof(ServiceType), nameof(OnboardType), nameof(Managed), nameof(Tag), nameof(Attribute) };

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string Id { get; set; } = null!;

    /// <summary>A device from Get-MsxDevice: changed through the session it was read with, without reading it again.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxDevice InputObject { get; set; } = null!;

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

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        var target = ParameterSetName == InputObjectSet ? (object)InputObject : Id;
        foreach (var (errorId, field, value) in new[] { ("MsxInvalidDeviceName", nameof(Name), Name), ("MsxInvalidDeviceModel", nameof(Model), Model), ("MsxInvalidDeviceType", nameof(Type), Type) })
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                Refuse(errorId, $"The {field.ToLowerInvariant()} of device {target} cannot be blank; nothing was sent.", value);
                return;
            }

            if (!Valid(errorId, field, value, ManageValues.Max128))
            {
                return;
            }
        }

        foreach (var (field, value) in new[] { (nameof(SubType), SubType), (nameof(SerialKey), SerialKey), (nameof(Version), Version), (nameof(ServiceType), ServiceType), (nameof(OnboardType), OnboardType) })
        {
            if (!Valid("MsxInvalidDeviceField", field, value, ManageValues.Max128))
            {
                return;
            }
        }

        var changes = PatchFields.Concat(PutOnlyFields).Where(Given).ToList();
        if (changes.Count == 0)
        {
            WriteVerbose($"Set-MsxDevice: no field to change was given for {target}; nothing was sent.");
            return;
        }

        var needsPut = PutOnlyFields.Any(Given);
        if (SessionFor(ParameterSetName == InputObjectSet ? InputObject : null, target) is not { } session)
        {
            return;
        }

        var known = ParameterSetName == InputObjectSet ? InputObject : null;
        var id = known?.Id ?? Id;
        var description = known is null ? $"Device {id}" : DeviceResource.Declaration.Describe(known);
        Submit(session, target, description, $"Set {string.Join(", ", changes)}", async (client, ct) =>
        {
            MsxDevice updated;
            if (needsPut)
            {
                bool changed;
                (updated, changed) = await client.ReplaceDeviceAsync(id, known, Merge, ct).ConfigureAwait(false);
                if (!changed)
                {
                    MsxDiagnostics.Verbose($"Device '{updated.Name}' already has the given values; nothing was sent.");
                }
            }
            else if (Patch(known) is { } patch)
            {
                updated = await client.PatchDeviceAsync(id, patch, ct).ConfigureAwait(false);
            }
            else
            {
                MsxDiagnostics.Verbose($"Device '{known!.Name}' already has the given values; nothing was sent.");
                updated = known;
            }

            return PassThru ? updated : null;
        });
    }

    /// <summary>The spec's DevicePatch with the given fields only (those that differ from <paramref name="current"/> when it is known), or null when none is left.</summary>
    private DevicePatch? Patch(MsxDevice? current)
    {
        var patch = new DevicePatch();
        void Text(string field, string? value, string? now, bool clears)
        {
            var wanted = clears ? SiteFields.Blank(value) : value;
            if (Given(field) && (current is null || wanted != now))
            {
                patch.Set(char.ToLowerInvariant(field[0]) + field.Substring(1), wanted);
            }
        }

        Text(nameof(Name), Name, current?.Name, clears: false);
        Text(nameof(Model), Model, current?.Model, clears: false);
        Text(nameof(Type), Type, current?.Type, clears: false);
        Text(nameof(SubType), SubType, current?.SubType, clears: true);
        Text(nameof(SerialKey), SerialKey, current?.SerialKey, clears: true);
        Text(nameof(Version), Version, current?.Version, clears: true);
        Text(nameof(ComplianceState), ComplianceState?.ToUpperInvariant(), current?.ComplianceState, clears: false);
        if (Given(nameof(OnboardInformation)))
        {
            var wanted = ManageValues.Json(OnboardInformation);
            if (current is null || !SameJson(wanted, current.OnboardInformationJson))
            {
                patch.SetOnboardInformation(wanted);
            }
        }

        return patch.Count == 0 ? null : patch;
    }

    /// <summary>The device as it should be (the spec's DeviceUpdate), or null when it already is.</summary>
    private DeviceUpdateBody? Merge(MsxDevice current)
    {
        var body = current.ToUpdate();
        body.Name = Name ?? body.Name;
        body.Model = Model ?? body.Model;
        body.Type = Type ?? body.Type;
        body.SubType = Given(nameof(SubType)) ? SiteFields.Blank(SubType) : body.SubType;
        body.SerialKey = Given(nameof(SerialKey)) ? SiteFields.Blank(SerialKey) : body.SerialKey;
        body.Version = Given(nameof(Version)) ? SiteFields.Blank(Version) : body.Version;
        body.ComplianceState = ComplianceState?.ToUpperInvariant() ?? body.ComplianceState;
        body.OnboardInformation = Given(nameof(OnboardInformation)) ? ManageValues.Json(OnboardInformation) : body.OnboardInformation;
        body.ServiceType = Given(nameof(ServiceType)) ? SiteFields.Blank(ServiceType) : body.ServiceType;
        body.OnboardType = OnboardType ?? body.OnboardType;
        body.Managed = Given(nameof(Managed)) ? Managed.IsPresent : body.Managed;
        body.Tags = Given(nameof(Tag)) ? ManageValues.Strings(Tag) : body.Tags;
        body.Attributes = Given(nameof(Attribute)) ? (Attribute is null || Attribute.Count == 0 ? null : ManageValues.Json(Attribute)) : body.Attributes;

        var before = JsonSerializer.SerializeToUtf8Bytes(current.ToUpdate(), ManageJsonContext.Default.DeviceUpdateBody);
        var after = JsonSerializer.SerializeToUtf8Bytes(body, ManageJsonContext.Default.DeviceUpdateBody);
        return before.SequenceEqual(after) ? null : body;
    }

    private static bool SameJson(Dictionary<string, JsonElement>? wanted, Dictionary<string, JsonElement>? now)
    {
        if (wanted is null || now is null)
        {
            return wanted is null && now is null;
        }

        var a = JsonSerializer.SerializeToUtf8Bytes(wanted, ManageJsonContext.Default.DictionaryStringJsonElement);
        var b = JsonSerializer.SerializeToUtf8Bytes(now, ManageJsonContext.Default.DictionaryStringJsonElement);
        return a.SequenceEqual(b);
    }
}
