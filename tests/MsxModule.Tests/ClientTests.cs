using System.Net;
using System.Net.Http.Json;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Resources;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>The PowerShell-free client against the real emulator over HTTP.</summary>
public sealed class ClientTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ClientTests(EmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Connect_with_the_seed_credentials_gives_a_token_and_its_context()
    {
        var before = DateTimeOffset.UtcNow;
        using var client = await _fixture.ConnectAsync();
        var after = DateTimeOffset.UtcNow;

        Assert.Equal("superuser", client.UserName);
        Assert.Equal(Guid.Parse("1817ec68-e182-4865-8d83-fc13035b4811"), client.TenantId);
        Assert.Contains("token_details", client.Scopes);
        // The token lives 9000 s from when it was issued, between the two readings (a second's rounding allowed).
        Assert.InRange(client.ExpiresOn, before.AddSeconds(8999), after.AddSeconds(9000));
        Assert.False(client.HasRefreshToken);
        Assert.Equal(1, client.TokenRequestCount);
    }

    [Fact]
    public async Task A_bad_client_secret_is_InvalidClient()
    {
        var ex = await Assert.ThrowsAsync<MsxApiException>(() => _fixture.ConnectAsync(EmulatorFixture.Credential(clientSecret: "wrong-secret")));
        Assert.Equal(MsxErrorKind.InvalidClient, ex.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("invalid_client", ex.ServerCode);
        Assert.DoesNotContain("wrong-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_password_is_InvalidGrant_and_the_password_is_not_in_the_message()
    {
        var ex = await Assert.ThrowsAsync<MsxApiException>(() => _fixture.ConnectAsync(EmulatorFixture.Credential(password: "not-the-password")));
        Assert.Equal(MsxErrorKind.InvalidGrant, ex.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("invalid_grant", ex.ServerCode);
        Assert.DoesNotContain("not-the-password", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_refresh_client_gets_a_refresh_token()
    {
        using var client = await _fixture.ConnectAsync(EmulatorFixture.Credential(EmulatorFixture.RefreshClientId, EmulatorFixture.RefreshClientSecret));
        Assert.True(client.HasRefreshToken);
    }

    [Fact]
    public async Task Create_get_update_delete_round_trip()
    {
        using var client = await _fixture.ConnectAsync();
        var name = "xunit-" + Guid.NewGuid();
        var created = await client.CreateTenantAsync(new TenantCreateRequest(name) { Description = "d", Email = "a@example.com", Url = "https://cisco.com" }, CancellationToken.None);
        Assert.Equal(name, created.Name);
        Assert.Equal("a@example.com", created.Email);
        Assert.NotNull(created.CreatedOn);

        var fetched = await client.GetTenantAsync(created.Id, CancellationToken.None);
        Assert.Equal(name, fetched.Name);

        var (updated, changed) = await client.Tenants().UpdateAsync(TenantResource.Update, created.Id.ToString(), fetched, (_, body) => body.Description = "new", CancellationToken.None);
        Assert.True(changed);
        Assert.Equal("new", updated.Description);
        var (same, changedAgain) = await client.Tenants().UpdateAsync(TenantResource.Update, created.Id.ToString(), updated, (_, body) => body.Description = "new", CancellationToken.None);
        Assert.False(changedAgain);
        Assert.Same(updated, same);
        Assert.Equal("https://cisco.com", updated.Url);

        await client.DeleteTenantAsync(created.Id, CancellationToken.None);
        var gone = await Assert.ThrowsAsync<MsxApiException>(() => client.GetTenantAsync(created.Id, CancellationToken.None));
        Assert.Equal(MsxErrorKind.NotFound, gone.Kind);
        Assert.Equal("NOT_FOUND", gone.ServerCode);
    }

    [Fact]
    public async Task A_taken_name_is_a_Conflict_whatever_its_case()
    {
        using var client = await _fixture.ConnectAsync();
        var ex = await Assert.ThrowsAsync<MsxApiException>(() => client.CreateTenantAsync(new TenantCreateRequest("COKE"), CancellationToken.None));
        Assert.Equal(MsxErrorKind.Conflict, ex.Kind);
        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Equal("MsxTenantExists", ex.ErrorId);
        Assert.Contains("'Coke'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_tenant_with_children_is_a_Conflict_and_nothing_is_deleted()
    {
        using var client = await _fixture.ConnectAsync();
        var parent = await client.CreateTenantAsync(new TenantCreateRequest("parent-" + Guid.NewGuid()), CancellationToken.None);
        var child = await client.CreateTenantAsync(new TenantCreateRequest("child-" + Guid.NewGuid()) { ParentId = parent.Id }, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<MsxApiException>(() => client.DeleteTenantAsync(parent.Id, CancellationToken.None));
        Assert.Equal(MsxErrorKind.Conflict, ex.Kind);
        Assert.Equal(parent.Name, (await client.GetTenantAsync(parent.Id, CancellationToken.None)).Name);

        await client.DeleteTenantAsync(child.Id, CancellationToken.None);
        await client.DeleteTenantAsync(parent.Id, CancellationToken.None);
    }

    [Fact]
    public async Task A_body_the_server_refuses_is_BadRequest_naming_the_field()
    {
        // A body the spec allows (every field valid) that the server still refuses: the parent does not exist.
        // Bodies the spec refuses are never sent by the module; the contract tests check every body it sends.
        using var client = await _fixture.ConnectAsync();
        var request = new TenantCreateRequest($"orphan-{Guid.NewGuid():N}") { ParentId = Guid.NewGuid() };
        var ex = await Assert.ThrowsAsync<MsxApiException>(() => client.CreateTenantAsync(request, CancellationToken.None));
        Assert.Equal(MsxErrorKind.BadRequest, ex.Kind);
        Assert.Contains("parentId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_by_ids_returns_the_known_ones()
    {
        using var client = await _fixture.ConnectAsync();
        var coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");
        var pepsi = Guid.Parse("838a148f-1175-4a11-8ac2-4e4ee0a8e048");
        var list = await client.GetTenantsListAsync(new[] { coke, Guid.NewGuid(), pepsi }, CancellationToken.None);
        Assert.Equal(new[] { "Coke", "Pepsi" }, list.Select(t => t.Name));
    }

    [Fact]
    public async Task The_pager_walks_every_tenant_in_pages_and_stops_on_the_last()
    {
        using var client = await _fixture.ConnectAsync();
        using var pager = client.Tenants().List(new ListQuery { PageSize = 2, Filters = new TenantFilter { SortBy = "name" }.ToQuery() }, CancellationToken.None);
        var names = new List<string>();
        while (await pager.NextPageAsync(CancellationToken.None) is { } page)
        {
            names.AddRange(page.Select(t => t.Name));
        }

        Assert.True(pager.ReachedEnd);
        Assert.Equal(names.Count, pager.TotalCount);
        Assert.Equal(names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase), names);
        Assert.Contains("Dandelion and Burdock", names);
    }

    [Fact]
    public async Task The_current_user_is_the_seed_superuser()
    {
        using var client = await _fixture.ConnectAsync();
        var user = await client.GetCurrentUserAsync(CancellationToken.None);
        Assert.Equal("superuser", user.UserName);
        Assert.Contains("SUPERUSER", user.Roles);
        Assert.Contains(Guid.Parse("1817ec68-e182-4865-8d83-fc13035b4811"), user.TenantIds);
    }

    [Fact]
    public async Task A_503_twice_is_retried_and_then_succeeds()
    {
        using var client = await _fixture.ConnectAsync();
        var coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");
        await AddFaultAsync(new { method = "GET", path = $"/idm/api/v8/tenants/{coke}", status = 503, count = 2 });

        var tenant = await client.GetTenantAsync(coke, CancellationToken.None);
        Assert.Equal("Coke", tenant.Name);
    }

    [Fact]
    public async Task A_lost_answer_to_a_create_returns_the_tenant_the_first_attempt_made()
    {
        using var client = await _fixture.ConnectAsync();
        var name = "lost-" + Guid.NewGuid();
        await AddFaultAsync(new { method = "POST", path = "/idm/api/v8/tenants", drop = true, afterCommit = true, count = 1 });

        var created = await client.CreateTenantAsync(new TenantCreateRequest(name), CancellationToken.None);

        Assert.Equal(name, created.Name);
        var all = new List<string>();
        using var pager = client.Tenants().List(new ListQuery(), CancellationToken.None);
        while (await pager.NextPageAsync(CancellationToken.None) is { } page)
        {
            all.AddRange(page.Select(t => t.Name));
        }

        Assert.Single(all, n => n == name);
        await client.DeleteTenantAsync(created.Id, CancellationToken.None);
    }

    [Fact]
    public async Task Cancelling_stops_a_slow_request_at_once()
    {
        using var client = await _fixture.ConnectAsync();
        var coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");
        await AddFaultAsync(new { method = "GET", path = $"/idm/api/v8/tenants/{coke}", delayMs = 20000, count = 1 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetTenantAsync(coke, cancel.Token));
        await ClearFaultsAsync();
    }

    [Fact]
    public async Task The_injected_clock_drives_renewal_without_waiting()
    {
        var now = DateTimeOffset.UtcNow;
        var options = new MsxClientOptions(_fixture.Server) { Clock = () => now };
        using var client = await MsxApiClient.ConnectAsync(options, EmulatorFixture.Credential(), CancellationToken.None);
        var coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");
        await client.GetTenantAsync(coke, CancellationToken.None);
        Assert.Equal(1, client.TokenRequestCount);

        // Just inside the renewal window (a minute before expiry): the next call renews first.
        now = client.ExpiresOn - TimeSpan.FromSeconds(30);
        await client.GetTenantAsync(coke, CancellationToken.None);
        Assert.Equal(2, client.TokenRequestCount);
        Assert.True(client.ExpiresOn > now + TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task The_injected_handler_sees_every_request_and_the_token_never_leaves_the_server()
    {
        using var handler = new RecordingHandler();
        var options = new MsxClientOptions(_fixture.Server) { Handler = handler };
        using var client = await MsxApiClient.ConnectAsync(options, EmulatorFixture.Credential(), CancellationToken.None);
        await client.GetTenantAsync(Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd"), CancellationToken.None);
        var foreign = Assert.Throws<MsxApiException>(() => client.ToServerPath("http://203.0.113.7/idm/api/v8/tenants"));
        Assert.Equal("MsxForeignServer", foreign.ErrorId);
        Assert.Equal("idm/api/v8/tenants?x=1", client.ToServerPath(new Uri(_fixture.Server, "idm/api/v8/tenants?x=1").AbsoluteUri));

        Assert.Equal(new[] { "POST /idm/v2/token", "GET /idm/api/v8/tenants/133815cb-2335-474d-8c10-3e635aba94fd" }, handler.Seen);
        Assert.All(handler.Hosts, host => Assert.Equal(_fixture.Server.Authority, host));
    }

    [Fact]
    public async Task A_switch_asked_during_a_renewal_lands_after_it_and_stays()
    {
        var now = DateTimeOffset.UtcNow;
        var options = new MsxClientOptions(_fixture.Server) { Clock = () => now };
        using var client = await MsxApiClient.ConnectAsync(options, EmulatorFixture.Credential(), CancellationToken.None);
        var coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");
        await AddFaultAsync(new { method = "POST", path = "/idm/v2/token", delayMs = 1500, count = 1 });

        // The token is due: a call starts a renewal that the emulator holds; a switch lands meanwhile.
        now = client.ExpiresOn - TimeSpan.FromSeconds(30);
        var renewing = client.GetTenantAsync(coke, CancellationToken.None);
        await client.SwitchTenantAsync(coke, CancellationToken.None);
        await renewing;

        Assert.Equal(coke, client.TenantId);
        var user = await client.GetCurrentUserAsync(CancellationToken.None);
        Assert.Equal("superuser", user.UserName);
        Assert.Equal(coke, client.TenantId);
    }

    [Fact]
    public async Task Renewal_brings_back_the_switched_tenant()
    {
        var now = DateTimeOffset.UtcNow;
        var options = new MsxClientOptions(_fixture.Server) { Clock = () => now };
        using var client = await MsxApiClient.ConnectAsync(options, EmulatorFixture.Credential(), CancellationToken.None);
        var sprite = Guid.Parse("8b06bda7-61a0-41cf-9aaa-61af86aeaec5");
        await client.SwitchTenantAsync(sprite, CancellationToken.None);
        var requests = client.TokenRequestCount;

        now = client.ExpiresOn + TimeSpan.FromSeconds(1);
        await client.GetCurrentUserAsync(CancellationToken.None);

        Assert.True(client.TokenRequestCount > requests);
        Assert.Equal(sprite, client.TenantId);
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        public RecordingHandler()
            : base(new HttpClientHandler())
        {
        }

        public List<string> Seen { get; } = new();

        public List<string> Hosts { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Seen)
            {
                Seen.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
                Hosts.Add(request.RequestUri.Authority);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private async Task AddFaultAsync(object fault)
    {
        using var http = new HttpClient { BaseAddress = _fixture.Server };
        using var response = await http.PostAsJsonAsync("_emulator/faults", fault);
        response.EnsureSuccessStatusCode();
    }

    private async Task ClearFaultsAsync()
    {
        using var http = new HttpClient { BaseAddress = _fixture.Server };
        using var response = await http.DeleteAsync(new Uri("_emulator/faults", UriKind.Relative));
    }
}
