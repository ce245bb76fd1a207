namespace MsxEmulator.State;

/// <summary>
/// A started workflow. It stores only when it was created, its inputs and (once cancelled) when it was
/// cancelled; its state at any moment is computed from the clock by <see cref="At"/>, so no timer runs.
/// </summary>
public sealed record WorkflowInstanceRecord(
    string Id,
    WorkflowDefinition Definition,
    Guid? TenantId,
    string StartedBy,
    DateTime CreatedAt,
    IReadOnlyDictionary<string, JsonElement> Values,
    IReadOnlyList<string> ActionIds,
    IReadOnlyList<string> VariableIds,
    long Sequence)
{
    public DateTime? CancelledAt { get; init; }

    public string? CancelledBy { get; init; }

    /// <summary>The instance as it stands at <paramref name="now"/>.</summary>
    public WorkflowRunView At(DateTime now) => WorkflowRunView.Compute(this, now);
}

public static class WorkflowStates
{
    public const string Created = "created";
    public const string Running = "running";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string state) => state is Success or Failed or Cancelled;
}

/// <summary>One action of an instance at a moment: its state, when it started and ended, and why it failed.</summary>
public sealed record WorkflowActionView(string State, DateTime? StartedOn, DateTime? EndedOn, string? Message);

/// <summary>An instance at a moment, as the timeline of its definition puts it.</summary>
public sealed record WorkflowRunView(
    string State,
    DateTime? StartedOn,
    DateTime? EndedOn,
    DateTime UpdatedOn,
    IReadOnlyList<WorkflowActionView> Actions,
    IReadOnlyList<JsonElement> VariableValues)
{
    private static readonly JsonElement EmptyString = JsonSerializer.SerializeToElement(string.Empty, WorkflowJsonContext.Default.String);

    public bool IsFinal => WorkflowStates.IsFinal(State);

    /// <summary>
    /// The timeline: <c>created</c> for the start delay, then <c>running</c> while the actions run one after
    /// the other, then <c>success</c> when the last ends, or <c>failed</c> when an action with a failure
    /// hint ends. A cancel freezes the timeline at the moment of the cancel.
    /// </summary>
    public static WorkflowRunView Compute(WorkflowInstanceRecord instance, DateTime now)
    {
        var definition = instance.Definition;
        var at = instance.CancelledAt ?? now;
        var cancelled = instance.CancelledAt is not null;
        var runningFrom = instance.CreatedAt.AddMilliseconds(definition.StartDelayMs);
        var inputs = definition.Inputs.ToDictionary(v => v.Name, v => WorkflowReader.TextOf(instance.Values[v.UniqueName]), StringComparer.Ordinal);

        var actions = new List<WorkflowActionView>(definition.Actions.Count);
        var cursor = runningFrom;
        var lastChange = at >= runningFrom ? runningFrom : instance.CreatedAt;
        string? outcome = null;
        foreach (var action in definition.Actions)
        {
            var start = cursor;
            var end = start.AddMilliseconds(action.DurationMs);
            cursor = end;
            if (outcome is not null || at < start)
            {
                actions.Add(new WorkflowActionView(WorkflowStates.Created, null, null, null));
                continue;
            }

            if (at < end)
            {
                actions.Add(new WorkflowActionView(cancelled ? WorkflowStates.Cancelled : WorkflowStates.Running, start, cancelled ? at : null, null));
                lastChange = cancelled ? at : start;
                outcome = cancelled ? WorkflowStates.Cancelled : string.Empty;
                continue;
            }

            lastChange = end;
            if (action.Failure is { } failure)
            {
                actions.Add(new WorkflowActionView(WorkflowStates.Failed, start, end, WorkflowReader.Fill(failure, inputs)));
                outcome = WorkflowStates.Failed;
            }
            else
            {
                actions.Add(new WorkflowActionView(WorkflowStates.Success, start, end, null));
            }
        }

        string state;
        DateTime? endedOn = null;
        if (outcome is WorkflowStates.Failed)
        {
            state = WorkflowStates.Failed;
            endedOn = lastChange;
        }
        else if (cancelled)
        {
            state = WorkflowStates.Cancelled;
            endedOn = at;
            lastChange = at;
        }
        else if (at < runningFrom)
        {
            state = WorkflowStates.Created;
        }
        else if (outcome is null && at >= cursor)
        {
            state = WorkflowStates.Success;
            endedOn = cursor;
            lastChange = cursor;
        }
        else
        {
            state = WorkflowStates.Running;
        }

        var values = definition.Variables.Select(v => v.Scope switch
        {
            WorkflowVariableDefinition.OutputScope => Output(v, state == WorkflowStates.Success, inputs),
            _ => instance.Values.TryGetValue(v.UniqueName, out var value) ? value : v.Value,
        }).ToList();

        return new WorkflowRunView(state, at >= runningFrom ? runningFrom : null, endedOn, lastChange, actions, values);
    }

    private static JsonElement Output(WorkflowVariableDefinition variable, bool succeeded, Dictionary<string, string> inputs)
    {
        if (!succeeded)
        {
            return EmptyString;
        }

        return variable.Value.ValueKind == JsonValueKind.String
            ? JsonSerializer.SerializeToElement(WorkflowReader.Fill(variable.Value.GetString()!, inputs), WorkflowJsonContext.Default.String)
            : variable.Value;
    }
}
