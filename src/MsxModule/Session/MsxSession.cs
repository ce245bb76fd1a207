namespace MsxPowerShell.Session;

/// <summary>
/// A connection to one MSX server as one user: the server, who, which tenant, and until when the token is
/// good. The token itself is never a property: use Get-MsxSessionToken -AsPlainText to get it on purpose.
/// </summary>
public sealed class MsxSession
{
    internal MsxSession(int id, MsxApiClient client)
    {
        Id = id;
        Client = client;
        client.SessionId = id;
        CreatedOn = client.Options.Clock();
    }

    public int Id { get; }

    public Uri Server => Client.Options.Server;

    /// <summary>The user the session acts as (after Switch-MsxUser, the switched user).</summary>
    public string UserName => Client.UserName;

    public string ClientId => Client.ClientId;

    public Guid? TenantId => Client.TenantId;

    public IReadOnlyList<string> Scopes => Client.Scopes;

    public IReadOnlyList<string> Roles => Client.Roles;

    /// <summary>When the current access token expires; the session renews it before then.</summary>
    public DateTimeOffset ExpiresOn => Client.ExpiresOn;

    public bool HasRefreshToken => Client.HasRefreshToken;

    /// <summary>True for the module's default session, used by every cmdlet called without -Session.</summary>
    public bool Default => ReferenceEquals(MsxSessionStore.Default, this);

    public bool Connected => !Client.IsClosed;

    public DateTimeOffset CreatedOn { get; }

    public int TimeoutSec => Client.Options.TimeoutSec;

    public int MaximumRetryCount => Client.Options.MaximumRetryCount;

    public double RetryIntervalSec => Client.Options.RetryIntervalSec;

    public bool SkipCertificateCheck => Client.Options.SkipCertificateCheck;

    /// <summary>The -CertificateAuthorityFile the session trusts (its full path), if any.</summary>
    public string? CertificateAuthorityFile => Client.Options.CertificateAuthorityFile;

    /// <summary>The -CertificateThumbprint the session accepts (upper-case hex), if any.</summary>
    public string? CertificateThumbprint => Client.Options.CertificateThumbprint;

    /// <summary>Token requests this session has sent: the login, each renewal and each switch.</summary>
    public int TokenRequestCount => Client.TokenRequestCount;

    internal MsxApiClient Client { get; }

    public override string ToString() => $"{UserName}@{Server.GetLeftPart(UriPartial.Authority)} (session {Id})";
}

/// <summary>The sessions made in this process, and which one is the default. Shared by all runspaces.</summary>
public static class MsxSessionStore
{
    private static readonly object Gate = new();
    private static readonly List<MsxSession> Sessions = new();
    private static MsxSession? _default;
    private static int _lastId;

    public static MsxSession? Default
    {
        get
        {
            lock (Gate)
            {
                return _default;
            }
        }
    }

    public static IReadOnlyList<MsxSession> All
    {
        get
        {
            lock (Gate)
            {
                return Sessions.ToArray();
            }
        }
    }

    internal static MsxSession Add(MsxApiClient client, bool makeDefault)
    {
        lock (Gate)
        {
            var session = new MsxSession(++_lastId, client);
            Sessions.Add(session);
            if (makeDefault)
            {
                _default = session;
            }

            return session;
        }
    }

    /// <summary>Forgets a session; if it was the default, there is no default until the next login.</summary>
    internal static void Remove(MsxSession session)
    {
        lock (Gate)
        {
            Sessions.Remove(session);
            if (ReferenceEquals(_default, session))
            {
                _default = null;
            }
        }
    }

    /// <summary>The session of a client: where an object read through it came from.</summary>
    internal static MsxSession? Of(MsxApiClient client)
    {
        lock (Gate)
        {
            return Sessions.Find(s => ReferenceEquals(s.Client, client));
        }
    }

    /// <summary>Forgets every session (for tests that need a process with no default session).</summary>
    internal static void Reset()
    {
        lock (Gate)
        {
            Sessions.Clear();
            _default = null;
        }
    }

}
