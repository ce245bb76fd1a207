using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Starts a workflow with inputs by name, checked against its start configuration before anything is
/// started; with -Wait, waits for every started instance in one poll loop and writes its outcome.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "MsxWorkflow", DefaultParameterSetName = NameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Start-MsxWorkflow.md")]
[OutputType(typeof(MsxWorkflowInstance))]
public sealed class StartMsxWorkflowCommand : MsxChangeCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    private readonly List<Slot> _started = new();
    private int _written;

    /// <summary>The workflow's name or unique name; a wildcard must match exactly one workflow.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowCompleter))]
    public string Name { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowCompleter))]
    public string Id { get; set; } = null!;

    /// <summary>A workflow from Get-MsxWorkflow, started through the session it was read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxWorkflow InputObject { get; set; } = null!;

    /// <summary>The inputs by variable name; inputs not given keep their defaults.</summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(WorkflowInputCompleter))]
    public IDictionary? Input { get; set; }

    /// <summary>With -Name: the tenant whose workflows are searched; the session's tenant by default.</summary>
    [Parameter(ParameterSetName = NameSet)]
    [TenantIdTransformation]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid? TenantId { get; set; }

    /// <summary>The workflow target to run against (sent as the start's target_id); the start configuration's by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowTargetCompleter))]
    public string? TargetId { get; set; }

    /// <summary>Waits until each started instance is final, and writes it (success) or an error (otherwise).</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait: how long to wait at most; the instance goes on running after it (MsxWorkflowTimeout).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? TimeoutSec { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (TimeoutSec is not null && !Wait)
        {
            ThrowTerminatingError(MsxErrors.Invalid("MsxTimeoutWithoutWait", "-TimeoutSec bounds the wait of -Wait: give -Wait too, or leave -TimeoutSec out.", TimeoutSec));
        }
    }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (SessionFor(ParameterSetName == InputObjectSet ? InputObject : null, Id) is not { } session)
        {
            return;
        }

        if (Workflow(session) is not { } workflow || Inputs(session) is not { } inputs)
        {
            return;
        }

        WorkflowStartRequest? request = null;
        if (!Attempt(workflow, () => request = WorkflowStartRequest.Build(WithTarget(Run(ct => session.Client.GetStartConfigAsync(workflow.Id, ct))), inputs, session.Client.Redactor)))
        {
            return;
        }

        if (!request!.IsValid)
        {
            RefuseInputs(workflow, request);
            return;
        }

        var slot = new Slot();
        lock (_started)
        {
            _started.Add(slot);
        }

        Submit(session, workflow, WorkflowResource.Declaration.Describe(workflow), "Start", async (client, ct) =>
        {
            try
            {
                slot.Instances = await client.StartWorkflowAsync(workflow, request, ct).ConfigureAwait(false);
            }
            finally
            {
                slot.Done = true;
            }

            return null;
        });
        if (ThrottleLimit <= 1)
        {
            // Submit ran the start (or -WhatIf declined it) before returning.
            slot.Done = true;
        }

        WriteStarted(final: false);
    }

    protected override void EndProcessing()
    {
        // Lets every start still in flight finish (and report its failure) first.
        base.EndProcessing();
        if (!Wait)
        {
            WriteStarted(final: true);
            return;
        }

        List<MsxWorkflowInstance> all;
        lock (_started)
        {
            all = _started.Where(s => s.Instances is not null).SelectMany(s => s.Instances!).ToList();
        }

        if (all.Count > 0)
        {
            var waiter = new WorkflowWaiter(all[0].Origin ?? CurrentSession.Client, all, TimeoutSec is { } limit ? TimeSpan.FromSeconds(limit) : null);
            WorkflowWaiting.WaitAndReport(this, operation => Run(operation), waiter, TimeoutSec);
        }
    }

    /// <summary>Without -Wait: writes the instances started so far, in input order.</summary>
    private void WriteStarted(bool final)
    {
        if (Wait)
        {
            return;
        }

        while (true)
        {
            List<MsxWorkflowInstance>? instances;
            lock (_started)
            {
                if (_written >= _started.Count || (!_started[_written].Done && !final))
                {
                    return;
                }

                instances = _started[_written++].Instances;
            }

            if (instances is not null)
            {
                WriteObject(instances, enumerateCollection: true);
            }
        }
    }

    /// <summary>The workflow to start: the piped one, the one with -Id, or the one -Name matches (exactly one).</summary>
    private MsxWorkflow? Workflow(MsxSession session)
    {
        switch (ParameterSetName)
        {
            case InputObjectSet:
                return InputObject;
            case IdSet:
                MsxWorkflow? byId = null;
                Attempt(Id, () => byId = Run(ct => session.Client.GetWorkflowAsync(Id, ct)));
                return byId;
        }

        var filter = WorkflowNames.Filter(new[] { Name });
        List<MsxWorkflow> found = new();
        if (!Attempt(Name, () => found = Run(ct => session.Client.FindWorkflowsAsync(filter.IsMatch, TenantId, ct))))
        {
            return null;
        }

        var where = TenantId is { } tenant ? $"tenant {tenant}" : "the session's tenant";
        if (found.Count == 0)
        {
            Refuse("MsxWorkflowNotFound", $"No workflow in {where} has the name or unique name '{Name}'; nothing was started.", Name, ErrorCategory.ObjectNotFound);
            return null;
        }

        if (found.Count > 1)
        {
            var candidates = string.Join(", ", found.Select(w => $"'{w.Name}' ({w.UniqueName}, {w.Id})"));
            Refuse("MsxWorkflowAmbiguous", $"'{Name}' matches {found.Count} workflows in {where}: {candidates}; nothing was started. Give a unique name or -Id.", Name, ErrorCategory.InvalidArgument);
            return null;
        }

        return found[0];
    }

    /// <summary>-Input as JSON values by name; a SecureString (at any depth) is sent as its text, and masked in every log line, error and answer.</summary>
    private Dictionary<string, JsonElement>? Inputs(MsxSession session)
    {
        var inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Input is null)
        {
            return inputs;
        }

        foreach (DictionaryEntry entry in Input)
        {
            var name = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            var value = entry.Value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : entry.Value;
            try
            {
                // A SecureString at any depth is sent as its text and joins the session's redactor.
                using var document = JsonDocument.Parse(PowerShellJson.ToJson(value, session.Client.Redactor));
                inputs[name] = document.RootElement.Clone();
            }
            catch (ArgumentException ex)
            {
                Refuse("MsxWorkflowInputInvalid", $"The input '{name}' cannot be sent as JSON ({ex.Message}); nothing was started.", name);
                return null;
            }
        }

        return inputs;
    }

    private MsxWorkflowStartConfig WithTarget(MsxWorkflowStartConfig config)
    {
        if (TargetId is not null)
        {
            config.TargetId = TargetId;
        }

        return config;
    }

    private void RefuseInputs(MsxWorkflow workflow, WorkflowStartRequest request)
    {
        var (errorId, target) = request.Unknown.Count > 0
            ? ("MsxWorkflowInputUnknown", (object)Single(request.Unknown))
            : request.Missing.Count > 0
                ? ("MsxWorkflowInputMissing", Single(request.Missing.Select(v => v.Name).ToList()))
                : ("MsxWorkflowInputInvalid", (object)workflow);
        Refuse(errorId, $"{WorkflowResource.Declaration.Describe(workflow)} was not started: {string.Join("; ", request.Problems)}. Its inputs are: {request.ExpectedInputs}.", target);
    }

    /// <summary>One start: what it answered, and whether it is over (answered, failed or declined).</summary>
    private sealed class Slot
    {
        public volatile List<MsxWorkflowInstance>? Instances;

        public volatile bool Done;
    }

    private static object Single(IReadOnlyList<string> names) => names.Count == 1 ? names[0] : names.ToArray();
}
