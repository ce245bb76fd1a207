using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http.Json;
using System.Text.Json;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Session;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>-ThrottleLimit: many items in flight through one session, driven in-process against the emulator.</summary>
[Collection(SessionStoreCollection.Name)]
public sealed class ThrottleTests : IClassFixture<EmulatorFixture>, IDisposable
{
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
        var created = ps.Invoke<MsxTenant>(Rows(names)).ToList();

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
    public async Task Up_to_the_limit_are_in_flight_at_once()
    {
        await AddFaultAsync(new { method = "POST", path = "/idm/api/v8/tenants", delayMs = 1000, count = 16 });
        var names = Enumerable.Range(0, 16).Select(i => $"throttle-flight-{i:00}-{Guid.NewGuid():N}").ToList();
        await ClearRequestsAsync();

        using var ps = Create().AddCommand("New-MsxTenant").AddParameter("ThrottleLimit", 8);
        var created = ps.Invoke<MsxTenant>(Rows(names)).ToList();

        Assert.Equal(16, created.Count);
        var posts = (await RequestsAsync()).Where(r => r.Method == "POST").Select(r => r.At).OrderBy(t => t).ToList();
        Assert.Equal(16, posts.Count);
        // Eight are sent together; the ninth only once one of them answered (each is held 1 s).
        Assert.True(posts[7] - posts[0] < TimeSpan.FromMilliseconds(900), $"the first 8 spread over {posts[7] - posts[0]}");
        Assert.True(posts[8] - posts[0] >= TimeSpan.FromMilliseconds(990), $"the 9th came {posts[8] - posts[0]} after the 1st");
        Remove(created);
    }

    [Fact]
    public void Confirm_is_asked_for_each_item_before_it_is_sent()
    {
        var names = Enumerable.Range(0, 5).Select(i => $"throttle-confirm-{i}-{Guid.NewGuid():N}").ToList();
        var before = _host.Prompts;
        using var ps = Create().AddCommand("New-MsxTenant").AddParameter("ThrottleLimit", 4).AddParameter("Confirm");
        var created = ps.Invoke<MsxTenant>(Rows(names)).ToList();

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
        Assert.Empty(ps.Invoke(Rows(names)));
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task Stop_cancels_every_item_in_flight_at_once_and_nothing_is_sent_after()
    {
        await AddFaultAsync(new { method = "POST", path = "/idm/api/v8/tenants", delayMs = 30000, count = 100 });
        var names = Enumerable.Range(0, 40).Select(i => $"throttle-stop-{i:00}-{Guid.NewGuid():N}").ToList();
        using var ps = Create().AddCommand("New-MsxTenant").AddParameter("ThrottleLimit", 16);
        var input = new PSDataCollection<PSObject>(Rows(names));
        input.Complete();
        var running = ps.BeginInvoke(input);

        // The event: 16 creates reached the emulator and took the delay fault (its count went down by 16).
        await WaitForAsync(async () => await FaultRemainingAsync() <= 84);
        Assert.False(running.IsCompleted);

        var stopwatch = Stopwatch.StartNew();
        ps.Stop();
        stopwatch.Stop();
        var stoppedAt = DateTimeOffset.UtcNow;
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {stopwatch.Elapsed}");

        await DeleteFaultsAsync();
        using (var marker = Create().AddCommand("Get-MsxTenant").AddParameter("Id", Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd")))
        {
            Assert.Single(marker.Invoke());
        }

        var after = (await RequestsAsync()).Where(r => r.At > stoppedAt && r.Method == "POST").ToList();
        Assert.Empty(after);
    }

    public void Dispose()
    {
        DeleteFaultsAsync().GetAwaiter().GetResult();
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

    /// <summary>Rows as Import-Csv makes them: objects with a Name property.</summary>
    private static IEnumerable<PSObject> Rows(IEnumerable<string> names) => names.Select(n =>
    {
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("Name", n));
        return row;
    });

    private PowerShell Create() => InProcessModule.Create(_runspace);

    private async Task AddFaultAsync(object fault)
    {
        using var response = await _control.PostAsJsonAsync(new Uri("_emulator/faults", UriKind.Relative), fault);
        response.EnsureSuccessStatusCode();
    }

    private async Task DeleteFaultsAsync()
    {
        using var response = await _control.DeleteAsync(new Uri("_emulator/faults", UriKind.Relative));
    }

    private async Task<int> FaultRemainingAsync()
    {
        using var doc = JsonDocument.Parse(await _control.GetStringAsync(new Uri("_emulator/faults", UriKind.Relative)));
        return doc.RootElement.EnumerateArray().Select(f => f.GetProperty("count").GetInt32()).Sum();
    }

    private async Task ClearRequestsAsync()
    {
        using var response = await _control.DeleteAsync(new Uri("_emulator/requests", UriKind.Relative));
    }

    private async Task<List<(string Method, string Path, DateTimeOffset At)>> RequestsAsync()
    {
        using var doc = JsonDocument.Parse(await _control.GetStringAsync(new Uri("_emulator/requests", UriKind.Relative)));
        return doc.RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("method").GetString()!, r.GetProperty("path").GetString()!, DateTimeOffset.Parse(r.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
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
