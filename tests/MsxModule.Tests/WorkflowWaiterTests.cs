using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using MsxPowerShell.Testing;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>
/// One emulator whose clock stands still (--manual-clock): the waiter's injected delay moves it, so workflows
/// that take seconds finish in no real time and every wait is exact.
/// </summary>
public sealed class ManualClockEmulatorFixture : IDisposable
{
    public ManualClockEmulatorFixture()
    {
        Emulator = EmulatorProcess.Start("--control", "--manual-clock");
        Control = new HttpClient { BaseAddress = Emulator.BaseAddress };
    }

    public EmulatorProcess Emulator { get; }

    public HttpClient Control { get; }

    public async Task AdvanceAsync(TimeSpan by)
    {
        using var body = new StringContent($$"""{"advanceMs":{{(long)by.TotalMilliseconds}}}""", Encoding.UTF8, "application/json");
        using var response = await Control.PostAsync(new Uri("_emulator/clock", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
    }

    public async Task<List<(string Method, string Path)>> RequestsAsync()
    {
        var log = await Control.GetFromJsonAsync<List<JsonElement>>(new Uri("_emulator/requests", UriKind.Relative)) ?? new();
        return log.Select(e => (e.GetProperty("method").GetString()!, e.GetProperty("path").GetString()!)).ToList();
    }

    public async Task ClearRequestsAsync()
    {
        using var response = await Control.DeleteAsync(new Uri("_emulator/requests", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        Control.Dispose();
        Emulator.Dispose();
    }
}

/// <summary>WorkflowWaiter with an injected clock and delay against the real emulator: no sleeps anywhere.</summary>
public sealed class WorkflowWaiterTests : IClassFixture<ManualClockEmulatorFixture>
{
    private const string BackupDevice = "backup-device";
    private const string FailingCheck = "failing-check";
    private readonly ManualClockEmulatorFixture _fixture;
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public WorkflowWaiterTests(ManualClockEmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Waits_with_growing_intervals_until_success_and_reads_the_outputs()
    {
        using var client = await ConnectAsync();
        var instance = Assert.Single(await StartAsync(client, BackupDevice, new { device = "CPE-1" }));
        Assert.Equal("created", instance.State);
        await _fixture.ClearRequestsAsync();

        var delays = new List<TimeSpan>();
        var waiter = new WorkflowWaiter(client, new[] { instance }, null, Delay(delays));
        await waiter.WaitAsync(CancellationToken.None);

        // backup-device succeeds 2.5 s after its start: reads at 0, 0.5, 1.25, 2.375 s (not yet) and 4.063 s.
        Assert.Equal(new[] { 500, 750, 1125, 1688 }, delays.Select(d => (int)d.TotalMilliseconds));
        Assert.Equal(5, waiter.Rounds);
        Assert.False(waiter.TimedOut);
        Assert.Equal(TimeSpan.FromMilliseconds(4063), waiter.Elapsed);
        var done = Assert.Single(waiter.Instances);
        Assert.Equal("success", done.State);
        Assert.Equal("backup of CPE-1 done", done.Outputs!["result"]);
        Assert.Equal("tftp://backup.example.com/CPE-1.cfg", done.Outputs["LOCATION"]);
        Assert.Equal("CPE-1", done.Inputs!["device"]);
        Assert.Equal(TimeSpan.FromSeconds(2), done.Duration);
        Assert.Equal(5, (await _fixture.RequestsAsync()).Count(r => r == ("GET", "/workflow/api/v8/workflows/instances/" + instance.Id)));
    }

    [Fact]
    public async Task The_intervals_stop_growing_at_the_maximum()
    {
        using var client = await ConnectAsync();
        var instance = Assert.Single(await StartAsync(client, BackupDevice, new { device = "CPE-2" }));
        var delays = new List<TimeSpan>();
        var waiter = new WorkflowWaiter(client, new[] { instance }, null, Delay(delays))
        {
            FirstInterval = TimeSpan.FromMilliseconds(100),
            MaximumInterval = TimeSpan.FromMilliseconds(300),
        };
        await waiter.WaitAsync(CancellationToken.None);

        // 0.1 + 0.15 + 0.225 + 7 × 0.3 = 2.575 s: the first read after the 2.5 s run.
        Assert.Equal(new[] { 100, 150, 225, 300, 300, 300, 300, 300, 300, 300 }, delays.Select(d => (int)d.TotalMilliseconds));
        Assert.Equal("success", waiter.Instances[0].State);
    }

    [Fact]
    public async Task A_timeout_cuts_the_last_wait_short_and_leaves_the_instance_running()
    {
        using var client = await ConnectAsync();
        var instance = Assert.Single(await StartAsync(client, BackupDevice, new { device = "CPE-3" }));
        await _fixture.ClearRequestsAsync();
        var delays = new List<TimeSpan>();
        var waiter = new WorkflowWaiter(client, new[] { instance }, TimeSpan.FromSeconds(2), Delay(delays));
        await waiter.WaitAsync(CancellationToken.None);

        // 0.5 + 0.75, then 1.125 would pass the deadline: the last wait is the 0.75 s left.
        Assert.Equal(new[] { 500, 750, 750 }, delays.Select(d => (int)d.TotalMilliseconds));
        Assert.True(waiter.TimedOut);
        Assert.Equal(1, waiter.Pending);
        Assert.Equal("running", waiter.Instances[0].State);
        Assert.False(await waiter.NextRoundAsync(CancellationToken.None));

        var onServer = await client.GetWorkflowInstanceAsync(instance.Id, CancellationToken.None);
        Assert.Equal("running", onServer.State);
        Assert.DoesNotContain(await _fixture.RequestsAsync(), r => r.Method == "POST");
    }

    [Fact]
    public async Task Ten_instances_are_read_in_rounds_of_one_loop()
    {
        using var client = await ConnectAsync();
        var instances = new List<MsxWorkflowInstance>();
        for (var i = 0; i < 10; i++)
        {
            instances.AddRange(await StartAsync(client, BackupDevice, new { device = $"CPE-{i:D2}" }));
        }

        await _fixture.ClearRequestsAsync();
        var readsBeforeEachWait = new List<int>();
        var delays = new List<TimeSpan>();
        var record = Delay(delays);
        var waiter = new WorkflowWaiter(client, instances, null, async (wait, ct) =>
        {
            readsBeforeEachWait.Add((await _fixture.RequestsAsync()).Count(r => r.Path.StartsWith("/workflow/api/v8/workflows/instances/", StringComparison.Ordinal)));
            await record(wait, ct);
        });
        await waiter.WaitAsync(CancellationToken.None);

        // One loop: the same four waits as for one instance, each round reading all ten.
        Assert.Equal(new[] { 500, 750, 1125, 1688 }, delays.Select(d => (int)d.TotalMilliseconds));
        Assert.Equal(new[] { 10, 20, 30, 40 }, readsBeforeEachWait);
        var reads = (await _fixture.RequestsAsync()).Where(r => r.Path.StartsWith("/workflow/api/v8/workflows/instances/", StringComparison.Ordinal)).ToList();
        Assert.Equal(50, reads.Count);
        foreach (var instance in instances)
        {
            Assert.Equal(5, reads.Count(r => r.Path.EndsWith(instance.Id, StringComparison.Ordinal)));
        }

        Assert.Equal(10, waiter.Finished);
        Assert.Equal(instances.Select(i => i.Id), waiter.Instances.Select(i => i.Id));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"backup of CPE-{i:D2} done"), waiter.Instances.Select(i => i.Outputs!["result"]));
    }

    [Fact]
    public async Task A_failed_instance_names_the_failing_action_and_its_message()
    {
        using var client = await ConnectAsync();
        var instance = Assert.Single(await StartAsync(client, FailingCheck, new { device = "CPE-9" }));
        var waiter = new WorkflowWaiter(client, new[] { instance }, null, Delay(new List<TimeSpan>()));
        await waiter.WaitAsync(CancellationToken.None);

        var failed = waiter.Instances[0];
        Assert.Equal("failed", failed.State);
        Assert.True(failed.IsFinal);
        Assert.Equal("Check compliance", failed.FailedAction!.Name);
        Assert.Equal("device CPE-9 is not compliant", failed.FailedAction.Message);
        Assert.Equal(string.Empty, failed.Outputs!["result"]);
    }

    [Fact]
    public async Task An_instance_that_does_not_exist_is_reported_and_the_others_are_still_waited_for()
    {
        using var client = await ConnectAsync();
        var real = Assert.Single(await StartAsync(client, BackupDevice, new { device = "CPE-4" }));
        var missing = new MsxWorkflowInstance { Id = "000000000000000000000000001" };
        var waiter = new WorkflowWaiter(client, new[] { missing, real }, null, Delay(new List<TimeSpan>()));
        await waiter.WaitAsync(CancellationToken.None);

        var failure = waiter.FailureOf(0);
        Assert.NotNull(failure);
        Assert.Equal(MsxErrorKind.NotFound, failure!.Kind);
        Assert.Equal("MsxWorkflowInstanceNotFound", failure.ErrorId);
        Assert.Null(waiter.FailureOf(1));
        Assert.Equal("success", waiter.Instances[1].State);
        Assert.Equal(0, waiter.Pending);
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_and_cancels_nothing_on_the_server()
    {
        using var client = await ConnectAsync();
        var instance = Assert.Single(await StartAsync(client, BackupDevice, new { device = "CPE-5" }));
        await _fixture.ClearRequestsAsync();
        using var stop = new CancellationTokenSource();
        var waits = 0;
        var waiter = new WorkflowWaiter(client, new[] { instance }, null, (wait, ct) =>
        {
            // Ctrl+C during the second wait.
            if (++waits == 2)
            {
                stop.Cancel();
            }

            ct.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.WaitAsync(stop.Token));
        Assert.Equal(1, waiter.Pending);
        var requests = await _fixture.RequestsAsync();
        Assert.Equal(2, requests.Count(r => r.Method == "GET"));
        Assert.DoesNotContain(requests, r => r.Method == "POST");
        Assert.False((await client.GetWorkflowInstanceAsync(instance.Id, CancellationToken.None)).IsFinal);
    }

    [Fact]
    public async Task Instances_already_final_cost_one_read_and_no_wait()
    {
        using var client = await ConnectAsync();
        var instance = Assert.Single(await StartAsync(client, BackupDevice, new { device = "CPE-6" }));
        await WaitAsync(client, instance);
        var delays = new List<TimeSpan>();
        var again = new WorkflowWaiter(client, new[] { new MsxWorkflowInstance { Id = instance.Id } }, null, Delay(delays));
        await again.WaitAsync(CancellationToken.None);

        Assert.Empty(delays);
        Assert.Equal(1, again.Rounds);
        Assert.Equal("success", again.Instances[0].State);
    }

    private Func<TimeSpan, CancellationToken, Task> Delay(List<TimeSpan> delays) => async (wait, ct) =>
    {
        ct.ThrowIfCancellationRequested();
        delays.Add(wait);
        _now += wait;
        await _fixture.AdvanceAsync(wait);
    };

    private async Task WaitAsync(MsxApiClient client, MsxWorkflowInstance instance) =>
        await new WorkflowWaiter(client, new[] { instance }, null, Delay(new List<TimeSpan>())).WaitAsync(CancellationToken.None);

    private Task<MsxApiClient> ConnectAsync() =>
        MsxApiClient.ConnectAsync(new MsxClientOptions(_fixture.Emulator.BaseAddress) { Clock = () => _now, RetryIntervalSec = 0.1 }, EmulatorFixture.Credential(), CancellationToken.None);

    private static async Task<List<MsxWorkflowInstance>> StartAsync(MsxApiClient client, string uniqueName, object inputs)
    {
        var workflow = Assert.Single(await client.FindWorkflowsAsync(w => w.UniqueName == uniqueName, null, CancellationToken.None));
        var config = await client.GetStartConfigAsync(workflow.Id, CancellationToken.None);
        var given = JsonSerializer.SerializeToElement(inputs).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var request = WorkflowStartRequest.Build(config, given);
        Assert.True(request.IsValid, string.Join("; ", request.Problems));
        return await client.StartWorkflowAsync(workflow, request, CancellationToken.None);
    }
}
