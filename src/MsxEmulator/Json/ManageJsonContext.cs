using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsxEmulator.Json;

/// <summary>Source-generated serialization of the sites, devices and health wire models (camelCase, nulls written).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DeviceBody))]
[JsonSerializable(typeof(DevicesPageBody))]
[JsonSerializable(typeof(ChangeRequestPendingBody))]
[JsonSerializable(typeof(SiteBody))]
[JsonSerializable(typeof(SitesPageBody))]
[JsonSerializable(typeof(List<ResourceHealthBody>))]
[JsonSerializable(typeof(ResourceHealthBody))]
[JsonSerializable(typeof(ConfigApprovalBody))]
public sealed partial class ManageJsonContext : JsonSerializerContext
{
    /// <summary>As <see cref="EmulatorJsonContext.Wire"/>: no escaping of characters such as ' and &amp;.</summary>
    public static ManageJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
