using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>
/// The test classes that log in through cmdlets share the process-wide session store (and reset it), so
/// they run one after the other, never in parallel.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SessionStoreCollection
{
    public const string Name = "Session store";
}
