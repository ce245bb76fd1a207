using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace MsxPowerShell.Loading;

/// <summary>
/// On Windows PowerShell 5.1 only: from Import-Module to Remove-Module, answers the failed loads of the
/// module's own dependencies (a version mismatch between the shipped copies) from the module folder,
/// and stays out of every other load.
/// A module gets no binding redirects, so without this the first JSON call fails there. PowerShell 7
/// binds these names to its runtime's own newer copies and never asks, so nothing is installed there.
/// </summary>
public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>
    /// The module's own dependencies: System.Text.Json's closure on netstandard2.0. A test computes, from the
    /// built folder's metadata, every reference .NET Framework would not bind, and fails until its name is here.
    /// </summary>
    internal static readonly IReadOnlyList<string> DependencyNames = new[]
    {
        "Microsoft.Bcl.AsyncInterfaces",
        "System.Buffers",
        "System.Memory",
        "System.Numerics.Vectors",
        "System.Runtime.CompilerServices.Unsafe",
        "System.Text.Encodings.Web",
        "System.Text.Json",
        "System.Threading.Tasks.Extensions",
    };

    private static readonly object Gate = new();
    private static DependencyFolder? _folder;
    private static int _imports;

    /// <summary>True while the handler is attached to the process (imports not yet all removed).</summary>
    internal static bool IsInstalled
    {
        get
        {
            lock (Gate)
            {
                return _imports > 0;
            }
        }
    }

    public void OnImport()
    {
        if (!DotNetRuntime.IsNetFramework)
        {
            return;
        }

        // The event is process-wide and the module may be imported into several runspaces: attach once.
        lock (Gate)
        {
            _folder ??= new DependencyFolder(Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location) ?? ".", DependencyNames);
            if (_imports++ == 0)
            {
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
            }
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            if (_imports > 0 && --_imports == 0)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            }
        }
    }

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        AssemblyName requested;
        try
        {
            requested = new AssemblyName(args.Name);
        }
        catch (Exception ex) when (ex is ArgumentException or FileLoadException)
        {
            return null;
        }

        var path = _folder?.Resolve(requested, args.RequestingAssembly);
        // LoadFrom, as Import-Module loaded the module itself: the copy's own references probe the same folder.
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
