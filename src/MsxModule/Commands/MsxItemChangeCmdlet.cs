using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of the cmdlets that make one change per item of a resource (Invoke-MsxDeviceRedeploy, and through
/// <see cref="MsxRemoveCmdlet{TItem, TId}"/> the removals): -InputObject (the default set; each item acts
/// through the session it was read with), -Force, -PassThru, and the loop that submits one change per item
/// or id. The derived cmdlet declares the attributes of -Id (its alias and completer differ per resource,
/// and attributes cannot be generic), and gives the resource, the action and the change.
/// </summary>
/// <typeparam name="TItem">The model piped in (MsxTenant, MsxDevice, …).</typeparam>
/// <typeparam name="TId">The type of -Id (Guid, or string for device and workflow ids).</typeparam>
public abstract class MsxItemChangeCmdlet<TItem, TId> : MsxChangeCmdlet
    where TItem : MsxObject
{
    protected const string IdSet = "Id";
    protected const string InputObjectSet = "InputObject";

    /// <summary>Items from the resource's Get- cmdlet: changed through the session they were read with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public TItem[] InputObject { get; set; } = Array.Empty<TItem>();

    /// <summary>Changes without asking (still honours -WhatIf and an explicit -Confirm).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each changed item to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool Forced => Force;

    /// <summary>
    /// -Id, in the set <see cref="IdSet"/>: the override carries the [Parameter] and the resource's alias and
    /// completer (PowerShell reads a parameter's attributes from the overriding property only).
    /// </summary>
    public abstract TId[] Id { get; set; }

    protected abstract MsxResource<TItem> Resource { get; }

    /// <summary>The action ShouldProcess names ("Remove", "Redeploy").</summary>
    protected abstract string Action { get; }

    /// <summary>What ShouldProcess names for a piped item (no request is made for it): "Tenant 'acme' (id)".</summary>
    protected virtual string Describe(TItem item) => Resource.Describe(item);

    /// <summary>What ShouldProcess names for a bare id: "Tenant id".</summary>
    protected virtual string Describe(TId id) => $"{Resource.Noun} {id}";

    /// <summary>
    /// The change of one item, by its id as it goes into a path; <paramref name="known"/> is the piped item,
    /// null for an id. Answers what -PassThru writes; <paramref name="passThru"/> says whether it is wanted.
    /// </summary>
    protected abstract Task<TItem?> ChangeAsync(MsxApiClient client, string id, TItem? known, bool passThru, CancellationToken cancellationToken);

    /// <summary>
    /// Checks an id before anything is asked or sent; a refused one writes its own error (MsxInvalid&lt;Noun&gt;Id,
    /// the id as target) and is skipped. An id that would add, remove or change a path segment (blank, '.', '..',
    /// holding '/') would name another object; the client's item paths refuse it too, this only saves a prompt.
    /// </summary>
    protected virtual bool Accepts(TId id)
    {
        if (id is string text && Resource.IdProblem(text) is { } problem)
        {
            Refuse(Resource.InvalidIdErrorId, problem, text);
            return false;
        }

        return true;
    }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var item in InputObject)
            {
                if (SessionFor(item, item) is { } own)
                {
                    Change(own, Resource.IdOf(item), Describe(item), item, item);
                }
            }

            return;
        }

        foreach (var id in Id)
        {
            // An id piped by property name from a copy of an object (Import-Clixml, ConvertFrom-Json) still acts
            // only on the server the copy says it came from.
            if (Accepts(id) && SessionFor(null, id) is { } session)
            {
                Change(session, id!.ToString()!, Describe(id), id, null);
            }
        }
    }

    private void Change(MsxSession session, string id, string description, object target, TItem? known)
    {
        var passThru = PassThru.IsPresent;
        Submit(session, target, description, Action, async (client, ct) =>
        {
            var changed = await ChangeAsync(client, id, known, passThru, ct).ConfigureAwait(false);
            return passThru ? changed : null;
        });
    }
}

/// <summary>
/// Base of the Remove- cmdlets of a resource: DELETE per item (idempotent, see ResourceClient.DeleteAsync);
/// with -PassThru the removed item, read first when only its id was given. ConfirmImpact High is the
/// derived cmdlet's to declare.
/// </summary>
public abstract class MsxRemoveCmdlet<TItem, TId> : MsxItemChangeCmdlet<TItem, TId>
    where TItem : MsxObject
{
    protected override string Action => "Remove";

    protected override async Task<TItem?> ChangeAsync(MsxApiClient client, string id, TItem? known, bool passThru, CancellationToken cancellationToken)
    {
        var items = client.For(Resource);
        var removed = passThru && known is null ? await items.GetAsync(id, cancellationToken).ConfigureAwait(false) : known;
        await items.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return removed;
    }
}
