using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using MsxPowerShell.Testing;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>--exchange-log: one JSON line per request served, with both bodies, faults and drops marked, secrets hidden.</summary>
public sealed class ExchangeLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("msx-exchange-test-").FullName;
    private readonly string _file;
    private readonly EmulatorProcess _emulator;
    private readonly MsxApi _api;

    public ExchangeLogTests()
    {
        _file = Path.Combine(_directory, "nested", "exchanges.jsonl");
        _emulator = EmulatorProcess.Start("--control", "--exchange-log", _file);
        _api = new MsxApi(_emulator);
    }

    public void Dispose()
    {
        _api.Dispose();
        _emulator.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The lines once there are at least <paramref name="count"/> (or what is there at the deadline).</summary>
    private Task<List<JsonElement>> LinesAsync(int count) => ExchangeLogFile.WaitForLinesAsync(_file, lines => lines.Count >= count);

    private async Task AddFaultAsync(object fault)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "_emulator/faults", null, Json(fault));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Each_request_is_one_line_with_both_bodies_and_secrets_redacted()
    {
        var token = await _api.AccessTokenAsync();
        var name = UniqueName("exchange");
        var created = await _api.CreatedTenantAsync(token, new { name, description = "d'é" });
        using (var page = await _api.GetAsync("idm/api/v8/tenants?page=0&pageSize=2", token))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using (var nowhere = await _api.GetAsync("idm/api/v8/nowhere", token))
        {
            Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        }

        using (var stats = await _api.GetAsync("_emulator/stats", null))
        {
            Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        }

        var lines = await LinesAsync(4);
        Assert.Equal(4, lines.Count);
        Assert.DoesNotContain(lines, l => l.GetProperty("path").GetString()!.StartsWith("/_emulator", StringComparison.Ordinal));
        Assert.Equal(
            ["at", "method", "path", "query", "requestContentType", "requestBody", "requestBodyTruncated", "status",
             "responseContentType", "responseBody", "responseBodyTruncated", "fault", "dropped", "userAgent"],
            PropertyNames(lines[0]));

        var login = lines[0];
        Assert.Equal("/idm/v2/token", login.GetProperty("path").GetString());
        Assert.Equal("application/x-www-form-urlencoded", login.GetProperty("requestContentType").GetString());
        Assert.Equal("grant_type=password&username=superuser&password=REDACTED", login.GetProperty("requestBody").GetString());
        using (var answer = JsonDocument.Parse(login.GetProperty("responseBody").GetString()!))
        {
            Assert.Equal("REDACTED", answer.RootElement.GetProperty("access_token").GetString());
            Assert.Equal("bearer", answer.RootElement.GetProperty("token_type").GetString());
        }

        var raw = await File.ReadAllTextAsync(_file);
        Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(SuperUserPassword, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(SuperUserPassword), raw, StringComparison.Ordinal);

        var create = lines[1];
        Assert.Equal("POST", create.GetProperty("method").GetString());
        Assert.Equal(201, create.GetProperty("status").GetInt32());
        Assert.StartsWith("application/json", create.GetProperty("requestContentType").GetString(), StringComparison.Ordinal);
        Assert.Equal(Json(new { name, description = "d'é" }), create.GetProperty("requestBody").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), JsonDocument.Parse(create.GetProperty("responseBody").GetString()!).RootElement.GetProperty("id").GetString());
        Assert.False(create.GetProperty("fault").GetBoolean());

        Assert.Equal("?page=0&pageSize=2", lines[2].GetProperty("query").GetString());
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("requestBody").ValueKind);
        Assert.Equal(404, lines[3].GetProperty("status").GetInt32());
        Assert.Equal("application/json", lines[3].GetProperty("responseContentType").GetString());
    }

    [Fact]
    public async Task Only_secret_names_are_redacted()
    {
        var token = await _api.AccessTokenAsync();
        using (var current = await _api.GetAsync("idm/api/v8/users/current", token))
        {
            Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        }

        var line = (await LinesAsync(2))[1];
        using var user = JsonDocument.Parse(line.GetProperty("responseBody").GetString()!);
        Assert.Equal("ppolicy_default", user.RootElement.GetProperty("passwordPolicyName").GetString());
        Assert.Equal(SuperUser, user.RootElement.GetProperty("username").GetString());
        Assert.Equal(JsonValueKind.Null, user.RootElement.GetProperty("password").ValueKind);
    }

    [Fact]
    public async Task Faults_and_drops_are_marked_and_a_faults_own_body_is_not_recorded()
    {
        var token = await _api.AccessTokenAsync();
        var id = Guid.NewGuid();
        await AddFaultAsync(new { path = $"/idm/api/v8/tenants/{id}", status = 502, body = "<html>secret page</html>", contentType = "text/html" });
        await AddFaultAsync(new { path = $"/idm/api/v8/tenants/{id}", drop = true });
        await AddFaultAsync(new { path = $"/idm/api/v8/tenants/{id}", delayMs = 1 });
        using (var faulted = await _api.GetAsync($"idm/api/v8/tenants/{id}", token))
        {
            Assert.Equal(HttpStatusCode.BadGateway, faulted.StatusCode);
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => _api.GetAsync($"idm/api/v8/tenants/{id}", token));
        using (var delayed = await _api.GetAsync($"idm/api/v8/tenants/{id}", token))
        {
            Assert.Equal(HttpStatusCode.NotFound, delayed.StatusCode);
        }

        var lines = (await LinesAsync(4)).Where(l => l.GetProperty("path").GetString() == $"/idm/api/v8/tenants/{id}").ToList();
        Assert.Equal(3, lines.Count);
        var fault = lines.Single(l => l.GetProperty("status").GetInt32() == 502);
        Assert.True(fault.GetProperty("fault").GetBoolean());
        Assert.Equal("text/html", fault.GetProperty("responseContentType").GetString());
        Assert.Equal(JsonValueKind.Null, fault.GetProperty("responseBody").ValueKind);
        var drop = lines.Single(l => l.GetProperty("dropped").GetBoolean());
        Assert.Equal(0, drop.GetProperty("status").GetInt32());
        Assert.True(drop.GetProperty("fault").GetBoolean());
        var delayedLine = lines.Single(l => l.GetProperty("status").GetInt32() == 404);
        Assert.False(delayedLine.GetProperty("fault").GetBoolean());
        Assert.Contains("NOT_FOUND", delayedLine.GetProperty("responseBody").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bodies_are_capped_at_1_MiB_and_concurrent_lines_never_interleave()
    {
        var token = await _api.AccessTokenAsync();
        var big = Json(new { name = new string('x', 2 * 1024 * 1024) });
        using (var response = await _api.SendAsync(HttpMethod.Post, "idm/api/v8/tenants", token, big))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var calls = Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await _api.GetAsync("idm/api/v8/tenants?page=0&pageSize=100", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        await Task.WhenAll(calls);

        var lines = await LinesAsync(42);
        Assert.Equal(42, lines.Count);
        var capped = lines[1];
        Assert.True(capped.GetProperty("requestBodyTruncated").GetBoolean());
        Assert.Equal(1024 * 1024, capped.GetProperty("requestBody").GetString()!.Length);
        Assert.All(lines.Skip(2), l => JsonDocument.Parse(l.GetProperty("responseBody").GetString()!).Dispose());
    }
}
