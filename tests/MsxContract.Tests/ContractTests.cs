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

    [SpecFact]
    public void Every_operation_of_the_spec_has_an_exchange_with_a_2xx_answer()
    {
        var recorded = RecordedContract.Instance;
        var missing = OpenApiSpec.Instance.Operations
            .Where(o => !recorded.ByOperation.TryGetValue(o.Key, out var exchanges) || !exchanges.Any(e => e.Status is >= 200 and < 300))
            .Select(o => o.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        output.WriteLine($"{OpenApiSpec.Instance.Operations.Count - missing.Count} of {OpenApiSpec.Instance.Operations.Count} operations have a 2xx exchange");
        Assert.True(missing.Count == 0, $"{missing.Count} operation(s) without a 2xx exchange:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
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
