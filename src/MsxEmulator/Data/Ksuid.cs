using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace MsxEmulator.Data;

/// <summary>
/// KSUIDs, the spec's <c>format: ksuid</c>: 20 bytes (a 4-byte big-endian count of seconds since
/// 2014-05-13T16:53:20Z, then 16 payload bytes) written as 27 base62 characters.
/// </summary>
public static class Ksuid
{
    public const int Length = 27;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The largest KSUID (all 20 bytes 0xFF); base62 digits sort like their values, so ordinal order works.</summary>
    private const string Max = "aWgEPTl1tmebfsQzFP4bxwgy80V";

    private static readonly DateTime Epoch = new(2014, 5, 13, 16, 53, 20, DateTimeKind.Utc);

    /// <summary>The time stamped into stable KSUIDs, so that their text never changes.</summary>
    private static readonly DateTime StableTime = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A new KSUID for the given time, with a random payload.</summary>
    public static string New(DateTime at) => Encode(at, RandomNumberGenerator.GetBytes(16));

    /// <summary>A KSUID derived from a text (SHA-256 payload, a fixed time): the same text always gives the same id.</summary>
    public static string Stable(string text) => Encode(StableTime, SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16]);

    public static bool IsValid(string? text) =>
        text is { Length: Length } && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal))
        && string.CompareOrdinal(text, Max) <= 0;

    private static string Encode(DateTime at, byte[] payload)
    {
        var seconds = Math.Clamp((long)Math.Floor((at.ToUniversalTime() - Epoch).TotalSeconds), 0, uint.MaxValue);
        var bytes = new byte[20];
        bytes[0] = (byte)(seconds >> 24);
        bytes[1] = (byte)(seconds >> 16);
        bytes[2] = (byte)(seconds >> 8);
        bytes[3] = (byte)seconds;
        payload.AsSpan(0, 16).CopyTo(bytes.AsSpan(4));

        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var text = new char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }

        return new string(text);
    }
}
