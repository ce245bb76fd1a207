using System.Collections;
using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// The one transformation of the parameters that name a parent resource (-TenantId, -SiteId, -DeviceId, -ParentId):
/// each value may be an id, the resource's own object (from Get-Msx&lt;Noun&gt;), a copy of one (Select-Object,
/// Import-Clixml: its type names say what it is), or a name, looked up once through the default session
/// (<see cref="NameLookup"/>). Values that are neither an id nor a name ('.', '..', text holding '/') pass unchanged,
/// for the parameter's type to refuse as before. An object of another resource is refused (Msx&lt;Invalid&gt;&lt;Noun&gt;Id:
/// a user is no tenant), except those of <see cref="Child"/> and of its declared parents, which the cmdlet takes
/// from the pipeline elsewhere: left unchanged they do not bind here, and go on to the parameter that takes them.
/// </summary>
public abstract class ResourceIdTransformationAttribute : ArgumentTransformationAttribute
{
    private const string ModelNamespace = "MsxPowerShell.Client.Models.";

    /// <summary>Per noun, the object this thread last turned into its id, and that id (see <see cref="ObjectFor"/>).</summary>
    [ThreadStatic]
    private static Dictionary<string, (MsxObject Item, object Id)>? _last;

    /// <summary>Whether a name is looked up (off where the cmdlet checks its own text, e.g. CSV cells of New-* cmdlets).</summary>
    public bool ResolveNames { get; set; } = true;

    /// <summary>
    /// The model of the resource the cmdlet lists or reads (MsxSite for Get-MsxSite), for a parameter that takes its
    /// parent from the pipeline: that model's objects and its other parents' pass on to the cmdlet's other pipeline
    /// parameters (a site piped to Get-MsxDevice); any other resource's object is refused here, so that its Id never
    /// reaches -Id (a user piped to Get-MsxSite is refused, not read as a site id).
    /// </summary>
    public Type? Child { get; set; }

    /// <summary>The model's type name without namespace (MsxTenant).</summary>
    protected abstract string ModelName { get; }

    /// <summary>The resource this parameter names (its noun and its id ErrorId).</summary>
    protected abstract string Noun { get; }

    /// <summary>The id of the resource's own object, or null when <paramref name="item"/> is another resource's.</summary>
    protected abstract object? IdOf(MsxObject item);

    /// <summary>Whether text is an id as it stands (a GUID for tenants and sites).</summary>
    protected abstract bool IsId(string text);

    /// <summary>The id of the one item with that name (throws the client's MsxApiException otherwise).</summary>
    protected abstract Task<object> ResolveAsync(MsxApiClient client, string name, CancellationToken cancellationToken);

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        // Each binding starts afresh: an id given after an object must not find that object's session.
        _last?.Remove(Noun);
        return One(inputData);
    }

    /// <summary>
    /// The object that was given for <paramref name="id"/> in the last binding on this thread (PowerShell binds a
    /// record and then processes it, on one thread), taken once: the cmdlet then reads the children through the
    /// session the parent was read with, as it would change the parent itself. Null for an id or a name, or when
    /// another value was bound since; taking it lets the object (and its session) go.
    /// </summary>
    internal static MsxObject? ObjectFor(string noun, object? id)
    {
        if (_last is null || !_last.TryGetValue(noun, out var given))
        {
            return null;
        }

        _last.Remove(noun);
        return id is not null && Equals(given.Id, id) ? given.Item : null;
    }

    private object? One(object? input)
    {
        var value = input is PSObject wrapped ? wrapped.BaseObject : input;
        switch (value)
        {
            case null:
            case Guid:
                return input;
            case string text:
                return Text(text) ?? input;
            case MsxObject item:
                if (IdOf(item) is { } own)
                {
                    (_last ??= new Dictionary<string, (MsxObject Item, object Id)>(StringComparer.Ordinal))[Noun] = (item, own);
                    return own;
                }

                return Foreign(item.GetType().Name, input);
            case PSCustomObject when input is PSObject copy:
                if (IsCopy(copy, ModelName))
                {
                    return copy.Properties["Id"]?.Value ?? input;
                }

                return ModelOf(copy) is { } model ? Foreign(model, input) : input;
            case IEnumerable many:
                var list = new List<object?>();
                foreach (var element in many)
                {
                    list.Add(One(element));
                }

                return list.ToArray();
            default:
                return input;
        }
    }

    /// <summary>A copy of a model's object: Selected.…, Deserialized.… or the type itself among its type names.</summary>
    private static bool IsCopy(PSObject copy, string model)
    {
        foreach (var name in copy.TypeNames)
        {
            if (name.EndsWith(ModelNamespace + model, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The model a copy was made from (MsxUser for a Selected.MsxPowerShell.Client.Models.MsxUser), or null.</summary>
    private static string? ModelOf(PSObject copy)
    {
        foreach (var name in copy.TypeNames)
        {
            var at = name.IndexOf(ModelNamespace, StringComparison.Ordinal);
            if (at >= 0)
            {
                return name.Substring(at + ModelNamespace.Length);
            }
        }

        return null;
    }

    /// <summary>
    /// Another resource's object: unchanged when it is <see cref="Child"/>'s or one of its parents' (it binds to
    /// another parameter), else refused with Msx&lt;Invalid&gt;&lt;Noun&gt;Id, the object as target.
    /// </summary>
    private object? Foreign(string model, object? input)
    {
        if (Child is { } child)
        {
            if (model == child.Name)
            {
                return input;
            }

            foreach (var parent in ResourceParent.Of(child))
            {
                if (model == "Msx" + parent.Noun)
                {
                    return input;
                }
            }
        }

        var what = model.StartsWith("Msx", StringComparison.Ordinal) ? model.Substring(3).ToLowerInvariant() : model;
        var message = $"A {what} is not a {Noun.ToLowerInvariant()}: give a {Noun.ToLowerInvariant()}, its id or its name; nothing was sent for it.";
        throw new ResourceIdException(message, MsxErrors.Invalid($"MsxInvalid{Noun}Id", message, input));
    }

    /// <summary>The id a name stands for, or null to leave the text as it is (an id, or text that could be neither).</summary>
    private object? Text(string text)
    {
        if (!ResolveNames || IsId(text.Trim()) || RequestUri.Segment(text, out _) is null)
        {
            return null;
        }

        var session = MsxSessionStore.Default;
        if (session is not { Connected: true })
        {
            throw new ArgumentTransformationMetadataException(
                $"'{text}' is not an id, and a name is looked up through the default session, but there is none; nothing was sent. Run Connect-MsxServer, or give the id.");
        }

        try
        {
            return Task.Run(() => ResolveAsync(session.Client, text, CancellationToken.None)).GetAwaiter().GetResult();
        }
        catch (MsxApiException ex)
        {
            var shown = ex.Redacted(session.Client.Redactor);
            throw new ResourceIdException(shown.Message, MsxErrors.Redacted(MsxErrors.FromException(shown, shown.Target ?? text), session.Client.Redactor));
        }
    }
}

/// <summary>
/// A value refused by a <see cref="ResourceIdTransformationAttribute"/>: a name that names no item or several, or another
/// resource's object. PowerShell reports it as ParameterArgumentTransformationError; this exception (the error's
/// InnerException) carries the module's ErrorRecord (MsxTenantNotFound, MsxSiteNameAmbiguous, MsxInvalidTenantId …).
/// </summary>
[Serializable]
public sealed class ResourceIdException : ArgumentTransformationMetadataException
{
    private readonly ErrorRecord? _record;

    public ResourceIdException()
    {
    }

    public ResourceIdException(string message)
        : base(message)
    {
    }

    public ResourceIdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ResourceIdException(string message, ErrorRecord record)
        : base(message)
    {
        _record = record;
    }

    /// <summary>The record with the client's ErrorId, category and target (the name).</summary>
    public override ErrorRecord ErrorRecord => _record ?? base.ErrorRecord;
}

/// <summary>-TenantId, -ParentId of tenants: a tenant id, a tenant (or copy of one), or a tenant's name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TenantIdTransformationAttribute : ResourceIdTransformationAttribute
{
    protected override string Noun => "Tenant";

    protected override string ModelName => nameof(MsxTenant);

    protected override object? IdOf(MsxObject item) => item is MsxTenant tenant ? tenant.Id : null;

    protected override bool IsId(string text) => Guid.TryParse(text, out _);

    protected override async Task<object> ResolveAsync(MsxApiClient client, string name, CancellationToken cancellationToken) =>
        (await client.Tenants().ResolveNameAsync(name, cancellationToken).ConfigureAwait(false)).Id;
}

/// <summary>-SiteId: a site id, a site (or copy of one), or a site's name (names are unique only within a tenant: several is an error).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SiteIdTransformationAttribute : ResourceIdTransformationAttribute
{
    protected override string Noun => "Site";

    protected override string ModelName => nameof(MsxSite);

    protected override object? IdOf(MsxObject item) => item is MsxSite site ? site.Id : null;

    protected override bool IsId(string text) => Guid.TryParse(text, out _);

    protected override async Task<object> ResolveAsync(MsxApiClient client, string name, CancellationToken cancellationToken) =>
        (await client.Sites().ResolveNameAsync(name, cancellationToken).ConfigureAwait(false)).Id;
}

/// <summary>
/// -DeviceId: a device id or a device (or copy of one). Device ids are free text, so text is always taken as an
/// id: a device's name cannot be told from its id without asking (Get-MsxDevice -Name finds devices by name).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DeviceIdTransformationAttribute : ResourceIdTransformationAttribute
{
    protected override string Noun => "Device";

    protected override string ModelName => nameof(MsxDevice);

    protected override object? IdOf(MsxObject item) => item is MsxDevice device ? device.Id : null;

    protected override bool IsId(string text) => true;

    protected override async Task<object> ResolveAsync(MsxApiClient client, string name, CancellationToken cancellationToken) =>
        (await client.Devices().ResolveNameAsync(name, cancellationToken).ConfigureAwait(false)).Id;
}
