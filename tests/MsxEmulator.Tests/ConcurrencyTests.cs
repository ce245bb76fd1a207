using System.Net;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

public sealed class ConcurrencyTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task Sixteen_clients_racing_for_the_same_names_get_exactly_one_winner_each()
    {
        var token = await _api.AccessTokenAsync();
        var names = Enumerable.Range(0, 10).Select(i => UniqueName($"race-{i}")).ToArray();
        var attempts = Enumerable.Range(0, 16).Select(async client =>
        {
            var statuses = new List<(string Name, HttpStatusCode Status)>();
            foreach (var name in names)
            {
                // Vary the case: uniqueness is case-insensitive.
                var sent = client % 2 == 0 ? name : name.ToUpperInvariant();
                using var response = await _api.CreateTenantAsync(token, new { name = sent });
                statuses.Add((name, response.StatusCode));
            }

            return statuses;
        });
        var results = (await Task.WhenAll(attempts)).SelectMany(s => s).ToList();
        foreach (var name in names)
        {
            var forName = results.Where(r => r.Name == name).Select(r => r.Status).ToList();
            Assert.Equal(1, forName.Count(s => s == HttpStatusCode.Created));
            Assert.Equal(15, forName.Count(s => s == HttpStatusCode.Conflict));
        }
    }

    [Fact]
    public async Task Sixteen_clients_creating_distinct_names_all_succeed()
    {
        var token = await _api.AccessTokenAsync();
        var parentId = (await _api.CreatedTenantAsync(token, new { name = UniqueName("distinct-parent") })).GetProperty("id").GetString()!;
        var creations = Enumerable.Range(0, 16).Select(async client =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 10; i++)
            {
                using var response = await _api.CreateTenantAsync(token, new { name = UniqueName($"distinct-{client}-{i}"), parentId });
                statuses.Add(response.StatusCode);
            }

            return statuses;
        });
        var statuses = (await Task.WhenAll(creations)).SelectMany(s => s).ToList();
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));

        using var parent = await _api.GetAsync("idm/api/v8/tenants/" + parentId, token);
        Assert.Equal(160, (await JsonAsync(parent)).GetProperty("numberOfChildren").GetInt64());
        using var page = await _api.GetAsync($"idm/api/v8/tenants?page=0&pageSize=1000&parentId={parentId}", token);
        Assert.Equal(160, (await JsonAsync(page)).GetProperty("contents").GetArrayLength());
    }
}
