using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MsxEmulator.Tests.Support;

/// <summary>Calls of the workflow API (<c>/workflow/api/v8/workflows</c>) and the built-in workflows' ids.</summary>
public static class WorkflowApi
{
    public const string Base = "workflow/api/v8/workflows";
    public const string BackupDeviceId = "2aKVLRN0Nzy4Xh6m7cL5qAQUWrD";
    public const string FailingCheckId = "2aKVLPJDvQAS52gyp2zDqCQChrK";

    /// <summary>Starts a workflow (body <c>{}</c> unless given), asserts 200 and an array of one instance, and returns that instance's id.</summary>
    public static async Task<string> StartedAsync(this MsxApi api, string token, string workflowId, object? body = null)
    {
        using var response = await api.SendAsync(HttpMethod.Post, $"{Base}/{workflowId}/start", token, MsxApi.Json(body ?? new { }));
        var json = await MsxApi.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {json}");
        var instance = Assert.Single(json.EnumerateArray());
        Assert.Equal("created", instance.GetProperty("status").GetProperty("state").GetString());
        return instance.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> InstanceAsync(this MsxApi api, string token, string instanceId)
    {
        using var response = await api.GetAsync($"{Base}/instances/{instanceId}", token);
        var json = await MsxApi.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {json}");
        return json;
    }

    public static async Task<string> StateAsync(this MsxApi api, string token, string instanceId) =>
        State(await api.InstanceAsync(token, instanceId));

    public static string State(JsonElement element) => element.GetProperty("status").GetProperty("state").GetString()!;

    /// <summary>Imports a definition (the export shape) and returns the WorkflowMapping, asserting 201.</summary>
    public static async Task<JsonElement> ImportedAsync(this MsxApi api, string token, object body, string query = "")
    {
        using var response = await api.SendAsync(HttpMethod.Post, Base + query, token, MsxApi.Json(body));
        var json = await MsxApi.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {json}");
        return json;
    }

    /// <summary>A small definition: one required input without default, one output copying it, and the given actions.</summary>
    public static object Definition(string uniqueName, object[]? actions = null, object? properties = null) => new
    {
        workflow = new
        {
            unique_name = uniqueName,
            name = "Test " + uniqueName,
            type = "generic.workflow",
            base_type = "workflow",
            properties = properties ?? new { atomic = new { is_atomic = false } },
            variables = new object[]
            {
                new { properties = new { name = "site", scope = "input", type = "datatype.string", value = "", is_required = true } },
                new { properties = new { name = "copy", scope = "output", type = "datatype.string", value = "{site}" } },
            },
            actions = actions ?? [new { name = "Only step", type = "core.noop" }],
        },
    };

    /// <summary>The value of the instance variable with that name.</summary>
    public static string? Variable(JsonElement instance, string name) =>
        instance.GetProperty("variables").EnumerateArray()
            .Single(v => v.GetProperty("properties").GetProperty("name").GetString() == name)
            .GetProperty("properties").GetProperty("value").GetString();

    /// <summary>The spec's workflow time format (whole seconds, rounded down).</summary>
    public static string Seconds(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool IsKsuid(string? text) =>
        text is { Length: 27 } && text.All(c => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z'));
}
