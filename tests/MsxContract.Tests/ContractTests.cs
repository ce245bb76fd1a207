using Xunit.Abstractions;

namespace MsxContract.Tests;

/// <summary>
/// The recorded exchanges (every emulator the xunit and Pester suites start records under
/// MSX_EXCHANGE_DIR) against Cisco's spec: one case per operation exercised.
/// </summary>
public sealed class ContractTests(ITestOutputHelper output)
{
    public static TheoryData<string> ExercisedOperations()
    {
        var data = new TheoryData<string>();
        if (ContractPaths.SpecExists)
        {
            foreach (var key in RecordedContract.Instance.ByOperation.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(key);
            }
        }

        return data;
    }

    [SpecFact]
    public void Exchanges_were_recorded()
    {
        var recorded = RecordedContract.Instance;
        Assert.True(recorded.Exchanges.Count > 0,
            $"No exchanges under {recorded.Directory}: run the emulator and module suites with MSX_EXCHANGE_DIR set (./build.ps1 Test does).");
        output.WriteLine($"{recorded.Exchanges.Count} exchanges, {recorded.ByOperation.Count} operations, from {recorded.Directory}");
    }

    [SpecTheory]
    [MemberData(nameof(ExercisedOperations))]
    public void Operation_follows_the_spec(string operation)
    {
        var recorded = RecordedContract.Instance;
        var exchanges = recorded.ByOperation[operation];
        var violations = recorded.Violations[operation];
        output.WriteLine($"{exchanges.Count} exchanges checked");
        Assert.True(violations.Count == 0, RecordedContract.Describe(operation, exchanges, violations));
    }
}
