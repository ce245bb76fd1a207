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
}
