using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MsxPowerShell.Client.Resources;

/// <summary>
/// How a resource's items are updated, declared once beside the resource: the update body of an item as it
/// is (PUT replaces, so an update writes the item back whole), how that body is written, how the item is read
/// for an update, and, where the spec has a PATCH, which fields it may carry. <see cref="ResourceClient{T}.UpdateAsync{TBody}"/>
/// runs it: one read-merge-write with one no-op rule.
/// </summary>
/// <typeparam name="T">The item (MsxTenant, MsxUser, …).</typeparam>
/// <typeparam name="TBody">The spec's update schema (TenantUpdate, UserUpdate, …).</typeparam>
public sealed class ItemUpdate<T, TBody>
    where T : MsxObject
    where TBody : class
{
    public ItemUpdate(Func<T, TBody> bodyOf, JsonTypeInfo<TBody> bodyType)
    {
        BodyOf = bodyOf;
        BodyType = bodyType;
    }

    /// <summary>The update body that writes the item back as it is (a fresh copy each call).</summary>
    public Func<T, TBody> BodyOf { get; }

    public JsonTypeInfo<TBody> BodyType { get; }

    /// <summary>
    /// Reads the item an update starts from, given the one the caller holds (null for a bare id). Unset: the
    /// held item as it is, else a GET of the item.
    /// </summary>
    public Func<ResourceClient<T>, string, T?, CancellationToken, Task<T>>? Read { get; set; }

    /// <summary>Called on the item the PUT or PATCH answered (e.g. to mark what the answer includes).</summary>
    public Action<T>? Answered { get; set; }

    /// <summary>
    /// The fields (JSON names) the spec's PATCH may carry; null when the resource has no PATCH. When every
    /// changed field is one of them, only those fields are sent with PATCH; otherwise the whole body with PUT.
    /// </summary>
    public IReadOnlyCollection<string>? PatchFields { get; set; }

    /// <summary>
    /// The one no-op rule: nothing changes when the body to write is, as JSON, the body of the item as it is.
    /// Answers the JSON names of the top-level fields that differ (none: nothing to send).
    /// </summary>
    public List<string> Changed(TBody before, TBody after)
    {
        using var a = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(before, BodyType));
        using var b = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(after, BodyType));
        var was = Fields(a.RootElement);
        var now = Fields(b.RootElement);
        return was.Keys.Union(now.Keys, StringComparer.Ordinal)
            .Where(name => !was.TryGetValue(name, out var x) || !now.TryGetValue(name, out var y) || x != y)
            .ToList();
    }

    /// <summary>The PATCH of the changed fields (a field left out of the new body is sent as null: cleared), or null when PUT is needed.</summary>
    internal byte[]? PatchOf(TBody after, IReadOnlyCollection<string> changed)
    {
        if (PatchFields is not { } allowed || changed.Any(name => !allowed.Contains(name)))
        {
            return null;
        }

        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(after, BodyType));
        var values = document.RootElement;
        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var name in changed)
            {
                writer.WritePropertyName(name);
                if (values.TryGetProperty(name, out var value))
                {
                    value.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The top-level fields of a body, each as its JSON text (so nested objects compare whole).</summary>
    private static Dictionary<string, string> Fields(JsonElement body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in body.EnumerateObject())
            {
                fields[property.Name] = property.Value.GetRawText();
            }
        }

        return fields;
    }
}
