namespace MsxContract.Tests;

/// <summary>Every recorded exchange, grouped by the operation it exercised, with the violations found: read and checked once.</summary>
public sealed class RecordedContract
{
    private static readonly Lazy<RecordedContract> Shared = new(() => new RecordedContract(ContractPaths.ExchangeDirectory), LazyThreadSafetyMode.ExecutionAndPublication);

    private RecordedContract(string directory)
    {
        Directory = directory;
        Exchanges = RecordedExchange.ReadAll(directory);
        var checker = new ContractChecker(OpenApiSpec.Instance);
        ByOperation = Exchanges.GroupBy(checker.KeyOf).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Violations = ByOperation.ToDictionary(g => g.Key, g => g.Value.SelectMany(checker.Check).ToList(), StringComparer.Ordinal);
    }

    public static RecordedContract Instance => Shared.Value;

    public string Directory { get; }

    public List<RecordedExchange> Exchanges { get; }

    public Dictionary<string, List<RecordedExchange>> ByOperation { get; }

    public Dictionary<string, List<Violation>> Violations { get; }

    /// <summary>The violations of one operation, one line per distinct problem, with a count and one example exchange.</summary>
    public static string Describe(string operation, IReadOnlyList<RecordedExchange> exchanges, IReadOnlyList<Violation> violations)
    {
        var lines = new List<string> { $"{operation}: {violations.Count} violation(s) in {exchanges.Count} exchange(s):" };
        foreach (var group in violations.GroupBy(v => (v.Rule, v.Detail)))
        {
            var example = group.First().Example;
            lines.Add($"- {group.Key.Rule}: {group.Key.Detail} (x{group.Count()})");
            lines.Add($"    e.g. {example}");
            if (example.RequestBody is { } request)
            {
                lines.Add($"    request {example.RequestContentType}: {Shorten(request)}");
            }

            if (example.ResponseBody is { } response)
            {
                lines.Add($"    response {example.ResponseContentType}: {Shorten(response)}");
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + $"… ({text.Length} characters)";
}
