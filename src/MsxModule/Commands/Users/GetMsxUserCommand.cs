using System.Management.Automation;

namespace MsxPowerShell.Commands;

/// <summary>
/// Gets users: by id, by user name (wildcards, any case), or all of them streamed page by page; optionally of
/// one tenant, and with the deleted ones. Each user's role ids are named through the session's role cache.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MsxUser", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpLinks.Base + "Get-MsxUser.md")]
[OutputType(typeof(MsxUser))]
public sealed class GetMsxUserCommand : MsxGetCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string UserNameSet = "UserName";

    // Not mandatory, so that a piped tenant binds to -TenantId (see MsxGetCmdlet.Given).
    [Parameter(Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UserId")]
    [ArgumentCompleter(typeof(UserCompleter))]
    public Guid[] Id { get; set; } = Array.Empty<Guid>();

    /// <summary>User names or wildcard patterns, compared without case (MSX has no name filter: the pages are walked).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = UserNameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(UserCompleter))]
    public string[] UserName { get; set; } = Array.Empty<string>();

    /// <summary>Only the users of this tenant (a filter of the server): an id, a name, or a tenant, piped too (Get-MsxTenant Acme | Get-MsxUser).</summary>
    [Parameter(ParameterSetName = ListSet, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = UserNameSet, ValueFromPipeline = true)]
    [TenantIdTransformation(Child = typeof(MsxUser))]
    [ArgumentCompleter(typeof(TenantCompleter))]
    public Guid TenantId { get; set; }

    /// <summary>The deleted users too, after the live ones.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = UserNameSet)]
    public SwitchParameter IncludeDeleted { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = UserNameSet)]
    [ValidateRange(1, 1000)]
    public int? PageSize { get; set; }

    /// <summary>The server the piped object came from (hidden; see MsxSessionCmdlet.Server).</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    public override string? Server { get; set; }

    protected override void ProcessRecord()
    {
        if (SessionFor(ParentObject(TenantId), One(Id)) is not { } session)
        {
            return;
        }

        var client = session.Client;
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id)
            {
                Attempt(id, () => WriteObject(Run(async ct => await (await client.GetUserAsync(id, ct).ConfigureAwait(false)).WithRoleNamesAsync(client, ct).ConfigureAwait(false))));
            }

            return;
        }

        var names = ParameterSetName == UserNameSet ? new NameFilter<MsxUser>(UserName, u => new[] { u.UserName }) : null;
        var live = new UserFilter { TenantId = Given(TenantId) }.ToQuery();
        if (!IncludeDeleted)
        {
            WriteListing(client.Users(), live, PageSize, names, Named);
            return;
        }

        WriteLiveThenDeleted(client.Users(), live, new UserFilter { TenantId = Given(TenantId), Deleted = true }.ToQuery(), names);
    }

    private object Named(MsxUser user) => Run(ct => user.WithRoleNamesAsync(user.Origin ?? CurrentSession.Client, ct));

    /// <summary>
    /// The live users, then the deleted ones: two listings of the server read as one, -Skip, -First and
    /// -IncludeTotalCount counting across both.
    /// </summary>
    private void WriteLiveThenDeleted(ResourceClient<MsxUser> users, QueryString live, QueryString deleted, NameFilter<MsxUser>? names)
    {
        var paging = PagingParameters;
        var skip = (long)paging.Skip;
        long? first = paging.First == ulong.MaxValue ? null : (long)Math.Min(paging.First, long.MaxValue);
        long matched = 0;
        long written = 0;
        var complete = true;
        foreach (var filters in new[] { live, deleted })
        {
            if (first is { } enough && written >= enough)
            {
                complete = false;
                break;
            }

            using var pager = users.List(new ListQuery { Filters = filters, PageSize = PageSize }, CancellationToken);
            var read = Attempt(filters.ToString(), () =>
            {
                while (Run(ct => pager.NextPageAsync(ct)) is { } page)
                {
                    foreach (var user in page)
                    {
                        if ((names is not null && !names.IsMatch(user)) || matched++ < skip)
                        {
                            continue;
                        }

                        if (first is { } limit && written >= limit)
                        {
                            complete = false;
                            return;
                        }

                        WriteObject(Named(user));
                        written++;
                    }
                }
            });
            if (!read || !complete)
            {
                complete = false;
                break;
            }
        }

        if (paging.IncludeTotalCount)
        {
            WriteObject(paging.NewTotalCount((ulong)matched, complete ? 1.0 : 0.0));
        }

        if (names is not null && (first is null || written < first))
        {
            foreach (var missing in names.UnmatchedExactNames())
            {
                Refuse("MsxUserNotFound", $"No user is named '{missing}', live or deleted.", missing, ErrorCategory.ObjectNotFound);
            }
        }
    }
}
