using System.Net;
using System.Text.Json;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests.Support;

/// <summary>Calls and bodies for the sites, devices and health tests.</summary>
public static class ManageApi
{
    public const string Devices = "manage/api/v8/devices";
    public const string Sites = "manage/api/v8/sites";
    public const string DeviceHealth = "monitor/api/v8/health/devices/list";

    public static readonly string[] DeviceFields =
    [
        "id", "name", "model", "type", "subType", "tags", "serialKey", "version", "serviceInstanceId", "subscriptionId",
        "serviceType", "managed", "onboardType", "onboardInformation", "attributes", "complianceState", "vulnerabilityState",
        "status", "statusDetails", "tenantId", "providerId", "userId", "createdOn", "modifiedOn",
    ];

    public static readonly string[] SiteFields =
    [
        "id", "tenantId", "parentId", "name", "type", "description", "address", "contact", "image", "managingControlPlaneId",
        "attributes", "devices", "serviceIds", "location", "status", "createdOn", "createdBy", "modifiedOn", "modifiedBy",
    ];

    public static readonly string[] PageFields = ["page", "pageSize", "totalItems", "hasNext", "hasPrevious", "sortBy", "sortOrder", "contents"];

    /// <summary>A DeviceCreate body with the required fields; tests add or replace entries.</summary>
    public static Dictionary<string, object?> NewDevice(string tenantId, string? name = null) => new()
    {
        ["tenantId"] = tenantId,
        ["name"] = name ?? UniqueName("device"),
        ["model"] = "CISCO CSR 1000v",
        ["type"] = "CISCO CSR 1000v",
        ["onboardType"] = "direct",
    };

    /// <summary>A SiteCreate body with the required fields.</summary>
    public static Dictionary<string, object?> NewSite(string tenantId, string? name = null) => new()
    {
        ["tenantId"] = tenantId,
        ["name"] = name ?? UniqueName("site"),
    };

    public static Task<HttpResponseMessage> PostAsync(this MsxApi api, string path, string? token, object body) =>
        api.SendAsync(HttpMethod.Post, path, token, Json(body));

    /// <summary>Creates a device and returns its JSON, asserting 201.</summary>
    public static async Task<JsonElement> CreatedDeviceAsync(this MsxApi api, string token, object body) =>
        await CreatedAsync(api, Devices, token, body);

    public static async Task<JsonElement> CreatedSiteAsync(this MsxApi api, string token, object body) =>
        await CreatedAsync(api, Sites, token, body);

    /// <summary>A new top-level tenant (or a child of <paramref name="parentId"/>), made by the superuser; returns its id.</summary>
    public static async Task<string> NewTenantAsync(this MsxApi api, string? parentId = null)
    {
        var token = await api.AccessTokenAsync();
        var tenant = await api.CreatedTenantAsync(token, new { name = UniqueName("manage-tenant"), parentId });
        return tenant.GetProperty("id").GetString()!;
    }

    /// <summary>Calls GET and asserts 200, returning the JSON.</summary>
    public static async Task<JsonElement> OkJsonAsync(this MsxApi api, string path, string? token)
    {
        using var response = await api.GetAsync(path, token);
        var body = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: expected 200, got {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>The ids of a page's contents, in order.</summary>
    public static async Task<string[]> PageIdsAsync(this MsxApi api, string path, string token) =>
        (await api.OkJsonAsync(path, token)).GetProperty("contents").EnumerateArray().Select(Id).ToArray();

    public static string Id(JsonElement item) => item.GetProperty("id").GetString()!;

    public static string Text(JsonElement item, string name) => item.GetProperty(name).GetString()!;

    public static async Task<JsonElement> SetHealthAsync(this MsxApi api, string deviceId, string status, string? description = null)
    {
        using var response = await api.SendAsync(HttpMethod.Put, $"_emulator/devices/{deviceId}/health", null, Json(new { status, description }));
        var body = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task<JsonElement> CreatedAsync(MsxApi api, string path, string token, object body)
    {
        using var response = await api.PostAsync(path, token, body);
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: expected 201, got {(int)response.StatusCode}: {json}");
        return json;
    }
}
