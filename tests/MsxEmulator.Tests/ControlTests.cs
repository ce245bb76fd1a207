using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using MsxPowerShell.Testing;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>Faults, the request log and stats. Each fault targets a path only its own test uses.</summary>
public sealed class ControlTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly MsxApi _api = fixture.Api;

    private async Task<JsonElement> AddFaultAsync(object fault)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "_emulator/faults", null, Json(fault));
        var body = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("id").GetString()));
        return body;
    }

    [Fact]
    public async Task Fault_applies_count_times_with_Retry_After_then_the_real_answer()
    {
        var token = await _api.AccessTokenAsync();
        var id = Guid.NewGuid();
        await AddFaultAsync(new { method = "GET", path = $"/idm/api/v8/tenants/{id}*", status = 503, count = 2, retryAfterSeconds = 1 });

        using (var faults = await _api.GetAsync("_emulator/faults", null))
        {
            Assert.Contains((await JsonAsync(faults)).EnumerateArray(), f => f.GetProperty("path").GetString()!.Contains(id.ToString(), StringComparison.Ordinal));
        }

        for (var i = 0; i < 2; i++)
        {
            using var faulted = await _api.GetAsync($"idm/api/v8/tenants/{id}", token);
            await AssertErrorAsync(faulted, HttpStatusCode.ServiceUnavailable, "FAULT_INJECTED");
            Assert.Equal(TimeSpan.FromSeconds(1), faulted.Headers.RetryAfter?.Delta);
        }

        using var real = await _api.GetAsync($"idm/api/v8/tenants/{id}", token);
        await AssertErrorAsync(real, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_fault_with_a_probability_takes_about_that_share_of_the_requests()
    {
        var token = await _api.AccessTokenAsync();
        var id = MsxApi.Sprite;
        await AddFaultAsync(new { method = "GET", path = $"/idm/api/v8/tenants/{id}", status = 503, count = 1000, probability = 0.25 });
        var faulted = 0;
        for (var i = 0; i < 400; i++)
        {
            using var response = await _api.GetAsync($"idm/api/v8/tenants/{id}", token);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                faulted++;
            }
        }

        using var clear = await _api.SendAsync(HttpMethod.Delete, "_emulator/faults", null);
        // 25% of 400 is 100; the bounds are over six standard deviations (about 8.7) wide.
        Assert.InRange(faulted, 48, 152);
    }

    [Fact]
    public async Task A_probability_outside_0_to_1_is_refused()
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "_emulator/faults", null, Json(new { status = 503, probability = 1.5 }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Fault_with_a_raw_body()
    {
        var token = await _api.AccessTokenAsync();
        var id = Guid.NewGuid();
        await AddFaultAsync(new { path = $"/idm/api/v8/tenants/{id}", status = 502, body = "<html>Bad Gateway</html>", contentType = "text/html" });
        using var response = await _api.GetAsync($"idm/api/v8/tenants/{id}", token);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<html>Bad Gateway</html>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fault_with_an_html_body_is_served_exactly_so(bool afterCommit)
    {
        var token = await _api.AccessTokenAsync();
        var name = UniqueName("html-fault");
        // A proxy's page echoing what it was sent: markup, entities, quotes and non-ASCII text kept byte for byte.
        var page = $"<!DOCTYPE html>\n<html><body><h1>Proxy error</h1><pre>password=Pa55 &amp; \"quoted\" 'é' ✓ token=abc.def-{name}</pre></body></html>\n";
        await AddFaultAsync(new { method = "POST", path = "/idm/api/v8/tenants", status = 502, body = page, contentType = "text/html", afterCommit });
        using (var response = await _api.CreateTenantAsync(token, new { name }))
        {
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(Encoding.UTF8.GetBytes(page), await response.Content.ReadAsByteArrayAsync());
            Assert.Null(response.Headers.Location);
        }

        // Only an afterCommit fault lets the create happen first.
        using var again = await _api.CreateTenantAsync(token, new { name });
        Assert.Equal(afterCommit ? HttpStatusCode.Conflict : HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Drop_aborts_the_connection()
    {
        var token = await _api.AccessTokenAsync();
        var id = Guid.NewGuid();
        await AddFaultAsync(new { path = $"/idm/api/v8/tenants/{id}", drop = true });
        await Assert.ThrowsAsync<HttpRequestException>(() => _api.GetAsync($"idm/api/v8/tenants/{id}", token));

        using var log = await _api.GetAsync("_emulator/requests", null);
        var entry = (await JsonAsync(log)).EnumerateArray().Last(e => e.GetProperty("path").GetString() == $"/idm/api/v8/tenants/{id}");
        Assert.Equal(0, entry.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task After_commit_the_create_takes_effect_but_the_answer_is_the_fault()
    {
        var token = await _api.AccessTokenAsync();
        var name = UniqueName("after-commit");
        await AddFaultAsync(new { method = "POST", path = "/idm/api/v8/tenants", status = 504, afterCommit = true });
        using (var response = await _api.CreateTenantAsync(token, new { name }))
        {
            await AssertErrorAsync(response, HttpStatusCode.GatewayTimeout, "FAULT_INJECTED");
            Assert.Null(response.Headers.Location);
        }

        using var retry = await _api.CreateTenantAsync(token, new { name });
        await AssertErrorAsync(retry, HttpStatusCode.Conflict, "TENANT_ALREADY_EXISTS");
    }

    [Fact]
    public async Task After_commit_drop_takes_effect()
    {
        var token = await _api.AccessTokenAsync();
        var id = (await _api.CreatedTenantAsync(token, new { name = UniqueName("drop-delete") })).GetProperty("id").GetString();
        await AddFaultAsync(new { method = "DELETE", path = $"/idm/api/v8/tenants/{id}", drop = true, afterCommit = true });
        await Assert.ThrowsAsync<HttpRequestException>(() => _api.SendAsync(HttpMethod.Delete, $"idm/api/v8/tenants/{id}", token));
        using var get = await _api.GetAsync($"idm/api/v8/tenants/{id}", token);
        await AssertErrorAsync(get, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Delay_only_fault_delays_then_serves()
    {
        var token = await _api.AccessTokenAsync();
        var id = Guid.NewGuid();
        await AddFaultAsync(new { path = $"/idm/api/v8/tenants/{id}", delayMs = 400 });
        var watch = Stopwatch.StartNew();
        using var response = await _api.GetAsync($"idm/api/v8/tenants/{id}", token);
        watch.Stop();
        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.True(watch.ElapsedMilliseconds >= 380, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Token_endpoint_fault()
    {
        await AddFaultAsync(new { method = "*", path = "/idm/v2/token", status = 500, count = 1 });
        using (var faulted = await _api.PasswordAsync(SuperUser, SuperUserPassword))
        {
            await AssertErrorAsync(faulted, HttpStatusCode.InternalServerError, "FAULT_INJECTED");
        }

        using var ok = await _api.PasswordAsync(SuperUser, SuperUserPassword);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Invalid_fault_is_400()
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "_emulator/faults", null, Json(new { path = "/x" }));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task Request_log_and_stats_record_requests_but_not_control_calls()
    {
        var path = $"/idm/api/v8/tenants/{Guid.NewGuid()}";
        using (var call = await _api.GetAsync(path + "?showImage=true", "no-token"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        }

        using var log = await _api.GetAsync("_emulator/requests", null);
        var entries = (await JsonAsync(log)).EnumerateArray().ToList();
        var entry = Assert.Single(entries, e => e.GetProperty("path").GetString() == path);
        Assert.Equal(["method", "path", "query", "status", "at"], PropertyNames(entry));
        Assert.Equal("GET", entry.GetProperty("method").GetString());
        Assert.Equal("?showImage=true", entry.GetProperty("query").GetString());
        Assert.Equal(401, entry.GetProperty("status").GetInt32());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", entry.GetProperty("at").GetString());
        Assert.DoesNotContain(entries, e => e.GetProperty("path").GetString()!.StartsWith("/_emulator", StringComparison.Ordinal));

        using var stats = await _api.GetAsync("_emulator/stats", null);
        var body = await JsonAsync(stats);
        Assert.Equal(["requests", "tokenRequests", "tenants"], PropertyNames(body));
        Assert.True(body.GetProperty("requests").GetInt64() >= 1);
        Assert.True(body.GetProperty("tenants").GetInt32() >= 4);
    }
}

/// <summary>Reset and clearing need an emulator of their own.</summary>
public sealed class ResetTests : IDisposable
{
    private readonly EmulatorProcess _emulator = EmulatorProcess.Start("--control", "--seed-tenants", "10");
    private readonly MsxApi _api;

    public ResetTests() => _api = new MsxApi(_emulator);

    public void Dispose()
    {
        _api.Dispose();
        _emulator.Dispose();
    }

    [Fact]
    public async Task Reset_restores_the_loaded_data_clears_faults_and_log_and_keeps_tokens()
    {
        var token = await _api.AccessTokenAsync();
        var created = await _api.CreatedTenantAsync(token, new { name = UniqueName("reset") });
        using (var deleted = await _api.SendAsync(HttpMethod.Delete, "idm/api/v8/tenants/" + Coke, token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var fault = await _api.SendAsync(HttpMethod.Post, "_emulator/faults", null, Json(new { path = "/nowhere", status = 500 })))
        {
            Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        }

        using (var reset = await _api.SendAsync(HttpMethod.Post, "_emulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        using (var stats = await _api.GetAsync("_emulator/stats", null))
        {
            var body = await JsonAsync(stats);
            Assert.Equal(14, body.GetProperty("tenants").GetInt32());
            Assert.Equal(0, body.GetProperty("requests").GetInt64());
        }

        using (var faults = await _api.GetAsync("_emulator/faults", null))
        {
            Assert.Equal(0, (await JsonAsync(faults)).GetArrayLength());
        }

        using (var gone = await _api.GetAsync("idm/api/v8/tenants/" + created.GetProperty("id").GetString(), token))
        {
            await AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var back = await _api.GetAsync("idm/api/v8/tenants/" + Coke, token))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }

        using (var clear = await _api.SendAsync(HttpMethod.Delete, "_emulator/requests", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        }

        using var log = await _api.GetAsync("_emulator/requests", null);
        Assert.Equal(0, (await JsonAsync(log)).GetArrayLength());
    }
}

/// <summary>Without --control the control API does not exist.</summary>
public sealed class ControlOffTests : IDisposable
{
    private readonly EmulatorProcess _emulator = EmulatorProcess.Start("--verbose");
    private readonly MsxApi _api;

    public ControlOffTests() => _api = new MsxApi(_emulator);

    public void Dispose()
    {
        _api.Dispose();
        _emulator.Dispose();
    }

    [Fact]
    public async Task Control_paths_are_404_and_verbose_logs_requests()
    {
        foreach (var path in new[] { "_emulator/faults", "_emulator/stats", "_emulator/requests" })
        {
            using var response = await _api.GetAsync(path, null);
            await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var reset = await _api.SendAsync(HttpMethod.Post, "_emulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, reset.StatusCode);
        }

        using (var current = await _api.GetAsync("idm/api/v8/users/current", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, current.StatusCode);
        }

        // The event: the verbose line came through the emulator's output (woken by each line, with a deadline).
        Assert.Contains("GET /idm/api/v8/users/current -> 401", _emulator.WaitForOutput("GET /idm/api/v8/users/current -> 401"), StringComparison.Ordinal);
    }
}

/// <summary>The request log forgets, on a clear, the requests that arrived before it, even those answered after it.</summary>
public sealed class RequestLogClearTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task A_request_that_arrived_before_the_clear_is_not_logged_when_its_answer_comes_after()
    {
        var token = await _api.AccessTokenAsync();
        var held = $"/idm/api/v8/tenants/{Guid.NewGuid()}";
        using (var add = await _api.SendAsync(HttpMethod.Post, "_emulator/faults", null, Json(new { path = held, delayMs = 3000 })))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }

        var call = _api.GetAsync(held.TrimStart('/'), token);

        // The event: the fault was taken, so the request has arrived and is being held.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            using var faults = await _api.GetAsync("_emulator/faults", null);
            if (!(await JsonAsync(faults)).EnumerateArray().Any(f => f.GetProperty("path").GetString() == held))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the held request never reached the emulator");
            await Task.Yield();
        }

        using (var clear = await _api.SendAsync(HttpMethod.Delete, "_emulator/requests", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        }

        var after = $"/idm/api/v8/tenants/{Guid.NewGuid()}";
        using (var answered = await call)
        {
            Assert.Equal(HttpStatusCode.NotFound, answered.StatusCode);
        }

        using (var marker = await _api.GetAsync(after.TrimStart('/'), token))
        {
            Assert.Equal(HttpStatusCode.NotFound, marker.StatusCode);
        }

        using var log = await _api.GetAsync("_emulator/requests", null);
        var paths = (await JsonAsync(log)).EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains(after, paths);
        Assert.DoesNotContain(held, paths);
    }
}
