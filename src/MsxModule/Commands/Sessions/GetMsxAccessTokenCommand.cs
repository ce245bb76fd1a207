using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Logs in with the OAuth2 password grant and returns a session that keeps its token fresh; the new session
/// becomes the module's default unless -NotDefault. Connect-MsxServer is the idiomatic name, Get-MsxAccessToken
/// the seed guide's: both are this class, so their parameters and sessions can never differ.
/// </summary>
public abstract class MsxLoginCmdlet : MsxCmdlet
{
    internal const string ClientSecretSet = "ClientSecret";
    internal const string ClientCredentialSet = "ClientCredential";
    internal const string EnvironmentSet = "Environment";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ClientSecretSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ClientCredentialSet)]
    [ValidateNotNull]
    public Uri Server { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [ValidateNotNullOrEmpty]
    public string ClientId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [ValidateNotNull]
    public SecureString ClientSecret { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ClientCredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential ClientCredential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = ClientCredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
    public SwitchParameter FromEnvironment { get; set; }

    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>A PEM or DER file of a certificate authority (or the server's own certificate) this session trusts.</summary>
    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>The thumbprint (SHA-1 or SHA-256, hex) of the server certificate this session accepts.</summary>
    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 100;

    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateRange(0, 20)]
    public int MaximumRetryCount { get; set; } = 3;

    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateRange(0.0, 600.0)]
    public double RetryIntervalSec { get; set; } = 1;

    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    public SwitchParameter NotDefault { get; set; }

    /// <summary>A test seam, hidden from users and help: the session's clock instead of the system's.</summary>
    [Parameter(DontShow = true)]
    public Func<DateTimeOffset>? TestClock { get; set; }

    /// <summary>A test seam, hidden from users and help: how the session waits (retries, workflow polls) instead of sleeping.</summary>
    [Parameter(DontShow = true)]
    public Func<TimeSpan, CancellationToken, Task>? TestDelay { get; set; }

    protected override void ProcessRecord() => Login();

    protected void Login()
    {
        var (server, credential) = LoginInput.Read(this, ParameterSetName, Server, ClientId, ClientSecret, ClientCredential, Credential);
        var (authorities, thumbprint) = LoginInput.ReadCertificateTrust(this, CertificateAuthorityFile, CertificateThumbprint, SkipCertificateCheck);
        var authorityFile = CertificateAuthorityFile is null ? null : GetUnresolvedProviderPathFromPSPath(CertificateAuthorityFile);
        MsxClientOptions options;
        try
        {
            options = new MsxClientOptions(server)
            {
                TimeoutSec = TimeoutSec,
                MaximumRetryCount = MaximumRetryCount,
                RetryIntervalSec = RetryIntervalSec,
                SkipCertificateCheck = SkipCertificateCheck,
                TrustedCertificates = authorities,
                CertificateAuthorityFile = authorityFile,
                CertificateThumbprint = thumbprint,
                Proxy = Proxy is null ? null : new WebProxy(Proxy) { Credentials = ProxyCredential?.GetNetworkCredential() },
                Clock = TestClock ?? MsxClientOptions.SystemClock,
                Delay = TestDelay ?? MsxClientOptions.SystemDelay,
            };
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(LoginInput.InvalidServer(ex, server));
            return;
        }

        MsxApiClient client;
        try
        {
            client = Run(ct => MsxApiClient.ConnectAsync(options, credential, ct));
        }
        catch (MsxApiException ex)
        {
            ThrowTerminatingError(LoginInput.LoginFailed(ex, options, credential));
            return;
        }

        var session = MsxSessionStore.Add(client, makeDefault: !NotDefault);
        if (SkipCertificateCheck)
        {
            WriteWarning($"Certificate checks are off for session {session.Id} ({options.Server}); other sessions still verify. Use this only with test servers.");
        }

        WriteObject(session);
    }
}

/// <summary>Connects to an MSX server: the idiomatic entry point, the same login as Get-MsxAccessToken.</summary>
[Cmdlet(VerbsCommunications.Connect, "MsxServer", DefaultParameterSetName = ClientSecretSet, HelpUri = HelpLinks.Base + "Connect-MsxServer.md")]
[OutputType(typeof(MsxSession))]
public sealed class ConnectMsxServerCommand : MsxLoginCmdlet
{
}

/// <summary>
/// The seed guide's name for the login (the same as Connect-MsxServer); with -Session, returns that session's
/// current token instead.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MsxAccessToken", DefaultParameterSetName = ClientSecretSet, HelpUri = HelpLinks.Base + "Get-MsxAccessToken.md")]
[OutputType(typeof(MsxSession), ParameterSetName = new[] { ClientSecretSet, ClientCredentialSet, EnvironmentSet })]
[OutputType(typeof(SecureString), typeof(string), ParameterSetName = new[] { TokenSet })]
public sealed class GetMsxAccessTokenCommand : MsxLoginCmdlet
{
    private const string TokenSet = "Token";

    [Parameter(Mandatory = true, ParameterSetName = TokenSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    [SessionTransformation]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public MsxSession Session { get; set; } = null!;

    [Parameter(ParameterSetName = TokenSet)]
    public SwitchParameter AsPlainText { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == TokenSet)
        {
            WriteToken();
            return;
        }

        Login();
    }

    private void WriteToken()
    {
        var token = string.Empty;
        if (!Attempt(Session, () => token = Run(ct => Session.Client.GetAccessTokenAsync(ct))))
        {
            return;
        }

        if (AsPlainText)
        {
            WriteObject(token);
        }
        else
        {
            var secure = LoginInput.ToSecureString(token);
            secure.MakeReadOnly();
            WriteObject(secure);
        }
    }
}

/// <summary>
/// The login's inputs, shared by every cmdlet that logs in (Connect-MsxServer, Get-MsxAccessToken,
/// Test-MsxConnection): the three ways to give credentials, the MSX_* variables, and the errors for them.
/// </summary>
internal static class LoginInput
{
    internal const string EnvironmentVariables = "MSX_SERVER, MSX_CLIENT_ID, MSX_CLIENT_SECRET, MSX_USERNAME and MSX_PASSWORD";

    internal const string ServerAction = "Give the server as a host name (msx.example.com; https is assumed), host:port, or an http or https address such as https://msx.example.com.";

    /// <summary>The server and credential of a login parameter set; stops the cmdlet on a missing or empty value.</summary>
    public static (Uri Server, MsxCredential Credential) Read(PSCmdlet cmdlet, string parameterSet, Uri server, string clientId, SecureString clientSecret, PSCredential clientCredential, PSCredential credential)
    {
        if (parameterSet == MsxLoginCmdlet.EnvironmentSet)
        {
            return FromEnvironment(cmdlet);
        }

        try
        {
            return parameterSet == MsxLoginCmdlet.ClientCredentialSet
                ? (server, new MsxCredential(clientCredential.UserName, clientCredential.Password, credential.UserName, credential.Password))
                : (server, new MsxCredential(clientId, clientSecret, credential.UserName, credential.Password));
        }
        catch (ArgumentException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "MsxInvalidCredential", ErrorCategory.InvalidArgument, null));
            throw;
        }
    }

    /// <summary>
    /// Reads -CertificateAuthorityFile (relative to the current location) and -CertificateThumbprint; stops the
    /// cmdlet with MsxInvalidCertificateTrust when the file holds no certificate, the thumbprint is not hex, or
    /// -SkipCertificateCheck would make them meaningless.
    /// </summary>
    public static (X509Certificate2Collection? Authorities, string? Thumbprint) ReadCertificateTrust(PSCmdlet cmdlet, string? file, string? thumbprint, bool skipCertificateCheck)
    {
        if (file is null && thumbprint is null)
        {
            return (null, null);
        }

        if (skipCertificateCheck)
        {
            Stop(cmdlet, "-SkipCertificateCheck turns certificate checks off, so -CertificateAuthorityFile and -CertificateThumbprint would not be used; give one or the other.", file ?? thumbprint);
        }

        X509Certificate2Collection? authorities = null;
        if (file is not null)
        {
            try
            {
                authorities = ServerCertificatePolicy.LoadFile(cmdlet.GetUnresolvedProviderPathFromPSPath(file));
            }
            catch (Exception ex) when (ex is ArgumentException or ItemNotFoundException or NotSupportedException or ProviderNotFoundException or DriveNotFoundException)
            {
                Stop(cmdlet, ex.Message, file);
            }
        }

        string? pin = null;
        if (thumbprint is not null)
        {
            try
            {
                pin = ServerCertificatePolicy.NormalizeThumbprint(thumbprint);
            }
            catch (ArgumentException ex)
            {
                Stop(cmdlet, ex.Message, thumbprint);
            }
        }

        return (authorities, pin);

        static void Stop(PSCmdlet cmdlet, string message, object? target) =>
            cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "MsxInvalidCertificateTrust", ErrorCategory.InvalidArgument, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Give -CertificateAuthorityFile a PEM or DER file of the certificate authority (or of the server's certificate), and -CertificateThumbprint the server certificate's SHA-1 or SHA-256 thumbprint in hex.",
                },
            });
    }

    public static ErrorRecord InvalidServer(ArgumentException ex, object? target) =>
        new(ex, "MsxInvalidServer", ErrorCategory.InvalidArgument, target)
        {
            ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ServerAction },
        };

    /// <summary>A refused login in words that name the user or client, the server and what to check.</summary>
    public static ErrorRecord LoginFailed(MsxApiException ex, MsxClientOptions options, MsxCredential credential)
    {
        var record = MsxErrors.FromException(ex, options.Server);
        var cause = ex.ServerMessage ?? ex.ServerCode ?? ex.Message;
        record.ErrorDetails = new ErrorDetails(ex.Kind switch
        {
            MsxErrorKind.InvalidGrant => $"Authentication failed for user '{credential.UserName}' at {options.Server}: {cause} ({ex.ServerCode}). Check the user name and password.",
            MsxErrorKind.InvalidClient => $"The security client '{credential.ClientId}' was rejected by {options.Server}: {cause} ({ex.ServerCode}). Check the client id and secret.",
            _ => ex.Message,
        })
        {
            RecommendedAction = record.ErrorDetails.RecommendedAction,
        };
        return record;
    }

    private static (Uri, MsxCredential) FromEnvironment(PSCmdlet cmdlet)
    {
        string Read(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"The environment variable {name} is not set; -FromEnvironment needs {EnvironmentVariables}."),
                    "MsxEnvironmentVariableMissing",
                    ErrorCategory.InvalidArgument,
                    name)
                {
                    ErrorDetails = new ErrorDetails($"The environment variable {name} is not set; -FromEnvironment needs {EnvironmentVariables}.")
                    {
                        RecommendedAction = $"Set {name} (keep secrets in the CI system's secret store), or give the credentials as parameters.",
                    },
                });
            }

            return value!;
        }

        var serverText = Read("MSX_SERVER");
        Uri server;
        try
        {
            server = MsxClientOptions.NormalizeServer(new Uri(serverText, UriKind.RelativeOrAbsolute));
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            var message = $"MSX_SERVER '{serverText}' is not a host name or an http or https address, such as msx.example.com or https://msx.example.com.";
            cmdlet.ThrowTerminatingError(InvalidServer(new ArgumentException(message), serverText));
            throw;
        }

        using var secret = ToSecureString(Read("MSX_CLIENT_SECRET"));
        using var password = ToSecureString(Read("MSX_PASSWORD"));
        try
        {
            return (server, new MsxCredential(Read("MSX_CLIENT_ID"), secret, Read("MSX_USERNAME"), password));
        }
        catch (ArgumentException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "MsxInvalidCredential", ErrorCategory.InvalidArgument, null));
            throw;
        }
    }

    internal static SecureString ToSecureString(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        return secure;
    }
}
