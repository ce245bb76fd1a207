using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using MsxPowerShell.Client;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Gets an access token with the OAuth2 password grant and returns a session that keeps it fresh; the new
/// session becomes the module's default unless -NotDefault. With -Session, returns that session's token.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MsxAccessToken", DefaultParameterSetName = ClientSecretSet)]
[OutputType(typeof(MsxSession), ParameterSetName = new[] { ClientSecretSet, ClientCredentialSet, EnvironmentSet })]
[OutputType(typeof(SecureString), typeof(string), ParameterSetName = new[] { TokenSet })]
public sealed class GetMsxAccessTokenCommand : MsxCmdlet
{
    private const string ClientSecretSet = "ClientSecret";
    private const string ClientCredentialSet = "ClientCredential";
    private const string EnvironmentSet = "Environment";
    private const string TokenSet = "Token";

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

    [Parameter(Mandatory = true, ParameterSetName = TokenSet, ValueFromPipeline = true)]
    [ValidateNotNull]
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

        var (server, credential) = ReadConnectionParameters();
        MsxClientOptions options;
        try
        {
            options = new MsxClientOptions(server)
            {
                TimeoutSec = TimeoutSec,
                MaximumRetryCount = MaximumRetryCount,
                RetryIntervalSec = RetryIntervalSec,
                SkipCertificateCheck = SkipCertificateCheck,
                Proxy = Proxy is null ? null : new WebProxy(Proxy) { Credentials = ProxyCredential?.GetNetworkCredential() },
            };
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "MsxInvalidServer", ErrorCategory.InvalidArgument, server));
            return;
        }

        MsxApiClient client;
        try
        {
            client = Run(ct => MsxApiClient.ConnectAsync(options, credential, ct));
        }
        catch (MsxApiException ex)
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
            ThrowTerminatingError(record);
            return;
        }

        var session = MsxSessionStore.Add(client, makeDefault: !NotDefault);
        if (SkipCertificateCheck)
        {
            WriteWarning($"Certificate checks are off for session {session.Id} ({options.Server}); other sessions still verify. Use this only with test servers.");
        }

        WriteObject(session);
    }

    private (Uri Server, MsxCredential Credential) ReadConnectionParameters()
    {
        try
        {
            return ParameterSetName switch
            {
                ClientCredentialSet => (Server, new MsxCredential(ClientCredential.UserName, ClientCredential.Password, Credential.UserName, Credential.Password)),
                EnvironmentSet => FromEnvironmentVariables(),
                _ => (Server, new MsxCredential(ClientId, ClientSecret, Credential.UserName, Credential.Password)),
            };
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "MsxInvalidCredential", ErrorCategory.InvalidArgument, null));
            throw;
        }
    }

    private (Uri, MsxCredential) FromEnvironmentVariables()
    {
        string Read(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"The environment variable {name} is not set; -FromEnvironment needs MSX_SERVER, MSX_CLIENT_ID, MSX_CLIENT_SECRET, MSX_USERNAME and MSX_PASSWORD."),
                    "MsxEnvironmentVariableMissing",
                    ErrorCategory.InvalidArgument,
                    name));
            }

            return value!;
        }

        var serverText = Read("MSX_SERVER");
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server))
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"MSX_SERVER '{serverText}' is not an absolute address such as https://msx.example.com."),
                "MsxInvalidServer",
                ErrorCategory.InvalidArgument,
                serverText));
        }

        using var secret = ToSecureString(Read("MSX_CLIENT_SECRET"));
        using var password = ToSecureString(Read("MSX_PASSWORD"));
        return (server!, new MsxCredential(Read("MSX_CLIENT_ID"), secret, Read("MSX_USERNAME"), password));
    }

    private void WriteToken()
    {
        string token;
        try
        {
            token = Run(ct => Session.Client.GetAccessTokenAsync(ct));
        }
        catch (MsxApiException ex)
        {
            Report(ex, Session);
            return;
        }

        if (AsPlainText)
        {
            WriteObject(token);
        }
        else
        {
            var secure = ToSecureString(token);
            secure.MakeReadOnly();
            WriteObject(secure);
        }
    }

    private static SecureString ToSecureString(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        return secure;
    }
}
