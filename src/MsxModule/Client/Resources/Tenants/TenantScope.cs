namespace MsxPowerShell.Client.Resources;

/// <summary>What the resources that live in a tenant (sites, devices) share.</summary>
internal static class TenantScope
{
    /// <summary>
    /// Runs a create in a tenant; when the server refuses it (400, or 404 on a server that answers so), looks the tenant up, and if it
    /// does not exist says so (MsxTenantNotFound) instead of the server's wording. Costs nothing when it works.
    /// </summary>
    public static async Task<T> CreateInTenantAsync<T>(MsxApiClient client, Guid tenantId, Func<CancellationToken, Task<T>> create, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await create(cancellationToken).ConfigureAwait(false);
        }
        catch (MsxApiException ex) when (ex.Kind is MsxErrorKind.BadRequest or MsxErrorKind.NotFound)
        {
            if (await TenantExistsAsync(client, tenantId, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            throw new MsxApiException(MsxErrorKind.NotFound, $"Tenant {tenantId} does not exist; the {what} was not created.", ex)
            {
                StatusCode = ex.StatusCode,
                Request = ex.Request,
                ServerCode = ex.ServerCode,
                ServerMessage = ex.ServerMessage,
                ResponseBody = ex.ResponseBody,
                ErrorId = new MsxErrorId(TenantResource.Declaration.Noun, MsxErrorReason.NotFound).ToString(),
                Reason = MsxErrorReason.NotFound,
                Target = tenantId,
                Recommendation = MsxErrorCatalog.UnknownTenant,
            };
        }
    }

    /// <summary>False only when the tenant is known not to exist (a caller that may not read tenants gets true).</summary>
    private static async Task<bool> TenantExistsAsync(MsxApiClient client, Guid tenantId, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MsxApiException ex) when (ex.Kind == MsxErrorKind.NotFound)
        {
            return false;
        }
        catch (MsxApiException)
        {
            return true;
        }
    }
}
