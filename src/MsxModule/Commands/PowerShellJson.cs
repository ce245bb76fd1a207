using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text.Json;

namespace MsxPowerShell.Commands;

/// <summary>
/// JSON to and from PowerShell objects, as Invoke-RestMethod and ConvertTo-Json do it: objects become
/// PSCustomObjects with their properties in order, arrays object[]; hashtables, PSCustomObjects and
/// typed objects are written with their properties.
/// </summary>
internal static class PowerShellJson
{
    /// <summary>How deep a body may nest (ConvertTo-Json's own limit is 100; MSX bodies are far shallower).</summary>
    public const int MaximumDepth = 32;

    public const string InvalidBodyId = "MsxInvalidBody";
    public const string BodyTooDeepId = "MsxBodyTooDeep";

    public static object? ToPowerShell(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToObject(element),
        JsonValueKind.Array => ToArray(element),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.TryGetDecimal(out var exact) ? exact : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>
    /// The JSON of a body. A SecureString, at any depth, is written as its text; when a redactor is given it
    /// first learns the value, so that no echo of it reaches a log or an error of the session, and so that an
    /// object the server answers with it shows *** instead. Throws <see cref="JsonBodyException"/>
    /// (MsxInvalidBody, MsxBodyTooDeep) for what is not data: a script block, a file or directory, a stream, a
    /// delegate or a type, or a body (or an object's properties, which may loop) deeper than <see cref="MaximumDepth"/>.
    /// </summary>
    public static byte[] ToJson(object? value, SecretRedactor? redactor = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, value, 0, redactor);
        }

        return stream.ToArray();
    }

    /// <summary>What a value is when it is not data a body can carry (its properties are code, handles or a file system), else null.</summary>
    private static string? NotData(object? value) => value switch
    {
        ScriptBlock => "a script block",
        Delegate => "a delegate",
        FileSystemInfo item => $"a file or directory ({item.GetType().Name} '{item.Name}')",
        Stream => "a stream",
        Type => "a type",
        _ => null,
    };

    private static PSObject ToObject(JsonElement element)
    {
        var result = new PSObject();
        foreach (var property in element.EnumerateObject())
        {
            result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
        }

        return result;
    }

    private static object?[] ToArray(JsonElement element)
    {
        var items = new object?[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            items[i++] = ToPowerShell(item);
        }

        return items;
    }

    private static void Write(Utf8JsonWriter writer, object? value, int depth, SecretRedactor? redactor)
    {
        if (depth > MaximumDepth)
        {
            throw new JsonBodyException(
                BodyTooDeepId,
                $"The body nests deeper than {MaximumDepth} levels (an object's properties may also refer back to it); nothing was sent.",
                "Send a hashtable or PSCustomObject of the fields the endpoint takes, or a JSON string (ConvertTo-Json -Depth).");
        }

        if (value is PSObject wrapped)
        {
            if (wrapped.BaseObject is PSCustomObject)
            {
                writer.WriteStartObject();
                foreach (var property in wrapped.Properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, depth + 1, redactor);
                }

                writer.WriteEndObject();
                return;
            }

            value = wrapped.BaseObject;
        }

        if (NotData(value) is { } what)
        {
            throw new JsonBodyException(
                InvalidBodyId,
                $"The body holds {what}, which is not data for a JSON body; nothing was sent.",
                what.StartsWith("a file", StringComparison.Ordinal)
                    ? "To send a file's content, give -Body (Get-Content -Raw -LiteralPath <path>)."
                    : "Send a hashtable, a PSCustomObject or a JSON string.");
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case SecureString secret:
                redactor?.AddSecret(secret);
                WriteSecret(writer, secret);
                break;
            case char c:
                writer.WriteStringValue(c.ToString());
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case SwitchParameter switchParameter:
                writer.WriteBooleanValue(switchParameter.IsPresent);
                break;
            case Guid id:
                writer.WriteStringValue(id.ToString());
                break;
            case DateTime time:
                writer.WriteStringValue(time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                writer.WriteStringValue(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                break;
            case Enum named:
                writer.WriteStringValue(named.ToString());
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong big:
                writer.WriteNumberValue(big);
                break;
            case float or double:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case decimal exact:
                writer.WriteNumberValue(exact);
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    Write(writer, entry.Value, depth + 1, redactor);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable many:
                writer.WriteStartArray();
                foreach (var item in many)
                {
                    Write(writer, item, depth + 1, redactor);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                foreach (var property in PSObject.AsPSObject(value).Properties)
                {
                    if (property.IsGettable)
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value, depth + 1, redactor);
                    }
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>Writes a SecureString's text, with the plain copy held only in a buffer that is zeroed at once.</summary>
    private static void WriteSecret(Utf8JsonWriter writer, SecureString secret)
    {
        var text = new char[secret.Length];
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            Marshal.Copy(pointer, text, 0, text.Length);
            writer.WriteStringValue(text);
        }
        finally
        {
            Array.Clear(text, 0, text.Length);
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}

/// <summary>A body that cannot be sent as JSON: its ErrorId (MsxInvalidBody, MsxBodyTooDeep) and what to do instead.</summary>
internal sealed class JsonBodyException : ArgumentException
{
    public JsonBodyException(string errorId, string message, string recommendation)
        : base(message)
    {
        ErrorId = errorId;
        Recommendation = recommendation;
    }

    public string ErrorId { get; }

    public string Recommendation { get; }
}
