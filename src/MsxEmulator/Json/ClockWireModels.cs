using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxEmulator.Json;

/// <summary>The answer of <c>/_emulator/clock</c>: the emulator's time and whether only the control API moves it.</summary>
public sealed record ClockBody(string Now, bool Manual);

/// <summary>Source-generated serialization of the clock control API (camelCase like the rest of /_emulator).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ClockBody))]
public sealed partial class ClockJsonContext : JsonSerializerContext
{
    public static ClockJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
