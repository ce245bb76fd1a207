using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using MsxEmulator.Tests.Support;
using static MsxEmulator.Tests.Support.MsxApi;

namespace MsxEmulator.Tests;

/// <summary>The spec-driven layer: every operation the hand-written routes do not serve, answered from the spec.</summary>
public sealed class SpecLayerTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    /// <summary>The operations the hand-written routes serve (their own tests exercise them, with real ids).</summary>
    private static readonly HashSet<string> HandWritten =
    [
        "getAccessToken", "getRolesList", "getRoleByName", "getTenantsPage", "createTenant", "getTenantsList", "deleteTenant", "getTenant",
        "updateTenant", "getTenantByExternalId", "getUsersPage", "createUser", "deleteUser", "getUser", "updateUser", "getCurrentUser",
        "updateUserPassword", "getDevicesPage", "createDevice", "deleteDevice", "getDevice", "patchDevice", "updateDevice", "getDeviceConfig",
        "updateDeviceConfig", "redeployDevice", "getSitesPage", "createSite", "deleteSite", "getSite", "updateSite", "addDevicesToSite",
        "removeDevicesFromSite", "addServicesToSite", "removeServicesFromSite", "getDevicesHealthList", "importWorkflow", "getWorkflowsList",
        "deleteWorkflow", "getWorkflow", "exportWorkflow", "startWorkflow", "getWorkflowStartConfig", "getWorkflowInstancesList",
        "deleteWorkflowInstance", "getWorkflowInstance", "cancelWorkflowInstance", "createWorkflowTarget", "getWorkflowTargetsList",
        "deleteWorkflowTarget", "getWorkflowTarget", "updateWorkflowTarget",
    ];

    private readonly MsxApi _api = fixture.Api;

    [Fact]
    public async Task Every_operation_the_hand_written_routes_do_not_serve_answers_2xx_in_the_declared_shape()
    {
        var token = await _api.AccessTokenAsync();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var walked = 0;
        foreach (var op in SpecWalk.Operations.Where(o => !HandWritten.Contains(o.OperationId)).OrderBy(SpecWalk.Order).ThenBy(o => o.Template, StringComparer.Ordinal))
        {
            walked++;
            using var request = Request(op, ids, token);
            using var response = await _api.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode is < 200 or >= 300)
            {
                failures.Add($"{op} {request.RequestUri}: {(int)response.StatusCode} {text}");
                continue;
            }

            var declared = op.Model.Responses!.Keys.First(k => k.StartsWith('2'));
            if (declared != ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                failures.Add($"{op}: answered {(int)response.StatusCode}, the spec declares {declared} first");
            }

            if (op.Method == "POST" && !op.EndsInParameter && text.Length > 0 && JsonNode.Parse(text) is { } created)
            {
                var item = created is JsonArray { Count: > 0 } array ? array[0] : created;
                if (item is JsonObject obj && obj["id"] is JsonValue id)
                {
                    ids[op.Template] = id.ToString();
                }
            }
        }

        Assert.True(walked > 100, $"only {walked} operations walked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    public static TheoryData<string> Collections() => new()
    {
        "/consume/api/v8/products",
        "/incident/api/v1/incidents",
        "/manage/api/v8/devicetemplates",
        "/billing/api/v8/prices",
        "/workflow/api/v8/categories",
    };

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task A_collection_stores_what_is_created_and_acts_on_it_until_it_is_deleted(string collection)
    {
        var token = await _api.AccessTokenAsync();
        var create = SpecWalk.Operations.Single(o => o.Method == "POST" && o.Template == collection);
        var item = SpecWalk.Operations.First(o => o.Method == "GET" && o.Template.StartsWith(collection + "/{", StringComparison.Ordinal) && o.Segments.Length == create.Segments.Length + 1);
        var body = (JsonObject)SpecWalk.Body(RequestSchema(create))!;
        var marker = UniqueName("walk");
        var textField = StringProperty(RequestSchema(create)!, body);
        body[textField] = marker;

        using var created = await _api.SendAsync(HttpMethod.Post, WithQuery(create, collection), token, body.ToJsonString());
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True((int)created.StatusCode is 201 or 202, $"create: {(int)created.StatusCode} {createdText}");
        var stored = JsonNode.Parse(createdText)!.AsObject();
        var id = stored["id"]!.ToString();
        Assert.Equal(marker, stored[textField]!.ToString());

        var itemPath = collection + "/" + id;
        using (var read = await _api.GetAsync(itemPath, token))
        {
            var readBody = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(id, readBody["id"]!.ToString());
            Assert.Equal(marker, readBody[textField]!.ToString());
        }

        var list = SpecWalk.Operations.FirstOrDefault(o => o.Method == "GET" && (o.Template == collection || o.Template == collection + "/list"));
        if (list is not null)
        {
            var query = string.Join('&', (list.Model.Parameters ?? []).Where(p => p.Required || p.Name is "page" or "pageSize")
                .Select(p => $"{p.Name}={(p.Name == "page" ? "0" : p.Name == "pageSize" ? "1000" : Uri.EscapeDataString(SpecWalk.ParameterValue(p)))}"));
            using var listed = await _api.GetAsync(list.Template + (query.Length > 0 ? "?" + query : string.Empty), token);
            var listText = await listed.Content.ReadAsStringAsync();
            Assert.True(listed.StatusCode == HttpStatusCode.OK, listText);
            var items = JsonNode.Parse(listText) is JsonObject page ? page["contents"]!.AsArray() : JsonNode.Parse(listText)!.AsArray();
            Assert.Contains(items, i => i?["id"]?.ToString() == id);
        }

        var update = SpecWalk.Operations.FirstOrDefault(o => o.Method is "PUT" or "PATCH" && o.Template == item.Template);
        if (update is not null)
        {
            var change = (JsonObject)SpecWalk.Body(RequestSchema(update))!;
            var changed = UniqueName("changed");
            change[textField] = changed;
            using var updated = await _api.SendAsync(new HttpMethod(update.Method), WithQuery(update, itemPath), token, change.ToJsonString());
            Assert.True(updated.IsSuccessStatusCode, await updated.Content.ReadAsStringAsync());
            using var reread = await _api.GetAsync(itemPath, token);
            Assert.Equal(changed, JsonNode.Parse(await reread.Content.ReadAsStringAsync())![textField]!.ToString());
            Assert.Equal(id, JsonNode.Parse(await reread.Content.ReadAsStringAsync())!["id"]!.ToString());
        }

        using (var deleted = await _api.SendAsync(HttpMethod.Delete, itemPath, token))
        {
            Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        }

        using (var gone = await _api.GetAsync(itemPath, token))
        {
            await AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var again = await _api.SendAsync(HttpMethod.Delete, itemPath, token);
        await AssertErrorAsync(again, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task A_create_that_breaks_the_request_schema_is_400_naming_the_field(string collection)
    {
        var token = await _api.AccessTokenAsync();
        var create = SpecWalk.Operations.Single(o => o.Method == "POST" && o.Template == collection);
        var schema = RequestSchema(create)!;
        var good = (JsonObject)SpecWalk.Body(schema)!;

        var required = Required(schema).FirstOrDefault();
        if (required is not null)
        {
            var missing = (JsonObject)good.DeepClone();
            missing.Remove(required);
            using var response = await _api.SendAsync(HttpMethod.Post, WithQuery(create, collection), token, missing.ToJsonString());
            var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith(required + ":", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var field = StringProperty(schema, good);
        var wrongType = (JsonObject)good.DeepClone();
        wrongType[field] = 12345;
        using (var response = await _api.SendAsync(HttpMethod.Post, WithQuery(create, collection), token, wrongType.ToJsonString()))
        {
            var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.Equal($"{field}: must be a string", error.GetProperty("message").GetString());
        }

        using (var notAnObject = await _api.SendAsync(HttpMethod.Post, WithQuery(create, collection), token, "[1, 2]"))
        {
            await AssertErrorAsync(notAnObject, HttpStatusCode.BadRequest, "BAD_REQUEST");
        }

        using var notJson = await _api.SendAsync(HttpMethod.Post, WithQuery(create, collection), token, "{", "application/json");
        await AssertErrorAsync(notJson, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Changes_need_the_permission_and_every_call_a_token(string collection)
    {
        var create = SpecWalk.Operations.Single(o => o.Method == "POST" && o.Template == collection);
        var body = SpecWalk.Body(RequestSchema(create))!.ToJsonString();
        using (var consumer = await _api.SendAsync(HttpMethod.Post, WithQuery(create, collection), await _api.AccessTokenAsync(Consumer), body))
        {
            await AssertErrorAsync(consumer, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using var anonymous = await _api.SendAsync(HttpMethod.Post, WithQuery(create, collection), null, body);
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Theory]
    [InlineData("/consume/api/v8/products?page=0&pageSize=10", "Managed SD-WAN")]
    [InlineData("/consume/api/v8/offers?page=0&pageSize=10", "SD-WAN Standard")]
    [InlineData("/manage/api/v8/devicetemplates/list", "branch-base-config")]
    [InlineData("/workflow/api/v8/categories/list", "operations")]
    public async Task The_built_in_data_has_something_in_each_area(string path, string name)
    {
        using var response = await _api.GetAsync(path, await _api.AccessTokenAsync(Consumer));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var items = JsonNode.Parse(text) is JsonObject page ? page["contents"]!.AsArray() : JsonNode.Parse(text)!.AsArray();
        Assert.Contains(items, i => i?["name"]?.ToString() == name);
    }

    [Fact]
    public async Task Unknown_paths_stay_404_and_a_bad_parameter_is_400()
    {
        var token = await _api.AccessTokenAsync();
        using (var unknown = await _api.GetAsync("consume/api/v8/widgets", token))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var badPage = await _api.GetAsync("consume/api/v8/products?page=first&pageSize=10", token))
        {
            var error = await AssertErrorAsync(badPage, HttpStatusCode.BadRequest, "BAD_REQUEST");
            Assert.StartsWith("page:", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using var badId = await _api.GetAsync("consume/api/v8/products/not-a-uuid", token);
        var idError = await AssertErrorAsync(badId, HttpStatusCode.BadRequest, "BAD_REQUEST");
        Assert.StartsWith("id:", idError.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(WalkOperation op, Dictionary<string, string> ids, string token)
    {
        var parameters = op.Model.Parameters ?? [];
        var segments = new List<string>();
        for (var i = 0; i < op.Segments.Length; i++)
        {
            var segment = op.Segments[i];
            if (!segment.StartsWith('{'))
            {
                segments.Add(segment);
                continue;
            }

            var prefix = "/" + string.Join('/', op.Segments[..i]);
            var parameter = parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Name == segment.Trim('{', '}'));
            segments.Add(Uri.EscapeDataString(ids.GetValueOrDefault(prefix) ?? (parameter is null ? "walk" : SpecWalk.ParameterValue(parameter))));
        }

        var query = parameters.Where(p => p.In == ParameterLocation.Query && (p.Required || p.Name is "page" or "pageSize"))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Name == "page" ? "0" : p.Name == "pageSize" ? "10" : SpecWalk.ParameterValue(p))}");
        var uri = string.Join('/', segments) + (query.Any() ? "?" + string.Join('&', query) : string.Empty);
        var request = new HttpRequestMessage(new HttpMethod(op.Method), uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (op.Model.RequestBody?.Content is { Count: > 0 } content)
        {
            var (type, media) = content.First();
            if (type.Contains("json", StringComparison.Ordinal))
            {
                request.Content = new StringContent(SpecWalk.Body(media.Schema)?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
            }
            else
            {
                var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("hostname {{name}}")), "file", "template.j2" } };
                request.Content = form;
            }
        }

        return request;
    }

    /// <summary>The template's path with the query of its required parameters.</summary>
    private static string WithQuery(WalkOperation op, string path)
    {
        var query = (op.Model.Parameters ?? []).Where(p => p.In == ParameterLocation.Query && p.Required)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(SpecWalk.ParameterValue(p))}").ToList();
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    private static IOpenApiSchema? RequestSchema(WalkOperation op) => op.Model.RequestBody?.Content?.First().Value.Schema;

    private static List<string> Required(IOpenApiSchema schema) =>
        [.. (schema.Required ?? new HashSet<string>()).Concat((schema.AllOf ?? []).SelectMany(Required)).Order(StringComparer.Ordinal)];

    /// <summary>A plain string property of the body's schema (no format, enum or pattern), preferring name.</summary>
    private static string StringProperty(IOpenApiSchema schema, JsonObject body)
    {
        var candidates = Properties(schema)
            .Where(p => p.Value.Type == JsonSchemaType.String && p.Value.Format is null && p.Value.Enum is not { Count: > 0 } && p.Value.Pattern is null
                && (p.Value.MaxLength ?? int.MaxValue) >= 64)
            .Select(p => p.Key)
            .ToList();
        return candidates.FirstOrDefault(c => c == "name") ?? candidates.FirstOrDefault(body.ContainsKey)
            ?? throw new InvalidOperationException("No plain string property in " + string.Join(", ", Properties(schema).Select(p => $"{p.Key}:{p.Value.Type}")));
    }

    private static IEnumerable<KeyValuePair<string, IOpenApiSchema>> Properties(IOpenApiSchema schema) =>
        (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Concat((schema.AllOf ?? []).SelectMany(Properties));
}
