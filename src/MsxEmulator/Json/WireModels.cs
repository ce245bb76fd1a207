using System.Text.Json.Serialization;

namespace MsxEmulator.Json;

/// <summary>The spec's <c>Error</c> body.</summary>
public sealed record ErrorBody(string Code, string Message);

/// <summary>An RFC 6749 token endpoint error.</summary>
public sealed record OAuthErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);

/// <summary>
/// The spec's <c>AccessToken</c>, plus <c>refresh_token</c> when one is issued. The spec's strings are not
/// nullable, so a user without a first name, last name, email or tenant gets no such field (not null).
/// </summary>
public sealed record AccessTokenBody(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("firstName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FirstName,
    [property: JsonPropertyName("lastName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastName,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("tenantId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? TenantId,
    [property: JsonPropertyName("email"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("expiry")] string Expiry,
    [property: JsonPropertyName("iat")] string Iat,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken);

/// <summary>The spec's <c>Tenant</c>; email and externalId are left out when null (decision 6).</summary>
public sealed record TenantBody(
    Guid Id,
    string CreatedOn,
    string ModifiedOn,
    bool? Suspended,
    string Name,
    string? Description,
    string? Url,
    string? Image,
    Guid? ParentId,
    long? NumberOfChildren,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExternalId);

/// <summary>The spec's <c>User</c>, as every users operation answers it; firstName (optional, not nullable) is left out when there is none.</summary>
public sealed record UserBody(
    Guid Id,
    string Status,
    string Deleted,
    string Username,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FirstName,
    string? LastName,
    string? Email,
    IReadOnlyList<Guid> RoleIds,
    IReadOnlyList<Guid> TenantIds,
    string PasswordPolicyName,
    string? Locale,
    string? Password);

/// <summary>A fault as posted to <c>/_emulator/faults</c>.</summary>
public sealed class FaultRequest
{
    public string? Method { get; set; }

    public string? Path { get; set; }

    public int? Status { get; set; }

    public int? Count { get; set; }

    public int? RetryAfterSeconds { get; set; }

    public int? DelayMs { get; set; }

    public bool? Drop { get; set; }

    public bool? AfterCommit { get; set; }

    public string? Body { get; set; }

    public string? ContentType { get; set; }

    /// <summary>The chance (0..1] that a matching request takes the fault; default 1.</summary>
    public double? Probability { get; set; }
}

/// <summary>A stored fault; <c>count</c> is what is left of it.</summary>
public sealed record FaultBody(
    string Id,
    string? Method,
    string? Path,
    int? Status,
    int Count,
    int? RetryAfterSeconds,
    int DelayMs,
    bool Drop,
    bool AfterCommit,
    string? Body,
    string? ContentType,
    double Probability);

/// <summary>One entry of the request log.</summary>
public sealed record RequestEntryBody(string Method, string Path, string Query, int Status, string At);

/// <summary>The answer of <c>/_emulator/stats</c>.</summary>
public sealed record StatsBody(long Requests, long TokenRequests, int Tenants);
