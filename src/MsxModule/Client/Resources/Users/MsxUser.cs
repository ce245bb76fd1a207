using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>
/// An MSX user, as the spec's <c>User</c> schema describes it. On the wire <c>status</c> and <c>deleted</c>
/// are strings (<c>"true"</c>); here they are the booleans <see cref="Enabled"/> and <see cref="Deleted"/>.
/// </summary>
public sealed class MsxUser : MsxObject
{
    private Guid[] _roleIds = Array.Empty<Guid>();
    private Guid[] _tenantIds = Array.Empty<Guid>();

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

    /// <summary>False only when the server says the user is disabled (<c>status</c> "false").</summary>
    [JsonIgnore]
    public bool Enabled => !WireBoolean.IsFalse(StatusText);

    /// <summary>True for a user removed with Remove-MsxUser: MSX keeps it (and its name) as deleted.</summary>
    [JsonIgnore]
    public bool Deleted => WireBoolean.IsTrue(DeletedText);

    /// <summary>
    /// Role names beside <see cref="RoleIds"/>: resolved through the session's role cache for users read with
    /// Get-MsxUser, taken from the token for Get-MsxCurrentUser. An id the server does not know stays an id.
    /// </summary>
    [JsonIgnore]
    public string[] Roles { get; set; } = Array.Empty<string>();

    [JsonPropertyName("roleIds")]
    public Guid[] RoleIds
    {
        get => _roleIds;
        set => _roleIds = value ?? Array.Empty<Guid>();
    }

    [JsonPropertyName("tenantIds")]
    public Guid[] TenantIds
    {
        get => _tenantIds;
        set => _tenantIds = value ?? Array.Empty<Guid>();
    }

    [JsonPropertyName("locale")]
    public string? Locale { get; set; }

    [JsonPropertyName("passwordPolicyName")]
    public string? PasswordPolicyName { get; set; }

    /// <summary>The wire's <c>status</c>, as it came (a string, or a JSON boolean from servers that send one).</summary>
    [JsonInclude]
    [JsonPropertyName("status")]
    [JsonConverter(typeof(WireBooleanTextConverter))]
    internal string? StatusText { get; set; }

    [JsonInclude]
    [JsonPropertyName("deleted")]
    [JsonConverter(typeof(WireBooleanTextConverter))]
    internal string? DeletedText { get; set; }

    public override string ToString() => UserName;
}
