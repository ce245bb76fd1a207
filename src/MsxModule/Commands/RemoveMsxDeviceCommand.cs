using System;
using System.Management.Automation;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>Deletes devices, by id or from the pipeline (the server also takes them off their sites). Asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxDevice", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxDevice.md")]
[OutputType(typeof(MsxDevice))]
public sealed class RemoveMsxDeviceCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Devices from Get-MsxDevice: removed through the session they were read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxDevice[] InputObject { get; set; } = Array.Empty<MsxDevice>();

    /// <summary>Removes without asking (still honours -WhatIf and an explicit -Confirm).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each removed device to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool Forced => Force;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var device in InputObject)
            {
                Remove(SessionFor(device), device.Id, DeviceResource.Declaration.Describe(device), device);
            }

            return;
        }

        foreach (var id in Id)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                Refuse("MsxInvalidDeviceId", "A device id is blank; nothing was sent for it.", id);
                continue;
            }

            Remove(CurrentSession, id, $"Device {id}", null);
        }
    }

    private void Remove(MsxSession session, string id, string description, MsxDevice? known) =>
        Submit(session, (object?)known ?? id, description, "Remove", async (client, ct) =>
        {
            var removed = PassThru && known is null ? await client.GetDeviceAsync(id, ct).ConfigureAwait(false) : known;
            await client.DeleteDeviceAsync(id, ct).ConfigureAwait(false);
            return PassThru ? removed : null;
        });
}
