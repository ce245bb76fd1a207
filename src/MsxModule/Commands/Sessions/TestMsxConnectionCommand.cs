using System.Management.Automation;
using System.Security;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Checks a session or a server: reachable, TLS valid, token obtainable or still valid, time to first byte.
/// Returns one result object and never throws for a failed check, so it fits dashboards and Should.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "MsxConnection", DefaultParameterSetName = SessionSet, HelpUri = HelpLinks.Base + "Test-MsxConnection.md")]
[OutputType(typeof(MsxConnectionTestResult))]
public sealed class TestMsxConnectionCommand : MsxCmdlet
{
    private const string SessionSet = "Session";
    private const string ServerSet = "Server";
    private const string LoginSet = "Login";
    private const string ClientCredentialSet = MsxLoginCmdlet.ClientCredentialSet;
    private const string EnvironmentSet = MsxLoginCmdlet.EnvironmentSet;

    [Parameter(ParameterSetName = SessionSet, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    [SessionTransformation]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public MsxSession? Session { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ServerSet, Position = 0)]
    [Parameter(Mandatory = true, ParameterSetName = LoginSet, Position = 0)]
    [Parameter(Mandatory = true, ParameterSetName = ClientCredentialSet, Position = 0)]
    [ValidateNotNull]
    public Uri Server { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = LoginSet)]
    [ValidateNotNullOrEmpty]
    public string ClientId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = LoginSet)]
    [ValidateNotNull]
    public SecureString ClientSecret { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ClientCredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential ClientCredential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = LoginSet)]
    [Parameter(Mandatory = true, ParameterSetName = ClientCredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
    public SwitchParameter FromEnvironment { get; set; }

    [Parameter(ParameterSetName = ServerSet)]
    [Parameter(ParameterSetName = LoginSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>A PEM or DER file of a certificate authority (or the server's own certificate) to trust, as Connect-MsxServer takes it.</summary>
    [Parameter(ParameterSetName = ServerSet)]
    [Parameter(ParameterSetName = LoginSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>The thumbprint of the server certificate to accept, as Connect-MsxServer takes it.</summary>
    [Parameter(ParameterSetName = ServerSet)]
    [Parameter(ParameterSetName = LoginSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    [Parameter(ParameterSetName = ServerSet)]
    [Parameter(ParameterSetName = LoginSet)]
    [Parameter(ParameterSetName = ClientCredentialSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateRange(1, 600)]
    public int TimeoutSec { get; set; } = 10;

    protected override void ProcessRecord()
    {
        var result = new MsxConnectionTestResult();
        if (ParameterSetName == SessionSet)
        {
            var session = Session ?? MsxSessionStore.Default;
            if (session is null)
            {
                ThrowTerminatingError(MsxErrors.NotConnectedRecord());
                return;
            }

            Run(ct => ConnectionProbe.ProbeAsync(result, session.Client.Options, ct));
            CheckSessionToken(session, result);
        }
        else
        {
            // The login's own reading of the credentials (and of MSX_* for -FromEnvironment).
            var login = ParameterSetName == ServerSet
                ? ((Uri Server, MsxCredential? Credential))(Server, null)
                : LoginInput.Read(this, ParameterSetName == LoginSet ? MsxLoginCmdlet.ClientSecretSet : ParameterSetName, Server, ClientId, ClientSecret, ClientCredential, Credential);
            var (authorities, thumbprint) = LoginInput.ReadCertificateTrust(this, CertificateAuthorityFile, CertificateThumbprint, SkipCertificateCheck);
            MsxClientOptions options;
            try
            {
                options = new MsxClientOptions(login.Server)
                {
                    TimeoutSec = TimeoutSec,
                    SkipCertificateCheck = SkipCertificateCheck,
                    TrustedCertificates = authorities,
                    CertificateThumbprint = thumbprint,
                    MaximumRetryCount = 0,
                };
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(LoginInput.InvalidServer(ex, login.Server));
                return;
            }

            Run(ct => ConnectionProbe.ProbeAsync(result, options, ct));
            if (login.Credential is { } credential && result.Reachable)
            {
                CheckLogin(options, credential, result);
            }
        }

        WriteObject(result);
    }

    private void CheckSessionToken(MsxSession session, MsxConnectionTestResult result)
    {
        if (!result.Reachable)
        {
            return;
        }

        try
        {
            Run(ct => session.Client.GetAccessTokenAsync(ct));
            result.TokenValid = true;
            result.TokenExpiresOn = session.ExpiresOn;
        }
        catch (MsxApiException ex)
        {
            result.TokenValid = false;
            result.Error = ex.Message;
        }
    }

    private void CheckLogin(MsxClientOptions options, MsxCredential credential, MsxConnectionTestResult result)
    {
        try
        {
            using var client = Run(ct => MsxApiClient.ConnectAsync(options, credential, ct));
            result.TokenValid = true;
            result.TokenExpiresOn = client.ExpiresOn;
            // A check should leave nothing behind: revoke the token it made.
            Run(ct => client.LogoutAsync(ct));
        }
        catch (MsxApiException ex)
        {
            result.TokenValid = false;
            result.Error = LoginInput.LoginFailed(ex, options, credential).ErrorDetails.Message;
        }
    }
}
