using System.Net.Http;
using System.Text.Json;

namespace MsxPowerShell.Client.Resources;

/// <summary>The sites of <c>/manage/api/v8/sites</c>: the declaration, and typed shortcuts over the shared machinery.</summary>
public static class SiteResource
{
    public static readonly MsxResource<MsxSite> Declaration = new(
        "Site",
        "manage/api/v8/sites",
        ManageJsonContext.Default.MsxSite,
        ManageJsonContext.Default.ListMsxSite,
        s => s.Id.ToString(),
        s => s.Name)
    {
        Page = ManageJsonContext.Default.MsxPageMsxSite,
        // A site's name is unique within its tenant (compared without case): the key is looked up with the
        // tenantId filter as its scope. The page has no name filter, so that tenant's pages are walked.
        KeyOf = s => s.Name,
        Parents = new[] { new ResourceParent("Tenant", "tenantId") },
        ExistsCodes = new[] { "SITE_ALREADY_EXISTS" },
    };

    public static ResourceClient<MsxSite> Sites(this MsxApiClient client) => client.For(Declaration);

    /// <summary>A site by id; with <paramref name="includeImage"/> its image too (showImage), so that it can be written back whole.</summary>
    public static async Task<MsxSite> GetSiteAsync(this MsxApiClient client, Guid id, bool includeImage, CancellationToken cancellationToken)
    {
        if (!includeImage)
        {
            return await client.Sites().GetAsync(id.ToString(), cancellationToken).ConfigureAwait(false);
        }

        var site = await client.Sites().SendItemAsync(HttpMethod.Get, Declaration.ItemPath(id.ToString()) + "?showImage=true", null, id, cancellationToken).ConfigureAwait(false);
        site.ImageIncluded = true;
        return site;
    }

    public static Task<MsxSite> CreateSiteAsync(this MsxApiClient client, SiteCreateBody body, CancellationToken cancellationToken) =>
        TenantScope.CreateInTenantAsync(
            client,
            body.TenantId,
            ct => client.Sites().CreateAsync(body, ManageJsonContext.Default.SiteCreateBody, body.Name, new QueryString().Add("tenantId", body.TenantId), ct),
            $"site '{body.Name}'",
            cancellationToken);

    /// <summary>The spec's <c>SiteUpdate</c> of a site as it is: the base of a read-merge-write.</summary>
    public static SiteUpdateBody ToUpdate(this MsxSite site) => new()
    {
        Name = site.Name,
        ParentId = site.ParentId,
        Type = site.Type,
        Description = site.Description,
        Address = site.Address?.Copy(),
        Contact = site.Contact?.Copy(),
        Location = site.Location is null ? null : new MsxSiteLocation { Latitude = site.Location.Latitude, Longitude = site.Location.Longitude },
        Image = site.Image,
        ManagingControlPlaneId = site.ManagingControlPlaneId,
        Attributes = site.Attributes is null ? null : new Dictionary<string, string>(site.Attributes),
    };

    /// <summary>
    /// How a site is updated: its SiteUpdate written back whole with PUT. The site must carry its image
    /// (<see cref="MsxSite.ImageIncluded"/>), else it is read again with it, so that the image is never lost.
    /// </summary>
    public static readonly ItemUpdate<MsxSite, SiteUpdateBody> Update = new(ToUpdate, ManageJsonContext.Default.SiteUpdateBody)
    {
        Read = async (sites, id, held, ct) => held is { ImageIncluded: true }
            ? held
            : await sites.Client.GetSiteAsync(held?.Id ?? Guid.Parse(id), includeImage: true, ct).ConfigureAwait(false),
        Answered = site => site.ImageIncluded = true,
    };

    public static Task DeleteSiteAsync(this MsxApiClient client, Guid id, CancellationToken cancellationToken) =>
        client.Sites().DeleteAsync(id.ToString(), cancellationToken);

    /// <summary>
    /// Adds devices to a site, or removes them, in one request: the server does all or nothing. Sent again
    /// after a lost answer, since adding a device that is there (or removing one that is not) changes nothing.
    /// A 404 names what was missing: the site, else one of the devices.
    /// </summary>
    public static async Task<MsxSite> ChangeSiteDevicesAsync(this MsxApiClient client, Guid siteId, IReadOnlyList<string> deviceIds, bool add, CancellationToken cancellationToken)
    {
        var path = Declaration.ItemPath(siteId.ToString(), add ? "devices/add" : "devices/remove");
        var json = JsonSerializer.SerializeToUtf8Bytes(new List<string>(deviceIds), ManageJsonContext.Default.ListString);
        try
        {
            using var response = (await client.SendRawAsync(HttpMethod.Post, path, json, "application/json", RequestPolicy.Repeatable, cancellationToken).ConfigureAwait(false))!;
            var site = await client.ReadJsonAsync(response, Declaration.Item, HttpMethod.Post, path, cancellationToken).ConfigureAwait(false);
            site.Origin = client;
            site.ImageIncluded = true;
            return site;
        }
        catch (MsxApiException ex) when (ex.Kind == MsxErrorKind.NotFound)
        {
            if (!await client.SiteExistsAsync(siteId, cancellationToken).ConfigureAwait(false))
            {
                throw Declaration.Tag(ex, MsxOperationKind.Action, siteId);
            }

            ex.Recommendation ??= MsxErrorCatalog.DevicesNotAtSite;
            throw DeviceResource.Declaration.Tag(ex, MsxOperationKind.Read, deviceIds.Count == 1 ? deviceIds[0] : string.Join(", ", deviceIds));
        }
        catch (MsxApiException ex)
        {
            throw Declaration.Tag(ex, MsxOperationKind.Action, siteId);
        }
    }

    private static async Task<bool> SiteExistsAsync(this MsxApiClient client, Guid siteId, CancellationToken cancellationToken)
    {
        try
        {
            await client.Sites().GetAsync(siteId.ToString(), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MsxApiException ex) when (ex.Kind == MsxErrorKind.NotFound)
        {
            return false;
        }
    }
}
