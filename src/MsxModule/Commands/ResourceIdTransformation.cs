using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// The one transformation of the parameters that name a parent resource (-TenantId, -SiteId, -DeviceId, -ParentId):
/// each value may be an id, the resource's own object (from Get-Msx&lt;Noun&gt;), a copy of one (Select-Object,
/// Import-Clixml: its type names say what it is), or a name, looked up once through the default session
/// (<see cref="NameLookup"/>). Objects of other resources pass unchanged, so that they do not bind from the
/// pipeline (a user piped to Get-MsxSite is no tenant), and so do values that are neither an id nor a name
/// ('.', '..', text holding '/'), which the parameter's type then refuses as before.
/// </summary>
public abstract class ResourceIdTransformationAttribute : ArgumentTransformationAttribute
{
    private const string ModelNamespace = "MsxPowerShell.Client.Models.";

    /// <summary>Whether a name is looked up (off where the cmdlet checks its own text, e.g. CSV cells of New-* cmdlets).</summary>
    public bool ResolveNames { get; set; } = true;

    /// <summary>The model's type name without namespace (MsxTenant).</summary>
    protected abstract string ModelName { get; }

    /// <summary>The id of the resource's own object, or null when <paramref name="item"/> is another resource's.</summary>
    protected abstract object? IdOf(MsxObject item);

    /// <summary>Whether text is an id as it stands (a GUID for tenants and sites).</summary>
    protected abstract bool IsId(string text);

    /// <summary>The id of the one item with that name (throws the client's MsxApiException otherwise).</summary>
    protected abstract Task<object> ResolveAsync(MsxApiClient client, string name, CancellationToken cancellationToken);

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => One(inputData);

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
                return IdOf(item) ?? input;
            case PSCustomObject when input is PSObject copy:
                return IsCopy(copy) && copy.Properties["Id"]?.Value is { } id ? id : input;
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

    /// <summary>A copy of the resource's own object: Selected.…, Deserialized.… or the type itself among its type names.</summary>
    private bool IsCopy(PSObject copy)
    {
        foreach (var name in copy.TypeNames)
        {
            if (name.EndsWith(ModelNamespace + ModelName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
            throw new ResourceNameException(shown.Message, MsxErrors.Redacted(MsxErrors.FromException(shown, shown.Target ?? text), session.Client.Redactor));
        }
    }
}

/// <summary>A name given for an id that names no item, or several: the ErrorRecord carries the client's ErrorId (MsxTenantNotFound …).</summary>
[Serializable]
public sealed class ResourceNameException : ArgumentTransformationMetadataException
{
    private readonly ErrorRecord? _record;

    public ResourceNameException()
    {
    }

    public ResourceNameException(string message)
        : base(message)
    {
    }

    public ResourceNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ResourceNameException(string message, ErrorRecord record)
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
    protected override string ModelName => nameof(MsxDevice);

    protected override object? IdOf(MsxObject item) => item is MsxDevice device ? device.Id : null;

    protected override bool IsId(string text) => true;

    protected override async Task<object> ResolveAsync(MsxApiClient client, string name, CancellationToken cancellationToken) =>
        (await client.Devices().ResolveNameAsync(name, cancellationToken).ConfigureAwait(false)).Id;
}
