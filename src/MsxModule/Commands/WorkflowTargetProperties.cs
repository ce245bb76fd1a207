using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text.Json;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;

namespace MsxPowerShell.Commands;

/// <summary>
/// -Property and -Credential of the target cmdlets as the JSON properties MSX takes. A SecureString (and a
/// credential's password) is sent as its text; it, and any value under a secret-looking key, is masked in
/// every log line and error of the session from then on.
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

                if (value is SecureString secret)
                {
                    redactor.AddSecret(ReadOnlyCopy(secret));
                    value = Reveal(secret);
                }
                else if (value is string text && MsxWorkflowTarget.IsSecretKey(name))
                {
                    redactor.AddSecret(text);
                }

                try
                {
                    json[name] = Parse(PowerShellJson.ToJson(value));
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
            redactor.AddSecret(ReadOnlyCopy(credential.Password));
            json[UserNameKey] = Parse(PowerShellJson.ToJson(credential.UserName));
            json[PasswordKey] = Parse(PowerShellJson.ToJson(Reveal(credential.Password)));
        }

        return json;
    }

    private static JsonElement Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static SecureString ReadOnlyCopy(SecureString secret)
    {
        var copy = secret.Copy();
        copy.MakeReadOnly();
        return copy;
    }

    private static string Reveal(SecureString secret)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
