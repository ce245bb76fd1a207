using System.Net;
using System.Text.Json.Nodes;
using MsxEmulator.Tests.Support;
using MsxPowerShell.Testing;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>The data file's <c>collections</c>: items of the spec-driven collections, by their path in the spec, strictly.</summary>
public sealed class SpecDataFileTests : IDisposable
{
    private const string OfferId = "aaaaaaaa-0000-4000-8000-0000000000f1";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"msx-emulator-spec-data-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task Items_given_by_collection_path_are_served_and_completed_to_the_schema()
    {
        File.WriteAllText(_file, $$"""
            {
              "clients": [ { "clientId": "c", "clientSecret": "s", "grantTypes": ["password"], "scopes": ["read"] } ],
              "users": [ { "username": "root", "password": "pw", "roles": ["SUPERUSER"], "tenantIds": [] } ],
              "collections": {
                "/consume/api/v8/offers": [ { "id": "{{OfferId}}", "name": "Gold", "description": "from the data file" } ],
                "/workflow/api/v8/categories": [ { "name": "from-file" } ]
              }
            }
            """);
        using var emulator = EmulatorProcess.Start("--data", _file);
        using var api = new MsxApi(emulator);
        using var login = await api.PasswordAsync("root", "pw", "c", "s");
        var token = (await JsonAsync(login)).GetProperty("access_token").GetString()!;
        using (var offer = await api.GetAsync("consume/api/v8/offers/" + OfferId, token))
        {
            var body = JsonNode.Parse(await offer.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.OK, offer.StatusCode);
            Assert.Equal("Gold", body["name"]!.ToString());
            Assert.Equal("from the data file", body["description"]!.ToString());
        }

        using var categories = await api.GetAsync("workflow/api/v8/categories/list", token);
        var names = JsonNode.Parse(await categories.Content.ReadAsStringAsync())!.AsArray().Select(c => c!["name"]!.ToString()).ToList();
        Assert.Contains("from-file", names);
        Assert.Contains("operations", names);
    }

    [Fact]
    public async Task An_unknown_collection_is_refused_with_its_line_and_column()
    {
        File.WriteAllText(_file, """
            {
              "collections": {
                "/consume/api/v8/offers": [],
                  "/consume/api/v8/widgets": []
              }
            }
            """);
        var (exitCode, output) = await StartupTests.RunAsync("--data", _file);
        Assert.Equal(2, exitCode);
        Assert.Contains($"bad data: {_file}:4:7: unknown collection '/consume/api/v8/widgets' in collections", output, StringComparison.Ordinal);
        Assert.Contains("/consume/api/v8/products", output, StringComparison.Ordinal);
    }
}
