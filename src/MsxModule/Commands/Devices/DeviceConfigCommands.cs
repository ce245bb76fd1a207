using System.IO;
using System.Management.Automation;
using System.Text;

namespace MsxPowerShell.Commands;

/// <summary>Gets a device's running configuration, as text.</summary>
[Cmdlet(VerbsCommon.Get, "MsxDeviceConfig", DefaultParameterSetName = InputObjectSet, HelpUri = HelpLinks.Base + "Get-MsxDeviceConfig.md")]
[OutputType(typeof(string))]
public sealed class GetMsxDeviceConfigCommand : MsxSessionCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Devices from Get-MsxDevice, read through the session they came from.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxDevice[] InputObject { get; set; } = Array.Empty<MsxDevice>();

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var device in InputObject)
            {
                if (SessionFor(device, device) is { } own)
                {
                    Attempt(device, () => WriteObject(Run(ct => own.Client.GetDeviceConfigAsync(device.Id, ct))));
                }
            }

            return;
        }

        foreach (var id in Id)
        {
            if (SessionFor(null, id) is { } session)
            {
                Attempt(id, () => WriteObject(Run(ct => session.Client.GetDeviceConfigAsync(id, ct))));
            }
        }
    }
}

/// <summary>
/// Pushes a configuration to a device, from text or a file. The server applies it at once (nothing is
/// written), or, where changes need approval, opens a change request, which is written to the pipeline.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxDeviceConfig", DefaultParameterSetName = InputObjectContentSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Set-MsxDeviceConfig.md")]
[OutputType(typeof(MsxDeviceChangeRequest))]
public sealed class SetMsxDeviceConfigCommand : MsxChangeCmdlet
{
    private const string IdContentSet = "IdContent";
    private const string IdPathSet = "IdPath";
    private const string InputObjectContentSet = "InputObjectContent";
    private const string InputObjectPathSet = "InputObjectPath";
    private const int MaximumLength = 100000;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdContentSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string Id { get; set; } = null!;

    /// <summary>A device from Get-MsxDevice, changed through the session it came from.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectContentSet, ValueFromPipeline = true)]
    [Parameter(Mandatory = true, ParameterSetName = InputObjectPathSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxDevice InputObject { get; set; } = null!;

    /// <summary>The configuration text (1 to 100,000 characters).</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdContentSet)]
    [Parameter(Mandatory = true, ParameterSetName = InputObjectContentSet)]
    [AllowEmptyString]
    public string Content { get; set; } = null!;

    /// <summary>A file holding the configuration (read as UTF-8).</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdPathSet)]
    [Parameter(Mandatory = true, ParameterSetName = InputObjectPathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>The configuration's format (at most 3 characters).</summary>
    [Parameter]
    [ValidateLength(1, 3)]
    public string Format { get; set; } = "cli";

    /// <summary>The correlation id of the update (at most 36 characters); a new GUID when omitted.</summary>
    [Parameter]
    [ValidateLength(1, 36)]
    public string? CorrelationId { get; set; }

    /// <summary>Pushes without asking (still honours -WhatIf and an explicit -Confirm).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool Forced => Force;

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdContentSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    [Parameter(ParameterSetName = IdPathSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        var known = ParameterSetName is InputObjectContentSet or InputObjectPathSet ? InputObject : null;
        var id = known?.Id ?? Id;
        object target = (object?)known ?? id;
        string content;
        if (ParameterSetName is IdPathSet or InputObjectPathSet)
        {
            var file = GetUnresolvedProviderPathFromPSPath(Path);
            if (!File.Exists(file))
            {
                Refuse("MsxConfigFileNotFound", $"The configuration file '{Path}' does not exist; nothing was sent to device {id}.", Path, ErrorCategory.ObjectNotFound);
                return;
            }

            content = File.ReadAllText(file, Encoding.UTF8);
        }
        else
        {
            content = Content;
        }

        if (known is null && DeviceResource.Declaration.IdProblem(id) is { } problem)
        {
            Refuse(DeviceResource.Declaration.InvalidIdErrorId, problem, id);
            return;
        }

        if (content.Length == 0 || content.Length > MaximumLength)
        {
            Refuse("MsxInvalidDeviceConfig", $"The configuration for device {id} is {content.Length} characters long; MSX takes 1 to {MaximumLength:N0}. Nothing was sent.", target);
            return;
        }

        if (SessionFor(known, target) is not { } session)
        {
            return;
        }

        var body = new DeviceConfigUpdateBody { CorrelationId = CorrelationId ?? Guid.NewGuid().ToString(), ConfigContent = content, Format = Format };
        var description = known is null ? $"Device {id}" : DeviceResource.Declaration.Describe(known);
        Submit(session, target, description, $"Push a configuration of {content.Length:N0} characters ({Format})", async (client, ct) =>
        {
            var pending = await client.UpdateDeviceConfigAsync(id, body, ct).ConfigureAwait(false);
            if (pending is null)
            {
                MsxDiagnostics.Verbose($"Device {id}: the configuration was applied.");
                return null;
            }

            pending.DeviceName = known?.Name;
            MsxDiagnostics.Verbose($"Device {id}: the configuration waits for approval (change request {pending.ChangeRequestId}).");
            return pending;
        });
    }
}

/// <summary>Redeploys managed devices (the server pushes their configuration again). Asks first unless -Force.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "MsxDeviceRedeploy", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Invoke-MsxDeviceRedeploy.md")]
[OutputType(typeof(MsxDevice))]
public sealed class InvokeMsxDeviceRedeployCommand : MsxItemChangeCmdlet<MsxDevice, string>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public override string[] Id { get; set; } = Array.Empty<string>();

    protected override MsxResource<MsxDevice> Resource => DeviceResource.Declaration;

    protected override string Action => "Redeploy";

    /// <summary>With -PassThru the device: the piped one, else read after the redeploy.</summary>
    protected override async Task<MsxDevice?> ChangeAsync(MsxApiClient client, string id, MsxDevice? known, bool passThru, CancellationToken cancellationToken)
    {
        await client.RedeployDeviceAsync(id, cancellationToken).ConfigureAwait(false);
        return passThru ? known ?? await client.GetDeviceAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }
}
