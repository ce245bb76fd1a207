using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Session;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>The cmdlets driven in-process through a real runspace (Microsoft.PowerShell.SDK), against the emulator.</summary>
[Collection(SessionStoreCollection.Name)]
public sealed class CmdletTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly Guid Coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");
    private readonly EmulatorFixture _fixture;
    private readonly Runspace _runspace;

    public CmdletTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        MsxSessionStore.Reset();
        _runspace = InProcessModule.Open();
    }

    [Fact]
    public void Without_a_session_the_error_is_MsxNotConnected()
    {
        using var ps = Create().AddCommand("Get-MsxTenant");
        var error = ErrorOf(ps);
        Assert.Equal("MsxNotConnected,MsxPowerShell.Commands.GetMsxTenantCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("Get-MsxAccessToken", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Login_then_get_a_tenant_writes_typed_objects()
    {
        var session = Login();
        Assert.True(session.Default);

        using var ps = Create().AddCommand("Get-MsxTenant").AddParameter("Id", Coke);
        var tenant = Assert.Single(ps.Invoke<MsxTenant>());
        Assert.Equal("Coke", tenant.Name);
    }

    [Fact]
    public void An_unknown_id_is_a_non_terminating_error_with_the_id_as_target()
    {
        Login();
        var unknown = Guid.NewGuid();
        using var ps = Create().AddCommand("Get-MsxTenant").AddParameter("Id", new[] { Coke, unknown });
        var found = ps.Invoke<MsxTenant>();

        Assert.Equal("Coke", Assert.Single(found).Name);
        var error = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("MsxTenantNotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(unknown, error.TargetObject);
    }

    [Fact]
    public void Verbose_shows_each_request_and_no_secret()
    {
        Login();
        using var ps = Create().AddCommand("Get-MsxTenant").AddParameter("Id", Coke).AddParameter("Verbose").AddParameter("Debug");
        ps.Invoke();

        var lines = ps.Streams.Verbose.Select(v => v.Message).Concat(ps.Streams.Debug.Select(d => d.Message)).ToList();
        Assert.Contains(lines, l => l.Contains($"GET {_fixture.Server}idm/api/v8/tenants/{Coke} -> 200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Authorization: Bearer ***", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(EmulatorFixture.Password, StringComparison.Ordinal) || l.Contains(EmulatorFixture.ClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_cancels_an_in_flight_request_at_once()
    {
        Login();
        using (var http = new HttpClient { BaseAddress = _fixture.Server })
        {
            using var fault = new StringContent($$"""{"method":"GET","path":"/idm/api/v8/tenants/{{Coke}}","delayMs":600000}""", System.Text.Encoding.UTF8, "application/json");
            using var added = await http.PostAsync(new Uri("_emulator/faults", UriKind.Relative), fault);
            added.EnsureSuccessStatusCode();
            using var cleared = await http.DeleteAsync(new Uri("_emulator/requests", UriKind.Relative));
            cleared.EnsureSuccessStatusCode();
        }

        using var ps = Create().AddCommand("Get-MsxTenant").AddParameter("Id", Coke);
        var running = ps.BeginInvoke();
        // The event: the request reached the emulator and took the delay fault (which is then used up).
        using (var control = new HttpClient { BaseAddress = _fixture.Server })
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await control.GetStringAsync(new Uri("_emulator/faults", UriKind.Relative)) != "[]")
            {
                Assert.True(DateTime.UtcNow < deadline, "the request did not reach the emulator within 20 s");
            }
        }

        Assert.False(running.IsCompleted);

        // The emulator holds the request far longer than any test runs (10 minutes): Stop returning at all
        // means it did not wait for the answer, and the emulator's log shows the request dropped by the client.
        ps.Stop();
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        using (var control = new HttpClient { BaseAddress = _fixture.Server })
        {
            var path = $"/idm/api/v8/tenants/{Coke}";
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                using var log = System.Text.Json.JsonDocument.Parse(await control.GetStringAsync(new Uri("_emulator/requests", UriKind.Relative)));
                var held = log.RootElement.EnumerateArray().Where(r => r.GetProperty("path").GetString() == path).Select(r => r.GetProperty("status").GetInt32()).ToList();
                if (held.Count > 0)
                {
                    Assert.Equal(new[] { 0 }, held);
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, "the emulator did not log the dropped request within 20 s");
            }
        }
    }

    public void Dispose()
    {
        _runspace.Dispose();
        MsxSessionStore.Reset();
    }

    private MsxSession Login() => InProcessModule.Login(_runspace, _fixture);

    private PowerShell Create() => InProcessModule.Create(_runspace);

    /// <summary>The one error a command produced, whether it stopped the pipeline or was written.</summary>
    private static ErrorRecord ErrorOf(PowerShell ps)
    {
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            return ex.ErrorRecord;
        }

        return Assert.Single(ps.Streams.Error);
    }
}
