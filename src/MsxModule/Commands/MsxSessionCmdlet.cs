using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Base of the cmdlets that call MSX: -Session, falling back to the default session; and for objects from
/// the pipeline, the session the object came from, so that a change goes back to where the object was read.
/// </summary>
public abstract class MsxSessionCmdlet : MsxCmdlet
{
    private MsxSession? _current;
    private MsxSession? _used;

    /// <summary>The session to use; the module's default session when omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    [SessionTransformation]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public MsxSession? Session { get; set; }

    /// <summary>
    /// The server a piped object came from: the Server property of the module's objects, which survives
    /// Export-Clixml, ConvertTo-Json and Select-Object where the live session does not (see <see cref="SessionFor"/>).
    /// Not a parameter here: a cmdlet that acts on existing items overrides it with a hidden parameter bound by
    /// property name in the parameter set that takes ids by property name. Only there: a pipeline parameter in all
    /// sets would make PowerShell settle on the default set (-InputObject) as soon as it bound, and a copy of an
    /// object would then no longer bind its id. The New- cmdlets, which copy, have none.
    /// </summary>
    public virtual string? Server { get; set; }

    /// <summary>
    /// The session this call uses (-Session, else the default); stops the cmdlet with MsxNotConnected when
    /// there is none, or MsxSessionDisconnected when it was disconnected.
    /// </summary>
    protected MsxSession CurrentSession => _current ??= Usable(Session ?? MsxSessionStore.Default);

    /// <summary>
    /// The one place that decides which session acts on an existing object of this pipeline record, or refuses:
    /// <list type="bullet">
    /// <item>a live object (<paramref name="item"/> with its client): the session it was read with; an explicit
    /// -Session naming another session is refused;</item>
    /// <item>else an object that says which server it came from (the bound <see cref="Server"/>: a deserialized,
    /// JSON or Select-Object copy): -Session if given and to that server; without -Session the default session if
    /// it is to that server, else the newest connected session to it; a session to any other server is refused;</item>
    /// <item>else (a CSV row, a bare id): -Session or the default, as <see cref="CurrentSession"/>.</item>
    /// </list>
    /// A refusal is a non-terminating MsxSessionMismatch naming both servers, with <paramref name="target"/> (the
    /// piped item when there is one) as target; the caller gets null and sends nothing for this record.
    /// </summary>
    protected MsxSession? SessionFor(MsxObject? item, object? target)
    {
        target = item ?? target;
        if (item?.Origin is { } origin)
        {
            return LiveSession(origin, target);
        }

        if (string.IsNullOrWhiteSpace(Server))
        {
            return CurrentSession;
        }

        var server = Server!.Trim();
        var address = MsxClientOptions.TryNormalizeServer(server);
        if (address is null)
        {
            WriteError(MsxErrors.SessionMismatch(target, $"'{Describe(target)}' names the server '{server}', which is not a server address; nothing was sent. Remove or correct its Server property."));
            return null;
        }

        if (Session is { } explicitSession)
        {
            var given = Usable(explicitSession);
            if (MsxClientOptions.SameServer(given.Server, address))
            {
                return given;
            }

            WriteError(MsxErrors.SessionMismatch(target, $"'{Describe(target)}' came from {address}, but -Session {given.Id} is a session to {given.Server}; nothing was sent. Pass a session to {address}, or omit -Session."));
            return null;
        }

        var fallback = MsxSessionStore.Default;
        if (fallback is { Connected: true } && MsxClientOptions.SameServer(fallback.Server, address))
        {
            return Usable(fallback);
        }

        if (MsxSessionStore.All.LastOrDefault(s => s.Connected && MsxClientOptions.SameServer(s.Server, address)) is { } own)
        {
            WriteVerbose($"'{Describe(target)}' came from {address}: acting through session {own.Id}, the session to that server.");
            return Usable(own);
        }

        var current = CurrentSession;
        WriteError(MsxErrors.SessionMismatch(target, $"'{Describe(target)}' came from {address}, but the default session {current.Id} is to {current.Server}, and no session to {address} is open; nothing was sent. Connect to {address} (Connect-MsxServer -NotDefault) to act on it there, or read the object again from {current.Server}."));
        return null;
    }

    /// <summary>The session of a live object: the one it was read with (see <see cref="SessionFor"/>).</summary>
    private MsxSession? LiveSession(MsxApiClient origin, object? target)
    {
        var from = $"{origin.UserName}@{origin.Server.GetLeftPart(UriPartial.Authority)}";
        if (Session is { } explicitSession)
        {
            if (!ReferenceEquals(explicitSession.Client, origin))
            {
                WriteError(MsxErrors.SessionMismatch(target, $"'{Describe(target)}' was read through another session ({from}, server {origin.Server}) than -Session {explicitSession.Id} ({explicitSession}, server {explicitSession.Server}); nothing was sent. Omit -Session to act through the object's own session, or read the object through session {explicitSession.Id}."));
                return null;
            }

            return Usable(explicitSession);
        }

        var own = MsxSessionStore.Of(origin);
        if (own is null)
        {
            ThrowTerminatingError(MsxErrors.Invalid(
                "MsxSessionDisconnected",
                $"'{Describe(target)}' was read through a session that was disconnected ({from}); nothing was sent. Read it again through a connected session.",
                target,
                ErrorCategory.InvalidOperation));
        }

        return Usable(own!);
    }

    /// <summary>The target of an error about the ids of one record: the id itself when there is one.</summary>
    protected static object One<T>(T[] values) => values.Length == 1 ? values[0]! : values;

    private static string Describe(object? target) => target is null ? "The object" : target.ToString() ?? "The object";

    internal override SecretRedactor Redactor => (_used ?? Session ?? MsxSessionStore.Default)?.Client.Redactor ?? SecretRedactor.Shared;

    private MsxSession Usable(MsxSession? session)
    {
        if (session is null)
        {
            ThrowTerminatingError(MsxErrors.NotConnectedRecord());
        }

        if (!session!.Connected)
        {
            ThrowTerminatingError(MsxErrors.Invalid(
                "MsxSessionDisconnected",
                $"{session} was disconnected; run Connect-MsxServer to make a new session.",
                session,
                ErrorCategory.InvalidOperation));
        }

        _used = session;
        return session;
    }
}
