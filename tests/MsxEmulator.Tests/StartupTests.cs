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
    internal static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
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
    [InlineData("{ \"users\": [ { \"username\": \"u\", \"password\": \"p\", \"lastName\": \"L\", \"email\": \"u@example.com\", \"tenantIds\": [\"not-a-uuid\"] } ] }")]
    [InlineData("{ \"clients\": [ { \"clientSecret\": \"s\" } ] }")]
    [InlineData("{ \"users\": [ { \"username\": \"u\", \"password\": \"p\", \"lastName\": \"L\", \"email\": \"not-an-email\" } ] }")]
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

    [Theory]
    [InlineData("{\n  \"tenants\": [],\n  // a comment\n  \"tenant\": [],\n}", ":4:3: unknown property 'tenant' at the top level; the known properties are: clients, users, roles, tenants, sites, devices, workflows, collections, workflowTargets.")]
    [InlineData("{ \"tenants\": [\n  { \"name\": \"Acme\",\n    \"colour\": \"red\" } ] }", ":3:5: unknown property 'colour' in tenants[0]")]
    [InlineData("{ \"users\": [ { \"username\": \"u\", \"password\": \"p\", \"Nickname\": \"n\" } ] }", ":1:50: unknown property 'Nickname' in users[0]")]
    [InlineData("{ \"clients\": [ { \"clientId\": \"c\", \"clientSecret\": \"s\", \"grantType\": [] } ] }", ":1:56: unknown property 'grantType' in clients[0]")]
    [InlineData("{\n\n  \"tenants\": [ { \"name\": \"é\", \"suspended\": \"yes\" } ] }", ":3:31: tenants[0].suspended: expected true, false or null.")]
    public async Task Unknown_or_mistyped_data_is_refused_with_line_and_column_from_1(string content, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"msx-emulator-typo-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, content);
        try
        {
            var (code, output) = await RunAsync("--urls", "http://127.0.0.1:0", "--data", file);
            Assert.Equal(2, code);
            Assert.Contains("MsxEmulator: bad data: " + file + expected, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Case_comments_and_trailing_commas_are_still_accepted_and_the_load_is_summarised()
    {
        var file = Path.Combine(Path.GetTempPath(), $"msx-emulator-lenient-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, $$"""
            {
              // The seed guide's payload, pasted as it is, with capitals and trailing commas.
              "Clients": [ { "ClientId": "{{PrivateClient}}", "clientSecret": "{{PrivateSecret}}", "grantTypes": ["password"],
                "scopes": ["read"], "maxTokensPerUser": -1, "useSessionTimeout": false, "resourceIds": [], "autoApproveScopes": ["read"],
                "authorities": ["ROLE_USER"], "additionalInformation": { "any": { "thing": 1 } }, "registeredRedirectUris": [], }, ],
              "USERS": [ { "username": "u", "password": "p", "lastName": "L", "email": "u@example.com", "roles": ["SUPERUSER"],
                "tenantIds": ["aaaaaaaa-0000-4000-8000-000000000001"] } ],
              "tenants": [ { "id": "aaaaaaaa-0000-4000-8000-000000000001", "name": "Acme", "numberOfChildren": 7 } ],
            }
            """);
        try
        {
            using var emulator = EmulatorProcess.Start("--data", file);
            var summary = $"MsxEmulator: loaded {file}: clients: 1, users: 1, tenants: 1";
            var output = emulator.WaitForOutput(summary);
            Assert.Contains(summary, output, StringComparison.Ordinal);
            Assert.DoesNotContain("warning", output, StringComparison.Ordinal);
            using var api = new MsxApi(emulator);
            using var login = await api.PasswordAsync("u", "p");
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);

            // The spec's strings are not nullable: a user without a first name gets no such field.
            var token = await JsonAsync(login);
            Assert.Equal(["access_token", "token_type", "expires_in", "scope", "lastName", "roles", "tenantId", "email", "username", "expiry", "iat"],
                PropertyNames(token));
            using var current = await api.GetAsync("idm/api/v8/users/current", token.GetProperty("access_token").GetString());
            var user = await JsonAsync(current);
            Assert.False(user.TryGetProperty("firstName", out _));
            Assert.Equal("L", user.GetProperty("lastName").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("{ \"tenants\": [ { \"name\": \"Acme\" } ] }", "clients: 0, users: 0, tenants: 1", true, true)]
    [InlineData("{ \"clients\": [ { \"clientId\": \"c\", \"clientSecret\": \"s\" } ] }", "clients: 1, users: 0, tenants: 0", false, true)]
    [InlineData("{ \"users\": [ { \"username\": \"u\", \"password\": \"p\", \"lastName\": \"L\", \"email\": \"u@example.com\" } ] }", "clients: 0, users: 1, tenants: 0", true, false)]
    public async Task A_data_file_without_clients_or_users_starts_with_a_warning_that_logins_will_fail(
        string content, string counts, bool noClients, bool noUsers)
    {
        var file = Path.Combine(Path.GetTempPath(), $"msx-emulator-nologin-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, content);
        try
        {
            using var emulator = EmulatorProcess.Start("--data", file);
            // The summary (stdout) and the warnings (stderr) come through two pipes: wait for each line expected.
            emulator.WaitForOutput($"MsxEmulator: loaded {file}: {counts}");
            emulator.WaitForOutput(noClients ? "has no clients" : "has no users");
            var output = emulator.WaitForOutput(noUsers ? "has no users" : "has no clients");
            Assert.Contains($"MsxEmulator: loaded {file}: {counts}", output, StringComparison.Ordinal);
            Assert.Equal(noClients, output.Contains($"MsxEmulator: warning: {file} has no clients, so every login will fail", StringComparison.Ordinal));
            Assert.Equal(noUsers, output.Contains($"MsxEmulator: warning: {file} has no users, so every login will fail", StringComparison.Ordinal));
            Assert.Contains("replaces the built-in clients and users", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_built_in_data_is_summarised_without_warnings()
    {
        using var emulator = EmulatorProcess.Start();
        const string Summary = "MsxEmulator: loaded the built-in data: clients: 2, users: 3, tenants: 4";
        var output = emulator.WaitForOutput(Summary);
        Assert.Contains(Summary, output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_built_in_clients_and_users_with_their_secrets()
    {
        var (code, output) = await RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("--url-file", output, StringComparison.Ordinal);
        Assert.Contains("--exchange-log", output, StringComparison.Ordinal);
        var nl = Environment.NewLine;
        Assert.Contains($"client id: {PrivateClient}{nl}      secret:  {PrivateSecret}", output, StringComparison.Ordinal);
        Assert.Contains($"client id: {RefreshClient}{nl}      secret:  {RefreshSecret}", output, StringComparison.Ordinal);
        Assert.Contains($"username: {SuperUser}{nl}      password: {SuperUserPassword}", output, StringComparison.Ordinal);
        Assert.Contains($"username: {TenantAdmin}{nl}      password: {TenantAdminPassword}", output, StringComparison.Ordinal);
        Assert.Contains($"username: {Consumer}{nl}      password: {ConsumerPassword}", output, StringComparison.Ordinal);
        Assert.Contains("tenants:  Coke, Sprite", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_file_holds_the_bound_address_written_whole_and_replaces_a_stale_one()
    {
        var directory = Directory.CreateTempSubdirectory("msx-emulator-url-");
        var urlFile = Path.Combine(directory.FullName, "url.txt");
        await File.WriteAllTextAsync(urlFile, "http://stale.example:1/\n");
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { EmulatorProcess.EmulatorDll, "--urls", "http://127.0.0.1:0", "--url-file", urlFile })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            string? text = null;
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                text = File.Exists(urlFile) ? await File.ReadAllTextAsync(urlFile) : null;
                if (text is not null && !text.Contains("stale", StringComparison.Ordinal))
                {
                    break;
                }

                process.WaitForExit(25);
            }

            Assert.NotNull(text);
            Assert.Matches(@"^http://127\.0\.0\.1:\d+\n$", text);
            Assert.Equal(["url.txt"], directory.GetFiles().Select(f => f.Name));
            using var api = new MsxApi(new Uri(text.Trim() + "/"));
            using var response = await api.GetAsync("idm/api/v8/users/current", null);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Url_file_that_cannot_be_written_exits_2()
    {
        var (code, output) = await RunAsync("--urls", "http://127.0.0.1:0", "--url-file", $"/nonexistent-{Guid.NewGuid():N}/url.txt");
        Assert.Equal(2, code);
        Assert.Contains("--url-file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_start_writes_no_url_file_and_leaves_no_process_behind()
    {
        var file = Path.Combine(Path.GetTempPath(), $"msx-emulator-failed-start-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{ \"tenant\": [] }");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => EmulatorProcess.Start("--data", file));
            Assert.Contains("exited with code 2", error.Message, StringComparison.Ordinal);
            Assert.Contains("unknown property 'tenant'", error.Message, StringComparison.Ordinal);
            Assert.Empty(ProcessesNaming(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The ids of running processes whose command line contains the text (Linux /proc; elsewhere none are found).</summary>
    private static List<int> ProcessesNaming(string text)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return found;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var id))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal))
                    {
                        found.Add(id);
                    }
                }
                catch (IOException)
                {
                    // The process ended while being looked at.
                }
                catch (UnauthorizedAccessException)
                {
                    // Not ours to read.
                }
            }
        }

        return found;
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
