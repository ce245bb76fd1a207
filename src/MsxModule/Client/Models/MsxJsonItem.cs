using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>One item of any JSON answer, kept as it came (what Invoke-MsxRestMethod -All streams).</summary>
[JsonConverter(typeof(MsxJsonItemConverter))]
public sealed class MsxJsonItem : MsxObject
{
    public MsxJsonItem(JsonElement value) => Value = value;

    public JsonElement Value { get; }

    public override string ToString() => Value.ToString();
}

internal sealed class MsxJsonItemConverter : JsonConverter<MsxJsonItem>
{
    public override MsxJsonItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new MsxJsonItem(document.RootElement.Clone());
    }

    public override void Write(Utf8JsonWriter writer, MsxJsonItem value, JsonSerializerOptions options) => value.Value.WriteTo(writer);
}
