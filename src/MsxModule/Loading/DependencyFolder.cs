using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace MsxPowerShell.Loading;

/// <summary>
/// The assemblies shipped beside the module (System.Text.Json and what it needs), by simple name.
/// .NET Framework binds a strong-named reference to its exact version, and the shipped copies were
/// compiled against different versions of each other (System.Memory asks for Unsafe 4.0.4.1, the
/// folder has 6.0.0.0); this answers such a request with the folder's copy, whatever version was asked.
/// </summary>
internal sealed class DependencyFolder
{
    private readonly Lazy<Dictionary<string, AssemblyName>> _assemblies;

    public DependencyFolder(string directory, string ownAssemblyName)
    {
        Directory = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        _assemblies = new Lazy<Dictionary<string, AssemblyName>>(() => Read(Directory, ownAssemblyName));
    }

    /// <summary>The folder of the given (module) assembly.</summary>
    public static DependencyFolder Beside(Assembly module) =>
        new(Path.GetDirectoryName(module.Location) ?? ".", module.GetName().Name ?? string.Empty);

    public string Directory { get; }

    /// <summary>The simple names this folder answers for (the module's own assembly excluded).</summary>
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

    private static Dictionary<string, AssemblyName> Read(string directory, string ownAssemblyName)
    {
        var assemblies = new Dictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);
        if (!System.IO.Directory.Exists(directory))
        {
            return assemblies;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.dll"))
        {
            AssemblyName name;
            try
            {
                name = AssemblyName.GetAssemblyName(file);
            }
            catch (BadImageFormatException)
            {
                continue;   // a native or damaged file is nothing to answer with
            }

            // Only a file named after its assembly can be found again by name.
            if (name.Name is { } simple
                && !string.Equals(simple, ownAssemblyName, StringComparison.OrdinalIgnoreCase)
                && string.Equals(simple + ".dll", Path.GetFileName(file), StringComparison.OrdinalIgnoreCase))
            {
                assemblies[simple] = name;
            }
        }

        return assemblies;
    }
}
