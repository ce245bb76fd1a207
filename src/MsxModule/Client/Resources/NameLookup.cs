namespace MsxPowerShell.Client.Resources;

/// <summary>
/// Finds an item by what a person calls it (a tenant's or site's name) when a parameter that takes an id is given
/// a name: one listing, narrowed by the resource's <see cref="MsxResource{T}.NameFilter"/> where the server has one,
/// else walked page by page; names compare without case.
/// </summary>
public static class NameLookup
{
    /// <summary>Every item named exactly <paramref name="name"/> (without case).</summary>
    public static async Task<List<T>> FindByNameAsync<T>(this ResourceClient<T> resource, string name, CancellationToken cancellationToken)
        where T : MsxObject
    {
        var declaration = resource.Resource;
        var found = new List<T>();
        using var pager = resource.List(new ListQuery { Filters = declaration.NameFilter?.Invoke(name) ?? new QueryString(), PagesAhead = 0 }, cancellationToken);
        while (await pager.NextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
        {
            foreach (var item in page)
            {
                if (string.Equals(declaration.NameOf(item), name, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(item);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The one item named <paramref name="name"/>. None is Msx&lt;Noun&gt;NotFound and several are
    /// Msx&lt;Noun&gt;NameAmbiguous (listing their ids), both with the name as target.
    /// </summary>
    public static async Task<T> ResolveNameAsync<T>(this ResourceClient<T> resource, string name, CancellationToken cancellationToken)
        where T : MsxObject
    {
        var declaration = resource.Resource;
        var found = await resource.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (found.Count == 1)
        {
            return found[0];
        }

        if (found.Count == 0)
        {
            throw new MsxApiException(MsxErrorKind.NotFound, $"No {declaration.Words} is named '{name}'; nothing was sent for it.")
            {
                ErrorId = $"Msx{declaration.Noun}NotFound",
                Target = name,
                Recommendation = $"Check the name with Get-Msx{declaration.Noun}, or give the {declaration.Words}'s id.",
            };
        }

        var ids = new List<string>(found.Count);
        foreach (var item in found)
        {
            ids.Add(declaration.IdOf(item));
        }

        throw new MsxApiException(MsxErrorKind.BadRequest, $"{found.Count} {declaration.Words}s are named '{name}' ({string.Join(", ", ids)}); nothing was sent for it.")
        {
            ErrorId = $"Msx{declaration.Noun}NameAmbiguous",
            Target = name,
            Recommendation = $"Give the {declaration.Words}'s id, or the {declaration.Words} object itself (Get-Msx{declaration.Noun}).",
        };
    }
}
