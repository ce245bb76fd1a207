using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>The spec's <c>AccessToken</c>, plus <c>refresh_token</c> which servers add when they issue one.</summary>
internal sealed class AccessTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; set; }

    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    [JsonPropertyName("firstName")]
    public string? FirstName { get; set; }

    [JsonPropertyName("lastName")]
    public string? LastName { get; set; }

    [JsonPropertyName("roles")]
    public string[]? Roles { get; set; }

    [JsonPropertyName("tenantId")]
    public Guid? TenantId { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("username")]
    public string? UserName { get; set; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; set; }
}

/// <summary>RFC 6749 error body of the token endpoint.</summary>
internal sealed class OAuthErrorBody
{
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; set; }
}

/// <summary>The spec's <c>Error</c> body of the v8 APIs.</summary>
internal sealed class ApiErrorBody
{
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

/// <summary>The spec's <c>TenantCreate</c>; nulls are left out so the server applies its defaults.</summary>
public sealed class TenantCreateBody
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonPropertyName("url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; set; }

    [JsonPropertyName("email")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; set; }

    [JsonPropertyName("parentId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ParentId { get; set; }

    [JsonPropertyName("externalId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExternalId { get; set; }
}

/// <summary>The spec's <c>TenantUpdate</c>. PUT replaces, so every field is written, nulls included.</summary>
public sealed class TenantUpdateBody
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(OAuthErrorBody))]
[JsonSerializable(typeof(ApiErrorBody))]
[JsonSerializable(typeof(MsxPage<MsxTenant>))]
[JsonSerializable(typeof(MsxPage<MsxJsonItem>))]
[JsonSerializable(typeof(List<MsxJsonItem>))]
[JsonSerializable(typeof(MsxJsonItem))]
[JsonSerializable(typeof(MsxTenant))]
[JsonSerializable(typeof(List<MsxTenant>))]
[JsonSerializable(typeof(MsxUser))]
[JsonSerializable(typeof(TenantCreateBody))]
[JsonSerializable(typeof(TenantUpdateBody))]
internal sealed partial class MsxJsonContext : JsonSerializerContext
{
}
