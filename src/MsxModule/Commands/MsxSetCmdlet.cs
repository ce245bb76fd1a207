using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of the Set- cmdlets: -InputObject (the default set; the item is changed through the session it was
/// read with, without reading it again) or -Id, -PassThru, and one flow per item: the given fields are
/// checked before anything is asked or sent, nothing given sends nothing, then ShouldProcess, and only then,
/// inside the queued work (so that -WhatIf sends nothing and -ThrottleLimit reads in parallel), the client's
/// one read-merge-write (<see cref="ResourceClient{T}.UpdateAsync{TBody}"/>), which sends nothing when
/// nothing would change. The derived cmdlet declares -Id (its type, alias and completer differ per resource)
/// and its fields, and turns the given fields into an edit of the update body.
/// </summary>
public abstract class MsxSetCmdlet<TItem, TBody> : MsxChangeCmdlet
    where TItem : MsxObject
    where TBody : class
{
    protected const string IdSet = "Id";
    protected const string InputObjectSet = "InputObject";

    /// <summary>An item from the resource's Get- cmdlet: changed through the session it was read with, without reading it again.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public TItem InputObject { get; set; } = null!;

    /// <summary>Writes the changed item to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected abstract MsxResource<TItem> Resource { get; }

    protected abstract ItemUpdate<TItem, TBody> Update { get; }

    /// <summary>The parameters that change a field (the ones ShouldProcess names when given).</summary>
    protected abstract string[] Fields { get; }

    /// <summary>The -Id given, as it goes into a path.</summary>
    protected abstract string IdText { get; }

    /// <summary>The -Id given, as the target of its errors.</summary>
    protected abstract object IdValue { get; }

    /// <summary>The resource's declared fields (each an MsxField), checked by their spec rules before anything is sent.</summary>
    protected virtual IReadOnlyList<MsxField> DeclaredFields => Array.Empty<MsxField>();

    /// <summary>
    /// Checks the given fields before anything is asked or sent: the declared ones by the spec's rules (ErrorId
    /// <c>MsxInvalid&lt;Noun&gt;&lt;Field&gt;</c>, the value as target), then what the cmdlet adds. A refused one
    /// writes its own error and answers false, and the item is skipped.
    /// </summary>
    protected virtual bool Validate(object target)
    {
        foreach (var field in DeclaredFields)
        {
            if (MyInvocation.BoundParameters.TryGetValue(field.Parameter, out var bound) && bound is string value
                && field.ProblemOf(value, FormatProblem) is { } refused)
            {
                Refuse(refused.ErrorId, $"Cannot use the value of '{field.Parameter}': {refused.Problem} {target} was not changed.", value);
                return false;
            }
        }

        return true;
    }

    /// <summary>How the module reads a format of the spec (email); null when the value is fine or the format is not checked.</summary>
    private static string? FormatProblem(string format, string value) =>
        format == "email" ? ValidateEmailAttribute.Problem(value) : null;

    /// <summary>
    /// The change of one item, taken from the parameters now (on the pipeline thread: the next input rebinds
    /// them): a function that, inside the queued work, answers the edit of the update body (it may resolve
    /// names through the client first). Null when refused (the error is written).
    /// </summary>
    protected abstract Func<MsxApiClient, CancellationToken, Task<Action<TItem, TBody>>>? Edit(MsxSession session, object target);

    /// <summary>What -PassThru writes for an updated item (the item itself unless overridden).</summary>
    protected virtual Task<TItem> PassThruAsync(MsxApiClient client, TItem item, CancellationToken cancellationToken) => Task.FromResult(item);

    /// <summary>An edit known now, with nothing to resolve through the client.</summary>
    protected static Func<MsxApiClient, CancellationToken, Task<Action<TItem, TBody>>> Now(Action<TItem, TBody> edit) =>
        (_, _) => Task.FromResult(edit);

    /// <summary>A text parameter's new value: the given one, or null for an empty string (which clears the field).</summary>
    protected static string? Cleared(string? value) => string.IsNullOrEmpty(value) ? null : value;

    protected override void ProcessRecord()
    {
        var known = ParameterSetName == InputObjectSet ? InputObject : null;
        var target = (object?)known ?? IdValue;
        if (known is null && Resource.IdProblem(IdText) is { } idProblem)
        {
            Refuse(Resource.InvalidIdErrorId, idProblem, IdText);
            return;
        }

        if (!Validate(target))
        {
            return;
        }

        var changes = Fields.Where(Given).ToList();
        if (changes.Count == 0)
        {
            WriteVerbose($"{MyInvocation.MyCommand.Name}: no field to change was given for {target}; nothing was sent.");
            return;
        }

        if (SessionFor(known, target) is not { } session || Edit(session, target) is not { } edit)
        {
            return;
        }

        var id = known is null ? IdText : Resource.IdOf(known);
        var description = known is null ? $"{Resource.Noun} {id}" : Resource.Describe(known);
        var passThru = PassThru.IsPresent;
        var update = Update;
        // No target of Submit's own: a failure of the edit names what it could not resolve (an unknown role);
        // a failure of the update names the item.
        Submit(session, null, description, $"Set {string.Join(", ", changes)}", async (client, ct) =>
        {
            var apply = await edit(client, ct).ConfigureAwait(false);
            try
            {
                var (updated, _) = await client.For(Resource).UpdateAsync(update, id, known, apply, ct).ConfigureAwait(false);
                return passThru ? await PassThruAsync(client, updated, ct).ConfigureAwait(false) : null;
            }
            catch (MsxApiException ex)
            {
                ex.Target = target;
                throw;
            }
        });
    }
}
