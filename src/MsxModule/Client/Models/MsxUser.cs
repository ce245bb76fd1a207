using System;
using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>An MSX user, as the spec's <c>User</c> schema describes it (<c>status</c> and <c>deleted</c> are strings there).</summary>
public sealed class MsxUser : MsxObject
{
    [JsonPropertyName("id")]
    public Guid Id { get; set; }

    [JsonPropertyName("username")]
    public string UserName { get; set; } = string.Empty;

    [JsonPropertyName("firstName")]
    public string? FirstName { get; set; }

    [JsonPropertyName("lastName")]
    public string? LastName { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("deleted")]
    public string? Deleted { get; set; }

    [JsonPropertyName("roleIds")]
    public Guid[] RoleIds { get; set; } = Array.Empty<Guid>();

    [JsonPropertyName("tenantIds")]
    public Guid[] TenantIds { get; set; } = Array.Empty<Guid>();

    [JsonPropertyName("locale")]
    public string? Locale { get; set; }

    [JsonPropertyName("passwordPolicyName")]
    public string? PasswordPolicyName { get; set; }

    /// <summary>Role names from the token response (the User schema carries only role ids).</summary>
    [JsonIgnore]
    public string[] Roles { get; set; } = Array.Empty<string>();

    public override string ToString() => UserName;
}
