using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Session;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>
/// A stopped bulk run names everything it did: Ctrl+C (PowerShell.Stop) while the emulator holds the creates
/// cancels them all at once, and one warning names every tenant made (looked up by name) and every one not.
/// </summary>
[Collection(SessionStoreCollection.Name)]
public sealed class StopAccountingTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string TenantsPath = "/idm/api/v8/tenants";
    private readonly EmulatorFixture _fixture;
    private readonly AnsweringHost _host = new();
    private readonly Runspace _runspace;
    private readonly HttpClient _control;

    public StopAccountingTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        MsxSessionStore.Reset();
        _runspace = InProcessModule.Open(_host);
        _control = new HttpClient { BaseAddress = fixture.Server };
        InProcessModule.Login(_runspace, _fixture);
    }

    [Fact]
    public async Task Ctrl_C_returns_while_the_server_holds_the_creates_and_one_warning_names_what_was_made_and_what_was_not()
    {
        // The first three creates to arrive are made, then their answers held; the next ones are held before anything is made.
        await _control.AddFaultAsync(new { method = "POST", path = TenantsPath, afterCommit = true, drop = true, delayMs = 600000, count = 3 });
        await _control.AddFaultAsync(new { method = "POST", path = TenantsPath, delayMs = 600000, count = 100 });
        await ClearRequestsAsync();
        var tenantsBefore = await TenantCountAsync();
        var prefix = $"stopacc-{Guid.NewGuid():N}";
        var names = Enumerable.Range(1, 20).Select(i => $"{prefix}-{i:00}").ToList();
        using var ps = Create().AddCommand("New-MsxTenant").AddParameter("ThrottleLimit", 8);
        var input = new PSDataCollection<PSObject>(EmulatorControl.NameRows(names));
        input.Complete();
        var running = ps.BeginInvoke(input);

        // The event: eight creates reached the emulator (three took the first fault, five the second), and the
        // three were made (so the look-ups after the stop cannot come before the emulator made them).
        await WaitForAsync(async () => await FaultRemainingAsync() == 95);
        await WaitForAsync(async () => await TenantCountAsync() == tenantsBefore + 3);
        Assert.False(running.IsCompleted);
        ps.Stop();
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);

        // The server answered none of them: each of the eight ended as dropped (the client went away while the
        // emulator held it for its ten minutes), so the stop did not wait for an answer.
        await _control.ClearFaultsAsync();
        var posts = await WaitForPostsAsync(8);
        Assert.All(posts, p => Assert.Equal(0, p.Status));

        using var list = Create().AddCommand("Get-MsxTenant").AddParameter("Name", prefix + "-*");
        var made = list.Invoke<MsxTenant>().ToList();
        Assert.Equal(3, made.Count);

        // One warning, to the host (after Ctrl+C the pipeline's streams take no more writes).
        var warning = Assert.Single(_host.Warnings);
        Assert.Contains("New-MsxTenant was stopped", warning, StringComparison.Ordinal);
        var madeLine = Line(warning, "Made or done (3): ");
        Assert.All(made, t => Assert.Contains($"Tenant '{t.Name}' ({t.Id})", madeLine, StringComparison.Ordinal));
        var notMade = names.Take(8).Except(made.Select(t => t.Name)).ToList();
        var notMadeLine = Line(warning, "Not found after the stop (");
        Assert.Contains(" (5): ", notMadeLine, StringComparison.Ordinal);
        Assert.All(notMade, n => Assert.Contains($"Tenant '{n}'", notMadeLine, StringComparison.Ordinal));

        // Nothing is named that was never sent, and nothing is sent after the stop.
        Assert.All(names.Skip(8), n => Assert.DoesNotContain($"'{n}'", warning, StringComparison.Ordinal));
        Assert.Equal(8, (await PostsAsync()).Count);

        using var remove = Create().AddCommand("Remove-MsxTenant").AddParameter("Force");
        remove.Invoke(made);
    }

    [Fact]
    public async Task Ctrl_C_while_an_earlier_command_runs_still_names_the_items_in_flight()
    {
        // The creates are made and their answers held; the command before New-MsxTenant then waits for the stop, so
        // New-MsxTenant is not running when Ctrl+C comes, and only its Dispose is left to say what it did.
        await _control.AddFaultAsync(new { method = "POST", path = TenantsPath, afterCommit = true, drop = true, delayMs = 600000, count = 4 });
        var tenantsBefore = await TenantCountAsync();
        var prefix = $"stopidle-{Guid.NewGuid():N}";
        using var ps = Create().AddScript(
            "param($prefix) & { 1..4 | ForEach-Object { [pscustomobject]@{ Name = \"$prefix-$_\" } }; while ($true) { $null = Wait-Event -Timeout 1 } } | New-MsxTenant -ThrottleLimit 8")
            .AddArgument(prefix);
        var running = ps.BeginInvoke();

        await WaitForAsync(async () => await FaultRemainingAsync() == 0 && await TenantCountAsync() == tenantsBefore + 4);
        Assert.False(running.IsCompleted);
        ps.Stop();
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);

        using var list = Create().AddCommand("Get-MsxTenant").AddParameter("Name", prefix + "-*");
        var made = list.Invoke<MsxTenant>().ToList();
        Assert.Equal(4, made.Count);
        var warning = Assert.Single(_host.Warnings);
        var madeLine = Line(warning, "Made or done (4): ");
        Assert.All(made, t => Assert.Contains($"Tenant '{t.Name}' ({t.Id})", madeLine, StringComparison.Ordinal));

        using var remove = Create().AddCommand("Remove-MsxTenant").AddParameter("Force");
        remove.Invoke(made);
    }

    [Fact]
    public void A_finished_run_writes_no_warning()
    {
        var prefix = $"stopnone-{Guid.NewGuid():N}";
        using var ps = Create().AddCommand("New-MsxTenant").AddParameter("ThrottleLimit", 4);
        var made = ps.Invoke<MsxTenant>(EmulatorControl.NameRows(Enumerable.Range(1, 6).Select(i => $"{prefix}-{i}"))).ToList();
        Assert.Equal(6, made.Count);
        Assert.Empty(ps.Streams.Warning);
        Assert.Empty(_host.Warnings);
        using var remove = Create().AddCommand("Remove-MsxTenant").AddParameter("Force").AddParameter("ThrottleLimit", 4);
        remove.Invoke(made);
        Assert.Empty(remove.Streams.Warning);
    }

    public void Dispose()
    {
        _control.ClearFaultsAsync().GetAwaiter().GetResult();
        _runspace.Dispose();
        _control.Dispose();
        MsxSessionStore.Reset();
    }

    /// <summary>The line of the warning that starts with <paramref name="start"/>.</summary>
    private static string Line(string warning, string start)
    {
        var line = warning.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal));
        Assert.True(line is not null, $"no line '{start}' in: {warning}");
        return line!;
    }


    private PowerShell Create() => InProcessModule.Create(_runspace);



    private async Task ClearRequestsAsync()
    {
        using var response = await _control.DeleteAsync(new Uri("_emulator/requests", UriKind.Relative));
    }

    private async Task<int> FaultRemainingAsync()
    {
        using var doc = JsonDocument.Parse(await _control.GetStringAsync(new Uri("_emulator/faults", UriKind.Relative)));
        return doc.RootElement.EnumerateArray().Select(f => f.GetProperty("count").GetInt32()).Sum();
    }

    private async Task<int> TenantCountAsync()
    {
        using var doc = JsonDocument.Parse(await _control.GetStringAsync(new Uri("_emulator/stats", UriKind.Relative)));
        return doc.RootElement.GetProperty("tenants").GetInt32();
    }

    /// <summary>The creates of tenants the emulator logged (a line is written once the request ended).</summary>
    private async Task<List<(string Path, int Status)>> PostsAsync()
    {
        using var doc = JsonDocument.Parse(await _control.GetStringAsync(new Uri("_emulator/requests", UriKind.Relative)));
        return doc.RootElement.EnumerateArray()
            .Where(r => r.GetProperty("method").GetString() == "POST" && r.GetProperty("path").GetString() == TenantsPath)
            .Select(r => (r.GetProperty("path").GetString()!, r.GetProperty("status").GetInt32()))
            .ToList();
    }

    private async Task<List<(string Path, int Status)>> WaitForPostsAsync(int count)
    {
        List<(string Path, int Status)> posts = new();
        await WaitForAsync(async () => (posts = await PostsAsync()).Count >= count);
        return posts;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the awaited event did not happen within 30 s");
            await Task.Yield();
        }
    }
}
