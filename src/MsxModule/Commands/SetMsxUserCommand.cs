using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;

namespace MsxPowerShell.Commands;

/// <summary>
/// Changes a user's names, e-mail, locale, password policy, roles or tenants. Only the given fields change:
/// PUT replaces the whole record, so the user is read, merged and written back; when nothing would change,
/// nothing is sent. -AddRole/-RemoveRole and -AddTenantId/-RemoveTenantId make the common edits.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MsxUser", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-MsxUser.md")]
[OutputType(typeof(MsxUser))]
public sealed class SetMsxUserCommand : MsxChangeCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    private static readonly string[] Fields =
    {
        nameof(FirstName), nameof(LastName), nameof(Email), nameof(Locale), nameof(PasswordPolicyName), nameof(Role), nameof(RoleId),
        nameof(AddRole), nameof(RemoveRole), nameof(TenantId), nameof(AddTenantId), nameof(RemoveTenantId),
    };

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UserId")]
    [ArgumentCompleter(typeof(UserCompleter))]
    public Guid Id { get; set; }

    /// <summary>A user from Get-MsxUser: changed through the session it was read with, without reading it again.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public MsxUser InputObject { get; set; } = null!;

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

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        var target = ParameterSetName == InputObjectSet ? (object)InputObject : Id;
        foreach (var (field, value) in new[] { (nameof(LastName), LastName), (nameof(Email), Email) })
        {
            if (Given(field) && string.IsNullOrWhiteSpace(value))
            {
                Refuse("MsxMissingField", $"{field} is required and cannot be cleared; {target} was not changed.", target);
                return;
            }
        }

        if (!Valid("MsxInvalidEmail", nameof(Email), Email, ValidateEmailAttribute.Problem)
            || !Valid("MsxInvalidLocale", nameof(Locale), string.IsNullOrEmpty(Locale) ? null : Locale, UserInput.LocaleProblem))
        {
            return;
        }

        var changes = Fields.Where(Given).ToList();
        if (changes.Count == 0)
        {
            WriteVerbose($"Set-MsxUser: no field to change was given for {target}; nothing was sent.");
            return;
        }

        var edit = new UserEdit(this);
        if (SessionFor(ParameterSetName == InputObjectSet ? InputObject : null, target) is not { } session)
        {
            return;
        }

        var known = ParameterSetName == InputObjectSet ? InputObject : null;
        var id = known?.Id ?? Id;
        var description = known is null ? $"User {id}" : UserResource.Declaration.Describe(known);
        var passThru = PassThru.IsPresent;
        // No target of Submit's own: an unknown role names the role; any other failure names the user.
        Submit(session, null, description, $"Set {string.Join(", ", changes)}", async (client, ct) =>
        {
            var merge = await edit.ResolveAsync(client, description, ct).ConfigureAwait(false);
            try
            {
                var (updated, changed) = await client.Users().ReplaceAsync(id.ToString(), known, merge, UserJsonContext.Default.UserUpdateBody, ct).ConfigureAwait(false);
                if (!changed)
                {
                    MsxDiagnostics.Verbose($"{UserResource.Declaration.Describe(updated)} already has the given values; nothing was sent.");
                }

                return passThru ? await updated.WithRoleNamesAsync(client, ct).ConfigureAwait(false) : null;
            }
            catch (MsxApiException ex)
            {
                ex.Target = (object?)known ?? id;
                throw;
            }
        });
    }

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
            _firstName = Blank(command.FirstName);
            _lastName = command.LastName;
            _email = command.Email;
            _localeGiven = command.Given(nameof(Locale));
            _locale = Blank(command.Locale);
            _policyGiven = command.Given(nameof(PasswordPolicyName));
            _policy = Blank(command.PasswordPolicyName);
            _rolesGiven = command.Given(nameof(Role)) || command.Given(nameof(RoleId));
            _roleNames = UserInput.Split(command.Role);
            _roleIds = (command.RoleId ?? Array.Empty<Guid>()).ToList();
            _addRoles = UserInput.Split(command.AddRole);
            _removeRoles = UserInput.Split(command.RemoveRole);
            _tenantIds = command.TenantId?.ToList();
            _addTenantIds = (command.AddTenantId ?? Array.Empty<Guid>()).ToList();
            _removeTenantIds = (command.RemoveTenantId ?? Array.Empty<Guid>()).ToList();
        }

        /// <summary>Resolves the role names (an unknown one fails with MsxRoleNotFound, nothing sent) and returns the merge.</summary>
        public async Task<Func<MsxUser, UserUpdateBody?>> ResolveAsync(MsxApiClient client, string description, CancellationToken cancellationToken)
        {
            var catalog = RoleCatalog.Of(client);
            var purpose = $"{description} was not changed";
            var roles = _rolesGiven ? (await catalog.IdsOfAsync(_roleNames, purpose, cancellationToken).ConfigureAwait(false)).Concat(_roleIds).Distinct().ToList() : null;
            var add = await catalog.IdsOfAsync(_addRoles, purpose, cancellationToken).ConfigureAwait(false);
            var remove = await catalog.IdsOfAsync(_removeRoles, purpose, cancellationToken).ConfigureAwait(false);
            return current => Merge(current, roles, add, remove);
        }

        /// <summary>The user as it should be, or null when it already is.</summary>
        private UserUpdateBody? Merge(MsxUser current, List<Guid>? roles, List<Guid> addRoles, List<Guid> removeRoles)
        {
            var body = current.ToUpdate();
            body.FirstName = _firstNameGiven ? _firstName : current.FirstName;
            body.LastName = _lastName ?? current.LastName;
            body.Email = _email ?? current.Email;
            body.Locale = _localeGiven ? _locale : current.Locale;
            body.PasswordPolicyName = _policyGiven ? _policy : current.PasswordPolicyName;
            body.RoleIds = Edit(roles ?? current.RoleIds.ToList(), addRoles, removeRoles);
            body.TenantIds = Edit(_tenantIds ?? current.TenantIds.ToList(), _addTenantIds, _removeTenantIds);
            var same = body.FirstName == current.FirstName && body.LastName == current.LastName && body.Email == current.Email
                && body.Locale == current.Locale && body.PasswordPolicyName == current.PasswordPolicyName
                && body.RoleIds.SequenceEqual(current.RoleIds) && body.TenantIds.SequenceEqual(current.TenantIds);
            return same ? null : body;
        }

        private static List<Guid> Edit(List<Guid> start, List<Guid> add, List<Guid> remove) =>
            start.Concat(add).Distinct().Where(id => !remove.Contains(id)).ToList();

        private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
