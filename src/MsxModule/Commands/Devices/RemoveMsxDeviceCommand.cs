using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>Deletes devices, by id or from the pipeline (the server also takes them off their sites). Asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxDevice", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-MsxDevice.md")]
[OutputType(typeof(MsxDevice))]
public sealed class RemoveMsxDeviceCommand : MsxRemoveCmdlet<MsxDevice, string>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public override string[] Id { get; set; } = Array.Empty<string>();

    protected override MsxResource<MsxDevice> Resource => DeviceResource.Declaration;
}
