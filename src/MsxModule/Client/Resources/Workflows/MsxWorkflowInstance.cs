using System.Collections;
using System.Collections.Specialized;
using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>
/// A started workflow (the spec's <c>WorkflowInstance</c>; a start answers its <c>StartWorkflowResponse</c>,
/// which has the same fields but fewer). Only an instance read by id carries its variables and actions, so
/// only that one has <see cref="Outputs"/>.
/// </summary>
public sealed class MsxWorkflowInstance : MsxWorkflowFooter
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The workflow it is an instance of (the spec's <c>definition_id</c>).</summary>
    [JsonPropertyName("definition_id")]
    public string? WorkflowId { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("owner")]
    public string? Owner { get; set; }

    /// <summary><c>created</c>, <c>running</c>, then <c>success</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    [JsonIgnore]
    public string? State => WireStatus?.State;

    [JsonPropertyName("started_on")]
    [JsonConverter(typeof(LenientTimeConverter))]
    public DateTimeOffset? StartedOn { get; set; }

    [JsonPropertyName("ended_on")]
    [JsonConverter(typeof(LenientTimeConverter))]
    public DateTimeOffset? EndedOn { get; set; }

    /// <summary>How long it ran, once it has ended.</summary>
    [JsonIgnore]
    public TimeSpan? Duration => StartedOn is { } start && EndedOn is { } end && end >= start ? end - start : null;

    /// <summary>
    /// The output-scope variables by name (case-insensitive), in the workflow's order; null when the answer
    /// carried no variables (a listing, or the answer to a start).
    /// </summary>
    [JsonIgnore]
    public IDictionary? Outputs => ByName(WorkflowVariableScopes.Output);

    /// <summary>The input-scope variables by name, as the instance was started with them.</summary>
    [JsonIgnore]
    public IDictionary? Inputs => ByName(WorkflowVariableScopes.Input);

    [JsonIgnore]
    public bool IsFinal => WorkflowStates.IsFinal(State);

    /// <summary>The action that failed (the first, in the workflow's order), when the answer lists actions.</summary>
    [JsonIgnore]
    public MsxWorkflowAction? FailedAction => Actions?.FirstOrDefault(a => WorkflowStates.IsFailure(a.State));

    [JsonPropertyName("actions")]
    public List<MsxWorkflowAction>? Actions { get; set; }

    [JsonPropertyName("variables")]
    public List<MsxWorkflowVariable>? Variables { get; set; }

    [JsonInclude]
    [JsonPropertyName("status")]
    internal MsxWorkflowStatus? WireStatus { get; set; }

    public override string ToString() => Name is null ? Id : $"{Name} ({Id})";

    private protected override void OnOrigin(MsxApiClient? origin)
    {
        foreach (var variable in Variables ?? new List<MsxWorkflowVariable>())
        {
            variable.Secrets = origin?.Redactor;
        }
    }

    private OrderedDictionary? ByName(string scope)
    {
        if (Variables is null)
        {
            return null;
        }

        var values = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var variable in Variables.Where(v => string.Equals(v.Scope, scope, StringComparison.OrdinalIgnoreCase)))
        {
            values[variable.Name] = variable.Value;
        }

        return values;
    }
}

/// <summary>The scopes of workflow variables.</summary>
public static class WorkflowVariableScopes
{
    public const string Input = "input";
    public const string Output = "output";
}

/// <summary>
/// The states of instances and actions. The spec leaves them free-form; its examples and Cisco's example
/// show created, running, success and failed. Spellings other servers use for the same outcomes count too;
/// any state not listed here is taken as not final yet.
/// </summary>
public static class WorkflowStates
{
    private static readonly HashSet<string> Successes = new(StringComparer.OrdinalIgnoreCase) { "success", "succeeded", "completed" };
    private static readonly HashSet<string> Failures = new(StringComparer.OrdinalIgnoreCase) { "failed", "failure", "error", "aborted", "terminated" };
    private static readonly HashSet<string> Cancellations = new(StringComparer.OrdinalIgnoreCase) { "cancelled", "canceled" };

    public static bool IsSuccess(string? state) => state is not null && Successes.Contains(state);

    public static bool IsFailure(string? state) => state is not null && Failures.Contains(state);

    public static bool IsCancelled(string? state) => state is not null && Cancellations.Contains(state);

    public static bool IsFinal(string? state) => IsSuccess(state) || IsFailure(state) || IsCancelled(state);
}
