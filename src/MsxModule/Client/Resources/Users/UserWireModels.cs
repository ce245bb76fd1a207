using System.Security;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>The spec's <c>UserCreate</c>; nulls are left out so the server applies its defaults.</summary>
public sealed class UserCreateBody
{
    [JsonPropertyName("username")]
    public string UserName { get; set; } = string.Empty;

    /// <summary>Written as plain text only while the body is serialized.</summary>
    [JsonPropertyName("password")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(SecureStringWriter))]
    public SecureString? Password { get; set; }

    [JsonPropertyName("firstName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FirstName { get; set; }

    [JsonPropertyName("lastName")]
    public string LastName { get; set; } = string.Empty;

    [JsonPropertyName("email")]
    public string Email { get; set; } = string.Empty;

    [JsonPropertyName("roleIds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? RoleIds { get; set; }

    /// <summary>Left out, the server puts the user in the caller's current tenant.</summary>
    [JsonPropertyName("tenantIds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? TenantIds { get; set; }

    [JsonPropertyName("passwordPolicyName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PasswordPolicyName { get; set; }

    [JsonPropertyName("locale")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Locale { get; set; }
}

/// <summary>
/// The spec's <c>UserUpdate</c>. PUT replaces the record, so every field that has a value is written; a field
/// without one is left out (which clears it), since only locale is nullable in the spec.
/// </summary>
public sealed class UserUpdateBody
{
    [JsonPropertyName("firstName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FirstName { get; set; }

    [JsonPropertyName("lastName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastName { get; set; }

    [JsonPropertyName("email")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; set; }

    [JsonPropertyName("roleIds")]
    public List<Guid> RoleIds { get; set; } = new();

    [JsonPropertyName("tenantIds")]
    public List<Guid> TenantIds { get; set; } = new();

    [JsonPropertyName("passwordPolicyName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PasswordPolicyName { get; set; }

    /// <summary>Nullable in the spec: written as null when cleared.</summary>
    [JsonPropertyName("locale")]
    public string? Locale { get; set; }
}

/// <summary>The spec's <c>UpdatePassword</c>.</summary>
internal sealed class UpdatePasswordBody
{
    [JsonPropertyName("username")]
    public string UserName { get; set; } = string.Empty;

    [JsonPropertyName("oldPassword")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(SecureStringWriter))]
    public SecureString? OldPassword { get; set; }

    [JsonPropertyName("newPassword")]
    [JsonConverter(typeof(SecureStringWriter))]
    public SecureString? NewPassword { get; set; }
}

/// <summary>The spec's boolean-as-string fields (<c>"true"</c>/<c>"false"</c>), compared as MSX writes them.</summary>
internal static class WireBoolean
{
    public static bool IsTrue(string? text) => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsFalse(string? text) => string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Reads a wire boolean that the spec types as a string, tolerating a JSON boolean as well.</summary>
internal sealed class WireBooleanTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException($"Expected a string or a boolean, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}

/// <summary>Writes a SecureString as a JSON string, revealing it only for that moment. Never reads one.</summary>
internal sealed class SecureStringWriter : JsonConverter<SecureString?>
{
    public override SecureString? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Secrets are never read from JSON.");

    public override void Write(Utf8JsonWriter writer, SecureString? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(MsxCredential.Reveal(value));
        }
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MsxUser))]
[JsonSerializable(typeof(List<MsxUser>))]
[JsonSerializable(typeof(MsxPage<MsxUser>))]
[JsonSerializable(typeof(MsxRole))]
[JsonSerializable(typeof(List<MsxRole>))]
[JsonSerializable(typeof(UserCreateBody))]
[JsonSerializable(typeof(UserUpdateBody))]
[JsonSerializable(typeof(UpdatePasswordBody))]
internal sealed partial class UserJsonContext : JsonSerializerContext
{
}
