using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of Add-MsxSiteDevice and Remove-MsxSiteDevice: the devices of the whole pipeline go to the site in one
/// request, which the server makes all or nothing, so a bad id leaves the site exactly as it was.
/// </summary>
public abstract class MsxSiteDeviceCmdlet : MsxShouldProcessCmdlet
{
    protected const string IdSet = "Id";
    protected const string InputObjectSet = "InputObject";

    private readonly List<string> _ids = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private MsxSession? _deviceSession;

    /// <summary>The site: its id, its name, or the site itself.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [SiteIdTransformation]
    [ArgumentCompleter(typeof(SiteCompleter))]
    public Guid SiteId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [DeviceIdTransformation]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string[] DeviceId { get; set; } = Array.Empty<string>();

    /// <summary>Devices from Get-MsxDevice: the change goes through the session they were read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxDevice[] InputObject { get; set; } = Array.Empty<MsxDevice>();

    /// <summary>Writes the site, as the server answered it, to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected abstract bool Adds { get; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var device in InputObject)
            {
                if (SessionFor(device, device) is { } session)
                {
                    Collect(device.Id, session, device);
                }
            }

            return;
        }

        foreach (var id in DeviceId)
        {
            if (DeviceResource.Declaration.IdProblem(id) is { } problem)
            {
                ThrowTerminatingError(MsxErrors.Invalid(DeviceResource.Declaration.InvalidIdErrorId, problem, id));
            }

            // A device id piped from a copy of a device (Import-Clixml, ConvertFrom-Json) names its server too.
            if (SessionFor(null, id) is { } session)
            {
                Collect(id, session, id);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_ids.Count == 0)
        {
            WriteVerbose($"No device came through the pipeline; nothing was sent to site {SiteId}.");
        }
        else
        {
            var session = _deviceSession ?? CurrentSession;
            var shown = string.Join(", ", _ids.Take(5)) + (_ids.Count > 5 ? ", …" : string.Empty);
            var action = $"{(Adds ? "Add" : "Remove")} {_ids.Count} device(s): {shown}";
            var ids = _ids.ToList();
            Submit(session, SiteId, $"Site {SiteId}", action, async (client, ct) =>
            {
                var site = await client.ChangeSiteDevicesAsync(SiteId, ids, Adds, ct).ConfigureAwait(false);
                return PassThru ? site : null;
            });
        }

        base.EndProcessing();
    }

    /// <summary>Collects a device id; the devices of one request must all come through one session (a site lives on one server).</summary>
    private void Collect(string id, MsxSession session, object target)
    {
        if (_deviceSession is not null && !ReferenceEquals(session, _deviceSession))
        {
            ThrowTerminatingError(MsxErrors.Invalid(
                "MsxSessionMismatch",
                $"Device '{target}' came through another session ({session}) than the devices before it ({_deviceSession}); a site lives on one server, so nothing was sent.",
                target,
                ErrorCategory.InvalidArgument));
        }

        _deviceSession = session;
        if (_seen.Add(id))
        {
            _ids.Add(id);
        }
    }
}

/// <summary>Places devices at a site: all of them in one request, or none (an unknown device leaves the site as it was).</summary>
[Cmdlet(VerbsCommon.Add, "MsxSiteDevice", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Add-MsxSiteDevice.md")]
[OutputType(typeof(MsxSite))]
public sealed class AddMsxSiteDeviceCommand : MsxSiteDeviceCmdlet
{
    protected override bool Adds => true;
}

/// <summary>Takes devices off a site (the devices themselves stay): all of them in one request, or none.</summary>
[Cmdlet(VerbsCommon.Remove, "MsxSiteDevice", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Remove-MsxSiteDevice.md")]
[OutputType(typeof(MsxSite))]
public sealed class RemoveMsxSiteDeviceCommand : MsxSiteDeviceCmdlet
{
    protected override bool Adds => false;
}
