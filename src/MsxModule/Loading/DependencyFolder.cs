using System.IO;
using System.Reflection;

namespace MsxPowerShell.Loading;

/// <summary>
/// The module's own dependencies as shipped beside it (System.Text.Json and what it needs), by simple name.
/// .NET Framework binds a strong-named reference to its exact version, and the shipped copies were
/// compiled against different versions of each other (System.Memory asks for Unsafe 4.0.4.1, the
/// folder has 6.0.0.0); this answers such a request with the folder's copy, whatever version was asked.
/// </summary>
internal sealed class DependencyFolder
{
    private readonly Lazy<Dictionary<string, AssemblyName>> _assemblies;

    /// <param name="directory">The module folder.</param>
    /// <param name="dependencyNames">The only names answered for; any other file in the folder is left alone.</param>
    public DependencyFolder(string directory, IEnumerable<string> dependencyNames)
    {
        Directory = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var names = new HashSet<string>(dependencyNames, StringComparer.OrdinalIgnoreCase);
        _assemblies = new Lazy<Dictionary<string, AssemblyName>>(() => Read(Directory, names));
    }

    public string Directory { get; }

    /// <summary>The names this folder answers for: the dependencies asked for that are shipped in it.</summary>
    public IReadOnlyCollection<string> Names => _assemblies.Value.Keys;

    /// <summary>
    /// The path of the folder's copy that answers <paramref name="requested"/>, or null to stay out of the load.
    /// </summary>
    /// <param name="requested">The reference that failed to bind.</param>
    /// <param name="requesterLocation">
    /// The file of the assembly whose reference it is; null when the runtime does not say (then the name decides).
    /// Any other requester, another module's assembly or a dynamic one (""), is left alone.
    /// </param>
    public string? Resolve(AssemblyName requested, string? requesterLocation)
    {
        if (requested.Name is not { Length: > 0 } name
            || !string.IsNullOrEmpty(requested.CultureName)
            || !_assemblies.Value.TryGetValue(name, out var shipped))
        {
            return null;
        }

        if (requesterLocation is not null && !IsInFolder(requesterLocation))
        {
            return null;
        }

        // A request that names a signer must get that signer's assembly; the version is what may differ.
        var requestedToken = requested.GetPublicKeyToken();
        if (requestedToken is not null && !SameToken(requestedToken, shipped.GetPublicKeyToken()))
        {
            return null;
        }

        return Path.Combine(Directory, name + ".dll");
    }

    /// <summary>As <see cref="Resolve(AssemblyName, string)"/>, for the runtime's requesting assembly.</summary>
    public string? Resolve(AssemblyName requested, Assembly? requestingAssembly) =>
        Resolve(requested, requestingAssembly is null ? null : requestingAssembly.IsDynamic ? string.Empty : requestingAssembly.Location);

    private bool IsInFolder(string location)
    {
        if (location.Length == 0)
        {
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(location));
        return string.Equals(folder, Directory, StringComparison.OrdinalIgnoreCase);
    }

    private static bool SameToken(byte[] requested, byte[]? shipped)
    {
        shipped ??= Array.Empty<byte>();
        if (requested.Length != shipped.Length)
        {
            return false;
        }

        for (var i = 0; i < requested.Length; i++)
        {
            if (requested[i] != shipped[i])
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, AssemblyName> Read(string directory, HashSet<string> dependencyNames)
    {
        var assemblies = new Dictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);
        foreach (var dependency in dependencyNames)
        {
            var file = Path.Combine(directory, dependency + ".dll");
            if (!File.Exists(file))
            {
                continue;
            }

            AssemblyName name;
            try
            {
                name = AssemblyName.GetAssemblyName(file);
            }
            catch (BadImageFormatException)
            {
                continue;   // a native or damaged file is nothing to answer with
            }

            // A file whose assembly has another name is not the dependency.
            if (string.Equals(name.Name, dependency, StringComparison.OrdinalIgnoreCase))
            {
                assemblies[dependency] = name;
            }
        }

        return assemblies;
    }
}
