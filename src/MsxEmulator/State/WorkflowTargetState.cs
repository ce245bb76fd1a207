using System.Text.Json;

namespace MsxEmulator.State;

/// <summary>A workflow target as stored: what the last create or update wrote, and who and when.</summary>
public sealed record WorkflowTargetRecord(
    string Id,
    string Name,
    string? Description,
    string? Title,
    string Type,
    string SchemaId,
    string UniqueName,
    JsonElement Properties,
    bool IsInternal,
    string Owner,
    DateTime CreatedOn,
    string CreatedBy,
    DateTime UpdatedOn,
    string UpdatedBy);

/// <summary>
/// The workflow targets behind one lock. Records are immutable and replaced on change, so what is read
/// can be serialized outside the lock.
/// </summary>
public sealed class WorkflowTargetState : IResettable
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<WorkflowTargetRecord> _initial;
    private readonly List<WorkflowTargetRecord> _targets = [];

    public WorkflowTargetState(IReadOnlyList<WorkflowTargetRecord> initial, EmulatorClock clock)
    {
        _initial = initial;
        Clock = clock;
        Reset();
    }

    public EmulatorClock Clock { get; }

    /// <summary>Goes back to the loaded targets.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _targets.Clear();
            _targets.AddRange(_initial);
        }
    }

    /// <summary>The targets in creation order (loaded ones first).</summary>
    public List<WorkflowTargetRecord> Targets()
    {
        lock (_gate)
        {
            return [.. _targets];
        }
    }

    public WorkflowTargetRecord? Find(string id)
    {
        lock (_gate)
        {
            return _targets.Find(t => t.Id == id);
        }
    }

    public WorkflowWriteOutcome Create(WorkflowTargetRecord target)
    {
        lock (_gate)
        {
            if (_targets.Exists(t => t.UniqueName == target.UniqueName))
            {
                return WorkflowWriteOutcome.DuplicateUniqueName;
            }

            _targets.Add(target);
            return WorkflowWriteOutcome.Done;
        }
    }

    /// <summary>Replaces a target with what <paramref name="change"/> makes of its current record.</summary>
    public (WorkflowWriteOutcome Outcome, WorkflowTargetRecord? Target) Update(string id, Func<WorkflowTargetRecord, WorkflowTargetRecord> change)
    {
        lock (_gate)
        {
            var index = _targets.FindIndex(t => t.Id == id);
            if (index < 0)
            {
                return (WorkflowWriteOutcome.NotFound, null);
            }

            var updated = change(_targets[index]);
            if (_targets.Exists(t => t.Id != id && t.UniqueName == updated.UniqueName))
            {
                return (WorkflowWriteOutcome.DuplicateUniqueName, updated);
            }

            _targets[index] = updated;
            return (WorkflowWriteOutcome.Done, updated);
        }
    }

    public WorkflowWriteOutcome Delete(string id)
    {
        lock (_gate)
        {
            return _targets.RemoveAll(t => t.Id == id) == 0 ? WorkflowWriteOutcome.NotFound : WorkflowWriteOutcome.Done;
        }
    }
}
