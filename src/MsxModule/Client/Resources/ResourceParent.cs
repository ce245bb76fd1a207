namespace MsxPowerShell.Client.Resources;

/// <summary>
/// A resource that another lives under (a tenant holds users, sites, devices and workflows; a site holds devices),
/// and how the child's listing is narrowed to one parent: the query parameter of the spec's list operation that
/// takes the parent's id, or none when the parent itself names its children (a site's <c>deviceIds</c>, read fresh).
/// Declared beside the child (<see cref="MsxResource{T}.Parents"/>).
/// </summary>
public sealed class ResourceParent
{
    public ResourceParent(string noun, string? parameter)
    {
        Noun = noun;
        Parameter = parameter;
    }

    /// <summary>The parent's noun, as its own declaration spells it ("Tenant", "Site").</summary>
    public string Noun { get; }

    /// <summary>The list operation's query parameter that takes the parent's id (<c>tenantId</c>, <c>tenantIds</c>), or null.</summary>
    public string? Parameter { get; }

    public override string ToString() => Parameter is null ? Noun : $"{Noun} ({Parameter})";

    /// <summary>The parents declared for the resource whose model is <paramref name="model"/> (none for a resource without parents).</summary>
    public static IReadOnlyList<ResourceParent> Of(Type model) =>
        model == typeof(MsxUser) ? UserResource.Declaration.Parents
        : model == typeof(MsxSite) ? SiteResource.Declaration.Parents
        : model == typeof(MsxDevice) ? DeviceResource.Declaration.Parents
        : model == typeof(MsxWorkflow) ? WorkflowResource.Declaration.Parents
        : Array.Empty<ResourceParent>();
}
