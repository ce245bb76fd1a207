using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.ManageApi;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>Sub-resource actions change what is stored: device template attachments, a site's services.</summary>
public sealed class SpecActionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly MsxApi _api = fixture.Api;

    private static object Parameters(string value) => new[] { new { name = "hostname", value } };

    private static JsonElement[] Records(JsonElement array) => [.. array.EnumerateArray()];

    private async Task<JsonElement> SendOkAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var response = await _api.SendAsync(method, path, token, body is null ? null : Json(body));
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: expected 200, got {(int)response.StatusCode}: {json}");
        return json;
    }

    [Fact]
    public async Task A_template_is_attached_updated_and_detached_and_the_history_records_each_step()
    {
        var token = await _api.AccessTokenAsync();
        var device = Id(await _api.CreatedDeviceAsync(token, NewDevice(await _api.NewTenantAsync())));
        var templates = $"{Devices}/{device}/templates";
        var template = Guid.NewGuid().ToString();
        Assert.Empty(Records(await _api.OkJsonAsync(templates, token)));

        var attached = Records(await SendOkAsync(HttpMethod.Post, templates, token,
            new { templateDetails = new[] { new { templateId = template, templateParams = Parameters("r1") } } }));
        var record = Assert.Single(attached);
        Assert.Equal(("Applied", template, device), (Text(record, "status"), Text(record, "templateId"), Text(record, "deviceId")));

        var listed = Assert.Single(Records(await _api.OkJsonAsync(templates, token)));
        Assert.Equal(Id(record), Id(listed));
        Assert.Equal("r1", listed.GetProperty("templateParams")[0].GetProperty("value").GetString());

        var updated = Assert.Single(Records(await SendOkAsync(HttpMethod.Put, templates, token,
            new { templateDetails = new[] { new { templateHistoryId = Id(record), templateParams = Parameters("r2") } } })));
        Assert.Equal(("Applied", template), (Text(updated, "status"), Text(updated, "templateId")));
        Assert.Equal("r2", updated.GetProperty("templateParams")[0].GetProperty("value").GetString());

        var detached = Assert.Single(Records(await SendOkAsync(HttpMethod.Delete, $"{templates}/{template}", token)));
        Assert.Equal(("Detached", template), (Text(detached, "status"), Text(detached, "templateId")));

        var history = Records(await _api.OkJsonAsync($"{templates}?templateId={template}", token));
        Assert.Equal(["Applied", "Applied", "Detached"], history.Select(r => Text(r, "status")));
        Assert.Equal(["r1", "r2", "r2"], history.Select(r => r.GetProperty("templateParams")[0].GetProperty("value").GetString()));

        // Detached: nothing left to update or detach.
        Assert.Empty(Records(await SendOkAsync(HttpMethod.Delete, templates, token)));
        Assert.Empty(Records(await SendOkAsync(HttpMethod.Put, templates, token,
            new { templateDetails = new[] { new { templateHistoryId = Id(record), templateParams = Parameters("r3") } } })));
        Assert.Equal(3, Records(await _api.OkJsonAsync(templates, token)).Length);
    }

    [Fact]
    public async Task A_batch_attach_attaches_to_every_device_and_detaching_all_detaches_each_template()
    {
        var token = await _api.AccessTokenAsync();
        string[] devices = [Guid.NewGuid().ToString(), Guid.NewGuid().ToString()];
        string[] templateIds = [Guid.NewGuid().ToString(), Guid.NewGuid().ToString()];
        using (var batch = await _api.PostAsync($"{Devices}/templates/attach", token, new
        {
            deviceIds = devices,
            templateDetails = templateIds.Select(t => new { templateId = t, templateParams = Parameters("b") }),
        }))
        {
            Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
            var pending = await JsonAsync(batch);
            Assert.True(Guid.TryParse(Text(pending, "changeRequestId"), out _), pending.ToString());
            Assert.EndsWith("/incident/api/v8/changerequests/" + Text(pending, "changeRequestId"), Text(pending, "changeRequestUrl"), StringComparison.Ordinal);
        }

        foreach (var device in devices)
        {
            var history = Records(await _api.OkJsonAsync($"{Devices}/{device}/templates", token));
            Assert.Equal(templateIds, history.Select(r => Text(r, "templateId")));
            Assert.All(history, r => Assert.Equal("Applied", Text(r, "status")));
        }

        var detached = Records(await SendOkAsync(HttpMethod.Delete, $"{Devices}/{devices[0]}/templates", token));
        Assert.Equal(templateIds, detached.Select(r => Text(r, "templateId")));
        Assert.All(detached, r => Assert.Equal("Detached", Text(r, "status")));
        Assert.Equal(2, Records(await _api.OkJsonAsync($"{Devices}/{devices[1]}/templates", token)).Length);
    }

    [Fact]
    public async Task Services_added_to_a_site_show_on_its_get_until_they_are_removed()
    {
        var token = await _api.AccessTokenAsync();
        var site = $"{Sites}/{Id(await _api.CreatedSiteAsync(token, NewSite(await _api.NewTenantAsync())))}";
        await SendOkAsync(HttpMethod.Post, site + "/services/add", token, new[] { "svc-1", "svc-2" });
        Assert.Equal(["svc-1", "svc-2"], (await _api.OkJsonAsync(site, token)).GetProperty("serviceIds").EnumerateArray().Select(s => s.GetString()));

        await SendOkAsync(HttpMethod.Post, site + "/services/remove", token, new[] { "svc-1" });
        Assert.Equal(["svc-2"], (await _api.OkJsonAsync(site, token)).GetProperty("serviceIds").EnumerateArray().Select(s => s.GetString()));
    }
}
