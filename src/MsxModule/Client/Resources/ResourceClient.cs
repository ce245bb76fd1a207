using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MsxPowerShell.Client.Resources;

/// <summary>
/// The shared machinery every declared resource gets: reads, streamed listings, creates that survive a lost
/// answer, read-merge-write updates, idempotent deletes, and ErrorIds of the resource's own noun. Every
/// object it returns remembers the client it came from.
/// </summary>
public sealed class ResourceClient<T>
    where T : MsxObject
{
    private static readonly HttpMethod Patch = new("PATCH");

    private readonly MsxApiClient _client;

    internal ResourceClient(MsxApiClient client, MsxResource<T> resource)
    {
        _client = client;
        Resource = resource;
    }

    public MsxResource<T> Resource { get; }

    public MsxApiClient Client => _client;

    public Task<T> GetAsync(string id, CancellationToken cancellationToken) =>
        Tagged(MsxOperationKind.Read, id, async () => Stamp(await _client.SendJsonAsync(HttpMethod.Get, Resource.ItemPath(id), null, Resource.Item, cancellationToken).ConfigureAwait(false)));

    /// <summary>Items by id, as few requests as the resource allows; ids the server does not know are simply absent.</summary>
    public async Task<List<T>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var found = new List<T>();
        if (Resource.ListByIdsPath is not { } listPath)
        {
            foreach (var id in ids)
            {
                try
                {
                    found.Add(await GetAsync(id, cancellationToken).ConfigureAwait(false));
                }
                catch (MsxApiException ex) when (ex.Kind == MsxErrorKind.NotFound)
                {
                }
            }

            return found;
        }

        foreach (var batch in ids.Distinct().Select((id, i) => (id, i)).GroupBy(x => x.i / Resource.IdsPerRequest, x => x.id))
        {
            var path = new QueryString().Add(Resource.IdsParameter, batch.ToList()).AppendTo(Resource.CollectionPath + "/" + listPath);
            var items = await _client.SendJsonAsync(HttpMethod.Get, path, null, Resource.List, cancellationToken).ConfigureAwait(false);
            found.AddRange(items.Select(Stamp));
        }

        return found;
    }

    /// <summary>A streamed listing; dispose it to stop the pages fetched ahead.</summary>
    public ResourcePager<T> List(ListQuery query, CancellationToken cancellationToken) => new(this, query, cancellationToken);

    /// <summary>
    /// Creates an item. A create is never blindly repeated: when its answer is lost, the item is looked up by
    /// its unique key and returned if the lost attempt made it; only if not is the request sent again. When
    /// the server says the key is taken, the message names the item that has it.
    /// </summary>
    public Task<T> CreateAsync<TBody>(TBody body, JsonTypeInfo<TBody> bodyType, string? key, QueryString? keyScope, CancellationToken cancellationToken) =>
        CreateAsync(body, bodyType, key, keyScope, null, cancellationToken);

    /// <summary>As above, with query parameters on the create itself (e.g. the tenants a workflow is imported into).</summary>
    public async Task<T> CreateAsync<TBody>(TBody body, JsonTypeInfo<TBody> bodyType, string? key, QueryString? keyScope, QueryString? query, CancellationToken cancellationToken)
    {
        var path = query is null ? Resource.CollectionPath : query.AppendTo(Resource.CollectionPath);
        var json = JsonSerializer.SerializeToUtf8Bytes(body, bodyType);
        T? recovered = null;
        var policy = key is null || Resource.KeyOf is null
            ? RequestPolicy.Once
            : RequestPolicy.Recoverable(async ct => (recovered = await FindByKeyAsync(key, keyScope, ct).ConfigureAwait(false)) is not null);
        var trace = ChangeTrace.Current;
        if (key is not null && Resource.KeyOf is not null)
        {
            // If the work is stopped before the answer, the same look-up tells whether the item was made.
            trace?.OnCreating($"{Resource.Noun} '{key}'", async ct => await FindByKeyAsync(key, keyScope, ct).ConfigureAwait(false) is { } found ? Resource.Describe(found) : null);
        }

        try
        {
            using var response = await _client.SendRawAsync(HttpMethod.Post, path, json, "application/json", policy, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return Made(recovered!, trace);
            }

            try
            {
                return Made(Stamp(await _client.ReadJsonAsync(response, Resource.Item, HttpMethod.Post, path, cancellationToken).ConfigureAwait(false)), trace);
            }
            catch (MsxApiException ex) when (ex.Kind == MsxErrorKind.InvalidResponse && key is not null && Resource.KeyOf is not null)
            {
                // The server said it was created, but the answer broke on the way: read it back.
                if (await FindByKeyAsync(key, keyScope, cancellationToken).ConfigureAwait(false) is { } created)
                {
                    return Made(created, trace);
                }

                throw;
            }
        }
        catch (MsxApiException ex) when (key is not null && Resource.IsAlreadyExists(ex, MsxOperationKind.Create))
        {
            throw await ExistsAsync(ex, key, keyScope, cancellationToken).ConfigureAwait(false);
        }
        catch (MsxApiException ex)
        {
            throw Resource.Tag(ex, MsxOperationKind.Create, key);
        }
    }

    /// <summary>Finds an item by its unique key, with the resource's key filter or by walking the pages.</summary>
    public async Task<T?> FindByKeyAsync(string key, QueryString? scope, CancellationToken cancellationToken)
    {
        if (Resource.KeyOf is not { } keyOf)
        {
            return null;
        }

        var filters = new QueryString().AddAll(scope).AddAll(Resource.KeyFilter?.Invoke(key));
        using var pager = List(new ListQuery { Filters = filters, PagesAhead = 0 }, cancellationToken);
        while (await pager.NextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
        {
            var match = page.FirstOrDefault(item => Resource.KeyEquals(keyOf(item), key));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>
    /// The one update of an item: read-merge-write. The item is read (unless <paramref name="current"/> is held,
    /// see <see cref="ItemUpdate{T, TBody}.Read"/>), its update body is changed by <paramref name="edit"/>, and
    /// the one no-op rule decides: when the body is what the item already has, nothing is sent. Else the
    /// changed fields go with PATCH where the resource declares one that carries them all, or the whole body
    /// with PUT. Answers the item as it is afterwards and whether anything was sent.
    /// An update that changes the unique key (<see cref="MsxResource{T}.KeyOf"/>) is a rename: only then can a
    /// 409 mean the key is taken.
    /// </summary>
    public async Task<(T Item, bool Changed)> UpdateAsync<TBody>(ItemUpdate<T, TBody> update, string id, T? current, Action<T, TBody> edit, CancellationToken cancellationToken)
        where TBody : class
    {
        var item = update.Read is { } read
            ? await read(this, id, current, cancellationToken).ConfigureAwait(false)
            : current ?? await GetAsync(id, cancellationToken).ConfigureAwait(false);
        var body = update.BodyOf(item);
        edit(item, body);
        var changed = update.Changed(update.BodyOf(item), body);
        if (changed.Count == 0)
        {
            MsxDiagnostics.Verbose($"{Resource.Describe(item)} already has the given values; nothing was sent.");
            return (item, false);
        }

        var path = Resource.ItemPath(id);
        var patch = update.PatchOf(body, changed);
        var json = patch ?? JsonSerializer.SerializeToUtf8Bytes(body, update.BodyType);
        var operation = Renames(item, json) ? MsxOperationKind.Rename : MsxOperationKind.Update;
        var updated = await SendItemAsync(patch is null ? HttpMethod.Put : Patch, path, json, id, cancellationToken, operation).ConfigureAwait(false);
        update.Answered?.Invoke(updated);
        return (updated, true);
    }

    /// <summary>
    /// Sends a body to one of the item's paths and reads the item back (PUT, PATCH, actions); a failure is
    /// classified as the method's operation (<see cref="MsxResource{T}.OperationOf"/>) unless <paramref name="operation"/> says otherwise.
    /// </summary>
    public Task<T> SendItemAsync(HttpMethod method, string path, byte[]? json, object? target, CancellationToken cancellationToken, MsxOperationKind? operation = null) =>
        Tagged(operation ?? MsxResource<T>.OperationOf(method), target, async () => Stamp(await _client.SendJsonAsync(method, path, json, Resource.Item, cancellationToken).ConfigureAwait(false)));

    /// <summary>Deletes an item; a retried delete that meets 404 was done by the attempt whose answer was lost.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var attempts = new RequestAttempts();
        try
        {
            using var response = await _client.SendRawAsync(HttpMethod.Delete, Resource.ItemPath(id), null, null, RequestPolicy.Repeatable, cancellationToken, attempts).ConfigureAwait(false);
        }
        catch (MsxApiException ex) when (ex.Kind == MsxErrorKind.NotFound && attempts.Count > 1)
        {
            MsxDiagnostics.Verbose($"{Resource.Noun} {id} was deleted by an earlier attempt whose answer was lost");
        }
        catch (MsxApiException ex)
        {
            throw Resource.Tag(ex, MsxOperationKind.Delete, id);
        }
    }

    internal async Task<PageResult<T>> ReadPageAsync(int page, int pageSize, QueryString filters, CancellationToken cancellationToken)
    {
        var query = filters.Copy();
        if (Resource.Paged)
        {
            query.Add("page", page).Add("pageSize", pageSize);
        }

        var path = query.AppendTo(Resource.ListingPath);
        try
        {
            if (Resource.Page is { } pageType)
            {
                var envelope = await _client.SendJsonAsync(HttpMethod.Get, path, null, pageType, cancellationToken).ConfigureAwait(false);
                var items = envelope.Contents ?? new List<T>();
                items.ForEach(item => Stamp(item));
                return new PageResult<T>(items, envelope.HasNext, envelope.TotalItems);
            }

            var list = await _client.SendJsonAsync(HttpMethod.Get, path, null, Resource.List, cancellationToken).ConfigureAwait(false);
            list.ForEach(item => Stamp(item));
            return new PageResult<T>(list, null, null);
        }
        catch (MsxApiException ex)
        {
            throw Resource.Tag(ex, MsxOperationKind.Read, null);
        }
    }

    private T Made(T item, ChangeTrace? trace)
    {
        trace?.OnMade(Resource.Describe(item));
        return item;
    }

    private T Stamp(T item)
    {
        item.Origin = _client;
        return item;
    }

    /// <summary>Whether an update body gives the item another unique key (read as the item's own JSON field).</summary>
    private bool Renames(T current, byte[] json)
    {
        if (Resource.KeyOf is not { } keyOf)
        {
            return false;
        }

        try
        {
            return JsonSerializer.Deserialize(json, Resource.Item) is { } after && keyOf(after) is { } key
                && !string.Equals(key, keyOf(current), StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<T> Tagged(MsxOperationKind kind, object? target, Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (MsxApiException ex)
        {
            throw Resource.Tag(ex, kind, target);
        }
    }

    private async Task<MsxApiException> ExistsAsync(MsxApiException ex, string key, QueryString? scope, CancellationToken cancellationToken)
    {
        T? existing = null;
        try
        {
            existing = await FindByKeyAsync(key, scope, cancellationToken).ConfigureAwait(false);
        }
        catch (MsxApiException)
        {
            // Naming the existing item is a courtesy; the conflict itself is the answer.
        }

        var exists = new MsxErrorId(Resource.Noun, MsxErrorReason.Exists);
        var message = MsxErrorCatalog.ExistsMessage(Resource.Noun, key, existing is null ? null : Resource.NameOf(existing), existing is null ? null : Resource.IdOf(existing), ex.ServerCode, ex.ServerMessage ?? ex.Message);
        return new MsxApiException(MsxErrorKind.Conflict, message, ex)
        {
            StatusCode = ex.StatusCode,
            Request = ex.Request,
            ServerCode = ex.ServerCode,
            ServerMessage = ex.ServerMessage,
            ResponseBody = ex.ResponseBody,
            ErrorId = exists.ToString(),
            Reason = exists.Reason,
            Target = key,
            Recommendation = MsxErrorCatalog.ExistsRecommendation(Resource.Noun, existing is null ? null : Resource.IdOf(existing)),
        };
    }
}
