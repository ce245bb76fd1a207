using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.ManageApi;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

public sealed class DeviceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string SecondsPattern = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$";
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task Create_answers_201_with_Location_and_the_spec_fields()
    {
        var token = await _api.AccessTokenAsync();
        var body = NewDevice(Coke);
        body["serialKey"] = UniqueName("SN");
        body["tags"] = new Dictionary<string, string> { ["resourceProvider"] = "nso" };
        body["attributes"] = new { siteName = "somewhere", port = 22 };
        body["onboardInformation"] = new { address = "10.254.0.3", port = "22" };
        body["serviceInstanceId"] = "instance-1";
        body["id"] = "ignored-id";
        using var response = await _api.PostAsync(Devices, token, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var device = await JsonAsync(response);
        Assert.Equal(DeviceFields, PropertyNames(device));

        var id = Id(device);
        Assert.Matches("^CPE-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.Equal(new Uri(_api.Http.BaseAddress!, "manage/api/v8/devices/" + id), response.Headers.Location);
        Assert.Equal(body["name"], Text(device, "name"));
        Assert.Equal("nso", device.GetProperty("tags").GetProperty("resourceProvider").GetString());
        Assert.Equal(22, device.GetProperty("attributes").GetProperty("port").GetInt32());
        Assert.Equal("10.254.0.3", device.GetProperty("onboardInformation").GetProperty("address").GetString());
        Assert.Equal("instance-1", Text(device, "serviceInstanceId"));
        Assert.Equal(JsonValueKind.Null, device.GetProperty("subscriptionId").ValueKind);
        Assert.Equal(JsonValueKind.Null, device.GetProperty("subType").ValueKind);
        Assert.False(device.GetProperty("managed").GetBoolean());
        Assert.Equal("UNKNOWN", Text(device, "complianceState"));
        Assert.Equal("NOT_APPLICABLE", Text(device, "vulnerabilityState"));
        Assert.Equal(Coke, Text(device, "tenantId"));
        Assert.True(Guid.TryParse(Text(device, "providerId"), out _));
        var me = await _api.OkJsonAsync("idm/api/v8/users/current", token);
        Assert.Equal(Id(me), Text(device, "userId"));
        Assert.Matches(SecondsPattern, Text(device, "createdOn"));
        Assert.Equal(Text(device, "createdOn"), Text(device, "modifiedOn"));

        var status = device.GetProperty("status");
        Assert.Equal(["value", "severity", "lastUpdated", "lastUpdatedMessage"], PropertyNames(status));
        Assert.Equal("UNKNOWN", Text(status, "value"));
        Assert.Equal("3", Text(status, "severity"));
        var details = device.GetProperty("statusDetails");
        Assert.Equal(["healthStatus", "pnpStatus", "lifeCycleStatus", "syncStatus", "tunnelStatus"], PropertyNames(details));
        Assert.Equal("UNKNOWN", Text(details.GetProperty("healthStatus"), "value"));
        Assert.Equal("UNREGISTERED", Text(details.GetProperty("lifeCycleStatus"), "value"));

        var fetched = await _api.OkJsonAsync(Devices + "/" + id, token);
        Assert.Equal(device.ToString(), fetched.ToString());
    }

    [Fact]
    public async Task Delete_answers_204_then_the_device_is_404()
    {
        var token = await _api.AccessTokenAsync();
        var id = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));
        using (var deleted = await _api.SendAsync(HttpMethod.Delete, Devices + "/" + id, token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        }

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            using var gone = await _api.SendAsync(method, Devices + "/" + id, token);
            await AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var config = await _api.GetAsync(Devices + "/" + id + "/config", token);
        await AssertErrorAsync(config, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Put_replaces_and_is_the_only_way_to_change_tags_attributes_managed_and_serviceType()
    {
        var token = await _api.AccessTokenAsync();
        var body = NewDevice(Coke);
        body["serialKey"] = UniqueName("SN");
        body["version"] = "16.9";
        body["tags"] = new { a = "b" };
        body["attributes"] = new { x = 1 };
        body["managed"] = true;
        body["serviceType"] = "manageddevice";
        body["complianceState"] = "COMPLIANT";
        body["serviceInstanceId"] = "kept-instance";
        var created = await _api.CreatedDeviceAsync(token, body);
        var path = Devices + "/" + Id(created);

        using (var replaced = await _api.SendAsync(HttpMethod.Put, path, token,
            Json(new { name = "replaced-" + Guid.NewGuid().ToString("N"), model = "M2", type = "T2", onboardType = "pnp", tags = new { c = "d" }, tenantId = Pepsi })))
        {
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
            var device = await JsonAsync(replaced);
            Assert.Equal(DeviceFields, PropertyNames(device));
            Assert.Equal("M2", Text(device, "model"));
            Assert.Equal("pnp", Text(device, "onboardType"));
            Assert.Equal("d", device.GetProperty("tags").GetProperty("c").GetString());
            Assert.False(device.GetProperty("tags").TryGetProperty("a", out _));
            foreach (var cleared in new[] { "serialKey", "version", "attributes", "serviceType", "subType", "onboardInformation" })
            {
                Assert.Equal(JsonValueKind.Null, device.GetProperty(cleared).ValueKind);
            }

            Assert.False(device.GetProperty("managed").GetBoolean());
            Assert.Equal("UNKNOWN", Text(device, "complianceState"));
            Assert.Equal(Coke, Text(device, "tenantId"));
            Assert.Equal("kept-instance", Text(device, "serviceInstanceId"));
            Assert.Equal(Text(created, "createdOn"), Text(device, "createdOn"));
            Assert.True(string.CompareOrdinal(Text(device, "modifiedOn"), Text(created, "modifiedOn")) >= 0);
        }

        foreach (var missing in new[] { "name", "model", "type", "onboardType" })
        {
            var partial = new Dictionary<string, object?> { ["name"] = "n", ["model"] = "m", ["type"] = "t", ["onboardType"] = "o" };
            partial.Remove(missing);
            using var bad = await _api.SendAsync(HttpMethod.Put, path, token, Json(partial));
            var error = await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith(missing + ":", Text(error, "message"), StringComparison.Ordinal);
        }

        using var unknown = await _api.SendAsync(HttpMethod.Put, Devices + "/CPE-nope", token,
            Json(new { name = "n", model = "m", type = "t", onboardType = "o" }));
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_sent_and_replaces_objects_whole()
    {
        var token = await _api.AccessTokenAsync();
        var body = NewDevice(Coke);
        body["version"] = "1.0";
        body["subType"] = "ISR";
        body["tags"] = new { keep = "me" };
        body["onboardInformation"] = new { a = "1", b = "2" };
        var path = Devices + "/" + Id(await _api.CreatedDeviceAsync(token, body));
        var newName = UniqueName("patched");

        async Task<JsonElement> Patch(object patch)
        {
            using var response = await _api.SendAsync(HttpMethod.Patch, path, token, Json(patch));
            var json = await JsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {json}");
            return json;
        }

        var first = await Patch(new { name = newName, complianceState = "NOT_COMPLIANT" });
        Assert.Equal(DeviceFields, PropertyNames(first));
        Assert.Equal(newName, Text(first, "name"));
        Assert.Equal("NOT_COMPLIANT", Text(first, "complianceState"));
        Assert.Equal("1.0", Text(first, "version"));
        Assert.Equal("me", first.GetProperty("tags").GetProperty("keep").GetString());

        var second = await Patch(new { onboardInformation = new { c = "3" }, subType = (string?)null });
        var onboard = second.GetProperty("onboardInformation");
        Assert.Equal(["c"], PropertyNames(onboard));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("subType").ValueKind);
        Assert.Equal(newName, Text(second, "name"));

        var unchanged = await Patch(new { });
        Assert.Equal(newName, Text(unchanged, "name"));

        foreach (var (json, field) in new[]
        {
            ("{\"tags\":{}}", "tags"),
            ("{\"attributes\":{}}", "attributes"),
            ("{\"managed\":true}", "managed"),
            ("{\"serviceType\":\"x\"}", "serviceType"),
            ("{\"onboardType\":\"x\"}", "onboardType"),
            ("{\"tenantId\":\"" + Pepsi + "\"}", "tenantId"),
            ("{\"name\":null}", "name"),
            ("{\"name\":\"\"}", "name"),
            ("{\"complianceState\":\"SORT_OF\"}", "complianceState"),
            ("{\"complianceState\":null}", "complianceState"),
            ("{\"onboardInformation\":[1]}", "onboardInformation"),
        })
        {
            using var bad = await _api.SendAsync(HttpMethod.Patch, path, token, json);
            var error = await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith(field + ":", Text(error, "message"), StringComparison.Ordinal);
        }

        var after = await _api.OkJsonAsync(path, token);
        Assert.Equal("me", after.GetProperty("tags").GetProperty("keep").GetString());
    }

    [Fact]
    public async Task SerialKey_is_unique_everywhere_and_name_within_a_tenant_case_insensitively()
    {
        var token = await _api.AccessTokenAsync();
        var serial = UniqueName("SN");
        var name = UniqueName("Router");
        var first = NewDevice(Coke, name);
        first["serialKey"] = serial;
        var created = await _api.CreatedDeviceAsync(token, first);

        var sameSerial = NewDevice(Sprite);
        sameSerial["serialKey"] = serial.ToLowerInvariant();
        using (var conflict = await _api.PostAsync(Devices, token, sameSerial))
        {
            await AssertErrorAsync(conflict, HttpStatusCode.Conflict, "DEVICE_ALREADY_EXISTS");
        }

        using (var conflict = await _api.PostAsync(Devices, token, NewDevice(Coke, name.ToUpperInvariant())))
        {
            await AssertErrorAsync(conflict, HttpStatusCode.Conflict, "DEVICE_ALREADY_EXISTS");
        }

        var other = await _api.CreatedDeviceAsync(token, NewDevice(Sprite, name));
        var cokeTwin = await _api.CreatedDeviceAsync(token, NewDevice(Coke));

        using (var patch = await _api.SendAsync(HttpMethod.Patch, Devices + "/" + Id(other), token, Json(new { serialKey = serial })))
        {
            await AssertErrorAsync(patch, HttpStatusCode.Conflict, "DEVICE_ALREADY_EXISTS");
        }

        using (var put = await _api.SendAsync(HttpMethod.Put, Devices + "/" + Id(cokeTwin), token,
            Json(new { name, model = "m", type = "t", onboardType = "o" })))
        {
            await AssertErrorAsync(put, HttpStatusCode.Conflict, "DEVICE_ALREADY_EXISTS");
        }

        using (var ownCase = await _api.SendAsync(HttpMethod.Patch, Devices + "/" + Id(created), token,
            Json(new { name = name.ToUpperInvariant(), serialKey = serial })))
        {
            Assert.Equal(HttpStatusCode.OK, ownCase.StatusCode);
        }

        using (var deleted = await _api.SendAsync(HttpMethod.Delete, Devices + "/" + Id(created), token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await _api.CreatedDeviceAsync(token, sameSerial);
    }

    [Fact]
    public async Task Uniqueness_holds_under_concurrent_creates()
    {
        var token = await _api.AccessTokenAsync();
        var serial = UniqueName("SN");
        var siteName = UniqueName("site");
        var devices = Enumerable.Range(0, 16).Select(i =>
        {
            var body = NewDevice(i % 2 == 0 ? Coke : Sprite);
            body["serialKey"] = serial;
            return _api.PostAsync(Devices, token, body);
        });
        var sites = Enumerable.Range(0, 16).Select(_ => _api.PostAsync(Sites, token, NewSite(Coke, siteName)));
        var answers = await Task.WhenAll(devices.Concat(sites));
        try
        {
            Assert.Equal(2, answers.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(30, answers.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
        finally
        {
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }
    }

    public static TheoryData<string, string> InvalidCreateBodies => new()
    {
        { "{\"name\":\"n\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\"}", "tenantId" },
        { "{\"tenantId\":\"not-a-uuid\",\"name\":\"n\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\"}", "tenantId" },
        { "{\"tenantId\":\"00000000-0000-4000-8000-000000000009\",\"name\":\"n\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\"}", "tenantId" },
        { "{\"tenantId\":\"" + Coke + "\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\"}", "name" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"type\":\"t\",\"onboardType\":\"o\"}", "model" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"model\":\"m\",\"onboardType\":\"o\"}", "type" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"model\":\"m\",\"type\":\"t\"}", "onboardType" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"" + new string('n', 129) + "\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\"}", "name" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"model\":\"\",\"type\":\"t\",\"onboardType\":\"o\"}", "model" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\",\"complianceState\":\"GOOD\"}", "complianceState" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\",\"tags\":{\"a\":1}}", "tags.a" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\",\"attributes\":\"x\"}", "attributes" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\",\"managed\":\"yes\"}", "managed" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\",\"serialKey\":7}", "serialKey" },
        { "{\"tenantId\":", "JSON" },
        { "[]", "object" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreateBodies))]
    public async Task Invalid_create_bodies_are_400_naming_the_field(string json, string field)
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.SendAsync(HttpMethod.Post, Devices, token, json);
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        Assert.Contains(field, Text(body, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_json_is_415()
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.SendAsync(HttpMethod.Post, Devices, token, "name=x", "text/plain");
        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Every_filter_narrows_the_page_and_arrays_take_repeated_keys_and_commas()
    {
        var token = await _api.AccessTokenAsync();
        var parent = await _api.NewTenantAsync();
        var child = await _api.NewTenantAsync(parent);
        var tag = Guid.NewGuid().ToString("N")[..8];

        async Task<string> Make(string tenant, string name, string model, string type, string? subType, string version,
            string serviceType, string instance, string compliance)
        {
            var body = NewDevice(tenant, name);
            body["model"] = model;
            body["type"] = type;
            body["subType"] = subType;
            body["version"] = version;
            body["serviceType"] = serviceType;
            body["serviceInstanceId"] = instance;
            body["complianceState"] = compliance;
            body["serialKey"] = "SN-" + name;
            return Id(await _api.CreatedDeviceAsync(token, body));
        }

        var d1 = await Make(parent, $"alpha-{tag}", "M1", "T1", "ISR", "v1", "st1", $"si1-{tag}", "COMPLIANT");
        var d2 = await Make(parent, $"beta-{tag}", "M2", "T2", null, "v2", "st2", $"si2-{tag}", "NOT_COMPLIANT");
        var d3 = await Make(child, $"gamma-{tag}", "M1", "T2", "ASR", "v1", "st1", $"si3-{tag}", "UNKNOWN");

        using (var severity = await _api.SendAsync(HttpMethod.Put, $"_emulator/devices/{d2}/status", null,
            Json(new { value = "CRITICAL", severity = "5", vulnerabilityState = "VULNERABLE" })))
        {
            Assert.Equal(HttpStatusCode.OK, severity.StatusCode);
        }

        var scope = $"{Devices}?page=0&pageSize=100&tenantIds={parent}&includeSubtenants=true";
        Assert.Equal([d1, d2, d3], await _api.PageIdsAsync(scope, token));
        Assert.Equal([d1, d2], await _api.PageIdsAsync($"{Devices}?page=0&pageSize=100&tenantIds={parent}", token));
        Assert.Equal([d3], await _api.PageIdsAsync($"{Devices}?page=0&pageSize=100&tenantIds={child}", token));
        Assert.Equal([d1, d2, d3], await _api.PageIdsAsync($"{Devices}?page=0&pageSize=100&tenantIds={parent},{child}", token));
        Assert.Equal([d1, d2, d3], await _api.PageIdsAsync($"{Devices}?page=0&pageSize=100&tenantIds={parent}&tenantIds={child}", token));

        var cases = new (string Query, string[] Expected)[]
        {
            ($"deviceIds={d1}&deviceIds={d3}", [d1, d3]),
            ($"deviceIds={d2},{d3}", [d2, d3]),
            ($"names=ALPHA-{tag}", [d1]),
            ($"names=alpha-{tag},gamma-{tag}", [d1, d3]),
            ($"serialKeys=sn-beta-{tag}", [d2]),
            ("models=M1", [d1, d3]),
            ("types=T2", [d2, d3]),
            ("subtypes=ISR&subtypes=ASR", [d1, d3]),
            ("versions=v2", [d2]),
            ("serviceTypes=st1", [d1, d3]),
            ($"serviceIds=si2-{tag}", [d2]),
            ("complianceStates=COMPLIANT,UNKNOWN", [d1, d3]),
            ("severities=5", [d2]),
            ("severities=3", [d1, d3]),
            ("vulnerabilityStates=VULNERABLE", [d2]),
            ("vulnerabilityStates=NOT_APPLICABLE", [d1, d3]),
            ("models=M1&types=T2", [d3]),
            ("models=none", []),
        };
        foreach (var (query, expected) in cases)
        {
            var actual = await _api.PageIdsAsync($"{scope}&{query}", token);
            Assert.True(Enumerable.SequenceEqual(expected, actual), $"{query}: got [{string.Join(", ", actual)}]");
        }

        foreach (var bad in new[] { "complianceStates=GOOD", "vulnerabilityStates=MAYBE", "tenantIds=not-a-uuid",
            "tenantIds=00000000-0000-4000-8000-000000000009", "includeSubtenants=perhaps" })
        {
            using var response = await _api.GetAsync($"{Devices}?page=0&pageSize=10&{bad}", token);
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }
    }

    [Fact]
    public async Task Paging_and_sorting_follow_the_page_header()
    {
        var token = await _api.AccessTokenAsync();
        var tenant = await _api.NewTenantAsync();
        var names = new[] { "delta", "Alpha", "charlie", "Bravo", "echo" };
        var ids = new Dictionary<string, string>();
        foreach (var name in names)
        {
            ids[name] = Id(await _api.CreatedDeviceAsync(token, NewDevice(tenant, name)));
        }

        var scope = $"{Devices}?tenantIds={tenant}";
        var first = await _api.OkJsonAsync($"{scope}&page=0&pageSize=2", token);
        Assert.Equal(PageFields, PropertyNames(first));
        Assert.Equal(0, first.GetProperty("page").GetInt32());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("totalItems").ValueKind);
        Assert.True(first.GetProperty("hasNext").GetBoolean());
        Assert.False(first.GetProperty("hasPrevious").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("sortBy").ValueKind);
        Assert.Equal([ids["delta"], ids["Alpha"]], first.GetProperty("contents").EnumerateArray().Select(Id));

        var last = await _api.OkJsonAsync($"{scope}&page=2&pageSize=2", token);
        Assert.False(last.GetProperty("hasNext").GetBoolean());
        Assert.True(last.GetProperty("hasPrevious").GetBoolean());
        Assert.Equal([ids["echo"]], last.GetProperty("contents").EnumerateArray().Select(Id));

        var exact = await _api.OkJsonAsync($"{scope}&page=0&pageSize=5", token);
        Assert.False(exact.GetProperty("hasNext").GetBoolean());
        Assert.Equal(0, (await _api.OkJsonAsync($"{scope}&page=9&pageSize=5", token)).GetProperty("contents").GetArrayLength());

        var byName = await _api.OkJsonAsync($"{scope}&page=0&pageSize=10&sortBy=name&sortOrder=desc", token);
        Assert.Equal("name", Text(byName, "sortBy"));
        Assert.Equal("desc", Text(byName, "sortOrder"));
        Assert.Equal(["echo", "delta", "charlie", "Bravo", "Alpha"], byName.GetProperty("contents").EnumerateArray().Select(d => Text(d, "name")));
        Assert.Equal(
            ["Alpha", "Bravo", "charlie", "delta", "echo"],
            (await _api.OkJsonAsync($"{scope}&page=0&pageSize=10&sortBy=name", token)).GetProperty("contents").EnumerateArray().Select(d => Text(d, "name")));

        foreach (var bad in new[] { "page=0", "pageSize=5", "page=-1&pageSize=5", "page=0&pageSize=0", "page=0&pageSize=1001",
            "page=x&pageSize=5", "page=0&pageSize=5&sortBy=colour", "page=0&pageSize=5&sortOrder=up" })
        {
            using var response = await _api.GetAsync($"{Devices}?{bad}", token);
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }
    }

    [Fact]
    public async Task Config_is_plain_text_and_an_update_without_approval_is_204()
    {
        var token = await _api.AccessTokenAsync();
        var name = UniqueName("cfg");
        var path = Devices + "/" + Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke, name)));

        using (var config = await _api.GetAsync(path + "/config", token))
        {
            Assert.Equal(HttpStatusCode.OK, config.StatusCode);
            Assert.Equal("text/plain", config.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"hostname {name}\n!\nend\n", await config.Content.ReadAsStringAsync());
        }

        var content = "hostname edge-1\ninterface GigabitEthernet1\n ip address dhcp\nend\n";
        using (var update = await _api.PostAsync(path + "/config/update", token,
            new { correlationId = Guid.NewGuid().ToString(), configContent = content, format = "cli" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
            Assert.Empty(await update.Content.ReadAsByteArrayAsync());
        }

        using (var config = await _api.GetAsync(path + "/config", token))
        {
            Assert.Equal(content, await config.Content.ReadAsStringAsync());
        }

        foreach (var (json, field) in new[]
        {
            ("{\"configContent\":\"x\",\"format\":\"cli\"}", "correlationId"),
            ("{\"correlationId\":\"" + new string('c', 37) + "\",\"configContent\":\"x\",\"format\":\"cli\"}", "correlationId"),
            ("{\"correlationId\":\"c\",\"configContents\":\"x\",\"format\":\"cli\"}", "configContent"),
            ("{\"correlationId\":\"c\",\"configContent\":\"\",\"format\":\"cli\"}", "configContent"),
            ("{\"correlationId\":\"c\",\"configContent\":\"x\"}", "format"),
            ("{\"correlationId\":\"c\",\"configContent\":\"x\",\"format\":\"json\"}", "format"),
        })
        {
            using var bad = await _api.SendAsync(HttpMethod.Post, path + "/config/update", token, json);
            var error = await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith(field + ":", Text(error, "message"), StringComparison.Ordinal);
        }

        using (var config = await _api.GetAsync(path + "/config", token))
        {
            Assert.Equal(content, await config.Content.ReadAsStringAsync());
        }

        using var unknown = await _api.PostAsync(Devices + "/CPE-unknown/config/update", token,
            new { correlationId = "c", configContent = "x", format = "cli" });
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Redeploy_needs_a_managed_device()
    {
        var token = await _api.AccessTokenAsync();
        var managed = NewDevice(Coke);
        managed["managed"] = true;
        var managedId = Id(await _api.CreatedDeviceAsync(token, managed));
        var unmanagedId = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));

        using (var ok = await _api.SendAsync(HttpMethod.Post, $"{Devices}/{managedId}/redeploy", token))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Empty(await ok.Content.ReadAsByteArrayAsync());
        }

        using (var conflict = await _api.SendAsync(HttpMethod.Post, $"{Devices}/{unmanagedId}/redeploy", token))
        {
            await AssertErrorAsync(conflict, HttpStatusCode.Conflict, "DEVICE_NOT_MANAGED");
        }

        using (var unknown = await _api.SendAsync(HttpMethod.Post, $"{Devices}/CPE-unknown/redeploy", token))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var wrongMethod = await _api.GetAsync($"{Devices}/{managedId}/redeploy", token);
        await AssertErrorAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        Assert.Equal("POST", wrongMethod.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task Tenant_admin_works_within_its_tenants_and_their_subtenants_only()
    {
        var super = await _api.AccessTokenAsync();
        var admin = await _api.AccessTokenAsync(TenantAdmin);
        var cokeChild = await _api.NewTenantAsync(Coke);

        var own = await _api.CreatedDeviceAsync(admin, NewDevice(Coke));
        await _api.CreatedDeviceAsync(admin, NewDevice(cokeChild));
        var pepsiDevice = Id(await _api.CreatedDeviceAsync(super, NewDevice(Pepsi)));

        using (var create = await _api.PostAsync(Devices, admin, NewDevice(Pepsi)))
        {
            await AssertErrorAsync(create, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        foreach (var (method, suffix, json) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Get, string.Empty, null),
            (HttpMethod.Get, "/config", null),
            (HttpMethod.Patch, string.Empty, "{\"version\":\"2\"}"),
            (HttpMethod.Delete, string.Empty, null),
            (HttpMethod.Post, "/redeploy", null),
        })
        {
            using var response = await _api.SendAsync(method, $"{Devices}/{pepsiDevice}{suffix}", admin, json);
            await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        var visible = await _api.OkJsonAsync($"{Devices}?page=0&pageSize=1000", admin);
        var tenants = visible.GetProperty("contents").EnumerateArray().Select(d => Text(d, "tenantId")).ToHashSet();
        Assert.Contains(Coke, tenants);
        Assert.Contains(cokeChild, tenants);
        Assert.DoesNotContain(Pepsi, tenants);
        Assert.DoesNotContain(pepsiDevice, visible.GetProperty("contents").EnumerateArray().Select(Id));

        using (var foreign = await _api.GetAsync($"{Devices}?page=0&pageSize=10&tenantIds={Pepsi}", admin))
        {
            await AssertErrorAsync(foreign, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using var patch = await _api.SendAsync(HttpMethod.Patch, $"{Devices}/{Id(own)}", admin, Json(new { version = "2" }));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
    }

    [Fact]
    public async Task Consumer_reads_its_tenants_and_changes_nothing()
    {
        var super = await _api.AccessTokenAsync();
        var consumer = await _api.AccessTokenAsync(Consumer);
        var pepsiDevice = Id(await _api.CreatedDeviceAsync(super, NewDevice(Pepsi)));
        var cokeDevice = Id(await _api.CreatedDeviceAsync(super, NewDevice(Coke)));

        Assert.Equal(pepsiDevice, Id(await _api.OkJsonAsync($"{Devices}/{pepsiDevice}", consumer)));
        using (var config = await _api.GetAsync($"{Devices}/{pepsiDevice}/config", consumer))
        {
            Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        }

        Assert.Contains(pepsiDevice, await _api.PageIdsAsync($"{Devices}?page=0&pageSize=1000", consumer));
        Assert.DoesNotContain(cokeDevice, await _api.PageIdsAsync($"{Devices}?page=0&pageSize=1000", consumer));

        using (var other = await _api.GetAsync($"{Devices}/{cokeDevice}", consumer))
        {
            await AssertErrorAsync(other, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        foreach (var (method, path, json) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Post, Devices, Json(NewDevice(Pepsi))),
            (HttpMethod.Put, $"{Devices}/{pepsiDevice}", "{\"name\":\"n\",\"model\":\"m\",\"type\":\"t\",\"onboardType\":\"o\"}"),
            (HttpMethod.Patch, $"{Devices}/{pepsiDevice}", "{\"version\":\"2\"}"),
            (HttpMethod.Delete, $"{Devices}/{pepsiDevice}", null),
            (HttpMethod.Post, $"{Devices}/{pepsiDevice}/config/update", "{\"correlationId\":\"c\",\"configContent\":\"x\",\"format\":\"cli\"}"),
            (HttpMethod.Post, $"{Devices}/{pepsiDevice}/redeploy", null),
        })
        {
            using var response = await _api.SendAsync(method, path, consumer, json);
            await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        Assert.Equal(pepsiDevice, Id(await _api.OkJsonAsync($"{Devices}/{pepsiDevice}", super)));
    }

    [Fact]
    public async Task Manage_and_monitor_paths_need_a_bearer_token()
    {
        foreach (var path in new[] { $"{Devices}?page=0&pageSize=1", $"{Sites}?page=0&pageSize=1", $"{DeviceHealth}?ids=x", $"{Devices}/x/config" })
        {
            using var anonymous = await _api.GetAsync(path, null);
            await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            using var bogus = await _api.GetAsync(path, "not-a-token");
            await AssertErrorAsync(bogus, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }
    }
}
