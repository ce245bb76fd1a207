using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Session;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>-ThrottleLimit: many items in flight through one session, driven in-process against the emulator.</summary>
[Collection(SessionStoreCollection.Name)]
public sealed class ThrottleTests : IClassFixture<EmulatorFixture>, IDisposable
{
    /// <summary>How long a held request waits in the emulator: far longer than any test runs (10 minutes).</summary>
    private const int HeldMs = 600_000;

    private readonly EmulatorFixture _fixture;
    private readonly AnsweringHost _host = new();
    private readonly Runspace _runspace;
    private readonly HttpClient _control;

    public ThrottleTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        MsxSessionStore.Reset();
        _runspace = InProcessModule.Open(_host);
        _control = new HttpClient { BaseAddress = fixture.Server };
        Login();
    }

    [Fact]
    public void Creates_come_out_in_input_order_and_a_failed_item_does_not_stop_the_others()
    {
        var names = Enumerable.Range(0, 24).Select(i => $"throttle-order-{i:00}-{Guid.NewGuid():N}").ToList();
        names.Insert(7, "Coke");
        using var ps = Create().AddCommand("New-MsxTenant").AddParameter("ThrottleLimit", 8);
        var created = ps.Invoke<MsxTenant>(EmulatorControl.NameRows(names)).ToList();

        Assert.Equal(names.Where(n => n != "Coke"), created.Select(t => t.Name));
        var error = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("MsxTenantExists,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("Coke", error.TargetObject);

        using var remove = Create().AddCommand("Remove-MsxTenant").AddParameter("Force").AddParameter("ThrottleLimit", 8);
        remove.Invoke(created);
        Assert.Empty(remove.Streams.Error);
        using var check = Create().AddCommand("Get-MsxTenant").AddParameter("Name", "throttle-order-*");
        Assert.Empty(check.Invoke());
    }

    [Fact]
    public async Task Up_to_the_limit_are_in_flight_at_once_and_no_more()
    {
        // Nine creates are held far longer than any test runs: the limit of 8 lets exactly eight of them in.
        await _control.AddFaultAsync(new { method = "POST", path = "/idm/api/v8/tenants", delayMs = HeldMs, count = 9 });
        var names = Enumerable.Range(0, 16).Select(i => $"throttle-flight-{i:00}-{Guid.NewGuid():N}").ToList();
        await ClearRequestsAsync();
        using var ps = Create().AddCommand("New-MsxTenant").AddParameter("ThrottleLimit", 8);
        var input = new PSDataCollection<PSObject>(EmulatorControl.NameRows(names));
        input.Complete();
        var running = ps.BeginInvoke(input);

        // The event: eight creates reached the emulator together (none can have been answered: each is held).
        await WaitForAsync(async () => await FaultRemainingAsync() <= 1);
        Assert.False(running.IsCompleted);
        ps.Stop();

        // The ninth was never sent while eight were in flight: its fault is still there, and nothing was created.
        Assert.Equal(1, await FaultRemainingAsync());
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        await WaitForAsync(async () => (await RequestsAsync()).Count(r => r.Method == "POST") >= 8);
        var dropped = (await RequestsAsync()).Where(r => r.Method == "POST").ToList();
        Assert.Equal(8, dropped.Count);
        Assert.All(dropped, r => Assert.Equal(0, r.Status));
    }

    [Fact]
    public void Confirm_is_asked_for_each_item_before_it_is_sent()
    {
        var names = Enumerable.Range(0, 5).Select(i => $"throttle-confirm-{i}-{Guid.NewGuid():N}").ToList();
        var before = _host.Prompts;
        using var ps = Create().AddCommand("New-MsxTenant").AddParameter("ThrottleLimit", 4).AddParameter("Confirm");
        var created = ps.Invoke<MsxTenant>(EmulatorControl.NameRows(names)).ToList();

        Assert.Equal(5, _host.Prompts - before);
        Assert.Equal(names, created.Select(t => t.Name));
        Assert.All(names, n => Assert.Contains(_host.Captions, c => c.Contains(n, StringComparison.Ordinal) && c.Contains(_fixture.Server.ToString(), StringComparison.Ordinal)));
        Remove(created);
    }

    [Fact]
    public async Task WhatIf_sends_nothing()
    {
        await ClearRequestsAsync();
        var names = Enumerable.Range(0, 6).Select(i => $"throttle-whatif-{i}").ToList();
        using var ps = Create().AddCommand("New-MsxTenant").AddParameter("ThrottleLimit", 4).AddParameter("WhatIf");
        Assert.Empty(ps.Invoke(EmulatorControl.NameRows(names)));
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task Stop_cancels_every_item_in_flight_at_once_and_nothing_is_sent_after()
    {
        await _control.AddFaultAsync(new { method = "POST", path = "/idm/api/v8/tenants", delayMs = HeldMs, count = 100 });
        var names = Enumerable.Range(0, 40).Select(i => $"throttle-stop-{i:00}-{Guid.NewGuid():N}").ToList();
        await ClearRequestsAsync();
        using var ps = Create().AddCommand("New-MsxTenant").AddParameter("ThrottleLimit", 16);
        var input = new PSDataCollection<PSObject>(EmulatorControl.NameRows(names));
        input.Complete();
        var running = ps.BeginInvoke(input);

        // The event: 16 creates reached the emulator and took the delay fault (its count went down by 16).
        await WaitForAsync(async () => await FaultRemainingAsync() <= 84);
        Assert.False(running.IsCompleted);

        // Each create is held far longer than any test runs: Stop returning at all means it did not wait for
        // them, and the emulator's log shows the sixteen as dropped by the client (status 0), never answered.
        ps.Stop();
        var stoppedAt = DateTimeOffset.UtcNow;
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        await WaitForAsync(async () => (await RequestsAsync()).Count(r => r.Method == "POST") >= 16);
        var dropped = (await RequestsAsync()).Where(r => r.Method == "POST").ToList();
        Assert.Equal(16, dropped.Count);
        Assert.All(dropped, r => Assert.Equal(0, r.Status));

        await _control.ClearFaultsAsync();
        using (var marker = Create().AddCommand("Get-MsxTenant").AddParameter("Id", Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd")))
        {
            Assert.Single(marker.Invoke());
        }

        var after = (await RequestsAsync()).Where(r => r.At > stoppedAt && r.Method == "POST").ToList();
        Assert.Empty(after);
    }

    public void Dispose()
    {
        _control.ClearFaultsAsync().GetAwaiter().GetResult();
        _runspace.Dispose();
        _control.Dispose();
        MsxSessionStore.Reset();
    }

    private void Login() => InProcessModule.Login(_runspace, _fixture);

    private void Remove(IEnumerable<MsxTenant> tenants)
    {
        using var ps = Create().AddCommand("Remove-MsxTenant").AddParameter("Force").AddParameter("ThrottleLimit", 8);
        ps.Invoke(tenants);
    }


    private PowerShell Create() => InProcessModule.Create(_runspace);



    private async Task<int> FaultRemainingAsync()
    {
        using var doc = JsonDocument.Parse(await _control.GetStringAsync(new Uri("_emulator/faults", UriKind.Relative)));
        return doc.RootElement.EnumerateArray().Select(f => f.GetProperty("count").GetInt32()).Sum();
    }

    private async Task ClearRequestsAsync()
    {
        using var response = await _control.DeleteAsync(new Uri("_emulator/requests", UriKind.Relative));
    }

    private async Task<List<(string Method, string Path, DateTimeOffset At, int Status)>> RequestsAsync()
    {
        using var doc = JsonDocument.Parse(await _control.GetStringAsync(new Uri("_emulator/requests", UriKind.Relative)));
        return doc.RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("method").GetString()!, r.GetProperty("path").GetString()!, DateTimeOffset.Parse(r.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture), r.GetProperty("status").GetInt32()))
            .Where(r => !r.Item2.EndsWith("/token", StringComparison.Ordinal))
            .ToList();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the awaited event did not happen within 20 s");
            await Task.Yield();
        }
    }
}
