using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MsxEmulator.Tests.Support;
using MsxPowerShell.Testing;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>Command-line handling, --seed-tenants and HTTPS.</summary>
public sealed class StartupTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(EmulatorProcess.EmulatorDll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Unknown_option_exits_2()
    {
        var (code, output) = await RunAsync("--urls", "http://127.0.0.1:0", "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("--bogus", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_usage()
    {
        var (code, output) = await RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("--seed-tenants", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"tenants\": [ { \"name\": \"\" } ] }")]
    [InlineData("{ \"tenants\": [ { \"name\": \"a\" }, { \"name\": \"A\" } ] }")]
    [InlineData("{ \"users\": [ { \"username\": \"u\", \"password\": \"p\", \"tenantIds\": [\"not-a-uuid\"] } ] }")]
    [InlineData("{ \"clients\": [ { \"clientSecret\": \"s\" } ] }")]
    [InlineData("not json")]
    [InlineData("{ \"workflows\": [ { \"workflow\": { \"name\": \"no unique_name\" } } ] }")]
    [InlineData("{ \"workflows\": [ { \"workflow\": { \"unique_name\": \"w\", \"name\": \"w\" }, \"tenantIds\": [\"1817ec68-e182-4865-8d83-fc13035b4811\"] } ] }")]
    [InlineData("{ \"workflows\": [ { \"workflow\": { \"unique_name\": \"w\", \"name\": \"\" } } ] }")]
    [InlineData("{ \"workflows\": [ { \"workflow\": { \"unique_name\": \"w\", \"name\": \"w\" } }, { \"workflow\": { \"unique_name\": \"w\", \"name\": \"w2\" } } ] }")]
    [InlineData("{ \"workflows\": [ { \"id\": \"short\", \"workflow\": { \"unique_name\": \"w\", \"name\": \"w\" } } ] }")]
    public async Task Bad_data_file_exits_2(string content)
    {
        var file = Path.Combine(Path.GetTempPath(), $"msx-emulator-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, content);
        try
        {
            var (code, output) = await RunAsync("--urls", "http://127.0.0.1:0", "--data", file);
            Assert.Equal(2, code);
            Assert.Contains("bad data", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Manual_clock_without_control_exits_2()
    {
        var (code, output) = await RunAsync("--urls", "http://127.0.0.1:0", "--manual-clock");
        Assert.Equal(2, code);
        Assert.Contains("--manual-clock needs --control", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_data_file_exits_2()
    {
        var (code, _) = await RunAsync("--urls", "http://127.0.0.1:0", "--data", "/nonexistent/msx.json");
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Seed_tenants_are_named_and_paged_in_order()
    {
        using var emulator = EmulatorProcess.Start("--seed-tenants", "2500");
        using var api = new MsxApi(emulator);
        var token = await api.AccessTokenAsync();
        var names = new List<string>();
        for (var page = 0; ; page++)
        {
            using var response = await api.GetAsync($"idm/api/v8/tenants?page={page}&pageSize=1000", token);
            var body = await JsonAsync(response);
            names.AddRange(body.GetProperty("contents").EnumerateArray().Select(t => t.GetProperty("name").GetString()!));
            if (!body.GetProperty("hasNext").GetBoolean())
            {
                Assert.Equal(2, page);
                break;
            }
        }

        Assert.Equal(2504, names.Count);
        Assert.Equal(["Dandelion and Burdock", "Coke", "Sprite", "Pepsi", "load-00001"], names.Take(5));
        Assert.Equal("load-02500", names[^1]);

        using var desc = await api.GetAsync("idm/api/v8/tenants?page=0&pageSize=2&sortBy=name&sortOrder=desc", token);
        var top = (await JsonAsync(desc)).GetProperty("contents");
        Assert.Equal("Sprite", top[0].GetProperty("name").GetString());
        Assert.Equal("Pepsi", top[1].GetProperty("name").GetString());
        using var load = await api.GetAsync("idm/api/v8/tenants?page=0&pageSize=1&sortBy=createdOn&sortOrder=desc", token);
        var last = (await JsonAsync(load)).GetProperty("contents")[0];
        Assert.Equal("load-02500", last.GetProperty("name").GetString());
        Assert.Equal("Load tenant 2500", last.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Https_uses_a_self_signed_localhost_certificate()
    {
        using var emulator = EmulatorProcess.StartHttps();
        Assert.Equal("https", emulator.BaseAddress.Scheme);
        string? subject = null;
        string? san = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                subject = certificate?.Subject;
                san = certificate?.Extensions.OfType<X509SubjectAlternativeNameExtension>().SingleOrDefault()?.EnumerateIPAddresses()
                    .Select(ip => ip.ToString()).FirstOrDefault();
                return subject == "CN=localhost";
            },
        };
        using var api = new MsxApi(emulator.BaseAddress, handler);
        using var response = await api.PasswordAsync(SuperUser, SuperUserPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CN=localhost", subject);
        Assert.Equal("127.0.0.1", san);
    }
}
