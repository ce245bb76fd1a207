using System.Text;
using System.Text.Encodings.Web;

namespace MsxEmulator.Recording;

/// <summary>
/// Hides secrets in recorded bodies and queries: the value of every form field or JSON property whose
/// name, without _ and -, ends in "password", "secret" or "token" (password, newPassword, client_secret,
/// access_token, refresh_token, id_token; not passwordPolicyName or token_type) becomes
/// <see cref="Marker"/>. A JSON value stays a string, so the body still validates.
/// </summary>
public static class Redaction
{
    public const string Marker = "REDACTED";

    public static bool IsSecretName(string name)
    {
        var bare = name.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return bare.EndsWith("password", StringComparison.OrdinalIgnoreCase)
            || bare.EndsWith("secret", StringComparison.OrdinalIgnoreCase)
            || bare.EndsWith("token", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Redacts a body by its content type (JSON or form); other bodies are kept as they are.</summary>
    public static string Body(string body, string? contentType)
    {
        var media = contentType?.Split(';')[0].Trim() ?? string.Empty;
        if (media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Form(body);
        }

        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            ? Json(body)
            : body;
    }

    /// <summary>Redacts <c>name=value&amp;…</c> (a form body, or a query with or without its leading ?).</summary>
    public static string Form(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var prefix = text.StartsWith('?') ? "?" : string.Empty;
        var pairs = text[prefix.Length..].Split('&');
        var changed = false;
        for (var i = 0; i < pairs.Length; i++)
        {
            var eq = pairs[i].IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            var name = pairs[i][..eq];
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(name.Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                decoded = name;
            }

            if (IsSecretName(decoded))
            {
                pairs[i] = name + "=" + Marker;
                changed = true;
            }
        }

        return changed ? prefix + string.Join('&', pairs) : text;
    }

    /// <summary>Redacts a JSON text; text that is not JSON, or not valid text (a deliberately broken body), is kept as it is.</summary>
    public static string Json(string text)
    {
        try
        {
            var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
            if (root is null || !Redact(root))
            {
                return text;
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                root.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Malformed JSON, or JSON whose text is malformed (a lone surrogate escape): kept as it is.
            return text;
        }
    }

    private static bool Redact(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue leaf && leaf.GetValueKind() == JsonValueKind.String && IsSecretName(name))
                    {
                        obj[name] = Marker;
                        changed = true;
                    }
                    else if (value is not null)
                    {
                        changed |= Redact(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        changed |= Redact(item);
                    }
                }

                break;
        }

        return changed;
    }
}
