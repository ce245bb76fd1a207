using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using MsxPowerShell.Client.Models;

// Parsing one page of 1,000 tenants (the page size Get-MsxTenant asks for), as the emulator writes it.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun)
    .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
BenchmarkRunner.Run<TenantPageParsing>(config, args);

[MemoryDiagnoser]
public class TenantPageParsing
{
    private static readonly JsonSerializerOptions ReflectionOptions = new() { PropertyNameCaseInsensitive = false };
    private byte[] _page = [];

    [GlobalSetup]
    public void Setup() => _page = Encoding.UTF8.GetBytes(MakePage(1000));

    [Benchmark(Baseline = true, Description = "System.Text.Json, source-generated (the module)")]
    public int SourceGenerated() => JsonSerializer.Deserialize(_page, MsxJsonContext.Default.MsxPageMsxTenant)!.Contents!.Count;

    [Benchmark(Description = "System.Text.Json, reflection")]
    public int Reflection() => JsonSerializer.Deserialize<MsxPage<MsxTenant>>(_page, ReflectionOptions)!.Contents!.Count;

    [Benchmark(Description = "JsonDocument DOM, walk every tenant")]
    public int Document()
    {
        using var document = JsonDocument.Parse(_page);
        var count = 0;
        foreach (var tenant in document.RootElement.GetProperty("contents").EnumerateArray())
        {
            count += tenant.GetProperty("name").GetString()!.Length > 0 ? 1 : 0;
        }

        return count;
    }

    private static string MakePage(int size)
    {
        var json = new StringBuilder("{\"page\":0,\"pageSize\":").Append(size).Append(",\"totalItems\":null,\"hasNext\":true,\"hasPrevious\":false,\"sortBy\":null,\"sortOrder\":null,\"contents\":[");
        var created = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < size; i++)
        {
            var at = created.AddMilliseconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            json.Append(i == 0 ? "" : ",")
                .Append("{\"id\":\"").Append(Guid.NewGuid()).Append("\",\"createdOn\":\"").Append(at)
                .Append("\",\"modifiedOn\":\"").Append(at).Append("\",\"suspended\":false,\"name\":\"load-")
                .Append((i + 1).ToString("D5", CultureInfo.InvariantCulture)).Append("\",\"description\":\"Load tenant ").Append(i + 1)
                .Append("\",\"url\":\"\",\"image\":null,\"parentId\":null,\"numberOfChildren\":0}");
        }

        return json.Append("]}").ToString();
    }
}
