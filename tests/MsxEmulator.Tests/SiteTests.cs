using System.Net;
using System.Text.Json;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.ManageApi;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

public sealed class SiteTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string MillisPattern = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$";
    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task Create_answers_201_with_Location_and_the_spec_fields()
    {
        var token = await _api.AccessTokenAsync();
        var deviceBody = NewDevice(Coke);
        deviceBody["serviceType"] = "manageddevice";
        var device = Id(await _api.CreatedDeviceAsync(token, deviceBody));
        var body = NewSite(Coke);
        body["description"] = "A great site";
        body["type"] = "branch_office-1";
        body["address"] = new { name = "HQ", company = "Cisco", formattedAddress = "88 Queens Quay W, Toronto", city = "Toronto" };
        body["contact"] = new { name = "Ann", phone = "+1 555 0100", email = "ann@example.com" };
        body["location"] = new { latitude = 43.6411344, longitude = -79.37703469999997 };
        body["image"] = "iVBORw0KGgo=";
        body["attributes"] = new { floor = "3" };
        body["deviceIds"] = new[] { device };
        body["serviceIds"] = new[] { "svc-1" };
        using var response = await _api.PostAsync(Sites, token, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var site = await JsonAsync(response);
        Assert.Equal(SiteFields, PropertyNames(site));

        var id = Id(site);
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal(new Uri(_api.Http.BaseAddress!, "manage/api/v8/sites/" + id), response.Headers.Location);
        Assert.Equal(Coke, Text(site, "tenantId"));
        Assert.Equal(JsonValueKind.Null, site.GetProperty("parentId").ValueKind);
        Assert.Equal("branch_office-1", Text(site, "type"));
        Assert.Equal(["name", "company", "formattedAddress", "city"], PropertyNames(site.GetProperty("address")));
        Assert.Equal(["name", "phone", "email"], PropertyNames(site.GetProperty("contact")));
        Assert.Equal(43.6411344, site.GetProperty("location").GetProperty("latitude").GetDouble());
        Assert.Equal("iVBORw0KGgo=", Text(site, "image"));
        Assert.Equal("3", site.GetProperty("attributes").GetProperty("floor").GetString());
        var summary = Assert.Single(site.GetProperty("devices").EnumerateArray());
        Assert.Equal(["deviceId", "serviceId", "serviceType"], PropertyNames(summary));
        Assert.Equal(device, Text(summary, "deviceId"));
        Assert.Equal("Unknown", Text(summary, "serviceId"));
        Assert.Equal("manageddevice", Text(summary, "serviceType"));
        Assert.Equal(["svc-1"], site.GetProperty("serviceIds").EnumerateArray().Select(s => s.GetString()));

        var status = site.GetProperty("status");
        Assert.Equal(["type", "name", "value", "severity", "lastUpdated", "lastUpdatedMessage"], PropertyNames(status));
        Assert.Equal("health", Text(status, "type"));
        Assert.Equal("healthStatus", Text(status, "name"));
        Assert.Equal("unknown", Text(status, "value"));
        Assert.Matches(MillisPattern, Text(site, "createdOn"));
        Assert.Equal(Text(site, "createdOn"), Text(site, "modifiedOn"));
        var me = await _api.OkJsonAsync("idm/api/v8/users/current", token);
        Assert.Equal(Id(me), Text(site, "createdBy"));
        Assert.Equal(Id(me), Text(site, "modifiedBy"));

        var fetched = await _api.OkJsonAsync($"{Sites}/{id}", token);
        Assert.Equal(JsonValueKind.Null, fetched.GetProperty("image").ValueKind);
        var withImage = await _api.OkJsonAsync($"{Sites}/{id}?showImage=true", token);
        Assert.Equal(site.ToString(), withImage.ToString());
    }

    [Fact]
    public async Task Get_and_delete_answer_404_for_unknown_and_400_for_malformed_ids()
    {
        var token = await _api.AccessTokenAsync();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            using var unknown = await _api.SendAsync(method, $"{Sites}/{Guid.NewGuid()}", token);
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
            using var malformed = await _api.SendAsync(method, $"{Sites}/not-a-uuid", token);
            await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var patch = await _api.SendAsync(HttpMethod.Patch, $"{Sites}/{Guid.NewGuid()}", token, "{}");
        await AssertErrorAsync(patch, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        Assert.Equal(["GET", "PUT", "DELETE"], patch.Content.Headers.Allow);
    }

    [Fact]
    public async Task Put_replaces_the_site_but_keeps_its_tenant_devices_and_services()
    {
        var token = await _api.AccessTokenAsync();
        var device = Id(await _api.CreatedDeviceAsync(token, NewDevice(Sprite)));
        var body = NewSite(Sprite);
        body["description"] = "old";
        body["type"] = "branch";
        body["contact"] = new { name = "Bob", phone = "1" };
        body["location"] = new { latitude = 1.5, longitude = 2.5 };
        body["attributes"] = new { a = "b" };
        body["deviceIds"] = new[] { device };
        body["serviceIds"] = new[] { "svc" };
        var site = await _api.CreatedSiteAsync(token, body);
        var path = $"{Sites}/{Id(site)}";
        var newName = UniqueName("renamed");

        using (var put = await _api.SendAsync(HttpMethod.Put, path + "?sendNotification=true", token,
            Json(new { name = newName, tenantId = Pepsi, deviceIds = Array.Empty<string>() })))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var replaced = await JsonAsync(put);
            Assert.Equal(SiteFields, PropertyNames(replaced));
            Assert.Equal(newName, Text(replaced, "name"));
            foreach (var cleared in new[] { "description", "type", "contact", "location", "attributes", "address", "image", "parentId" })
            {
                Assert.Equal(JsonValueKind.Null, replaced.GetProperty(cleared).ValueKind);
            }

            Assert.Equal(Sprite, Text(replaced, "tenantId"));
            Assert.Equal([device], replaced.GetProperty("devices").EnumerateArray().Select(d => Text(d, "deviceId")));
            Assert.Equal(["svc"], replaced.GetProperty("serviceIds").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(Text(site, "createdOn"), Text(replaced, "createdOn"));
        }

        using (var noName = await _api.SendAsync(HttpMethod.Put, path, token, Json(new { description = "x" })))
        {
            var error = await AssertErrorAsync(noName, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith("name:", Text(error, "message"), StringComparison.Ordinal);
        }

        using (var badFlag = await _api.SendAsync(HttpMethod.Put, path + "?sendNotification=maybe", token, Json(new { name = newName })))
        {
            await AssertErrorAsync(badFlag, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var unknown = await _api.SendAsync(HttpMethod.Put, $"{Sites}/{Guid.NewGuid()}", token, Json(new { name = "x" }));
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Names_are_unique_within_a_tenant_case_insensitively()
    {
        var token = await _api.AccessTokenAsync();
        var name = UniqueName("Office");
        var first = await _api.CreatedSiteAsync(token, NewSite(Coke, name));
        using (var conflict = await _api.PostAsync(Sites, token, NewSite(Coke, name.ToUpperInvariant())))
        {
            await AssertErrorAsync(conflict, HttpStatusCode.Conflict, "SITE_ALREADY_EXISTS");
        }

        await _api.CreatedSiteAsync(token, NewSite(Sprite, name));
        var second = await _api.CreatedSiteAsync(token, NewSite(Coke));
        using (var rename = await _api.SendAsync(HttpMethod.Put, $"{Sites}/{Id(second)}", token, Json(new { name })))
        {
            await AssertErrorAsync(rename, HttpStatusCode.Conflict, "SITE_ALREADY_EXISTS");
        }

        using var ownCase = await _api.SendAsync(HttpMethod.Put, $"{Sites}/{Id(first)}", token, Json(new { name = name.ToLowerInvariant() }));
        Assert.Equal(HttpStatusCode.OK, ownCase.StatusCode);
    }

    public static TheoryData<string, string> InvalidCreateBodies => new()
    {
        { "{\"name\":\"n\"}", "tenantId" },
        { "{\"tenantId\":\"bad\",\"name\":\"n\"}", "tenantId" },
        { "{\"tenantId\":\"00000000-0000-4000-8000-000000000009\",\"name\":\"n\"}", "tenantId" },
        { "{\"tenantId\":\"" + Coke + "\"}", "name" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"\"}", "name" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"type\":\"has space\"}", "type" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"description\":\"" + new string('d', 257) + "\"}", "description" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"contact\":{\"name\":\"a\"}}", "contact.phone" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"contact\":{\"name\":\"a\",\"phone\":\"1\",\"email\":\"nope\"}}", "contact.email" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"location\":{\"latitude\":91,\"longitude\":0}}", "location.latitude" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"location\":{\"latitude\":0}}", "location.longitude" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"address\":{\"formattedAddress\":\"" + new string('a', 257) + "\"}}", "address.formattedAddress" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"attributes\":{\"a\":1}}", "attributes.a" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"deviceIds\":[\"CPE-unknown\"]}", "deviceIds" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"deviceIds\":[\"\"]}", "deviceIds" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"serviceIds\":\"svc\"}", "serviceIds" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"parentId\":\"" + "00000000-0000-4000-8000-000000000009" + "\"}", "parentId" },
        { "{\"tenantId\":\"" + Coke + "\",\"name\":\"n\",\"managingControlPlaneId\":\"" + new string('m', 129) + "\"}", "managingControlPlaneId" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreateBodies))]
    public async Task Invalid_create_bodies_are_400_naming_the_field(string json, string field)
    {
        var token = await _api.AccessTokenAsync();
        using var response = await _api.SendAsync(HttpMethod.Post, Sites, token, json);
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        Assert.StartsWith(field, Text(body, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parents_must_be_sites_of_the_same_tenant_and_may_not_loop()
    {
        var token = await _api.AccessTokenAsync();
        var top = Id(await _api.CreatedSiteAsync(token, NewSite(Coke)));
        var middleBody = NewSite(Coke);
        middleBody["parentId"] = top;
        var middle = await _api.CreatedSiteAsync(token, middleBody);
        Assert.Equal(top, Text(middle, "parentId"));
        var leafBody = NewSite(Coke);
        leafBody["parentId"] = Id(middle);
        var leaf = Id(await _api.CreatedSiteAsync(token, leafBody));

        var foreign = NewSite(Sprite);
        foreign["parentId"] = top;
        using (var other = await _api.PostAsync(Sites, token, foreign))
        {
            await AssertErrorAsync(other, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        foreach (var parent in new[] { leaf, top })
        {
            using var loop = await _api.SendAsync(HttpMethod.Put, $"{Sites}/{top}", token, Json(new { name = UniqueName("top"), parentId = parent }));
            await AssertErrorAsync(loop, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        Assert.Equal([Id(middle)], await _api.PageIdsAsync($"{Sites}?page=0&pageSize=10&parentId={top}", token));

        using (var deleted = await _api.SendAsync(HttpMethod.Delete, $"{Sites}/{top}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var orphan = await _api.OkJsonAsync($"{Sites}/{Id(middle)}", token);
        Assert.Equal(JsonValueKind.Null, orphan.GetProperty("parentId").ValueKind);
        Assert.Equal(Id(middle), Text(await _api.OkJsonAsync($"{Sites}/{leaf}", token), "parentId"));
    }

    [Fact]
    public async Task Add_and_remove_devices_are_all_or_nothing()
    {
        var token = await _api.AccessTokenAsync();
        var withService = NewDevice(Coke);
        withService["serviceInstanceId"] = "instance-7";
        withService["serviceType"] = "manageddevice";
        var d1 = Id(await _api.CreatedDeviceAsync(token, withService));
        var d2 = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));
        var foreign = Id(await _api.CreatedDeviceAsync(token, NewDevice(Sprite)));
        var path = $"{Sites}/{Id(await _api.CreatedSiteAsync(token, NewSite(Coke)))}";

        using (var add = await _api.PostAsync(path + "/devices/add", token, new[] { d1, d2, d1 }))
        {
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);
            var site = await JsonAsync(add);
            Assert.Equal(SiteFields, PropertyNames(site));
            var devices = site.GetProperty("devices").EnumerateArray().ToList();
            Assert.Equal([d1, d2], devices.Select(d => Text(d, "deviceId")));
            Assert.Equal("instance-7", Text(devices[0], "serviceId"));
            Assert.Equal("manageddevice", Text(devices[0], "serviceType"));
            Assert.Equal("Unknown", Text(devices[1], "serviceId"));
            Assert.Equal(JsonValueKind.Null, devices[1].GetProperty("serviceType").ValueKind);
        }

        var before = (await _api.OkJsonAsync(path, token)).ToString();
        var d3 = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));
        foreach (var (suffix, json, status) in new (string, string, HttpStatusCode)[]
        {
            ("/devices/add", Json(new[] { d3, "CPE-unknown" }), HttpStatusCode.NotFound),
            ("/devices/add", Json(new[] { d3, foreign }), HttpStatusCode.BadRequest),
            ("/devices/remove", Json(new[] { d1, "CPE-unknown" }), HttpStatusCode.NotFound),
            ("/devices/add", "[]", HttpStatusCode.BadRequest),
            ("/devices/add", "{\"deviceIds\":[\"" + d3 + "\"]}", HttpStatusCode.BadRequest),
            ("/devices/add", "[42]", HttpStatusCode.BadRequest),
            ("/devices/remove", "[]", HttpStatusCode.BadRequest),
            ("/devices/add", string.Empty, HttpStatusCode.BadRequest),
        })
        {
            using var response = await _api.SendAsync(HttpMethod.Post, path + suffix, token, json);
            await AssertErrorAsync(response, status, status == HttpStatusCode.NotFound ? "NOT_FOUND" : "BAD_REQUEST");
            Assert.Equal(before, (await _api.OkJsonAsync(path, token)).ToString());
        }

        using (var remove = await _api.PostAsync(path + "/devices/remove", token, new[] { d1, d3 }))
        {
            Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
            Assert.Equal([d2], (await JsonAsync(remove)).GetProperty("devices").EnumerateArray().Select(d => Text(d, "deviceId")));
        }

        using (var deleted = await _api.SendAsync(HttpMethod.Delete, $"{Devices}/{d2}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(0, (await _api.OkJsonAsync(path, token)).GetProperty("devices").GetArrayLength());

        using var unknownSite = await _api.PostAsync($"{Sites}/{Guid.NewGuid()}/devices/add", token, new[] { d1 });
        await AssertErrorAsync(unknownSite, HttpStatusCode.NotFound, "NOT_FOUND");
        using var malformedSite = await _api.PostAsync($"{Sites}/nope/devices/add", token, new[] { d1 });
        await AssertErrorAsync(malformedSite, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task A_site_with_devices_may_be_deleted_and_its_devices_stay()
    {
        var token = await _api.AccessTokenAsync();
        var device = Id(await _api.CreatedDeviceAsync(token, NewDevice(Coke)));
        var body = NewSite(Coke);
        body["deviceIds"] = new[] { device };
        var site = Id(await _api.CreatedSiteAsync(token, body));
        using (var deleted = await _api.SendAsync(HttpMethod.Delete, $"{Sites}/{site}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(device, Id(await _api.OkJsonAsync($"{Devices}/{device}", token)));
        using var gone = await _api.GetAsync($"{Sites}/{site}", token);
        await AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Services_are_added_and_removed_by_id()
    {
        var token = await _api.AccessTokenAsync();
        var path = $"{Sites}/{Id(await _api.CreatedSiteAsync(token, NewSite(Coke)))}";
        using (var add = await _api.PostAsync(path + "/services/add", token, new[] { "svc-a", "svc-b" }))
        {
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);
            Assert.Equal(["svc-a", "svc-b"], (await JsonAsync(add)).GetProperty("serviceIds").EnumerateArray().Select(s => s.GetString()));
        }

        using (var again = await _api.PostAsync(path + "/services/add", token, new[] { "svc-b", "svc-c" }))
        {
            Assert.Equal(["svc-a", "svc-b", "svc-c"], (await JsonAsync(again)).GetProperty("serviceIds").EnumerateArray().Select(s => s.GetString()));
        }

        using (var remove = await _api.PostAsync(path + "/services/remove", token, new[] { "svc-a", "svc-x" }))
        {
            Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
            Assert.Equal(["svc-b", "svc-c"], (await JsonAsync(remove)).GetProperty("serviceIds").EnumerateArray().Select(s => s.GetString()));
        }

        using (var empty = await _api.SendAsync(HttpMethod.Post, path + "/services/add", token, "[]"))
        {
            await AssertErrorAsync(empty, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var malformed = await _api.PostAsync($"{Sites}/not-a-uuid/services/remove", token, new[] { "svc-b" });
        await AssertErrorAsync(malformed, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Every_filter_narrows_the_page_one_at_a_time()
    {
        var token = await _api.AccessTokenAsync();
        var parent = await _api.NewTenantAsync();
        var child = await _api.NewTenantAsync(parent);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var deviceBody = NewDevice(parent);
        deviceBody["serviceType"] = "st-" + tag;
        deviceBody["serviceInstanceId"] = "si-" + tag;
        var device = Id(await _api.CreatedDeviceAsync(token, deviceBody));

        var s1Body = NewSite(parent);
        s1Body["deviceIds"] = new[] { device };
        s1Body["type"] = "type-" + tag;
        var s1 = Id(await _api.CreatedSiteAsync(token, s1Body));
        var s2Body = NewSite(parent);
        s2Body["parentId"] = s1;
        s2Body["serviceIds"] = new[] { "svc-" + tag };
        s2Body["managingControlPlaneId"] = "cp-" + tag;
        var s2 = Id(await _api.CreatedSiteAsync(token, s2Body));
        var s3 = Id(await _api.CreatedSiteAsync(token, NewSite(child)));

        var page = $"{Sites}?page=0&pageSize=1000";
        Assert.Equal([s1, s2], await _api.PageIdsAsync($"{page}&tenantId={parent}", token));
        Assert.Equal([s1, s2, s3], await _api.PageIdsAsync($"{page}&tenantId={parent}&includeSubtenants=true", token));
        Assert.Equal([s3], await _api.PageIdsAsync($"{page}&tenantId={child}&includeSubtenants=true", token));
        Assert.Equal([s1], await _api.PageIdsAsync($"{page}&deviceId={device}", token));
        Assert.Equal([s1], await _api.PageIdsAsync($"{page}&serviceType=st-{tag}", token));
        Assert.Equal([s1], await _api.PageIdsAsync($"{page}&serviceId=si-{tag}", token));
        Assert.Equal([s2], await _api.PageIdsAsync($"{page}&serviceId=svc-{tag}", token));
        Assert.Equal([s2], await _api.PageIdsAsync($"{page}&parentId={s1}", token));
        Assert.Equal([s1], await _api.PageIdsAsync($"{page}&type=type-{tag}", token));
        Assert.Equal([s2], await _api.PageIdsAsync($"{page}&managingControlPlaneId=cp-{tag}", token));
        Assert.Empty(await _api.PageIdsAsync($"{page}&parentId=not-a-site", token));

        var first = await _api.OkJsonAsync($"{Sites}?page=0&pageSize=1&tenantId={parent}", token);
        Assert.Equal(PageFields, PropertyNames(first));
        Assert.True(first.GetProperty("hasNext").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("totalItems").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("sortBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("contents")[0].GetProperty("image").ValueKind);
        var second = await _api.OkJsonAsync($"{Sites}?page=1&pageSize=1&tenantId={parent}", token);
        Assert.False(second.GetProperty("hasNext").GetBoolean());
        Assert.True(second.GetProperty("hasPrevious").GetBoolean());

        foreach (var bad in new[] { $"tenantId={parent}&type=x", $"deviceId={device}&serviceId=x", "tenantId=nope",
            "tenantId=00000000-0000-4000-8000-000000000009", "includeSubtenants=sometimes" })
        {
            using var response = await _api.GetAsync($"{page}&{bad}", token);
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        foreach (var bad in new[] { "page=0", "pageSize=10", "page=0&pageSize=1001" })
        {
            using var response = await _api.GetAsync($"{Sites}?{bad}", token);
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }
    }

    [Fact]
    public async Task Roles_limit_sites_to_the_callers_tenants()
    {
        var super = await _api.AccessTokenAsync();
        var admin = await _api.AccessTokenAsync(TenantAdmin);
        var consumer = await _api.AccessTokenAsync(Consumer);
        var pepsiSite = Id(await _api.CreatedSiteAsync(super, NewSite(Pepsi)));
        var cokeSite = Id(await _api.CreatedSiteAsync(admin, NewSite(Coke)));

        using (var create = await _api.PostAsync(Sites, admin, NewSite(Pepsi)))
        {
            await AssertErrorAsync(create, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var read = await _api.GetAsync($"{Sites}/{pepsiSite}", admin))
        {
            await AssertErrorAsync(read, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var add = await _api.PostAsync($"{Sites}/{pepsiSite}/services/add", admin, new[] { "svc" }))
        {
            await AssertErrorAsync(add, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var filter = await _api.GetAsync($"{Sites}?page=0&pageSize=10&tenantId={Pepsi}", admin))
        {
            await AssertErrorAsync(filter, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        var adminSees = await _api.PageIdsAsync($"{Sites}?page=0&pageSize=1000", admin);
        Assert.Contains(cokeSite, adminSees);
        Assert.DoesNotContain(pepsiSite, adminSees);

        Assert.Equal(pepsiSite, Id(await _api.OkJsonAsync($"{Sites}/{pepsiSite}", consumer)));
        var consumerSees = await _api.PageIdsAsync($"{Sites}?page=0&pageSize=1000", consumer);
        Assert.Contains(pepsiSite, consumerSees);
        Assert.DoesNotContain(cokeSite, consumerSees);
        foreach (var (method, path, json) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Post, Sites, Json(NewSite(Pepsi))),
            (HttpMethod.Put, $"{Sites}/{pepsiSite}", "{\"name\":\"x\"}"),
            (HttpMethod.Delete, $"{Sites}/{pepsiSite}", null),
            (HttpMethod.Post, $"{Sites}/{pepsiSite}/services/add", "[\"svc\"]"),
            (HttpMethod.Post, $"{Sites}/{pepsiSite}/devices/remove", "[\"CPE-x\"]"),
        })
        {
            using var response = await _api.SendAsync(method, path, consumer, json);
            await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using var coke = await _api.GetAsync($"{Sites}/{cokeSite}", consumer);
        await AssertErrorAsync(coke, HttpStatusCode.Forbidden, "FORBIDDEN");
    }
}
