using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;

namespace MsxPowerShell.Commands;

/// <summary>
/// -Property and -Credential of the target cmdlets as the JSON properties MSX takes. A SecureString at any
/// depth (and a credential's password) is sent as its text; it, and any text under a secret-looking name at any
/// depth, is masked in every log line, error and answered object of the session from then on.
/// </summary>
internal static class WorkflowTargetProperties
{
    /// <summary>The keys -Credential fills, as the SSH and HTTP target types of MSX name them.</summary>
    public const string UserNameKey = "username";
    public const string PasswordKey = "password";

    /// <summary>The properties as JSON, or a problem (the key that cannot be sent) and null.</summary>
    public static Dictionary<string, JsonElement>? ToJson(IDictionary? property, PSCredential? credential, SecretRedactor redactor, out string? problem)
    {
        problem = null;
        var json = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (property is not null)
        {
            foreach (DictionaryEntry entry in property)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                var value = entry.Value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : entry.Value;
                if (string.IsNullOrWhiteSpace(name))
                {
                    problem = "a property name is blank";
                    return null;
                }

                try
                {
                    // A SecureString at any depth is sent as its text and joins the redactor; so does any text under a
                    // secret-looking name at any depth (connection.password).
                    var element = Parse(PowerShellJson.ToJson(value, redactor));
                    JsonValues.VisitSecrets(name, element, redactor.AddSecret);
                    json[name] = element;
                }
                catch (ArgumentException ex)
                {
                    problem = $"the property '{name}' cannot be sent as JSON ({ex.Message})";
                    return null;
                }
            }
        }

        if (credential is not null)
        {
            redactor.AddSecret(credential.Password);
            json[UserNameKey] = Parse(PowerShellJson.ToJson(credential.UserName));
            json[PasswordKey] = Parse(PowerShellJson.ToJson(credential.Password));
        }

        return json;
    }

    private static JsonElement Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
