using System.Management.Automation;
using System.Security;

namespace MsxPowerShell.Commands;

/// <summary>
/// Creates a user with roles (by name or id) and tenants. Takes pipeline input by property name, so a CSV of
/// users can be piped in; a Role or TenantId cell may hold several values separated by ';'. Everything the
/// module can check is checked before a request; role names are looked up (once per session) after the
/// confirmation, and an unknown one stops that user before the POST.
/// </summary>
[Cmdlet(VerbsCommon.New, "MsxUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "New-MsxUser.md")]
[OutputType(typeof(MsxUser))]
public sealed class NewMsxUserCommand : MsxCreateCmdlet
{
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [AllowEmptyString]
    public string UserName { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [AllowEmptyString]
    public string LastName { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [RequiredValue]
    [AllowEmptyString]
    public string Email { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? FirstName { get; set; }

    /// <summary>Role names (e.g. OPERATOR), resolved to ids; "A;B" in one value gives two roles.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Roles")]
    [EmptyAsNull]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string[]? Role { get; set; }

    /// <summary>Role ids, bound as text and checked here (PowerShell silently drops a by-property-name value it cannot convert).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string[]? RoleId { get; set; }

    /// <summary>The user's tenants; when not given the server puts the user in the session's current tenant.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [TenantIdTransformation(ResolveNames = false)]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public string[]? TenantId { get; set; }

    /// <summary>The first password. Never read from the pipeline: a CSV holds no secrets.</summary>
    [Parameter]
    public SecureString? Password { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? PasswordPolicyName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    public string? Locale { get; set; }

    protected override void ProcessItem()
    {
        var userName = UserName;
        if (!Checked(userName, out var roleIds, out var tenantIds))
        {
            return;
        }

        if (!_seen.Add(userName))
        {
            Refuse("MsxDuplicateUserName", $"The user name '{userName}' appears earlier in the input (MSX compares user names without case); this one was not sent.", userName, ErrorCategory.ResourceExists);
            return;
        }

        var roleNames = UserInput.Split(Role);
        var rolesGiven = roleNames.Count > 0 || roleIds.Count > 0;
        var password = Password;
        var body = new UserCreateBody
        {
            UserName = userName,
            FirstName = FirstName,
            LastName = LastName,
            Email = Email,
            TenantIds = tenantIds,
            PasswordPolicyName = PasswordPolicyName,
            Locale = Locale,
        };
        var session = CurrentSession;
        var roles = rolesGiven ? " with roles " + string.Join(", ", roleNames.Concat(roleIds.Select(id => id.ToString()))) : " with no role";
        var tenants = tenantIds is null ? " in the session's tenant" : " in tenant(s) " + string.Join(", ", tenantIds);
        Submit(session, null, $"User '{userName}'{roles}{tenants}", "Create", async (client, ct) =>
        {
            if (rolesGiven)
            {
                var named = await RoleCatalog.Of(client).IdsOfAsync(roleNames, $"user '{userName}' was not created", ct).ConfigureAwait(false);
                body.RoleIds = named.Concat(roleIds).Distinct().ToList();
            }

            client.RememberSecret(password);
            body.Password = password;
            var created = await client.CreateUserAsync(body, ct).ConfigureAwait(false);
            return await created.WithRoleNamesAsync(client, ct).ConfigureAwait(false);
        });
    }

    /// <summary>The checks that need no server: required fields, the spec's formats, ids that are GUIDs.</summary>
    private bool Checked(string userName, out List<Guid> roleIds, out List<Guid>? tenantIds)
    {
        roleIds = new List<Guid>();
        tenantIds = null;
        if (string.IsNullOrWhiteSpace(userName))
        {
            Refuse("MsxMissingField", "UserName is required but blank; no user was created.", userName);
            return false;
        }

        if (!Valid("MsxInvalidUserName", nameof(UserName), userName, UserInput.UserNameProblem))
        {
            return false;
        }

        foreach (var (field, value) in new[] { (nameof(LastName), LastName), (nameof(Email), Email) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Refuse("MsxMissingField", $"{field} is required but blank; user '{userName}' was not created.", userName);
                return false;
            }
        }

        if (!Valid("MsxInvalidEmail", nameof(Email), Email, ValidateEmailAttribute.Problem)
            || !Valid("MsxInvalidLocale", nameof(Locale), Locale, UserInput.LocaleProblem))
        {
            return false;
        }

        var (roles, badRole) = UserInput.Guids(RoleId);
        if (badRole is not null)
        {
            Refuse("MsxInvalidRoleId", $"The role id '{badRole}' of user '{userName}' is not a GUID; the user was not created.", badRole);
            return false;
        }

        var (tenants, badTenant) = UserInput.Guids(TenantId);
        if (badTenant is not null)
        {
            Refuse("MsxInvalidTenantId", $"The tenant id '{badTenant}' of user '{userName}' is not a GUID; the user was not created.", badTenant);
            return false;
        }

        roleIds = roles;
        tenantIds = TenantId is null ? null : tenants;
        return true;
    }
}
