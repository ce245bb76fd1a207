namespace MsxPowerShell.Client;

/// <summary>What an operation does to a resource: it decides what a 409 can mean (only a create or a rename can mean "exists").</summary>
public enum MsxOperationKind
{
    /// <summary>A GET of one item, a page or a sub-resource.</summary>
    Read,

    /// <summary>A POST that makes an item with a unique key.</summary>
    Create,

    /// <summary>An update that changes the unique key (a name, a serial key).</summary>
    Rename,

    /// <summary>Any other update (PUT, PATCH).</summary>
    Update,

    /// <summary>A DELETE.</summary>
    Delete,

    /// <summary>An action on an item (redeploy, cancel, start, add devices …).</summary>
    Action,
}

/// <summary>Why an operation on a resource failed: the second half of a resource ErrorId.</summary>
public enum MsxErrorReason
{
    /// <summary>No item with that id or key: Msx&lt;Noun&gt;NotFound.</summary>
    NotFound,

    /// <summary>A create or rename met an item with the same unique key: Msx&lt;Noun&gt;Exists.</summary>
    Exists,

    /// <summary>A delete, update or action the item's state does not allow now: Msx&lt;Noun&gt;Conflict.</summary>
    Conflict,

    /// <summary>An id that cannot go into a path (nothing was sent): MsxInvalid&lt;Noun&gt;Id.</summary>
    InvalidId,
}

/// <summary>A resource ErrorId, typed: a noun and a reason. <see cref="ToString"/> is the ErrorId users see.</summary>
public readonly struct MsxErrorId : IEquatable<MsxErrorId>
{
    public MsxErrorId(string noun, MsxErrorReason reason)
    {
        Noun = noun;
        Reason = reason;
    }

    public string Noun { get; }

    public MsxErrorReason Reason { get; }

    public static bool operator ==(MsxErrorId left, MsxErrorId right) => left.Equals(right);

    public static bool operator !=(MsxErrorId left, MsxErrorId right) => !left.Equals(right);

    public override string ToString() => Reason == MsxErrorReason.InvalidId ? $"MsxInvalid{Noun}Id" : $"Msx{Noun}{Reason}";

    public bool Equals(MsxErrorId other) => Noun == other.Noun && Reason == other.Reason;

    public override bool Equals(object? obj) => obj is MsxErrorId other && Equals(other);

    public override int GetHashCode() => (Noun?.GetHashCode() ?? 0) * 31 + (int)Reason;
}

/// <summary>
/// The one owner of the module's error words: which ErrorIds a resource has, which ones a failure of a kind
/// gets when no resource claims it, the fixed ErrorIds of particular server codes, and the recommendation of
/// each. The cmdlets add only the PowerShell category. Every ErrorId here is listed in about_MsxModule
/// (a test checks that, and that every cmdlet a recommendation names is exported).
/// </summary>
public static class MsxErrorCatalog
{
    /// <summary>The nouns with ErrorIds of their own, what they can fail with, and the cmdlet that reads them.</summary>
    private static readonly Noun[] Nouns =
    {
        new("Tenant", "Get-MsxTenant", creates: true, changes: true, textIds: false),
        new("User", "Get-MsxUser", creates: true, changes: true, textIds: false),
        new("Role", "Get-MsxRole", creates: false, changes: false, textIds: false),
        new("Site", "Get-MsxSite", creates: true, changes: true, textIds: false),
        new("Device", "Get-MsxDevice", creates: true, changes: true, textIds: true),
        new("Workflow", "Get-MsxWorkflow", creates: true, changes: true, textIds: true),
        new("WorkflowInstance", "Get-MsxWorkflowInstance", creates: false, changes: true, textIds: true),
        new("WorkflowTarget", "Get-MsxWorkflowTarget", creates: true, changes: true, textIds: true),
    };

    /// <summary>ErrorIds of particular server codes and cases, with what to do about each ({0}: the target).</summary>
    private static readonly Dictionary<string, string> Fixed = new(StringComparer.Ordinal)
    {
        ["MsxTenantHasChildren"] = "Remove the child tenants first: Get-MsxTenant -ParentId <id> | Remove-MsxTenant.",
        ["MsxDeviceNotManaged"] = "Make the device managed first: Set-MsxDevice -Id {0} -Managed.",
        ["MsxWorkflowHasRunningInstances"] = "Cancel its running instances first (Get-MsxWorkflowInstance, Stop-MsxWorkflowInstance), then delete it.",
        ["MsxWorkflowInstanceFinished"] = "The instance has ended already: there is nothing to cancel. Get-MsxWorkflowInstance shows its state.",
        ["MsxWorkflowInstanceRunning"] = "Cancel the instance first with Stop-MsxWorkflowInstance, then delete it.",
        ["MsxPasswordRejected"] = "Choose a password that the user's password policy allows (length, classes of characters, history).",
        ["MsxOldPasswordMismatch"] = "Give the user's current password as -OldPassword.",
    };

    /// <summary>The ErrorId and what to do of a failure no resource claims, by its kind.</summary>
    private static readonly Dictionary<MsxErrorKind, (string Id, string Action)> Generic = new()
    {
        [MsxErrorKind.BadRequest] = ("MsxInvalidRequest", "Correct the values named in the message."),
        [MsxErrorKind.InvalidClient] = ("MsxInvalidClient", "Check the client id and client secret of the security client."),
        [MsxErrorKind.InvalidGrant] = ("MsxAuthenticationFailed", "Check the user name and password."),
        [MsxErrorKind.GrantNotAllowed] = ("MsxGrantNotAllowed", "Add the grant type or scope to the security client."),
        [MsxErrorKind.Unauthenticated] = ("MsxUnauthenticated", "Run Connect-MsxServer again."),
        [MsxErrorKind.Forbidden] = ("MsxPermissionDenied", "Use a user whose roles allow this operation."),
        [MsxErrorKind.NotFound] = ("MsxNotFound", "Check the path and the ids in it."),
        [MsxErrorKind.Conflict] = ("MsxConflict", "Read the object again: the server's state changed or does not allow this change."),
        [MsxErrorKind.RateLimited] = ("MsxRateLimited", "Wait, or raise -MaximumRetryCount / -RetryIntervalSec on the session."),
        [MsxErrorKind.ServerError] = ("MsxServerError", "Try again later, or raise -MaximumRetryCount on the session."),
        [MsxErrorKind.Timeout] = ("MsxOperationTimeout", "Raise -TimeoutSec on the session, or check the server."),
        [MsxErrorKind.ConnectionFailed] = ("MsxConnectionFailed", "Check the server address, the network and the proxy."),
        [MsxErrorKind.CertificateInvalid] = ("MsxCertificateInvalid", "Install a trusted certificate on the server, or trust its certificate authority for this session with -CertificateAuthorityFile (or -CertificateThumbprint); use -SkipCertificateCheck for test servers only."),
        [MsxErrorKind.InvalidResponse] = ("MsxInvalidResponse", "Check that the address is an MSX server and not a proxy page."),
        [MsxErrorKind.InvalidPath] = ("MsxInvalidPath", "Correct the path or id named in the message."),
        [MsxErrorKind.ForeignServer] = ("MsxForeignServer", "Give a path on the session's server, or use a session of that server."),
        [MsxErrorKind.SessionClosed] = ("MsxSessionDisconnected", "Run Connect-MsxServer to make a new session."),
        [MsxErrorKind.Other] = ("MsxRequestFailed", "See the message."),
    };

    /// <summary>Every ErrorId of this table: the resource ErrorIds each noun can raise, the fixed ones and the generic ones.</summary>
    public static IEnumerable<string> ErrorIds =>
        Nouns.SelectMany(n => n.Reasons.Select(r => new MsxErrorId(n.Name, r).ToString()))
            .Concat(Fixed.Keys)
            .Concat(new[] { InvalidServer, SessionRenewalFailed })
            .Concat(Generic.Values.Select(g => g.Id))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Every recommendation this table can give (for every noun and reason), with placeholders as they are.</summary>
    public static IEnumerable<string> Recommendations =>
        Nouns.SelectMany(n => Enum.GetValues(typeof(MsxErrorReason)).Cast<MsxErrorReason>().Select(r => Recommendation(new MsxErrorId(n.Name, r), "{0}")))
            .Concat(Nouns.Select(n => ExistsRecommendation(n.Name, "{0}")))
            .Concat(Fixed.Values)
            .Concat(Generic.Values.Select(g => g.Action))
            .Concat(new[] { DeletedUserHoldsName, DevicesNotAtSite, UnknownRole, UnknownTenant, RenewalRefused, ForeignPath, NoTokenEndpoint(new Uri("https://msx.example.com")) });

    /// <summary>The server address is no MSX server root (its token endpoint answered 404).</summary>
    public const string InvalidServer = "MsxInvalidServer";

    /// <summary>The server refused to renew a session's token: the session cannot go on.</summary>
    public const string SessionRenewalFailed = "MsxSessionRenewalFailed";

    public static string RenewalRefused => "Run Connect-MsxServer (or Get-MsxAccessToken) again with the current credentials, and use the new session.";

    /// <summary>A path or URL on another server: the token is sent nowhere else.</summary>
    public static string ForeignPath => "Give a path such as /idm/api/v8/tenants, or use a session of that server.";

    /// <summary>What to do when <paramref name="server"/> has no MSX token endpoint.</summary>
    public static string NoTokenEndpoint(Uri server) =>
        $"Check -Server: {server} has no MSX token endpoint (idm/v2/token). Give the MSX host root, such as https://msx.example.com.";

    /// <summary>The user name of a create is held by a deleted user.</summary>
    public static string DeletedUserHoldsName => "Choose another user name; Get-MsxUser -IncludeDeleted lists the deleted users.";

    /// <summary>Adding or removing a site's devices met a device id the server does not know.</summary>
    public static string DevicesNotAtSite => "Check the device ids with Get-MsxDevice -Id; nothing was changed at the site.";

    public static string UnknownRole => "Check the role name (for example OPERATOR, TENANT_ADMIN); Get-MsxRole -Name <name> shows a role and its permissions.";

    public static string UnknownTenant => "Check the tenant id with Get-MsxTenant.";

    /// <summary>Whether a noun has ErrorIds of its own; any other (a generic path's "Item") keeps the generic ones.</summary>
    public static bool HasOwnErrorIds(string noun) => Find(noun) is not null;

    /// <summary>
    /// The resource ErrorId of a failure of <paramref name="operation"/> on a <paramref name="noun"/>, or null to
    /// keep the generic one. A server code with an ErrorId of its own wins; a 409 (or an "already exists" code)
    /// means Exists only for a create or a rename (an update the server refuses with its exists code is one);
    /// any other 409 of a change is Conflict.
    /// </summary>
    public static MsxErrorId? Classify(string noun, MsxOperationKind operation, MsxErrorKind kind, bool existsCode)
    {
        if (Find(noun) is not { } entry)
        {
            return null;
        }

        var exists = operation is MsxOperationKind.Create or MsxOperationKind.Rename
            ? kind == MsxErrorKind.Conflict || existsCode
            : operation == MsxOperationKind.Update && existsCode;
        if (exists && entry.Creates)
        {
            return new MsxErrorId(noun, MsxErrorReason.Exists);
        }

        if (kind == MsxErrorKind.Conflict && entry.Changes && operation is not MsxOperationKind.Read)
        {
            return new MsxErrorId(noun, MsxErrorReason.Conflict);
        }

        return kind == MsxErrorKind.NotFound ? new MsxErrorId(noun, MsxErrorReason.NotFound) : null;
    }

    /// <summary>What to do about a resource ErrorId; <paramref name="target"/> is the id or name it is about.</summary>
    public static string Recommendation(MsxErrorId id, object? target)
    {
        var read = Find(id.Noun)?.ReadCommand;
        var words = Words(id.Noun);
        return id.Reason switch
        {
            MsxErrorReason.NotFound => read is null ? "Check the id or name; it may have been removed." : $"Check the id or name with {read}; it may have been removed.",
            MsxErrorReason.Exists => read is null ? $"Choose another {words}." : $"Choose another name, or find the existing one with {read}.",
            MsxErrorReason.Conflict => $"The {words}'s state does not allow this now (the message gives the server's reason)"
                + (read is null ? "; " : $": read it again with {read}, and ") + "try again when what blocks it has changed.",
            _ => $"Give the {words} id exactly as the server lists it: an id is never blank, '.' or '..', and holds no '/' or '\\'.",
        };
    }

    /// <summary>What to do about a create whose key is taken by <paramref name="existingId"/> (null: not found again).</summary>
    public static string ExistsRecommendation(string noun, string? existingId) =>
        existingId is null
            ? Recommendation(new MsxErrorId(noun, MsxErrorReason.Exists), null)
            : $"Choose another {Words(noun)}, or use the existing one ({existingId}).";

    /// <summary>The message of a create whose key is taken.</summary>
    public static string ExistsMessage(string noun, string key, string? existingName, string? existingId, string? serverCode, string? serverText) =>
        existingName is null
            ? $"A {Words(noun)} '{key}' already exists: {serverText}"
            : $"A {Words(noun)} '{existingName}' ({existingId}) already exists"
              + (existingName == key ? string.Empty : $"; '{key}' is taken by it (compared without case)")
              + (serverCode is null ? "." : $" ({serverCode}).");

    /// <summary>What to do about an ErrorId of this table ({0} in a fixed text is the target), or null when it has none here.</summary>
    public static string? Recommendation(string errorId, object? target)
    {
        if (Fixed.TryGetValue(errorId, out var text))
        {
            return text.Replace("{0}", target?.ToString() ?? "<id>");
        }

        return Parse(errorId) is { } id ? Recommendation(id, target) : null;
    }

    /// <summary>The typed form of a resource ErrorId of a known noun (MsxTenantNotFound), or null.</summary>
    public static MsxErrorId? Parse(string errorId)
    {
        foreach (var noun in Nouns)
        {
            foreach (MsxErrorReason reason in Enum.GetValues(typeof(MsxErrorReason)))
            {
                var id = new MsxErrorId(noun.Name, reason);
                if (id.ToString() == errorId)
                {
                    return id;
                }
            }
        }

        return null;
    }

    /// <summary>The ErrorId and what to do of a failure of <paramref name="kind"/> that no resource claims.</summary>
    public static (string Id, string Action) For(MsxErrorKind kind) => Generic.TryGetValue(kind, out var entry) ? entry : Generic[MsxErrorKind.Other];

    /// <summary>The noun as words: "WorkflowInstance" is "workflow instance".</summary>
    public static string Words(string noun)
    {
        var words = new System.Text.StringBuilder();
        foreach (var c in noun)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }

    private static Noun? Find(string noun) => Array.Find(Nouns, n => n.Name == noun);

    private sealed class Noun
    {
        public Noun(string name, string readCommand, bool creates, bool changes, bool textIds)
        {
            TextIds = textIds;
            Name = name;
            ReadCommand = readCommand;
            Creates = creates;
            Changes = changes;
        }

        public string Name { get; }

        public string ReadCommand { get; }

        /// <summary>Made by the module (a create or rename): can be Exists.</summary>
        public bool Creates { get; }

        /// <summary>Changed, deleted or acted on by the module: can be Conflict.</summary>
        public bool Changes { get; }

        /// <summary>Ids are text that could break a path (a GUID id cannot): can be InvalidId.</summary>
        public bool TextIds { get; }

        public IEnumerable<MsxErrorReason> Reasons
        {
            get
            {
                yield return MsxErrorReason.NotFound;
                if (TextIds)
                {
                    yield return MsxErrorReason.InvalidId;
                }

                if (Creates)
                {
                    yield return MsxErrorReason.Exists;
                }

                if (Changes)
                {
                    yield return MsxErrorReason.Conflict;
                }
            }
        }
    }
}
