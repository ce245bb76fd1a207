using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Completes names and ids of a declared resource from the session being typed (-Session, else the
/// default). The whole listing is streamed once per session and cached in one of the session's tables (so
/// Disconnect-MsxSession drops it, and a disconnected session offers nothing); any change made through the
/// session to that resource drops the cache. Quiet by design: bounded in time, never an error on the
/// console, and a tooltip that says so when the list was cut.
/// </summary>
public abstract class ResourceCompleter<T> : IArgumentCompleter
    where T : MsxObject
{
    protected const int MaximumResults = 100;
    private static readonly TimeSpan ListingBudget = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    protected abstract MsxResource<T> Resource { get; }

    /// <summary>Parameters that take names; every other parameter takes ids.</summary>
    protected virtual bool TakesName(string parameterName) =>
        parameterName.EndsWith("Name", StringComparison.OrdinalIgnoreCase) || parameterName.Equals("Role", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var session = CompletionSession.Of(fakeBoundParameters);
        if (session is null || !session.Connected)
        {
            return Array.Empty<CompletionResult>();
        }

        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var (items, complete) = Items(session.Client);
        if (!session.Connected)
        {
            // Disconnected while the names were read: what was read is not offered.
            return Array.Empty<CompletionResult>();
        }

        return Complete(items, complete, word, parameterName);
    }

    /// <summary>What to offer for <paramref name="word"/> from the items read: their names or ids.</summary>
    protected virtual IEnumerable<CompletionResult> Complete(IReadOnlyList<T> items, bool complete, string word, string parameterName)
    {
        var byName = TakesName(parameterName);
        var cut = CutNote(complete);
        return items
            .Where(item => Resource.NameOf(item).StartsWith(word, StringComparison.OrdinalIgnoreCase)
                || (!byName && Resource.IdOf(item).StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .Take(MaximumResults)
            .Select(item =>
            {
                var name = Resource.NameOf(item);
                var id = Resource.IdOf(item);
                return byName
                    ? new CompletionResult(Quote(name), name, CompletionResultType.ParameterValue, $"{name} ({id}){cut}")
                    : new CompletionResult(Quote(id), $"{id} {name}", CompletionResultType.ParameterValue, name + cut);
            })
            .ToList();
    }

    /// <summary>The tooltip's note when not every item was read in time.</summary>
    protected static string CutNote(bool complete) => complete ? string.Empty : " (the list was cut: not every item was read in time)";

    /// <summary>
    /// Reads the items to offer into <paramref name="into"/> as they come (what was read before the budget ran
    /// out is still offered): the whole listing, unless the resource cannot be listed and finds its items another way.
    /// </summary>
    protected virtual void ReadItems(MsxApiClient client, List<T> into, CancellationToken token)
    {
        using var pager = client.For(Resource).List(new ListQuery(), token);
        while (pager.NextPageAsync(token).GetAwaiter().GetResult() is { } page)
        {
            into.AddRange(page);
        }
    }

    private (IReadOnlyList<T> Items, bool Complete) Items(MsxApiClient client)
    {
        // One holder per resource and session, shared by the completers of that resource (names, ids, values in use).
        var holder = client.Tables.Get(Resource, () => new Holder(client, Resource.CollectionPath));
        if (holder.Entry is { } cached && !cached.Stale && DateTime.UtcNow - cached.At < CacheLifetime)
        {
            return (cached.Items, cached.Complete);
        }

        var fresh = Read(client);
        holder.Entry = fresh;
        return (fresh.Items, fresh.Complete);
    }

    private Cached Read(MsxApiClient client)
    {
        var items = new List<T>();
        var previous = MsxDiagnostics.Sink;
        MsxDiagnostics.Sink = null;
        try
        {
            using var budget = new CancellationTokenSource(ListingBudget);
            ReadItems(client, items, budget.Token);
            return new Cached(items, complete: true);
        }
        catch (Exception ex) when (ex is MsxApiException or OperationCanceledException or ObjectDisposedException)
        {
            // Completion must never disturb the console: offer what was read, and say it was cut.
            return new Cached(items, complete: false);
        }
        finally
        {
            MsxDiagnostics.Sink = previous;
        }
    }

    protected static string Quote(string text) =>
        text.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ';', ',', '{', '}', '@', '#', '&', '|' }) >= 0
            ? "'" + text.Replace("'", "''") + "'"
            : text;

    /// <summary>What one session's completers of this resource read last; a change through the session to the resource makes it stale.</summary>
    private sealed class Holder
    {
        public Holder(MsxApiClient client, string collectionPath)
        {
            // The handler is let go with the session: a closed client drops its listeners (and takes none).
            if (client.IsClosed)
            {
                return;
            }

            client.Changed += (_, change) =>
            {
                if (change.Path.StartsWith(collectionPath, StringComparison.OrdinalIgnoreCase) && Entry is { } entry)
                {
                    entry.Stale = true;
                }
            };
        }

        public volatile Cached? Entry;
    }

    private sealed class Cached
    {
        public Cached(IReadOnlyList<T> items, bool complete)
        {
            Items = items;
            Complete = complete;
        }

        public IReadOnlyList<T> Items { get; }

        public bool Complete { get; }

        public DateTime At { get; } = DateTime.UtcNow;

        public volatile bool Stale;
    }
}

/// <summary>The session a completion reads through.</summary>
internal static class CompletionSession
{
    /// <summary>
    /// The session named by -Session as typed, else the default. A -Session that names no live session (a
    /// disconnected one, an unknown id) gives none: its names are not offered, nor the default session's instead.
    /// </summary>
    public static MsxSession? Of(IDictionary? fakeBoundParameters)
    {
        var given = fakeBoundParameters?["Session"];
        return given is null ? MsxSessionStore.Default : SessionTransformationAttribute.Resolve(given);
    }
}

/// <summary>Completes tenant names (for -Name) and ids (for -Id, -TenantId, -ParentId).</summary>
public sealed class TenantCompleter : ResourceCompleter<MsxTenant>
{
    protected override MsxResource<MsxTenant> Resource => TenantResource.Declaration;
}

/// <summary>
/// Completes an open set of values (a site type, a device model, a severity …) with the values the
/// session's items have, most used first, each with how many items use it. The spec gives these fields no
/// closed set, so what is in use is the best offer; any other value may still be typed.
/// </summary>
public abstract class ValueInUseCompleter<T> : ResourceCompleter<T>
    where T : MsxObject
{
    /// <summary>The value(s) an item has for the parameter being completed.</summary>
    protected abstract string? ValueOf(T item, string parameterName);

    /// <summary>What the items are called in the tooltip ("sites").</summary>
    protected abstract string Plural { get; }

    protected override IEnumerable<CompletionResult> Complete(IReadOnlyList<T> items, bool complete, string word, string parameterName)
    {
        var cut = CutNote(complete);
        return items
            .Select(item => ValueOf(item, parameterName))
            .Where(value => !string.IsNullOrEmpty(value) && value!.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .GroupBy(value => value!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaximumResults)
            .Select(g => new CompletionResult(Quote(g.Key), g.Key, CompletionResultType.ParameterValue, $"{g.Key}: the {parameterName} of {g.Count()} {Plural} read{cut}"))
            .ToList();
    }
}

/// <summary>Completes site types (-Type of Get-, New-, Set-MsxSite) from the types the session's sites have.</summary>
public sealed class SiteTypeCompleter : ValueInUseCompleter<MsxSite>
{
    protected override MsxResource<MsxSite> Resource => SiteResource.Declaration;

    protected override string Plural => "sites";

    protected override string? ValueOf(MsxSite item, string parameterName) => item.Type;
}

/// <summary>
/// Completes the open device fields (-Type, -SubType, -Model, -ServiceType, -OnboardType, -Severity) from the
/// values the session's devices have; -Severity is the severity of a device's overall status.
/// </summary>
public sealed class DeviceValueCompleter : ValueInUseCompleter<MsxDevice>
{
    protected override MsxResource<MsxDevice> Resource => DeviceResource.Declaration;

    protected override string Plural => "devices";

    protected override string? ValueOf(MsxDevice item, string parameterName) => parameterName.ToUpperInvariant() switch
    {
        "TYPE" => item.Type,
        "SUBTYPE" => item.SubType,
        "MODEL" => item.Model,
        "SERVICETYPE" => item.ServiceType,
        "ONBOARDTYPE" => item.OnboardType,
        "SEVERITY" => item.Status?.Severity,
        _ => null,
    };
}

/// <summary>Completes workflow target types (-Type) from the types the session's targets have.</summary>
public sealed class WorkflowTargetTypeCompleter : ValueInUseCompleter<MsxWorkflowTarget>
{
    protected override MsxResource<MsxWorkflowTarget> Resource => WorkflowTargetResource.Declaration;

    protected override string Plural => "workflow targets";

    protected override string? ValueOf(MsxWorkflowTarget item, string parameterName) => item.Type;
}
