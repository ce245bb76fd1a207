using Microsoft.OpenApi;
using MsxPowerShell.Client.Resources;

namespace MsxContract.Tests;

/// <summary>
/// The parents each resource declares (<see cref="ResourceParent"/>) against the spec: a parent that maps to a
/// listing parameter names a query parameter the spec's list operation has, and a parent without one (a site's
/// devices) has none to map to, so the module reads the parent instead.
/// </summary>
public sealed class ParentsTests
{
    public static TheoryData<string> Resources => new() { "User", "Site", "Device", "Workflow" };

    [SpecTheory]
    [MemberData(nameof(Resources))]
    public void Each_parent_maps_to_a_query_parameter_of_the_listing(string noun)
    {
        var (listing, parents) = Declaration(noun);
        Assert.NotEmpty(parents);
        var query = QueryParameters(listing);
        foreach (var parent in parents)
        {
            if (parent.Parameter is { } parameter)
            {
                Assert.True(query.Contains(parameter), $"GET /{listing} has no query parameter '{parameter}' for its parent {parent.Noun} (it has: {string.Join(", ", query)}).");
            }
            else
            {
                Assert.DoesNotContain(query, name => name.StartsWith(parent.Noun, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    [SpecFact]
    public void A_tenant_holds_users_sites_devices_and_workflows_and_a_site_holds_devices()
    {
        foreach (var noun in new[] { "User", "Site", "Device", "Workflow" })
        {
            Assert.Contains(Declaration(noun).Parents, p => p.Noun == "Tenant");
        }

        Assert.Equal(["Tenant", "Site"], DeviceResource.Declaration.Parents.Select(p => p.Noun));
    }

    private static (string Listing, IReadOnlyList<ResourceParent> Parents) Declaration(string noun) => noun switch
    {
        "User" => (UserResource.Declaration.ListingPath, UserResource.Declaration.Parents),
        "Site" => (SiteResource.Declaration.ListingPath, SiteResource.Declaration.Parents),
        "Device" => (DeviceResource.Declaration.ListingPath, DeviceResource.Declaration.Parents),
        "Workflow" => (WorkflowResource.Declaration.ListingPath, WorkflowResource.Declaration.Parents),
        _ => throw new ArgumentOutOfRangeException(nameof(noun)),
    };

    private static HashSet<string> QueryParameters(string listing)
    {
        var operation = OpenApiSpec.Instance.Operations.Single(o => o.Method == "GET" && o.PathTemplate == "/" + listing);
        return (operation.Model.Parameters ?? [])
            .Where(p => p.In == ParameterLocation.Query && p.Name is not null)
            .Select(p => p.Name!)
            .ToHashSet(StringComparer.Ordinal);
    }
}
