using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>The redactor as the one owner of a session's secrets: every echo of a secret is masked, in any JSON form.</summary>
public sealed class SecretRedactorEchoTests
{
    /// <summary>Every character JSON must or may escape, quotes and backslashes, and non-ASCII (a surrogate pair too).</summary>
    private static readonly string Alphabet =
        "\"\\/\b\f\n\r\t\u0001\u001f<>&'+`=!@#%^*()[]{}|;:,.?~ aZ09\u00e9\u00df\u4e2d\u20ac\u00a0\u2028" + "\ud83d\ude00";

    public static IEnumerable<object[]> Secrets()
    {
        var random = new Random(4242);
        for (var n = 0; n < 40; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(SecretRedactor.MinimumLength, 24);
            while (text.Length < length)
            {
                var i = random.Next(Alphabet.Length);
                if (char.IsSurrogate(Alphabet[i]))
                {
                    text.Append("\ud83d\ude00");
                }
                else
                {
                    text.Append(Alphabet[i]);
                }
            }

            yield return new object[] { text.ToString() };
        }

        yield return new object[] { "p\"w\\d!" };
        yield return new object[] { "\\\\\\\\" };
        yield return new object[] { "\"\"\"\"" };
    }

    /// <summary>The secret written as a server may write it in a JSON string.</summary>
    private static IEnumerable<string> Escapes(string secret, Random random)
    {
        yield return Quoted(JsonSerializer.Serialize(secret));
        yield return Quoted(JsonSerializer.Serialize(secret, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        yield return string.Concat(secret.Select(c => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture)));
        yield return string.Concat(secret.Select(c => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)));
        yield return Minimal(secret).Replace("/", "\\/", StringComparison.Ordinal);

        // Every character as itself (where JSON allows) or any of its escapes, at random.
        for (var round = 0; round < 5; round++)
        {
            yield return string.Concat(secret.Select(c => random.Next(3) switch
            {
                0 when c >= 0x20 && c != '"' && c != '\\' => c.ToString(),
                1 => "\\u" + ((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture),
                _ => Minimal(c.ToString()),
            }));
        }
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void An_echo_with_JSON_escapes_is_masked_raw_and_decoded(string secret)
    {
        var redactor = new SecretRedactor();
        redactor.AddSecret(EmulatorFixture.Secure(secret));
        var random = new Random(secret.Length);
        foreach (var escaped in Escapes(secret, random).Append(Minimal(secret)))
        {
            var body = "{\"code\":\"BAD_REQUEST\",\"message\":\"the value " + escaped + " is wrong\"}";
            var redacted = redactor.Redact(body);

            Assert.DoesNotContain(escaped, redacted, StringComparison.Ordinal);
            Assert.Contains(SecretRedactor.Mask, redacted, StringComparison.Ordinal);
            using var document = JsonDocument.Parse(redacted);
            var decoded = document.RootElement.GetProperty("message").GetString()!;
            Assert.DoesNotContain(secret, decoded, StringComparison.Ordinal);
            Assert.Equal("the value *** is wrong", decoded);
            Assert.DoesNotContain(secret, redactor.Redact(decoded), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void The_plain_and_url_encoded_secret_is_masked(string secret)
    {
        var redactor = new SecretRedactor();
        redactor.AddSecret(secret);
        Assert.Equal("a *** b *** c", redactor.Redact("a " + secret + " b " + Uri.EscapeDataString(secret) + " c"));
    }

    [Fact]
    public void A_SecureString_the_caller_disposed_is_still_masked()
    {
        var redactor = new SecretRedactor();
        var secret = EmulatorFixture.Secure("disposed-right-after-\"adding\"");
        redactor.AddSecret(secret);
        secret.Dispose();

        Assert.Throws<ObjectDisposedException>(() => secret.Length);
        Assert.Equal("echo: ***", redactor.Redact("echo: disposed-right-after-\\\"adding\\\""));
        Assert.True(redactor.IsSecret("disposed-right-after-\"adding\""));
    }

    [Fact]
    public void The_same_secret_given_many_times_is_held_once()
    {
        var redactor = new SecretRedactor();
        for (var i = 0; i < 1000; i++)
        {
            using var copy = EmulatorFixture.Secure("one-password-for-a-thousand-rows");
            redactor.AddSecret(copy);
            redactor.AddSecret("one-password-for-a-thousand-rows");
        }

        Assert.Equal(1, redactor.Count);
    }

    [Fact]
    public void Replacing_a_slot_forgets_the_old_values()
    {
        var redactor = new SecretRedactor();
        redactor.ReplaceSecrets("tokens", "first-access-token", "first-refresh-token");
        redactor.ReplaceSecrets("tokens", "second-access-token", "second-refresh-token");

        Assert.Equal(2, redactor.Count);
        Assert.False(redactor.IsSecret("first-access-token"));
        Assert.True(redactor.IsSecret("second-refresh-token"));
        Assert.Equal("first-access-token ***", redactor.Redact("first-access-token second-access-token"));
    }

    [Fact]
    public void A_secret_inside_another_is_masked_whole()
    {
        var redactor = new SecretRedactor();
        redactor.AddSecret("abcd");
        redactor.AddSecret("xxabcdxx");
        Assert.Equal("*** and ***", redactor.Redact("xxabcdxx and abcd"));
    }

    [Theory]
    [InlineData("{\"connection\":{\"host\":\"h\",\"password\":\"p\\\"1\"}}", "{\"connection\":{\"host\":\"h\",\"password\":\"***\"}}")]
    [InlineData("{\"api_key\": \"k\", \"token_type\": \"bearer\"}", "{\"api_key\": \"***\", \"token_type\": \"bearer\"}")]
    [InlineData("{\"items\":[{\"dbPassword\":\"x\"}]}", "{\"items\":[{\"dbPassword\":\"***\"}]}")]
    [InlineData("{\"CPE_SNMP_V3_AUTH_PASS\":\"x1\",\"db_pwd\":\"x2\",\"bypass_type\":\"none\"}", "{\"CPE_SNMP_V3_AUTH_PASS\":\"***\",\"db_pwd\":\"***\",\"bypass_type\":\"none\"}")]
    public void Secret_names_are_masked_at_any_depth_of_a_JSON_text(string input, string expected)
    {
        Assert.Equal(expected, new SecretRedactor().Redact(input));
    }

    private static string Quoted(string json) => json.Substring(1, json.Length - 2);

    /// <summary>The escapes JSON requires and no more: quote, backslash and control characters.</summary>
    private static string Minimal(string text) => string.Concat(text.Select(c => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
        _ => c.ToString(),
    }));
}

/// <summary>Output objects: a secret shows as *** wherever it sits.</summary>
public sealed class SecretOutputTests
{
    [Fact]
    public void Target_properties_mask_secret_names_at_any_depth()
    {
        var target = JsonSerializer.Deserialize(
            """
            {"id":"t1","name":"ssh","properties":{"host":"10.0.0.1","password":"p1-secret",
             "connection":{"user":"admin","password":"p2-secret","options":[{"api_key":"k3-secret"},{"port":22}]},
             "credentials":{"user":"u","pass":"p4-secret"},"token_type":"bearer","missing_secret":null}}
            """,
            WorkflowTargetJsonContext.Default.MsxWorkflowTarget)!;

        var properties = target.Properties;
        Assert.Equal(SecretRedactor.Mask, properties["password"]);
        var connection = Assert.IsAssignableFrom<IDictionary>(properties["connection"]);
        Assert.Equal("admin", connection["user"]);
        Assert.Equal(SecretRedactor.Mask, connection["password"]);
        var options = Assert.IsType<object?[]>(connection["options"]);
        Assert.Equal(SecretRedactor.Mask, Assert.IsAssignableFrom<IDictionary>(options[0])["api_key"]);
        Assert.Equal(SecretRedactor.Mask, properties["credentials"]);
        Assert.Equal("bearer", properties["token_type"]);
        Assert.Null(properties["missing_secret"]);
        Assert.DoesNotContain("-secret", Dump(properties), StringComparison.Ordinal);
        Assert.DoesNotContain("-secret", target.PropertiesText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_the_session_holds_as_a_secret_is_masked_whatever_its_name()
    {
        var properties = new Dictionary<string, JsonElement>
        {
            ["community"] = JsonSerializer.SerializeToElement("snmp-community-sent-as-securestring"),
            ["nested"] = JsonSerializer.SerializeToElement(new { list = new[] { "snmp-community-sent-as-securestring", "other" } }),
            ["host"] = JsonSerializer.SerializeToElement("10.0.0.1"),
        };
        var redactor = new SecretRedactor();
        redactor.AddSecret(EmulatorFixture.Secure("snmp-community-sent-as-securestring"));

        var masked = MsxWorkflowTarget.Masked(properties, redactor);
        Assert.Equal(SecretRedactor.Mask, masked["community"]);
        Assert.Equal("10.0.0.1", masked["host"]);
        Assert.DoesNotContain("snmp-community", Dump(masked), StringComparison.Ordinal);
        Assert.Contains("other", Dump(masked), StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_variables_mask_secure_strings_and_secret_names()
    {
        var workflow = JsonSerializer.Deserialize(
            """
            {"id":"w1","name":"wf","variables":[
              {"unique_name":"v1","properties":{"name":"db","type":"datatype.secure_string","value":"s1-secret","scope":"input"}},
              {"unique_name":"v2","properties":{"name":"config","type":"datatype.object","value":{"host":"h","admin_password":"s2-secret"},"scope":"input"}},
              {"unique_name":"v3","properties":{"name":"api_token","type":"datatype.string","value":"s3-secret","scope":"input"}},
              {"unique_name":"v4","properties":{"name":"plain","type":"datatype.string","value":"shown","scope":"input"}},
              {"unique_name":"v5","properties":{"name":"empty","type":"datatype.secure_string","value":"","scope":"input"}}]}
            """,
            WorkflowJsonContext.Default.MsxWorkflow)!;

        var values = workflow.Variables!.ToDictionary(v => v.Name, v => v.Value);
        Assert.Equal(SecretRedactor.Mask, values["db"]);
        Assert.Equal(SecretRedactor.Mask, Assert.IsAssignableFrom<IDictionary>(values["config"])["admin_password"]);
        Assert.Equal(SecretRedactor.Mask, values["api_token"]);
        Assert.Equal("shown", values["plain"]);
        Assert.Equal(string.Empty, values["empty"]);
        Assert.DoesNotContain("-secret", Dump(values), StringComparison.Ordinal);
    }

    private static string Dump(object? value) => value switch
    {
        null => "null",
        string text => text,
        IDictionary map => string.Join(";", map.Keys.Cast<object>().Select(k => k + "=" + Dump(map[k]))),
        IEnumerable many => string.Join(",", many.Cast<object?>().Select(Dump)),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>Renewals and switches replace the session's tokens in its redactor: the set of secrets does not grow.</summary>
public sealed class SecretRenewalTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SecretRenewalTests(EmulatorFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(EmulatorFixture.ClientId, EmulatorFixture.ClientSecret)]
    [InlineData(EmulatorFixture.RefreshClientId, EmulatorFixture.RefreshClientSecret)]
    public async Task Many_renewals_do_not_grow_the_secret_set(string clientId, string clientSecret)
    {
        var now = DateTimeOffset.UtcNow;
        var options = new MsxClientOptions(_fixture.Server) { Clock = () => now };
        using var client = await MsxApiClient.ConnectAsync(options, EmulatorFixture.Credential(clientId, clientSecret), CancellationToken.None);
        var coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");
        await client.GetTenantAsync(coke, CancellationToken.None);
        var count = client.Redactor.Count;
        var first = await client.GetAccessTokenAsync(CancellationToken.None);
        Assert.True(client.Redactor.IsSecret(first));
        Assert.True(client.Redactor.IsSecret(EmulatorFixture.Password));
        Assert.True(client.Redactor.IsSecret(clientSecret));

        for (var i = 0; i < 25; i++)
        {
            now = client.ExpiresOn + TimeSpan.FromSeconds(1);
            await client.GetTenantAsync(coke, CancellationToken.None);
        }

        var last = await client.GetAccessTokenAsync(CancellationToken.None);
        Assert.Equal(26, client.TokenRequestCount);
        Assert.NotEqual(first, last);
        Assert.Equal(count, client.Redactor.Count);
        Assert.False(client.Redactor.IsSecret(first));
        Assert.True(client.Redactor.IsSecret(last));
        Assert.Equal("echo ***", client.Redactor.Redact("echo " + last));
        Assert.True(client.Redactor.IsSecret(EmulatorFixture.Password));
    }

    [Fact]
    public async Task Switches_replace_the_token_too()
    {
        using var client = await _fixture.ConnectAsync();
        var count = client.Redactor.Count;
        var coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");
        var sprite = Guid.Parse("8b06bda7-61a0-41cf-9aaa-61af86aeaec5");
        for (var i = 0; i < 5; i++)
        {
            await client.SwitchTenantAsync(i % 2 == 0 ? coke : sprite, CancellationToken.None);
        }

        Assert.Equal(count, client.Redactor.Count);
        Assert.True(client.Redactor.IsSecret(await client.GetAccessTokenAsync(CancellationToken.None)));
    }
}
