using System.Management.Automation;
using MsxPowerShell.Session;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a user's names, e-mail, locale, password policy, roles or tenants. Only the given fields change:
/// PUT replaces the whole record, so the user is read, merged and written back; when nothing would change,
/// nothing is sent. -AddRole/-RemoveRole and -AddTenantId/-RemoveTenantId make the common edits.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxUser", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxUser.md")]
[OutputType(typeof(MsxUser))]
public sealed class SetMsxUserCommand : MsxSetCmdlet<MsxUser, UserUpdateBody>
{
    private static readonly string[] UserFields =
    {
        nameof(FirstName), nameof(LastName), nameof(Email), nameof(Locale), nameof(PasswordPolicyName), nameof(Role), nameof(RoleId),
        nameof(AddRole), nameof(RemoveRole), nameof(TenantId), nameof(AddTenantId), nameof(RemoveTenantId),
    };

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UserId")]
    [ArgumentCompleter(typeof(UserCompleter))]
    public Guid Id { get; set; }

    /// <summary>The new first name; an empty string clears it.</summary>
    [Parameter]
    public string? FirstName { get; set; }

    [Parameter]
    public string? LastName { get; set; }

    [Parameter]
    public string? Email { get; set; }

    /// <summary>The new locale; an empty string clears it.</summary>
    [Parameter]
    public string? Locale { get; set; }

    [Parameter]
    public string? PasswordPolicyName { get; set; }

    /// <summary>The user's roles from now on, by name (with -RoleId: both).</summary>
    [Parameter]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string[]? Role { get; set; }

    /// <summary>The user's roles from now on, by id (with -Role: both).</summary>
    [Parameter]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public Guid[]? RoleId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string[]? AddRole { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string[]? RemoveRole { get; set; }

    /// <summary>The user's tenants from now on.</summary>
    [Parameter]
    [AllowEmptyCollection]
    [TenantIdTransformation]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid[]? TenantId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [TenantIdTransformation]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid[]? AddTenantId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [TenantIdTransformation]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid[]? RemoveTenantId { get; set; }

    protected override MsxResource<MsxUser> Resource => UserResource.Declaration;

    protected override ItemUpdate<MsxUser, UserUpdateBody> Update => UserResource.Update;

    protected override string[] Fields => UserFields;

    protected override string IdText => Id.ToString();

    protected override object IdValue => Id;

    protected override IReadOnlyList<MsxField> DeclaredFields => UserResource.Fields;

    protected override Func<MsxApiClient, CancellationToken, Task<Action<MsxUser, UserUpdateBody>>>? Edit(MsxSession session, object target)
    {
        var edit = new UserEdit(this);
        var description = target is MsxUser known ? UserResource.Declaration.Describe(known) : $"User {target}";
        return (client, ct) => edit.ResolveAsync(client, description, ct);
    }

    protected override Task<MsxUser> PassThruAsync(MsxApiClient client, MsxUser item, CancellationToken cancellationToken) =>
        item.WithRoleNamesAsync(client, cancellationToken);

    /// <summary>
    /// The change of one call, taken from the parameters on the pipeline thread (the next input rebinds them),
    /// turned into a merge once its role names are resolved through the session.
    /// </summary>
    private sealed class UserEdit
    {
        private readonly bool _firstNameGiven;
        private readonly string? _firstName;
        private readonly string? _lastName;
        private readonly string? _email;
        private readonly bool _localeGiven;
        private readonly string? _locale;
        private readonly bool _policyGiven;
        private readonly string? _policy;
        private readonly bool _rolesGiven;
        private readonly List<string> _roleNames;
        private readonly List<Guid> _roleIds;
        private readonly List<string> _addRoles;
        private readonly List<string> _removeRoles;
        private readonly List<Guid>? _tenantIds;
        private readonly List<Guid> _addTenantIds;
        private readonly List<Guid> _removeTenantIds;

        public UserEdit(SetMsxUserCommand command)
        {
            _firstNameGiven = command.Given(nameof(FirstName));
            _firstName = Cleared(command.FirstName);
            _lastName = command.LastName;
            _email = command.Email;
            _localeGiven = command.Given(nameof(Locale));
            _locale = Cleared(command.Locale);
            _policyGiven = command.Given(nameof(PasswordPolicyName));
            _policy = Cleared(command.PasswordPolicyName);
            _rolesGiven = command.Given(nameof(Role)) || command.Given(nameof(RoleId));
            _roleNames = UserInput.Split(command.Role);
            _roleIds = (command.RoleId ?? Array.Empty<Guid>()).ToList();
            _addRoles = UserInput.Split(command.AddRole);
            _removeRoles = UserInput.Split(command.RemoveRole);
            _tenantIds = command.TenantId?.ToList();
            _addTenantIds = (command.AddTenantId ?? Array.Empty<Guid>()).ToList();
            _removeTenantIds = (command.RemoveTenantId ?? Array.Empty<Guid>()).ToList();
        }

        /// <summary>Resolves the role names (an unknown one fails with MsxRoleNotFound, nothing sent) and returns the edit.</summary>
        public async Task<Action<MsxUser, UserUpdateBody>> ResolveAsync(MsxApiClient client, string description, CancellationToken cancellationToken)
        {
            var catalog = RoleCatalog.Of(client);
            var purpose = $"{description} was not changed";
            var roles = _rolesGiven ? (await catalog.IdsOfAsync(_roleNames, purpose, cancellationToken).ConfigureAwait(false)).Concat(_roleIds).Distinct().ToList() : null;
            var add = await catalog.IdsOfAsync(_addRoles, purpose, cancellationToken).ConfigureAwait(false);
            var remove = await catalog.IdsOfAsync(_removeRoles, purpose, cancellationToken).ConfigureAwait(false);
            return (_, body) => Apply(body, roles, add, remove);
        }

        private void Apply(UserUpdateBody body, List<Guid>? roles, List<Guid> addRoles, List<Guid> removeRoles)
        {
            body.FirstName = _firstNameGiven ? _firstName : body.FirstName;
            body.LastName = _lastName ?? body.LastName;
            body.Email = _email ?? body.Email;
            body.Locale = _localeGiven ? _locale : body.Locale;
            body.PasswordPolicyName = _policyGiven ? _policy : body.PasswordPolicyName;
            body.RoleIds = Edit(roles ?? body.RoleIds, addRoles, removeRoles);
            body.TenantIds = Edit(_tenantIds ?? body.TenantIds, _addTenantIds, _removeTenantIds);
        }

        private static List<Guid> Edit(List<Guid> start, List<Guid> add, List<Guid> remove) =>
            start.Concat(add).Distinct().Where(id => !remove.Contains(id)).ToList();
    }
}
