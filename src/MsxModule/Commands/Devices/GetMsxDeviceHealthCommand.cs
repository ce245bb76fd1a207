using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Gets the health of devices (up, down or unknown) from the monitor: by id or from the pipeline, many ids per
/// request, so that <c>Get-MsxDevice -TenantId $t | Get-MsxDeviceHealth | Where-Object Status -ne up</c> is a report.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MsxDeviceHealth", DefaultParameterSetName = InputObjectSet, HelpUri = HelpLinks.Base + "Get-MsxDeviceHealth.md")]
[OutputType(typeof(MsxDeviceHealth))]
public sealed class GetMsxDeviceHealthCommand : MsxSessionCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    /// <summary>How many ids are gathered from the pipeline before they are asked for (the server's list takes many at once).</summary>
    private const int Batch = 100;

    private readonly Dictionary<MsxSession, List<(string Id, string? Name)>> _pending = new();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Devices from Get-MsxDevice: asked for through the session they came from, and named in the answer.</summary>
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
                    Queue(own, device.Id, device.Name);
                }
            }

            return;
        }

        foreach (var id in Id)
        {
            if (DeviceResource.Declaration.IdProblem(id) is { } problem)
            {
                Refuse(DeviceResource.Declaration.InvalidIdErrorId, problem, id);
                continue;
            }

            if (SessionFor(null, id) is { } session)
            {
                Queue(session, id, null);
            }
        }
    }

    protected override void EndProcessing()
    {
        foreach (var session in _pending.Keys.ToList())
        {
            Flush(session);
        }

        base.EndProcessing();
    }

    private void Queue(MsxSession session, string id, string? name)
    {
        if (!_pending.TryGetValue(session, out var list))
        {
            _pending[session] = list = new List<(string, string?)>();
        }

        list.Add((id, name));
        if (list.Count >= Batch)
        {
            Flush(session);
        }
    }

    /// <summary>Asks for the queued ids of one session in one request and writes the answers in input order.</summary>
    private void Flush(MsxSession session)
    {
        var queued = _pending[session];
        if (queued.Count == 0)
        {
            return;
        }

        var batch = queued.ToList();
        queued.Clear();
        List<MsxDeviceHealth> answers = new();
        if (!Attempt(batch.Select(b => b.Id).ToArray(), () => answers = Run(ct => session.Client.GetDeviceHealthAsync(batch.Select(b => b.Id).ToList(), ct))))
        {
            return;
        }

        var byId = new Dictionary<string, MsxDeviceHealth>(StringComparer.Ordinal);
        foreach (var health in answers)
        {
            byId[health.Id] = health;
        }

        foreach (var (id, name) in batch)
        {
            if (byId.TryGetValue(id, out var health))
            {
                // A device piped twice is answered once by the server: each line gets its own object.
                var line = health.DeviceName is null && name is null ? health : new MsxDeviceHealth { Id = health.Id, Type = health.Type, Status = health.Status, Description = health.Description, DeviceName = name ?? health.DeviceName };
                line.Origin = health.Origin;
                WriteObject(line);
            }
            else
            {
                var label = name is null ? $"'{id}'" : $"'{name}' ({id})";
                Refuse("MsxDeviceNotFound", $"The monitor knows no health for device {label}: the device does not exist, or the user does not reach it.", id, ErrorCategory.ObjectNotFound);
            }
        }
    }
}
