using System.Text.Json.Serialization.Metadata;

namespace MsxPowerShell.Client.Resources;

/// <summary>
/// What the shared machinery needs to know of one MSX resource: its paths, models, paging, its unique key
/// (to find an item after a lost answer) and how the server says "already exists". Declared once per
/// resource (see <see cref="TenantResource"/>); <see cref="ResourceClient{T}"/> does the rest.
/// </summary>
public sealed class MsxResource<T>
    where T : MsxObject
{
    public MsxResource(string noun, string collectionPath, JsonTypeInfo<T> item, JsonTypeInfo<List<T>> list, Func<T, string> idOf, Func<T, string> nameOf)
    {
        Noun = noun;
        CollectionPath = collectionPath;
        Item = item;
        List = list;
        IdOf = idOf;
        NameOf = nameOf;
    }

    /// <summary>The noun of ErrorIds and messages: "Tenant" makes MsxTenantNotFound, MsxTenantExists.</summary>
    public string Noun { get; }

    /// <summary>The collection, relative to the server root, e.g. <c>idm/api/v8/tenants</c>.</summary>
    public string CollectionPath { get; }

    public JsonTypeInfo<T> Item { get; }

    public JsonTypeInfo<List<T>> List { get; }

    /// <summary>The id as it goes into a path.</summary>
    public Func<T, string> IdOf { get; }

    /// <summary>What a person calls the item (messages, -WhatIf).</summary>
    public Func<T, string> NameOf { get; }

    /// <summary>The paged listing's answer, or null when a page is a bare JSON array (ended by a short page).</summary>
    public JsonTypeInfo<MsxPage<T>>? Page { get; init; }

    /// <summary>The listing path when it is not the collection itself (e.g. <c>…/list</c>).</summary>
    public string? PagePath { get; init; }

    /// <summary>The largest page the server serves.</summary>
    public int MaximumPageSize { get; init; } = 1000;

    /// <summary>Whether the listing takes page and pageSize at all (a plain list answers everything at once).</summary>
    public bool Paged { get; init; } = true;

    /// <summary>The sub-path that answers many ids at once (<c>list</c> with <c>?ids=…</c>), if the resource has one.</summary>
    public string? ListByIdsPath { get; init; }

    public string IdsParameter { get; init; } = "ids";

    public int IdsPerRequest { get; init; } = 100;

    /// <summary>The unique key that finds an item again after a create whose answer was lost (e.g. the name).</summary>
    public Func<T, string?>? KeyOf { get; init; }

    public bool KeyIgnoresCase { get; init; } = true;

    /// <summary>A server-side filter that narrows the search for a key (e.g. <c>serialKeys=…</c>); none scans all pages.</summary>
    public Func<string, QueryString>? KeyFilter { get; init; }

    /// <summary>Server error codes that mean "an item with that key already exists" (besides any 409).</summary>
    public IReadOnlyCollection<string> ExistsCodes { get; init; } = Array.Empty<string>();

    /// <summary>Server error codes with an ErrorId of their own (e.g. TENANT_HAS_CHILDREN → MsxTenantHasChildren).</summary>
    public IReadOnlyDictionary<string, string> ErrorIdsByCode { get; init; } = new Dictionary<string, string>();

    /// <summary>The resources this one lives under, and the listing parameter each maps to (see <see cref="ResourceParent"/>).</summary>
    public IReadOnlyList<ResourceParent> Parents { get; init; } = Array.Empty<ResourceParent>();

    /// <summary>A server-side filter that narrows a search by exact name (e.g. <c>names=…</c>); none walks all pages.</summary>
    public Func<string, QueryString>? NameFilter { get; init; }

    /// <summary>The ErrorId of an id that cannot go into a path: Msx&lt;Noun&gt;Id with Invalid, e.g. MsxInvalidDeviceId.</summary>
    public string InvalidIdErrorId => new MsxErrorId(Noun, MsxErrorReason.InvalidId).ToString();

    /// <summary>
    /// The one builder of item paths: the collection, the id as exactly one escaped segment, then
    /// <paramref name="tail"/> (e.g. <c>config/update</c>). An id that would add, remove or change a segment
    /// ('.', '..', blank, holding '/' or '\') is refused with Msx&lt;Invalid&gt;&lt;Noun&gt;Id before anything is sent.
    /// </summary>
    public string ItemPath(string id, string? tail = null)
    {
        var segment = RequestUri.Segment(id, out var problem) ?? throw InvalidId(id, problem);
        return CollectionPath + "/" + segment + (tail is null ? string.Empty : "/" + tail);
    }

    /// <summary>
    /// The path that finds an item by another key (<c>externalId/{value}</c>, <c>name/{value}</c>): the value is
    /// one segment, checked as ids are, and refused with <paramref name="errorId"/> when it cannot be.
    /// </summary>
    public string KeyPath(string key, string value, string errorId, string what)
    {
        var segment = RequestUri.Segment(value, out var problem)
            ?? throw new MsxApiException(MsxErrorKind.InvalidPath, $"The {what} '{RequestUri.Show(value, SecretRedactor.Shared)}' {problem}; nothing was sent for it.") { ErrorId = errorId, Target = value };
        return CollectionPath + "/" + key + "/" + segment;
    }

    /// <summary>Why an id cannot go into a path (see <see cref="ItemPath"/>), or null when it can.</summary>
    public string? IdProblem(string? id) => RequestUri.Segment(id, out var problem) is null ? Describe(id, problem) : null;

    /// <summary>Refuses the first id in <paramref name="ids"/> that could not go into a path (ids sent in a query or body too).</summary>
    public void CheckIds(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if (RequestUri.Segment(id, out var problem) is null)
            {
                throw InvalidId(id, problem);
            }
        }
    }

    /// <summary>The refusal of an id that cannot go into a path: nothing is sent for it.</summary>
    public MsxApiException InvalidId(string? id, string problem) =>
        new(MsxErrorKind.InvalidPath, Describe(id, problem))
        {
            ErrorId = InvalidIdErrorId,
            Target = id,
            Recommendation = MsxErrorCatalog.Recommendation(new MsxErrorId(Noun, MsxErrorReason.InvalidId), id),
        };

    public string ListingPath => PagePath ?? CollectionPath;

    public string Describe(T item) => $"{Noun} '{NameOf(item)}' ({IdOf(item)})";

    public bool KeyEquals(string? a, string? b) =>
        string.Equals(a, b, KeyIgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>
    /// Whether a failure of <paramref name="operation"/> says the item exists already: only a create or a rename
    /// can (an unclaimed 409 or an exists code), and an update only by the server's exists code.
    /// </summary>
    public bool IsAlreadyExists(MsxApiException ex, MsxOperationKind operation) =>
        ErrorIdFor(ex, operation) is { Reason: MsxErrorReason.Exists };

    /// <summary>The resource's ErrorId for a failure of <paramref name="operation"/>, or null to keep the generic one.</summary>
    public MsxErrorId? ErrorIdFor(MsxApiException ex, MsxOperationKind operation)
    {
        var claimed = ex.ServerCode is { } code && ErrorIdsByCode.ContainsKey(code);
        return claimed ? null : MsxErrorCatalog.Classify(Noun, operation, ex.Kind, ex.ServerCode is { } c && Contains(ExistsCodes, c));
    }

    /// <summary>
    /// Gives a failure of <paramref name="operation"/> this resource's ErrorId and its recommendation (a server
    /// code with an ErrorId of its own first), and the target, unless it has them already.
    /// </summary>
    public MsxApiException Tag(MsxApiException ex, MsxOperationKind operation, object? target)
    {
        if (ex.ErrorId is null)
        {
            if (ex.ServerCode is { } code && ErrorIdsByCode.TryGetValue(code, out var own))
            {
                ex.ErrorId = own;
                ex.Reason = MsxErrorCatalog.Parse(own)?.Reason;
                ex.Recommendation ??= MsxErrorCatalog.Recommendation(own, target ?? ex.Target);
            }
            else if (ErrorIdFor(ex, operation) is { } id)
            {
                ex.ErrorId = id.ToString();
                ex.Reason = id.Reason;
                ex.Recommendation ??= MsxErrorCatalog.Recommendation(id, target ?? ex.Target);
            }
        }

        ex.Target ??= target;
        return ex;
    }

    /// <summary>The operation a request of <paramref name="method"/> on an item is: GET reads, PUT and PATCH update, DELETE deletes, POST acts.</summary>
    public static MsxOperationKind OperationOf(System.Net.Http.HttpMethod method) =>
        method == System.Net.Http.HttpMethod.Get ? MsxOperationKind.Read
        : method == System.Net.Http.HttpMethod.Delete ? MsxOperationKind.Delete
        : method == System.Net.Http.HttpMethod.Put || method.Method == "PATCH" ? MsxOperationKind.Update
        : MsxOperationKind.Action;

    /// <summary>The noun as words: "WorkflowInstance" is "workflow instance".</summary>
    public string Words => MsxErrorCatalog.Words(Noun);

    private string Describe(string? id, string problem) =>
        $"The {Words} id '{RequestUri.Show(id, SecretRedactor.Shared)}' {problem}; nothing was sent for it.";

    private static bool Contains(IReadOnlyCollection<string> codes, string code)
    {
        foreach (var c in codes)
        {
            if (string.Equals(c, code, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
