namespace MsxEmulator.State;

/// <summary>
/// Workflow definitions and their instances behind one lock. Records are immutable and replaced on
/// change, so what is read can be serialized outside the lock. Instance states are computed on read
/// from the emulator clock.
/// </summary>
public sealed class WorkflowState : IResettable
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<WorkflowDefinition> _initial;
    private readonly EmulatorClock _clock;
    private readonly UniqueNamedList<WorkflowDefinition> _workflows = new(w => w.Id, w => w.UniqueName);
    private readonly Dictionary<string, WorkflowInstanceRecord> _instances = new(StringComparer.Ordinal);
    private long _nextSequence;

    public WorkflowState(IReadOnlyList<WorkflowDefinition> initial, EmulatorClock clock)
    {
        _initial = initial;
        _clock = clock;
        Reset();
    }

    public EmulatorClock Clock => _clock;

    /// <summary>Goes back to the loaded workflows, with no instances.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _workflows.Reset(_initial);
            _instances.Clear();
            _nextSequence = 0;
        }
    }

    /// <summary>The workflows in import order (loaded ones first).</summary>
    public List<WorkflowDefinition> Workflows() => _workflows.Snapshot();

    public WorkflowDefinition? Find(string id) => _workflows.Find(id);

    public WorkflowWriteOutcome Import(WorkflowDefinition workflow) =>
        _workflows.TryAdd(workflow) ? WorkflowWriteOutcome.Done : WorkflowWriteOutcome.DuplicateUniqueName;

    /// <summary>Deletes a workflow and its finished instances; refused while an instance is still created or running.</summary>
    public WorkflowWriteOutcome Delete(string id)
    {
        var now = _clock.UtcNow;
        lock (_gate)
        {
            if (_workflows.Find(id) is null)
            {
                return WorkflowWriteOutcome.NotFound;
            }

            var instances = _instances.Values.Where(i => i.Definition.Id == id).ToList();
            if (instances.Exists(i => !i.At(now).IsFinal))
            {
                return WorkflowWriteOutcome.HasRunningInstances;
            }

            _workflows.Remove(id);
            foreach (var instance in instances)
            {
                _instances.Remove(instance.Id);
            }

            return WorkflowWriteOutcome.Done;
        }
    }

    /// <summary>Starts an instance of a workflow that still exists (null if it was deleted meanwhile).</summary>
    public WorkflowInstanceRecord? Start(string workflowId, Guid? tenantId, string startedBy, IReadOnlyDictionary<string, JsonElement> values)
    {
        var now = _clock.UtcNow;
        lock (_gate)
        {
            var workflow = _workflows.Find(workflowId);
            if (workflow is null)
            {
                return null;
            }

            var instance = new WorkflowInstanceRecord(
                NewInstanceId(now),
                workflow,
                tenantId,
                startedBy,
                now,
                values,
                workflow.Actions.Select(_ => Ksuid.New(now)).ToList(),
                workflow.Variables.Select(_ => Ksuid.New(now)).ToList(),
                _nextSequence++);
            _instances[instance.Id] = instance;
            return instance;
        }
    }

    public WorkflowInstanceRecord? FindInstance(string id)
    {
        lock (_gate)
        {
            return _instances.GetValueOrDefault(id);
        }
    }

    /// <summary>The instances of a workflow, newest first.</summary>
    public List<WorkflowInstanceRecord> Instances(string workflowId)
    {
        lock (_gate)
        {
            return [.. _instances.Values.Where(i => i.Definition.Id == workflowId)
                .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Sequence)];
        }
    }

    public (WorkflowWriteOutcome Outcome, WorkflowInstanceRecord? Instance) Cancel(string id, string cancelledBy)
    {
        var now = _clock.UtcNow;
        lock (_gate)
        {
            if (!_instances.TryGetValue(id, out var instance))
            {
                return (WorkflowWriteOutcome.NotFound, null);
            }

            if (instance.At(now).IsFinal)
            {
                return (WorkflowWriteOutcome.Finished, instance);
            }

            var cancelled = instance with { CancelledAt = now, CancelledBy = cancelledBy };
            _instances[id] = cancelled;
            return (WorkflowWriteOutcome.Done, cancelled);
        }
    }

    public WorkflowWriteOutcome DeleteInstance(string id)
    {
        var now = _clock.UtcNow;
        lock (_gate)
        {
            if (!_instances.TryGetValue(id, out var instance))
            {
                return WorkflowWriteOutcome.NotFound;
            }

            if (!instance.At(now).IsFinal)
            {
                return WorkflowWriteOutcome.Running;
            }

            _instances.Remove(id);
            return WorkflowWriteOutcome.Done;
        }
    }

    private string NewInstanceId(DateTime now)
    {
        string id;
        do
        {
            id = Ksuid.New(now);
        }
        while (_instances.ContainsKey(id));
        return id;
    }
}
