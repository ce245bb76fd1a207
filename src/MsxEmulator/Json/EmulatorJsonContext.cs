using System.Text.Encodings.Web;
using MsxEmulator.Recording;

namespace MsxEmulator.Json;

[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(OAuthErrorBody))]
[JsonSerializable(typeof(AccessTokenBody))]
[JsonSerializable(typeof(TenantBody))]
[JsonSerializable(typeof(List<TenantBody>))]
[JsonSerializable(typeof(PageBody<TenantBody>))]
[JsonSerializable(typeof(UserBody))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(FaultBody))]
[JsonSerializable(typeof(List<FaultBody>))]
[JsonSerializable(typeof(List<RequestEntryBody>))]
[JsonSerializable(typeof(StatsBody))]
[JsonSerializable(typeof(PageBody<UserBody>))]
[JsonSerializable(typeof(RoleBody))]
[JsonSerializable(typeof(List<RoleBody>))]
[JsonSerializable(typeof(DeviceBody))]
[JsonSerializable(typeof(PageBody<DeviceBody>))]
[JsonSerializable(typeof(ChangeRequestPendingBody))]
[JsonSerializable(typeof(SiteBody))]
[JsonSerializable(typeof(PageBody<SiteBody>))]
[JsonSerializable(typeof(List<ResourceHealthBody>))]
[JsonSerializable(typeof(ResourceHealthBody))]
[JsonSerializable(typeof(ConfigApprovalBody))]
[JsonSerializable(typeof(ClockBody))]
[JsonSerializable(typeof(Exchange))]
public sealed partial class EmulatorJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context used on the wire: as <see cref="JsonSerializerContext"/> Default, but without escaping
    /// characters such as ' and &amp; (as a Java/Jackson server writes them).
    /// </summary>
    public static EmulatorJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
