using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>Source-generated JSON of the workflow API (snake_case names are written on each property).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MsxWorkflow))]
[JsonSerializable(typeof(List<MsxWorkflow>))]
[JsonSerializable(typeof(MsxWorkflowInstance))]
[JsonSerializable(typeof(List<MsxWorkflowInstance>))]
[JsonSerializable(typeof(MsxWorkflowStartConfig))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
internal sealed partial class WorkflowJsonContext : JsonSerializerContext
{
}

/// <summary>
/// Reads a timestamp in any of the shapes MSX services write (ISO-8601 with or without fraction, or
/// WorkflowMapping's <c>2020-08-07 13:15:10+0000</c>); a value it cannot read becomes null instead of failing
/// the whole answer.
/// </summary>
internal sealed class LenientTimeConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        var text = reader.GetString();
        return !string.IsNullOrWhiteSpace(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            writer.WriteStringValue(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
