using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using MsxPowerShell.Session;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>
/// What a session fills as it works (its role catalog, the names its completers offer, the pages of -All)
/// lives and dies with it: Disconnect-MsxSession releases it, a disconnected session is collected whole,
/// and connecting and disconnecting many sessions leaves the managed heap flat. Driven in-process through the
/// cmdlets and TabExpansion2, against the emulator.
/// </summary>
[Collection(SessionStoreCollection.Name)]
public sealed class SessionLifetimeTests : IClassFixture<EmulatorFixture>, IDisposable
{
    /// <summary>The listings -All walks in every round (each a PageHeader + contents page on the emulator).</summary>
    private static readonly string[] ListingPaths =
    {
        "/idm/api/v8/tenants",
        "/idm/api/v8/users",
        "/manage/api/v8/sites",
        "/manage/api/v8/devices",
    };

    private readonly EmulatorFixture _fixture;
    private readonly Runspace _runspace;
    private int _round;

    public SessionLifetimeTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        MsxSessionStore.Reset();
        _runspace = InProcessModule.Open();
    }

    [Fact]
    public void Disconnect_releases_the_session_tables_and_a_late_lookup_keeps_nothing()
    {
        var session = InProcessModule.Login(_runspace, _fixture);
        Assert.NotEmpty(Complete("Get-MsxTenant -Name "));
        Assert.NotEmpty(Complete("Get-MsxRole -Name "));

        // The role catalog and the two completers' names are the session's tables.
        Assert.True(session.Client.Tables.Count >= 3, $"tables held: {session.Client.Tables.Count}");

        Disconnect(session);
        Assert.Equal(0, session.Client.Tables.Count);

        // A lookup that reaches the session after it ended gets a catalog to work with, kept nowhere.
        var late = RoleCatalog.Of(session.Client);
        Assert.NotSame(late, RoleCatalog.Of(session.Client));
        Assert.Equal(0, session.Client.Tables.Count);
    }

    [Fact]
    public void After_Disconnect_the_completers_offer_none_of_the_session_s_cached_names()
    {
        var name = $"lifetime-{Guid.NewGuid():N}";
        var old = InProcessModule.Login(_runspace, _fixture);
        MsxTenant tenant;
        using (var create = Create().AddCommand("New-MsxTenant").AddParameter("Name", name))
        {
            tenant = Assert.Single(create.Invoke<MsxTenant>());
        }

        // The old session caches the name; another session removes the tenant (the old cache is not told).
        Assert.Contains(name, Complete("Get-MsxTenant -Name lifetime-"));
        _runspace.SessionStateProxy.SetVariable("old", old);
        Assert.Contains(name, Complete("Get-MsxTenant -Session $old -Name lifetime-"));
        var other = InProcessModule.Login(_runspace, _fixture);
        using (var remove = Create().AddCommand("Remove-MsxTenant").AddParameter("Id", tenant.Id).AddParameter("Force").AddParameter("Session", other))
        {
            remove.Invoke();
            Assert.Empty(remove.Streams.Error);
        }

        Disconnect(old);

        // Named by object or by id, the disconnected session offers nothing (not the default session's names either),
        // and the default session reads its own.
        Assert.Empty(Complete("Get-MsxTenant -Session $old -Name "));
        Assert.Empty(Complete($"Get-MsxTenant -Session {old.Id} -Name "));
        Assert.Empty(Complete($"Get-MsxRole -Session {old.Id} -Name "));
        Assert.DoesNotContain(name, Complete("Get-MsxTenant -Name lifetime-"));
        Assert.Contains("Coke", Complete("Get-MsxTenant -Name "));
        Disconnect(other);
        Assert.Empty(Complete("Get-MsxTenant -Name "));
    }

    [Fact]
    public async Task The_resources_of_All_and_of_instance_listings_are_kept_nowhere_while_the_session_lives()
    {
        using var client = await _fixture.ConnectAsync();
        var made = Enumerable.Range(0, 50).SelectMany(i => ResourcesOf(client, i)).ToList();
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }

        // The session is alive and used; what it made for each path is not held by it (nor by any static).
        Assert.False(client.IsClosed);
        var alive = made.Count(r => r.IsAlive);
        Assert.True(alive == 0, $"{alive} of {made.Count} per-path resource clients are still reachable");
        using var pager = client.For(AnyResource.At("/idm/api/v8/tenants")).List(new ListQuery(), CancellationToken.None);
        Assert.NotNull(await pager.NextPageAsync(CancellationToken.None));
    }

    [Fact]
    public void Many_sessions_with_All_on_many_paths_leave_nothing_behind_and_the_heap_flat()
    {
        // Warm up: the code paths JIT-compiled, PowerShell's own caches filled.
        for (var i = 0; i < 10; i++)
        {
            _ = Round();
        }

        var baseline = HeapAfterCollection();

        // What live sessions cost, measured in this run: twenty of them, connected, with their tables filled.
        var (liveReferences, twentySessions) = TwentyLiveSessions(baseline);

        // A hundred sessions, each with -All on distinct paths and names and roles completed, each disconnected.
        var gone = new List<WeakReference>();
        for (var i = 0; i < 100; i++)
        {
            gone.AddRange(Round());
        }

        var after = HeapAfterCollection();

        // Each disconnected session is collected whole: its client, its redactor (secrets zeroed by then), its tables.
        Assert.All(liveReferences, r => Assert.False(r.IsAlive, "a disconnected session's client is still reachable"));
        var alive = gone.Count(r => r.IsAlive);
        Assert.True(alive == 0, $"{alive} of {gone.Count} objects of disconnected sessions are still reachable");

        // Flat: 100 sessions later the heap has grown by less than what ten live sessions cost.
        var growth = after - baseline;
        Assert.True(growth < twentySessions / 2, $"heap grew by {growth} bytes over 100 sessions; twenty live sessions cost {twentySessions} bytes");
    }

    /// <summary>Weak references to what the client makes for one -All path and one workflow's instance listing.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] ResourcesOf(Client.MsxApiClient client, int i)
    {
        var all = client.For(AnyResource.At($"/idm/api/v8/tenants/path-{i}"));
        var instances = client.InstancesOf($"workflow-{i}");
        return new[] { new WeakReference(all), new WeakReference(all.Resource), new WeakReference(instances), new WeakReference(instances.Resource) };
    }

    /// <summary>What twenty connected sessions with their tables filled cost on the heap; then they are disconnected.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (List<WeakReference> References, long Bytes) TwentyLiveSessions(long baseline)
    {
        var live = Enumerable.Range(0, 20).Select(_ => Round(disconnect: false)).ToList();
        var bytes = HeapAfterCollection() - baseline;
        var references = live.Select(s => new WeakReference(s.Client)).ToList();
        live.ForEach(Disconnect);
        return (references, bytes);
    }

    public void Dispose()
    {
        foreach (var session in MsxSessionStore.All)
        {
            session.Client.Dispose();
        }

        MsxSessionStore.Reset();
        _runspace.Dispose();
    }

    /// <summary>
    /// One session's life: login, -All on the listings and on a path no other round uses, tenant names and role
    /// names completed; then (unless told not to) Disconnect. Answers weak references to what the session owned.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private List<WeakReference> Round()
    {
        var session = Round(disconnect: true);
        return new List<WeakReference> { new(session.Client), new(session.Client.Redactor), new(session.Client.Tables), new(session) };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private MsxSession Round(bool disconnect)
    {
        var round = ++_round;
        var session = InProcessModule.Login(_runspace, _fixture);
        foreach (var path in ListingPaths)
        {
            using var all = Create().AddCommand("Invoke-MsxRestMethod").AddParameter("Path", path).AddParameter("All").AddParameter("First", 2);
            all.Invoke();
            Assert.Empty(all.Streams.Error);
        }

        // A path no other round uses: its listing fails, but it is a distinct path walked with -All all the same.
        using (var distinct = Create().AddCommand("Invoke-MsxRestMethod").AddParameter("Path", $"/idm/api/v8/tenants/round-{round}/listing").AddParameter("All").AddParameter("ErrorAction", ActionPreference.Ignore))
        {
            distinct.Invoke();
        }

        Assert.NotEmpty(Complete("Get-MsxTenant -Name "));
        Assert.NotEmpty(Complete("Get-MsxRole -Name "));
        Assert.NotEmpty(Complete("Get-MsxUser -UserName "));
        Assert.True(session.Client.Tables.Count >= 3);
        if (disconnect)
        {
            Disconnect(session);
            Assert.Equal(0, session.Client.Tables.Count);
        }

        return session;
    }

    private void Disconnect(MsxSession session)
    {
        using var ps = Create().AddCommand("Disconnect-MsxSession").AddParameter("Session", session);
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.False(session.Connected);
    }

    /// <summary>The completion texts Tab offers at the end of <paramref name="line"/>.</summary>
    private List<string> Complete(string line)
    {
        using var ps = Create().AddCommand("TabExpansion2").AddParameter("inputScript", line).AddParameter("cursorColumn", line.Length);
        var completion = Assert.Single(ps.Invoke<CommandCompletion>());
        return completion.CompletionMatches.Select(m => m.CompletionText.Trim('\'')).ToList();
    }

    private PowerShell Create() => InProcessModule.Create(_runspace);

    private static long HeapAfterCollection()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        // What the last full collection left alive (GC.GetTotalMemory can be off by megabytes on .NET 10).
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }
}
