using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a tenant's name, description, e-mail or URL. Fields not given keep their values (PUT replaces, so
/// the tenant is written back whole); when nothing would change, nothing is sent.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxTenant", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxTenant.md")]
[OutputType(typeof(MsxTenant))]
public sealed class SetMsxTenantCommand : MsxSetCmdlet<MsxTenant, TenantUpdateBody>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid Id { get; set; }

    [Parameter]
    [ValidateLength(1, 128)]
    public string? Name { get; set; }

    /// <summary>The new description; an empty string clears it.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>The new e-mail address; an empty string clears it.</summary>
    [Parameter]
    public string? Email { get; set; }

    /// <summary>The new URL; an empty string clears it.</summary>
    [Parameter]
    public string? Url { get; set; }

    protected override MsxResource<MsxTenant> Resource => TenantResource.Declaration;

    protected override ItemUpdate<MsxTenant, TenantUpdateBody> Update => TenantResource.Update;

    protected override string[] Fields { get; } = TenantResource.Fields.Select(f => f.Parameter).ToArray();

    protected override string IdText => Id.ToString();

    protected override object IdValue => Id;

    protected override IReadOnlyList<MsxField> DeclaredFields => TenantResource.Fields;

    protected override Func<MsxApiClient, CancellationToken, Task<Action<MsxTenant, TenantUpdateBody>>>? Edit(MsxSession session, object target)
    {
        var name = Name;
        var (descriptionGiven, description) = (Given(nameof(Description)), Cleared(Description));
        var (emailGiven, email) = (Given(nameof(Email)), Cleared(Email));
        var (urlGiven, url) = (Given(nameof(Url)), Cleared(Url));
        return Now((_, body) =>
        {
            body.Name = name ?? body.Name;
            body.Description = descriptionGiven ? description : body.Description;
            body.Email = emailGiven ? email : body.Email;
            body.Url = urlGiven ? url : body.Url;
        });
    }
}
