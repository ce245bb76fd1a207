using System.Text.Json;

namespace MsxContract.Tests;

/// <summary>The checker itself, on exchanges made up here: each rule finds what it should and nothing else.</summary>
public sealed class CheckerTests
{
    private const string TenantJson = """
        {"id":"1817ec68-e182-4865-8d83-fc13035b4811","createdOn":"2020-08-06T21:43:17.941Z","modifiedOn":"2020-08-06T21:43:17.941Z",
         "suspended":false,"name":"Acme","description":"","url":"","image":null,"parentId":null,"numberOfChildren":0}
        """;

    private static ContractChecker Checker => new(OpenApiSpec.Instance);

    private static RecordedExchange Exchange(string method, string path, int status, string? responseBody = null,
        string? responseType = "application/json", string? requestBody = null, string? requestType = null, bool fault = false, string query = "") =>
        new(method, path, query, requestType, requestBody, false, status, responseBody is null ? null : responseType, responseBody, false, fault, false, "test");

    private static List<string> Rules(RecordedExchange exchange) => Checker.Check(exchange).Select(v => v.Rule + ": " + v.Detail).ToList();

    [SpecFact]
    public void A_valid_page_and_an_error_body_pass()
    {
        var page = $$"""{"page":0,"pageSize":1,"totalItems":null,"hasNext":true,"hasPrevious":false,"sortBy":null,"sortOrder":null,"contents":[{{TenantJson}}]}""";
        Assert.Empty(Rules(Exchange("GET", "/idm/api/v8/tenants", 200, page, query: "?page=0&pageSize=1")));
        Assert.Empty(Rules(Exchange("GET", "/idm/api/v8/tenants/x", 400, """{"code":"BAD_REQUEST","message":"id: not a uuid"}""")));
    }

    [SpecFact]
    public void A_body_that_breaks_its_schema_is_reported_with_the_place()
    {
        var tenant = TenantJson.Replace("\"createdOn\":\"2020-08-06T21:43:17.941Z\"", "\"createdOn\":\"yesterday\"", StringComparison.Ordinal)
            .Replace("\"numberOfChildren\":0", "\"numberOfChildren\":\"none\"", StringComparison.Ordinal);
        var rules = Rules(Exchange("GET", "/idm/api/v8/tenants/list", 200, $"[{tenant}]", query: "?ids=1817ec68-e182-4865-8d83-fc13035b4811"));
        Assert.Contains(rules, r => r.Contains("/*/createdOn: format", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Contains("/*/numberOfChildren: type", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.StartsWith("response body (200) does not match the schema", StringComparison.Ordinal));
    }

    [SpecFact]
    public void A_request_body_the_module_sent_is_held_to_its_schema_whatever_the_answer()
    {
        const string error = """{"code":"NOT_FOUND","message":"m"}""";
        const string nullFirstName = """{"firstName":null,"lastName":"L","email":"l@example.com","roleIds":[],"tenantIds":[]}""";
        var path = "/idm/api/v8/users/1817ec68-e182-4865-8d83-fc13035b4811";
        var fromModule = Exchange("PUT", path, 404, error, requestBody: nullFirstName, requestType: "application/json") with { UserAgent = "MsxPowerShell/0.11.0" };
        Assert.Contains(Rules(fromModule), r => r.StartsWith("request body does not match the schema: /firstName: type", StringComparison.Ordinal));
        Assert.Empty(Rules(fromModule with { RequestBody = nullFirstName.Replace("\"firstName\":null,", string.Empty, StringComparison.Ordinal) }));

        // A test's own client may send a broken body on purpose: held to the schema only where the server accepted it.
        var fromTest = Exchange("PUT", path, 404, error, requestBody: nullFirstName, requestType: "application/json");
        Assert.Empty(Rules(fromTest));
    }

    [SpecFact]
    public void Nullable_follows_OpenAPI_3_0_including_a_nullable_allOf()
    {
        var spec = OpenApiSpec.Instance;
        using var nothing = JsonDocument.Parse("null");
        Assert.Empty(OpenApiSpec.Problems(spec.Component("WorkflowSchema"), nothing.RootElement));
        Assert.NotEmpty(OpenApiSpec.Problems(spec.Component("Tenant"), nothing.RootElement));
        using var header = JsonDocument.Parse("""{"sortOrder":null,"sortBy":null,"totalItems":null}""");
        Assert.Empty(OpenApiSpec.Problems(spec.Component("PageHeader"), header.RootElement));
        using var badOrder = JsonDocument.Parse("""{"sortOrder":"up"}""");
        Assert.NotEmpty(OpenApiSpec.Problems(spec.Component("PageHeader"), badOrder.RootElement));
    }

    [SpecFact]
    public void Statuses_must_be_declared_except_401_default_and_the_notes_additions()
    {
        Assert.Contains(Rules(Exchange("GET", "/idm/api/v8/tenants/1817ec68-e182-4865-8d83-fc13035b4811", 418, """{"code":"X","message":"m"}""")),
            r => r.StartsWith("status not declared: 418", StringComparison.Ordinal));
        Assert.Empty(Rules(Exchange("GET", "/idm/api/v8/users/current", 401, """{"code":"UNAUTHENTICATED","message":"m"}""")));
        Assert.Empty(Rules(Exchange("POST", "/idm/v2/token", 400, """{"error":"invalid_grant","error_description":"Bad credentials"}""",
            requestBody: "grant_type=password", requestType: "application/x-www-form-urlencoded")));
        Assert.Empty(Rules(Exchange("POST", "/idm/api/v8/tenants", 409, """{"code":"TENANT_ALREADY_EXISTS","message":"m"}""")));
        Assert.Contains(Rules(Exchange("POST", "/idm/api/v8/tenants", 409, """{"code":409}""")),
            r => r.Contains("code: type", StringComparison.Ordinal));
        Assert.Contains(Rules(Exchange("DELETE", "/idm/api/v8/tenants/1817ec68-e182-4865-8d83-fc13035b4811", 412, null)),
            r => r.StartsWith("status not declared", StringComparison.Ordinal));
    }

    [SpecFact]
    public void Paths_and_methods_not_in_the_spec_may_only_answer_404_405_or_401()
    {
        Assert.Empty(Rules(Exchange("GET", "/idm/api/v8/nowhere", 404, """{"code":"NOT_FOUND","message":"m"}""")));
        Assert.Empty(Rules(Exchange("PATCH", "/idm/api/v8/tenants/1817ec68-e182-4865-8d83-fc13035b4811", 405, """{"code":"METHOD_NOT_ALLOWED","message":"m"}""")));
        Assert.Contains(Rules(Exchange("GET", "/idm/api/v8/nowhere", 200, "{}")), r => r.StartsWith("operation not in the spec", StringComparison.Ordinal));
        Assert.Contains(Rules(Exchange("PATCH", "/idm/api/v8/tenants/1817ec68-e182-4865-8d83-fc13035b4811", 200, "{}")),
            r => r.Contains("is not a method of this path", StringComparison.Ordinal));
        Assert.Empty(Rules(Exchange("POST", "/idm/v2/logout", 204)));
        Assert.NotEmpty(Rules(Exchange("POST", "/idm/v2/logout", 200, "{}")));
    }

    [SpecFact]
    public void A_concrete_path_wins_over_a_templated_one()
    {
        Assert.Equal("GET /idm/api/v8/tenants/list (getTenantsList)",
            Checker.KeyOf(Exchange("GET", "/idm/api/v8/tenants/list", 200, "[]")));
        Assert.Equal("GET /idm/api/v8/tenants/{id} (getTenant)",
            Checker.KeyOf(Exchange("GET", "/idm/api/v8/tenants/1817ec68-e182-4865-8d83-fc13035b4811", 404, """{"code":"NOT_FOUND","message":"m"}""")));
    }

    [SpecFact]
    public void Request_bodies_are_checked_for_successful_calls_only()
    {
        var created = Exchange("POST", "/idm/api/v8/tenants", 201, TenantJson, requestBody: """{"description":"no name"}""", requestType: "application/json");
        Assert.Contains(Rules(created), r => r.StartsWith("request body does not match the schema: (root): required", StringComparison.Ordinal));
        var refused = created with { Status = 400, ResponseBody = """{"code":"BAD_REQUEST","message":"name: required"}""" };
        Assert.Empty(Rules(refused));
        var wrongType = created with { RequestBody = """{"name":"Acme"}""", RequestContentType = "text/plain" };
        Assert.Contains(Rules(wrongType), r => r.StartsWith("request content type not declared", StringComparison.Ordinal));
    }

    [SpecFact]
    public void Content_types_and_missing_bodies_are_checked_and_faults_are_skipped()
    {
        var id = "/idm/api/v8/tenants/1817ec68-e182-4865-8d83-fc13035b4811";
        Assert.Contains(Rules(Exchange("GET", id, 200, "<html/>", responseType: "text/html")),
            r => r.StartsWith("response content type not declared", StringComparison.Ordinal));
        Assert.Contains(Rules(Exchange("GET", id, 200)), r => r.StartsWith("response body missing", StringComparison.Ordinal));
        Assert.Contains(Rules(Exchange("GET", id, 200, "{not json")), r => r.Contains("malformed JSON", StringComparison.Ordinal));
        Assert.Empty(Rules(Exchange("GET", id, 599, "<html>proxy</html>", responseType: "text/html", fault: true)));
        Assert.Empty(Rules(Exchange("DELETE", id, 204)));
    }
}
