using System.Security.Cryptography;
using System.Text;

namespace MsxEmulator.Data;

/// <summary>The emulator's role model: what each role may do.</summary>
public static class Roles
{
    public const string SuperUser = "SUPERUSER";
    public const string TenantAdmin = "TENANT_ADMIN";
    public const string Consumer = "CONSUMER";
    public const string Operator = "OPERATOR";

    public static bool IsSuperUser(IEnumerable<string> roles) => roles.Contains(SuperUser);

    /// <summary>A stable uuid for a role name (SHA-256 of the name, shaped as an RFC 9562 version 8 uuid).</summary>
    public static Guid RoleId(string roleName) => StableId("msx-emulator-role:" + roleName);

    /// <summary>A stable uuid derived from a text (SHA-256, shaped as an RFC 9562 version 8 uuid).</summary>
    public static Guid StableId(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
