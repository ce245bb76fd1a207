using System.Net.Http;
using System.Security;
using System.Text.Json;

namespace MsxPowerShell.Client.Resources;

/// <summary>The users of <c>/idm/api/v8/users</c>: the declaration, and typed shortcuts over the shared machinery.</summary>
public static class UserResource
{
    public const string UpdatePasswordPath = "idm/api/v8/users/updatepassword";

    public static readonly MsxResource<MsxUser> Declaration = new(
        "User",
        "idm/api/v8/users",
        UserJsonContext.Default.MsxUser,
        UserJsonContext.Default.ListMsxUser,
        u => u.Id.ToString(),
        u => u.UserName)
    {
        Page = UserJsonContext.Default.MsxPageMsxUser,
        // User names are unique without case; the API has no username filter, so a lost create is found by
        // walking the pages (and there is no users/list: many ids are many GETs).
        KeyOf = u => u.UserName,
        Parents = new[] { new ResourceParent("Tenant", "tenantId") },
        ExistsCodes = new[] { "USER_ALREADY_EXISTS" },
        ErrorIdsByCode = new Dictionary<string, string>
        {
            ["PASSWORD_POLICY_VIOLATION"] = "MsxPasswordRejected",
            ["OLD_PASSWORD_MISMATCH"] = "MsxOldPasswordMismatch",
        },
    };

    public static ResourceClient<MsxUser> Users(this MsxApiClient client) => client.For(Declaration);

    public static Task<MsxUser> GetUserAsync(this MsxApiClient client, Guid id, CancellationToken cancellationToken) =>
        client.Users().GetAsync(id.ToString(), cancellationToken);

    /// <summary>
    /// Creates a user; a lost answer is recovered by user name. A name held by a deleted user (MSX keeps the
    /// names of deleted users) is said so, since no live user would explain the conflict.
    /// </summary>
    public static async Task<MsxUser> CreateUserAsync(this MsxApiClient client, UserCreateBody body, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Users().CreateAsync(body, UserJsonContext.Default.UserCreateBody, body.UserName, null, cancellationToken).ConfigureAwait(false);
        }
        catch (MsxApiException ex) when (ex.Reason == MsxErrorReason.Exists)
        {
            MsxUser? deleted = null;
            try
            {
                deleted = await client.Users().FindByKeyAsync(body.UserName, new UserFilter { Deleted = true }.ToQuery(), cancellationToken).ConfigureAwait(false);
            }
            catch (MsxApiException)
            {
                // Naming the deleted user is a courtesy; the conflict itself is the answer.
            }

            if (deleted is null)
            {
                throw;
            }

            throw new MsxApiException(MsxErrorKind.Conflict, $"The user name '{body.UserName}' is held by the deleted user '{deleted.UserName}' ({deleted.Id}): MSX keeps the names of deleted users.", ex)
            {
                StatusCode = ex.StatusCode,
                Request = ex.Request,
                ServerCode = ex.ServerCode,
                ServerMessage = ex.ServerMessage,
                ResponseBody = ex.ResponseBody,
                ErrorId = ex.ErrorId,
                Target = body.UserName,
                Reason = ex.Reason,
                Recommendation = MsxErrorCatalog.DeletedUserHoldsName,
            };
        }
    }

    /// <summary>The text fields Set-MsxUser sets, with the spec's UserUpdate rules (older ErrorIds kept where documented).</summary>
    public static readonly IReadOnlyList<MsxField> Fields = new[]
    {
        new MsxField("User", "FirstName", "firstName", "UserUpdate"),
        new MsxField("User", "LastName", "lastName", "UserUpdate") { BlankErrorId = "MsxMissingField" },
        new MsxField("User", "Email", "email", "UserUpdate") { ErrorId = "MsxInvalidEmail", BlankErrorId = "MsxMissingField" },
        new MsxField("User", "Locale", "locale", "UserUpdate") { ErrorId = "MsxInvalidLocale" },
        new MsxField("User", "PasswordPolicyName", "passwordPolicyName", "UserUpdate"),
    };

    /// <summary>How a user is updated: its UserUpdate written back whole with PUT.</summary>
    public static readonly ItemUpdate<MsxUser, UserUpdateBody> Update = new(ToUpdate, UserJsonContext.Default.UserUpdateBody);

    /// <summary>The spec's <c>UserUpdate</c> of a user as it is: the base of a read-merge-write.</summary>
    public static UserUpdateBody ToUpdate(this MsxUser user) => new()
    {
        FirstName = user.FirstName,
        LastName = user.LastName,
        Email = user.Email,
        RoleIds = new List<Guid>(user.RoleIds),
        TenantIds = new List<Guid>(user.TenantIds),
        PasswordPolicyName = user.PasswordPolicyName,
        Locale = user.Locale,
    };

    public static Task DeleteUserAsync(this MsxApiClient client, Guid id, CancellationToken cancellationToken) =>
        client.Users().DeleteAsync(id.ToString(), cancellationToken);

    /// <summary>
    /// Sets a user's password (<c>PUT users/updatepassword</c>, 204). Sent once only: a repeat after a lost answer
    /// would be refused (the password is already the new one), which would report a change that took effect as
    /// a failure. Both passwords join the session's redactor first, so no echo of them reaches a log or an error.
    /// </summary>
    public static async Task UpdatePasswordAsync(this MsxApiClient client, string userName, SecureString newPassword, SecureString? oldPassword, CancellationToken cancellationToken)
    {
        client.RememberSecret(newPassword);
        client.RememberSecret(oldPassword);
        var body = new UpdatePasswordBody { UserName = userName, NewPassword = newPassword, OldPassword = oldPassword };
        var json = JsonSerializer.SerializeToUtf8Bytes(body, UserJsonContext.Default.UpdatePasswordBody);
        try
        {
            using var response = await client.SendRawAsync(HttpMethod.Put, UpdatePasswordPath, json, "application/json", RequestPolicy.Once, cancellationToken).ConfigureAwait(false);
        }
        catch (MsxApiException ex)
        {
            throw Declaration.Tag(ex, MsxOperationKind.Update, userName);
        }
    }

    /// <summary>
    /// Adds a secret to the session's redactor, which reads it now (the caller may dispose its own) and holds a
    /// value once however often it is given (one -Password for a thousand CSV rows is one entry).
    /// </summary>
    public static void RememberSecret(this MsxApiClient client, SecureString? secret) => client.Redactor.AddSecret(secret);

    /// <summary>Fills <see cref="MsxUser.Roles"/> from the role ids, through the session's role cache.</summary>
    public static async Task<MsxUser> WithRoleNamesAsync(this MsxUser user, MsxApiClient client, CancellationToken cancellationToken)
    {
        user.Roles = await RoleCatalog.Of(client).NamesAsync(user.RoleIds, cancellationToken).ConfigureAwait(false);
        return user;
    }
}

/// <summary>Which users to list: the spec's <c>tenantId</c> and <c>deleted</c> (there is no name filter and no sort).</summary>
public sealed class UserFilter
{
    public Guid? TenantId { get; init; }

    /// <summary>The deleted users instead of the live ones (the server lists one or the other).</summary>
    public bool Deleted { get; init; }

    public QueryString ToQuery() => new QueryString().Add("tenantId", TenantId).Add("deleted", Deleted ? true : null);
}
