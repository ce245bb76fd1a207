using System.Runtime.InteropServices;
using System.Security;

namespace MsxPowerShell.Client;

/// <summary>
/// What the password grant needs. Secrets stay <see cref="SecureString"/>; they become plain text only
/// inside <see cref="Reveal"/>, for as long as a form body is being written.
/// </summary>
public sealed class MsxCredential
{
    public MsxCredential(string clientId, SecureString clientSecret, string userName, SecureString password)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new ArgumentException("The client id is empty: give the id of the MSX security client.");
        }

        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new ArgumentException("The user name is empty: give the MSX user to log in as.");
        }

        ClientId = clientId;
        ClientSecret = Copy(clientSecret ?? throw new ArgumentNullException(nameof(clientSecret)));
        UserName = userName;
        Password = Copy(password ?? throw new ArgumentNullException(nameof(password)));
    }

    public string ClientId { get; }

    public string UserName { get; }

    internal SecureString ClientSecret { get; }

    internal SecureString Password { get; }

    /// <summary>Converts a SecureString to plain text for the shortest time possible.</summary>
    internal static string Reveal(SecureString secret)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }

    private static SecureString Copy(SecureString secret)
    {
        var copy = secret.Copy();
        copy.MakeReadOnly();
        return copy;
    }
}
