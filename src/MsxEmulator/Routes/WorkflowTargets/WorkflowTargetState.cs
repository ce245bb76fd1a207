namespace MsxEmulator.State;

/// <summary>
/// The workflow targets behind one lock. Records are immutable and replaced on change, so what is read
/// can be serialized outside the lock.
/// </summary>
public sealed class WorkflowTargetState : IResettable
{
    private readonly IReadOnlyList<WorkflowTargetRecord> _initial;
    private readonly UniqueNamedList<WorkflowTargetRecord> _targets = new(t => t.Id, t => t.UniqueName);

    public WorkflowTargetState(IReadOnlyList<WorkflowTargetRecord> initial, EmulatorClock clock)
    {
        _initial = initial;
        Clock = clock;
        Reset();
    }

    public EmulatorClock Clock { get; }

    /// <summary>Goes back to the loaded targets.</summary>
    public void Reset() => _targets.Reset(_initial);

    /// <summary>The targets in creation order (loaded ones first).</summary>
    public List<WorkflowTargetRecord> Targets() => _targets.Snapshot();

    public WorkflowTargetRecord? Find(string id) => _targets.Find(id);

    public WorkflowWriteOutcome Create(WorkflowTargetRecord target) =>
        _targets.TryAdd(target) ? WorkflowWriteOutcome.Done : WorkflowWriteOutcome.DuplicateUniqueName;

    /// <summary>Replaces a target with what <paramref name="change"/> makes of its current record.</summary>
    public (WorkflowWriteOutcome Outcome, WorkflowTargetRecord? Target) Update(string id, Func<WorkflowTargetRecord, WorkflowTargetRecord> change) =>
        _targets.Replace(id, change) switch
        {
            (false, _, _) => (WorkflowWriteOutcome.NotFound, null),
            (_, true, var changed) => (WorkflowWriteOutcome.DuplicateUniqueName, changed),
            (_, _, var changed) => (WorkflowWriteOutcome.Done, changed),
        };

    public WorkflowWriteOutcome Delete(string id) => _targets.Remove(id) ? WorkflowWriteOutcome.Done : WorkflowWriteOutcome.NotFound;
}
