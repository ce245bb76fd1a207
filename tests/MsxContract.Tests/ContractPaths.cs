namespace MsxContract.Tests;

/// <summary>Where the spec and the recorded exchanges are.</summary>
public static class ContractPaths
{
    /// <summary>The directory of MsxPowerShell.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MsxPowerShell.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("MsxPowerShell.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// Cisco's spec: shared/msx-openapi/openapi.yaml beside the repository, else the copy the emulator ships
    /// (src/MsxEmulator/Spec/openapi.yaml, the same file), so that a worktree elsewhere checks against it too.
    /// </summary>
    public static string Spec
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "msx-openapi", "openapi.yaml"));
            var shipped = Path.Combine(RepositoryRoot, "src", "MsxEmulator", "Spec", "openapi.yaml");
            return File.Exists(shared) || !File.Exists(shipped) ? shared : shipped;
        }
    }

    public static bool SpecExists => File.Exists(Spec);

    public static string SpecMissingReason => $"The MSX OpenAPI spec is not at {Spec}; the contract tests need it and are skipped.";

    /// <summary>$MSX_EXCHANGE_DIR, else out/exchanges under the repository root.</summary>
    public static string ExchangeDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("MSX_EXCHANGE_DIR");
            return Path.GetFullPath(string.IsNullOrEmpty(fromEnvironment) ? Path.Combine(RepositoryRoot, "out", "exchanges") : fromEnvironment);
        }
    }
}

/// <summary>A fact that is skipped, saying why, when the spec is absent.</summary>
public sealed class SpecFactAttribute : FactAttribute
{
    public SpecFactAttribute()
    {
        if (!ContractPaths.SpecExists)
        {
            Skip = ContractPaths.SpecMissingReason;
        }
    }
}

/// <summary>A theory that is skipped, saying why, when the spec is absent.</summary>
public sealed class SpecTheoryAttribute : TheoryAttribute
{
    public SpecTheoryAttribute()
    {
        if (!ContractPaths.SpecExists)
        {
            Skip = ContractPaths.SpecMissingReason;
        }
    }
}
