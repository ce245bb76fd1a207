using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>
/// Gets roles with their permissions, by name (GET roles/name/{name}) or by id (GET roles/list?ids=…); with
/// neither, the roles the session can see (MSX cannot list its roles: the session's own, those read so far and
/// those its users hold). Each role is read once per session and then served from the session's role cache.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MsxRole", DefaultParameterSetName = ListSet, HelpUri = HelpLinks.Base + "Get-MsxRole.md")]
[OutputType(typeof(MsxRole))]
public sealed class GetMsxRoleCommand : MsxSessionCmdlet
{
    private const string ListSet = "List";
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    /// <summary>Role names; binds the Roles of piped users, so that Get-MsxUser x | Get-MsxRole shows their roles.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Roles")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = IdSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public Guid[] Id { get; set; } = Array.Empty<Guid>();

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        // Role names piped from a user ask the server the user came from.
        if (SessionFor(null, ParameterSetName == IdSet ? One(Id) : One(Name)) is not { } session)
        {
            return;
        }

        var catalog = RoleCatalog.Of(session.Client);
        if (ParameterSetName == ListSet)
        {
            Attempt(session, () =>
            {
                var visible = new List<MsxRole>();
                Run(ct => catalog.VisibleAsync(visible, ct));
                foreach (var role in visible)
                {
                    WriteObject(role.Copy());
                }
            });
            return;
        }

        if (ParameterSetName == IdSet)
        {
            Attempt(Id, () =>
            {
                var found = Run(ct => catalog.GetByIdsAsync(Id, ct)).ToDictionary(r => r.Id);
                foreach (var id in Id.Distinct())
                {
                    if (found.TryGetValue(id, out var role))
                    {
                        WriteObject(role.Copy());
                    }
                    else
                    {
                        Refuse("MsxRoleNotFound", $"No role has the id '{id}'.", id, ErrorCategory.ObjectNotFound);
                    }
                }
            });
            return;
        }

        foreach (var name in Name)
        {
            Attempt(name, () =>
            {
                if (Run(ct => catalog.FindByNameAsync(name, ct)) is { } role)
                {
                    WriteObject(role.Copy());
                }
                else
                {
                    Refuse("MsxRoleNotFound", $"No role is named '{name}' (role names are exact, e.g. OPERATOR).", name, ErrorCategory.ObjectNotFound);
                }
            });
        }
    }
}
