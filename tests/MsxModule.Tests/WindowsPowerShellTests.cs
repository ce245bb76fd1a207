using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using MsxPowerShell.Client;
using MsxPowerShell.Loading;
using MsxPowerShell.Testing;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>
/// Windows PowerShell 5.1 cannot run here, so what it would do is computed from metadata: .NET Framework
/// binds a strong-named reference only to that exact version (or, for its own assemblies, to its own
/// version when that is the same or newer), and a module gets no binding redirects. Every reference the
/// built module folder makes that neither the folder nor .NET Framework 4.7.2 nor Windows PowerShell
/// binds so must be answered by the module's resolver, with the folder's copy.
/// </summary>
public sealed class WindowsPowerShellBindingTests
{
    private static readonly string ModuleFolder = Path.Combine(EmulatorProcess.RepositoryRoot, "out", "MsxModule");

    [Fact]
    public void Every_reference_that_would_not_bind_on_NET_Framework_is_answered_by_the_resolver_with_the_folder_copy()
    {
        var shipped = ReadShippedAssemblies();
        var framework = ReadFrameworkList();
        var host = ReadHostAssemblies();
        var resolver = new DependencyFolder(ModuleFolder, ModuleAssemblyResolver.DependencyNames);

        // The analysis must have read something real: the module, and what it references.
        Assert.Contains(shipped, a => a.Identity.Name == "MsxModule");
        Assert.Contains(framework, f => f.Name == "netstandard");
        Assert.Contains(host, h => h.Name == "System.Management.Automation");

        var unbound = shipped
            .SelectMany(a => a.References.Select(r => (From: a, Reference: r)))
            .Where(x => !shipped.Any(s => s.Identity.Equals(x.Reference))
                && !framework.Any(f => f.Unifies(x.Reference))
                && !host.Any(h => h.Equals(x.Reference)))
            .ToList();

        var failures = new List<string>();
        foreach (var (from, reference) in unbound)
        {
            var what = $"{from.Identity.Name} -> {reference}";
            if (!resolver.Names.Contains(reference.Name, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{what}: would not bind on .NET Framework 4.7.2 and is not answered by the resolver (ship it, and add its name to ModuleAssemblyResolver.DependencyNames)");
                continue;
            }

            var answer = resolver.Resolve(reference.ToAssemblyName(), from.Path);
            var copy = shipped.SingleOrDefault(s => string.Equals(s.Identity.Name, reference.Name, StringComparison.OrdinalIgnoreCase));
            if (answer is null || copy is null || !string.Equals(Path.GetFullPath(answer), copy.Path, StringComparison.Ordinal))
            {
                failures.Add($"{what}: the resolver answered {answer ?? "nothing"}, not the folder's copy");
            }
            else if (copy.Identity.Version < reference.Version)
            {
                failures.Add($"{what}: the folder's copy is {copy.Identity.Version}, older than the reference; members may be missing");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_resolver_stays_out_of_foreign_names_foreign_requesters_other_signers_and_the_module_itself()
    {
        var resolver = new DependencyFolder(ModuleFolder, ModuleAssemblyResolver.DependencyNames);
        var memory = ReadShippedAssemblies().Single(a => a.Identity.Name == "System.Memory");
        var buffersCopy = Path.Combine(resolver.Directory, "System.Buffers.dll");
        var buffers = new AssemblyName("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51");

        // The control: the same request from a requester in the folder, or an unknown one, is answered.
        Assert.Equal(buffersCopy, resolver.Resolve(buffers, memory.Path));
        Assert.Equal(buffersCopy, resolver.Resolve(buffers, (string?)null));

        // Another module's assemblies and PowerShell's own: never.
        Assert.Null(resolver.Resolve(new AssemblyName("Microsoft.PowerShell.PSResourceGet, Version=1.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35"), (string?)null));
        Assert.Null(resolver.Resolve(new AssemblyName("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed"), (string?)null));
        Assert.Null(resolver.Resolve(new AssemblyName("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35"), (string?)null));
        // The module itself is loaded by Import-Module, never a second time by the resolver.
        Assert.Null(resolver.Resolve(new AssemblyName("MsxModule"), (string?)null));

        // A shipped name asked for by another module's assembly, or a dynamic one, is that module's business.
        Assert.Null(resolver.Resolve(buffers, typeof(Assert).Assembly));
        Assert.Null(resolver.Resolve(buffers, string.Empty));
        // A different signer, or a satellite culture, is another assembly.
        Assert.Null(resolver.Resolve(new AssemblyName("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a"), memory.Path));
        Assert.Null(resolver.Resolve(new AssemblyName("System.Buffers, Version=4.0.2.0, Culture=de, PublicKeyToken=cc7b13ffcd2ddd51"), memory.Path));
    }

    [Fact]
    public void The_resolver_names_only_assemblies_the_folder_ships()
    {
        var shipped = ReadShippedAssemblies().Select(a => a.Identity.Name).ToList();
        var missing = ModuleAssemblyResolver.DependencyNames.Where(n => !shipped.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(missing.Count == 0, "Named by the resolver but not shipped: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_foreign_assembly_in_the_module_folder_is_left_alone()
    {
        var folder = Directory.CreateTempSubdirectory("msx-resolver-").FullName;
        try
        {
            File.Copy(Path.Combine(ModuleFolder, "System.Buffers.dll"), Path.Combine(folder, "System.Buffers.dll"));
            var foreign = typeof(Assert).Assembly;
            File.Copy(foreign.Location, Path.Combine(folder, Path.GetFileName(foreign.Location)));
            var resolver = new DependencyFolder(folder, ModuleAssemblyResolver.DependencyNames);

            Assert.Null(resolver.Resolve(foreign.GetName(), (string?)null));
            Assert.Equal(Path.Combine(resolver.Directory, "System.Buffers.dll"), resolver.Resolve(new AssemblyName("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"), (string?)null));
            Assert.Equal(new[] { "System.Buffers" }, resolver.Names);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void On_PowerShell_7_importing_installs_no_resolver()
    {
        Assert.False(DotNetRuntime.IsNetFramework);
        var resolver = new ModuleAssemblyResolver();
        resolver.OnImport();
        Assert.False(ModuleAssemblyResolver.IsInstalled);
        resolver.OnRemove(null!);
        Assert.False(ModuleAssemblyResolver.IsInstalled);
    }

    private static List<ShippedAssembly> ReadShippedAssemblies()
    {
        if (!File.Exists(Path.Combine(ModuleFolder, "MsxModule.dll")))
        {
            throw new FileNotFoundException("The module is not laid out: run './build.ps1 Build' first.", Path.Combine(ModuleFolder, "MsxModule.dll"));
        }

        var assemblies = new List<ShippedAssembly>();
        foreach (var path in Directory.EnumerateFiles(ModuleFolder, "*.dll"))
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var definition = metadata.GetAssemblyDefinition();
            var identity = new Identity(
                metadata.GetString(definition.Name),
                definition.Version,
                TokenOf(metadata, definition.PublicKey, isFullKey: true));
            var references = metadata.AssemblyReferences
                .Select(metadata.GetAssemblyReference)
                .Select(r => new Identity(
                    metadata.GetString(r.Name),
                    r.Version,
                    TokenOf(metadata, r.PublicKeyOrToken, (r.Flags & AssemblyFlags.PublicKey) != 0)))
                .ToList();
            assemblies.Add(new ShippedAssembly(Path.GetFullPath(path), identity, references));
        }

        return assemblies;
    }

    private static List<FrameworkAssembly> ReadFrameworkList()
    {
        var list = Path.Combine(Metadata("NetFx472ReferenceAssemblies"), "RedistList", "FrameworkList.xml");
        return XDocument.Load(list).Root!.Elements("File")
            .Select(f => new FrameworkAssembly(
                (string)f.Attribute("AssemblyName")!,
                Version.Parse((string)f.Attribute("Version")!),
                ((string?)f.Attribute("PublicKeyToken") ?? string.Empty).ToLowerInvariant()))
            .ToList();
    }

    /// <summary>What Windows PowerShell 5.1 itself loads for the module: the identities of PowerShellStandard's reference assemblies.</summary>
    private static List<Identity> ReadHostAssemblies()
    {
        var identities = new List<Identity>();
        foreach (var path in Directory.EnumerateFiles(Metadata("PowerShellStandardReferenceAssemblies"), "*.dll"))
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var definition = metadata.GetAssemblyDefinition();
            identities.Add(new Identity(metadata.GetString(definition.Name), definition.Version, TokenOf(metadata, definition.PublicKey, isFullKey: true)));
        }

        return identities;
    }

    private static string Metadata(string key) =>
        typeof(WindowsPowerShellBindingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key + " is not set by the test project.");

    private static string TokenOf(MetadataReader metadata, BlobHandle handle, bool isFullKey)
    {
        if (handle.IsNil)
        {
            return string.Empty;
        }

        var bytes = metadata.GetBlobBytes(handle);
        if (isFullKey && bytes.Length > 0)
        {
            // The token is the last 8 bytes of the key's SHA-1, reversed.
            var hash = System.Security.Cryptography.SHA1.HashData(bytes);
            bytes = hash.Skip(hash.Length - 8).Reverse().ToArray();
        }

        return Convert.ToHexString(bytes).ToLowerInvariant();
    }

    private sealed record Identity(string Name, Version Version, string PublicKeyToken)
    {
        public AssemblyName ToAssemblyName() => new($"{Name}, Version={Version}, Culture=neutral, PublicKeyToken={(PublicKeyToken.Length == 0 ? "null" : PublicKeyToken)}");

        public override string ToString() => $"{Name} {Version} ({PublicKeyToken})";
    }

    private sealed record ShippedAssembly(string Path, Identity Identity, List<Identity> References);

    private sealed record FrameworkAssembly(string Name, Version Version, string PublicKeyToken)
    {
        /// <summary>The CLR binds a reference to one of its own assemblies at that version or older to its own copy.</summary>
        public bool Unifies(Identity reference) =>
            string.Equals(Name, reference.Name, StringComparison.OrdinalIgnoreCase)
            && PublicKeyToken == reference.PublicKeyToken
            && reference.Version <= Version;
    }
}

/// <summary>
/// The sessions and Test-MsxConnection's probe share one handler setup. Only its options can be seen here:
/// that .NET Framework really negotiates TLS 1.2 with them needs a Windows machine.
/// </summary>
public sealed class HttpHandlerFactoryTests
{
    private static readonly MsxClientOptions Plain = new(new Uri("https://msx.example.com"));

    [Fact]
    public void A_handler_follows_no_redirect_decompresses_and_verifies_certificates()
    {
        using var handler = HttpHandlerFactory.Create(Plain);
        Assert.False(handler.AllowAutoRedirect);
        Assert.Equal(System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate, handler.AutomaticDecompression);
        Assert.Null(handler.ServerCertificateCustomValidationCallback);
        Assert.True(handler.UseProxy);
    }

    [Fact]
    public void On_NET_the_operating_system_picks_the_TLS_versions()
    {
        using var handler = HttpHandlerFactory.Create(Plain);
        Assert.Equal(System.Security.Authentication.SslProtocols.None, handler.SslProtocols);
    }

    [Fact]
    public void For_NET_Framework_TLS_1_2_and_1_3_are_asked_for()
    {
        using var handler = HttpHandlerFactory.Create(Plain, onNetFramework: true);
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls12 | HttpHandlerFactory.Tls13, handler.SslProtocols);
    }

    [Fact]
    public void SkipCertificateCheck_and_Proxy_apply_to_that_handler_only()
    {
        var proxy = new System.Net.WebProxy("http://proxy.example.com:3128");
        using var handler = HttpHandlerFactory.Create(new MsxClientOptions(Plain.Server) { SkipCertificateCheck = true, Proxy = proxy });
        Assert.NotNull(handler.ServerCertificateCustomValidationCallback);
        Assert.True(handler.ServerCertificateCustomValidationCallback!(null!, null, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Same(proxy, handler.Proxy);
        Assert.True(handler.UseProxy);

        using var other = HttpHandlerFactory.Create(Plain);
        Assert.Null(other.ServerCertificateCustomValidationCallback);
        Assert.Null(other.Proxy);
    }
}
