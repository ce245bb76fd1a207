using System.Security;
using MsxPowerShell.Client;
using MsxPowerShell.Testing;

namespace MsxPowerShell.Tests;

/// <summary>One emulator process (with the control API) shared by a test class.</summary>
public sealed class EmulatorFixture : IDisposable
{
    public const string ClientId = "my-test-private-client";
    public const string ClientSecret = "make-up-a-private-client-secret-and-keep-it-safe";
    public const string RefreshClientId = "my-test-refresh-client";
    public const string RefreshClientSecret = "make-up-another-client-secret-and-keep-it-safe";
    public const string UserName = "superuser";
    public const string Password = "FrmedealY((!1[ps=wCBwG!E[%|]Ob7=";

    public EmulatorFixture()
    {
        Emulator = EmulatorProcess.Start("--control");
    }

    public EmulatorProcess Emulator { get; }

    public Uri Server => Emulator.BaseAddress;

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public static MsxCredential Credential(string clientId = ClientId, string clientSecret = ClientSecret, string user = UserName, string password = Password) =>
        new(clientId, Secure(clientSecret), user, Secure(password));

    public Task<MsxApiClient> ConnectAsync(MsxCredential? credential = null, int retries = 3) =>
        MsxApiClient.ConnectAsync(new MsxClientOptions(Server) { MaximumRetryCount = retries, RetryIntervalSec = 0.1 }, credential ?? Credential(), CancellationToken.None);

    public void Dispose() => Emulator.Dispose();
}
