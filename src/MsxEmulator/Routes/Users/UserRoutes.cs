namespace MsxEmulator.Routes;

/// <summary>The <c>/idm/api/v8/users</c> operations of the spec, <c>users/current</c> included.</summary>
public static class UserRoutes
{
    public const string BasePath = "/idm/api/v8/users";
    public const string UserAlreadyExists = "USER_ALREADY_EXISTS";
    public const string PasswordPolicyViolation = "PASSWORD_POLICY_VIOLATION";
    public const string OldPasswordMismatch = "OLD_PASSWORD_MISMATCH";

    public static void MapUserRoutes(this IEndpointRouteBuilder app, EmulatorState state)
    {
        var handler = new UserHandler(state);
        Access.Map(app, state, BasePath + "/current", Access.Get(null, (c, user, _) => handler.Current(c, user)));
        Access.Map(app, state, BasePath + "/updatepassword", Access.Put(null, (c, user, _) => handler.UpdatePassword(c, user)));
        Access.Map(app, state, BasePath,
            Access.Get(Permissions.ManageUsers, (c, user, _) => handler.Page(c, user)),
            Access.Post(Permissions.ManageUsers, (c, user, _) => handler.Create(c, user)));
        Access.Map(app, state, BasePath + "/{id}",
            Access.Get(Permissions.ManageUsers, (c, user, _) => handler.Get(c, user)),
            Access.Put(Permissions.ManageUsers, (c, user, _) => handler.Update(c, user)),
            Access.Delete(Permissions.ManageUsers, (c, user, _) => handler.Delete(c, user)));
    }

    /// <summary>The spec's <c>User</c> for a stored user: the one body builder of every users operation.</summary>
    public static UserBody ToBody(User user, RoleCatalog roles) => new(
        user.Id,
        user.Enabled ? "true" : "false",
        user.Deleted ? "true" : "false",
        user.Username,
        user.FirstName,
        user.LastName,
        user.Email,
        user.Roles.Select(name => roles.FindByName(name)?.Id ?? Roles.RoleId(name)).ToList(),
        user.TenantIds,
        user.PasswordPolicyName,
        user.Locale,
        null);

    /// <summary>
    /// Whom a caller that holds the user permission manages: a SUPERUSER everyone, anyone else the users
    /// (not SUPERUSERs) whose tenants are all its own.
    /// </summary>
    public static bool Manages(User caller, User target) =>
        Roles.IsSuperUser(caller.Roles)
        || (!Roles.IsSuperUser(target.Roles) && WithinOwnTenants(caller, target.TenantIds));

    private static bool WithinOwnTenants(User caller, IReadOnlyList<Guid> tenantIds) =>
        tenantIds.Count > 0 && tenantIds.All(caller.TenantIds.Contains);

    private static ApiFailure Forbidden(string message) => new(StatusCodes.Status403Forbidden, Responses.Forbidden, message);

    private static ApiFailure NotFound(Guid id) => new(StatusCodes.Status404NotFound, Responses.NotFound, $"User {id} not found.");

    private sealed class UserHandler(EmulatorState state)
    {
        public Task Current(HttpContext context, User caller) =>
            Responses.Json(context, StatusCodes.Status200OK, ToBody(caller, state.RoleCatalog), EmulatorJsonContext.Wire.UserBody);

        public Task Page(HttpContext context, User caller)
        {
            var request = PageRequest.Read(context);
            var tenantId = RequestReading.OptionalUuid(context, "tenantId");

            var deleted = RequestReading.OptionalBool(context, "deleted");
            if (tenantId is { } own && !Roles.IsSuperUser(caller.Roles) && !caller.TenantIds.Contains(own))
            {
                throw Forbidden($"User {caller.Username} has no access to tenant {own}.");
            }

            var (items, hasNext) = state.Users.Page(
                u => u.Deleted == deleted && (tenantId is not { } t || u.TenantIds.Contains(t)) && Manages(caller, u),
                request);
            var body = request.Body(items.ConvertAll(u => ToBody(u, state.RoleCatalog)), hasNext);
            return Responses.Json(context, StatusCodes.Status200OK, body, EmulatorJsonContext.Wire.PageBodyUserBody);
        }

        public Task Get(HttpContext context, User caller)
        {
            var id = RequestReading.PathUuid(context, "id");
            var user = state.Users.Find(id) ?? throw NotFound(id);
            if (!Manages(caller, user))
            {
                throw Forbidden($"User {caller.Username} may not manage user {user.Id}.");
            }

            return Responses.Json(context, StatusCodes.Status200OK, ToBody(user, state.RoleCatalog), EmulatorJsonContext.Wire.UserBody);
        }

        public async Task Create(HttpContext context, User caller)
        {
            UserInput input;
            using (var document = await RequestReading.ReadJsonObject(context))
            {
                var body = document.RootElement;
                var username = RequestReading.OptionalString(body, "username");
                if (UserRules.CheckUsername(username) is { } problem)
                {
                    throw ApiFailure.BadRequest(problem);
                }

                // As a real MSX does, a user created without tenantIds joins the caller's current tenant.
                var tokenTenant = BearerAuthentication.CurrentToken(context).TenantId;
                var fields = ReadUpdatable(body, tokenTenant is { } t ? [t] : []);
                var password = RequestReading.OptionalString(body, "password");
                if (password is not null && PasswordPolicies.Check("password", password, fields.PasswordPolicyName) is { } weak)
                {
                    throw new ApiFailure(StatusCodes.Status400BadRequest, PasswordPolicyViolation, weak);
                }

                input = new UserInput(username!, password, fields);
            }

            RequireMayAssign(caller, input.Fields.Roles, input.Fields.TenantIds);
            var (outcome, user) = state.Users.Create(input);
            if (outcome == UserWriteOutcome.DuplicateUsername)
            {
                var holder = state.Users.Find(input.Username);
                throw new ApiFailure(StatusCodes.Status409Conflict, UserAlreadyExists,
                    holder is { Deleted: true }
                        ? $"A deleted user named '{holder.Username}' already exists; usernames are compared case-insensitively."
                        : $"A user named '{holder?.Username ?? input.Username}' already exists; usernames are compared case-insensitively.");
            }

            var request = context.Request;
            context.Response.Headers.Location = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/{user!.Id}";
            await Responses.Json(context, StatusCodes.Status201Created, ToBody(user, state.RoleCatalog), EmulatorJsonContext.Wire.UserBody);
        }

        public async Task Update(HttpContext context, User caller)
        {
            var id = RequestReading.PathUuid(context, "id");
            UserUpdateInput input;
            using (var document = await RequestReading.ReadJsonObject(context))
            {
                // PUT replaces the record: omitted tenantIds and roleIds become empty.
                input = ReadUpdatable(document.RootElement, []);
            }

            RequireMayAssign(caller, input.Roles, input.TenantIds);
            var (outcome, user) = state.Users.Update(id, input, u => Manages(caller, u));
            ThrowUnlessDone(outcome, id, caller);
            await Responses.Json(context, StatusCodes.Status200OK, ToBody(user!, state.RoleCatalog), EmulatorJsonContext.Wire.UserBody);
        }

        public Task Delete(HttpContext context, User caller)
        {
            var id = RequestReading.PathUuid(context, "id");
            if (id == caller.Id)
            {
                throw Forbidden($"User {caller.Username} may not delete itself.");
            }

            ThrowUnlessDone(state.Users.Delete(id, u => Manages(caller, u)), id, caller);
            return Responses.NoContent(context);
        }

        public async Task UpdatePassword(HttpContext context, User caller)
        {
            string? username, oldPassword, newPassword;
            using (var document = await RequestReading.ReadJsonObject(context))
            {
                var body = document.RootElement;
                username = RequestReading.OptionalString(body, "username");
                oldPassword = RequestReading.OptionalString(body, "oldPassword");
                newPassword = RequestReading.OptionalString(body, "newPassword");
            }

            if (username is null)
            {
                throw ApiFailure.BadRequest("username: must not be null");
            }

            if (newPassword is null)
            {
                throw ApiFailure.BadRequest("newPassword: must not be null");
            }

            User target;
            Func<User, bool> mayManage;
            var own = string.Equals(username, caller.Username, StringComparison.OrdinalIgnoreCase);
            if (own)
            {
                if (oldPassword is null)
                {
                    throw ApiFailure.BadRequest("oldPassword: must not be null when changing your own password");
                }

                target = caller;
                mayManage = _ => true;
            }
            else
            {
                // An administrator's reset of another user's password needs no old password (one given is ignored).
                RequireAdmin(caller);
                oldPassword = null;
                target = state.Users.Find(username) is { Deleted: false } found
                    ? found
                    : throw ApiFailure.BadRequest($"username: user '{username}' does not exist");
                if (!Manages(caller, target))
                {
                    throw Forbidden($"User {caller.Username} may not manage user {target.Username}.");
                }

                mayManage = u => Manages(caller, u);
            }

            if (PasswordPolicies.Check("newPassword", newPassword, target.PasswordPolicyName) is { } weak)
            {
                throw new ApiFailure(StatusCodes.Status400BadRequest, PasswordPolicyViolation, weak);
            }

            switch (state.Users.SetPassword(target.Id, oldPassword, newPassword, mayManage))
            {
                case UserWriteOutcome.WrongOldPassword:
                    throw new ApiFailure(StatusCodes.Status400BadRequest, OldPasswordMismatch, "oldPassword: does not match the current password");
                case UserWriteOutcome.SamePassword:
                    throw new ApiFailure(StatusCodes.Status400BadRequest, PasswordPolicyViolation,
                        $"newPassword: does not satisfy password policy {target.PasswordPolicyName}: it must differ from the current password");
                case UserWriteOutcome.NotFound or UserWriteOutcome.Deleted:
                    throw ApiFailure.BadRequest($"username: user '{username}' does not exist");
                case UserWriteOutcome.Forbidden:
                    throw Forbidden($"User {caller.Username} may not manage user {target.Username}.");
            }

            await Responses.NoContent(context);
        }

        private void RequireAdmin(User caller)
        {
            if (!state.Permits(caller, Permissions.ManageUsers))
            {
                throw Forbidden($"User {caller.Username} lacks the {Permissions.ManageUsers} permission.");
            }
        }

        /// <summary>A TENANT_ADMIN may only place users in its own tenants, and may not grant SUPERUSER.</summary>
        private static void RequireMayAssign(User caller, IReadOnlyList<string> roles, IReadOnlyList<Guid> tenantIds)
        {
            if (Roles.IsSuperUser(caller.Roles))
            {
                return;
            }

            if (!WithinOwnTenants(caller, tenantIds))
            {
                throw Forbidden($"tenantIds: user {caller.Username} may only give users tenants of its own, and at least one.");
            }

            if (Roles.IsSuperUser(roles))
            {
                throw Forbidden($"roleIds: user {caller.Username} may not grant the {Roles.SuperUser} role.");
            }
        }

        private static void ThrowUnlessDone(UserWriteOutcome outcome, Guid id, User caller)
        {
            switch (outcome)
            {
                case UserWriteOutcome.NotFound:
                    throw NotFound(id);
                case UserWriteOutcome.Deleted:
                    throw new ApiFailure(StatusCodes.Status404NotFound, Responses.NotFound, $"User {id} is deleted.");
                case UserWriteOutcome.Forbidden:
                    throw Forbidden($"User {caller.Username} may not manage user {id}.");
            }
        }

        /// <summary>Reads and checks the UserUpdate fields, resolving roleIds to role names.</summary>
        private UserUpdateInput ReadUpdatable(JsonElement body, IReadOnlyList<Guid> defaultTenantIds)
        {
            var firstName = RequestReading.OptionalString(body, "firstName");
            var lastName = RequestReading.OptionalString(body, "lastName");
            if (string.IsNullOrWhiteSpace(lastName))
            {
                throw ApiFailure.BadRequest("lastName: must not be blank");
            }

            var email = RequestReading.OptionalString(body, "email");
            if (string.IsNullOrWhiteSpace(email))
            {
                throw ApiFailure.BadRequest("email: must not be blank");
            }

            if (!TenantRules.IsWellFormedEmail(email))
            {
                throw ApiFailure.BadRequest("email: must be a well-formed email address");
            }

            var roles = new List<string>();
            foreach (var roleId in RequestReading.OptionalUuidArray(body, "roleIds") ?? [])
            {
                roles.Add(state.RoleCatalog.Find(roleId)?.Name ?? throw ApiFailure.BadRequest($"roleIds: role {roleId} does not exist"));
            }

            IReadOnlyList<Guid> tenantIds = RequestReading.OptionalUuidArray(body, "tenantIds") ?? defaultTenantIds;
            var known = state.FindTenants(tenantIds).Select(v => v.Tenant.Id).ToHashSet();
            foreach (var tenantId in tenantIds)
            {
                if (!known.Contains(tenantId))
                {
                    throw ApiFailure.BadRequest($"tenantIds: tenant {tenantId} does not exist");
                }
            }

            var policy = RequestReading.OptionalString(body, "passwordPolicyName") ?? PasswordPolicies.Default;
            var locale = RequestReading.OptionalString(body, "locale");
            var problem = UserRules.CheckPasswordPolicyName(policy) ?? UserRules.CheckLocale(locale);
            return problem is null
                ? new UserUpdateInput(firstName, lastName, email, roles, tenantIds, policy, locale)
                : throw ApiFailure.BadRequest(problem);
        }
    }
}
