using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MsxPowerShell.Testing;

namespace MsxEmulator.Tests.Support;

/// <summary>A thin HTTP helper over a running emulator: tokens, JSON calls, and the built-in data.</summary>
public sealed class MsxApi : IDisposable
{
    public const string PrivateClient = "my-test-private-client";
    public const string PrivateSecret = "make-up-a-private-client-secret-and-keep-it-safe";
    public const string RefreshClient = "my-test-refresh-client";
    public const string RefreshSecret = "make-up-another-client-secret-and-keep-it-safe";
    public const string SuperUser = "superuser";
    public const string SuperUserPassword = "FrmedealY((!1[ps=wCBwG!E[%|]Ob7=";
    public const string TenantAdmin = "tenantadmin";
    public const string TenantAdminPassword = "Tenant-Admin-Pa55!";
    public const string Consumer = "consumer";
    public const string ConsumerPassword = "Consumer-Pa55!";
    public const string SwitchTenant = "urn:cisco:nfv:oauth:grant-type:switch-tenant";
    public const string SwitchUser = "urn:cisco:nfv:oauth:grant-type:switch-user";

    public const string DandelionAndBurdock = "1817ec68-e182-4865-8d83-fc13035b4811";
    public const string Coke = "133815cb-2335-474d-8c10-3e635aba94fd";
    public const string Sprite = "8b06bda7-61a0-41cf-9aaa-61af86aeaec5";
    public const string Pepsi = "838a148f-1175-4a11-8ac2-4e4ee0a8e048";

    public MsxApi(Uri baseAddress, HttpMessageHandler? handler = null)
    {
        Http = handler is null ? new HttpClient() : new HttpClient(handler);
        Http.BaseAddress = baseAddress;
        Http.Timeout = TimeSpan.FromSeconds(30);
    }

    public MsxApi(EmulatorProcess emulator)
        : this(emulator.BaseAddress)
    {
    }

    public HttpClient Http { get; }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public Task<HttpResponseMessage> TokenAsync(string clientId, string secret, params (string Name, string Value)[] form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "idm/v2/token")
        {
            Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + secret)));
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PasswordAsync(string username, string password, string clientId = PrivateClient, string secret = PrivateSecret) =>
        TokenAsync(clientId, secret, ("grant_type", "password"), ("username", username), ("password", password));

    public async Task<JsonElement> TokenBodyAsync(string username = SuperUser, string? password = null, string clientId = PrivateClient, string secret = PrivateSecret)
    {
        password ??= username switch
        {
            SuperUser => SuperUserPassword,
            TenantAdmin => TenantAdminPassword,
            _ => ConsumerPassword,
        };
        using var response = await PasswordAsync(username, password, clientId, secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public async Task<string> AccessTokenAsync(string username = SuperUser) =>
        (await TokenBodyAsync(username)).GetProperty("access_token").GetString()!;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token) => SendAsync(HttpMethod.Get, path, token);

    public static string Json(object value) => JsonSerializer.Serialize(value);

    public Task<HttpResponseMessage> CreateTenantAsync(string token, object body) =>
        SendAsync(HttpMethod.Post, "idm/api/v8/tenants", token, Json(body));

    /// <summary>Creates a tenant and returns its JSON, asserting 201.</summary>
    public async Task<JsonElement> CreatedTenantAsync(string token, object body)
    {
        using var response = await CreateTenantAsync(token, body);
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {json}");
        return json;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the status and the spec's Error body code, returning the body.</summary>
    public static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await JsonAsync(response);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        return body;
    }

    /// <summary>Asserts the status and the RFC 6749 error, returning the body.</summary>
    public static async Task<JsonElement> AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await JsonAsync(response);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.True(body.TryGetProperty("error_description", out _));
        return body;
    }

    public static string[] PropertyNames(JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).ToArray();

    public void Dispose() => Http.Dispose();
}
