namespace MsxEmulator.Routes;

/// <summary>The <c>/idm/api/v8/tenants</c> operations of the spec.</summary>
public static class TenantRoutes
{
    public const string BasePath = "/idm/api/v8/tenants";

    public static void MapTenantRoutes(this IEndpointRouteBuilder app, EmulatorState state)
    {
        var handler = new TenantHandler(state);
        Access.Map(app, state, BasePath,
            Access.Get(Permissions.ViewTenant, (c, _, _) => handler.Page(c)),
            Access.Post(Permissions.ManageTenant, (c, _, _) => handler.Create(c)));
        Access.Map(app, state, BasePath + "/list", Access.Get(Permissions.ViewTenant, (c, _, _) => handler.List(c)));
        Access.Map(app, state, BasePath + "/externalId/{externalId}", Access.Get(Permissions.ViewTenant, (c, _, _) => handler.ByExternalId(c)));
        Access.Map(app, state, BasePath + "/{id}",
            Access.Get(Permissions.ViewTenant, (c, _, _) => handler.Get(c)),
            Access.Put(Permissions.ManageTenant, (c, _, _) => handler.Update(c)),
            Access.Delete(Permissions.ManageTenant, (c, _, _) => handler.Delete(c)));
    }

    public static TenantBody ToBody(TenantView view, bool includeImage = true)
    {
        var t = view.Tenant;
        return new TenantBody(t.Id, Timestamps.Millis(t.CreatedOn), Timestamps.Millis(t.ModifiedOn), t.Suspended, t.Name,
            t.Description, t.Url, includeImage ? t.Image : null, t.ParentId, view.NumberOfChildren, t.Email, t.ExternalId);
    }

    private sealed class TenantHandler(EmulatorState state)
    {
        public Task Get(HttpContext context)
        {
            var id = RequestReading.PathUuid(context, "id");
            var tenant = state.FindTenant(id) ?? throw NotFound(id);
            return Responses.Json(context, StatusCodes.Status200OK, ToBody(tenant), EmulatorJsonContext.Wire.TenantBody);
        }

        public Task ByExternalId(HttpContext context)
        {
            var externalId = context.Request.RouteValues["externalId"] as string ?? string.Empty;
            if (!TenantRules.IsValidExternalId(externalId))
            {
                throw ApiFailure.BadRequest("externalId: must match ^[a-zA-Z0-9-_=]{1,256}$");
            }

            var showImage = RequestReading.OptionalBool(context, "showImage");
            var tenant = state.FindTenantByExternalId(externalId)
                ?? throw new ApiFailure(StatusCodes.Status404NotFound, Responses.NotFound, $"No tenant has externalId '{externalId}'.");
            return Responses.Json(context, StatusCodes.Status200OK, ToBody(tenant, showImage), EmulatorJsonContext.Wire.TenantBody);
        }

        public Task Page(HttpContext context)
        {
            var request = PageRequest.Read(context);
            var parentId = RequestReading.OptionalUuid(context, "parentId");

            var sortBy = RequestReading.Query(context, "sortBy");
            var sort = sortBy switch
            {
                null => TenantSort.CreatedOn,
                "name" => TenantSort.Name,
                "createdOn" => TenantSort.CreatedOn,
                "modifiedOn" => TenantSort.ModifiedOn,
                _ => throw ApiFailure.BadRequest($"sortBy: '{sortBy}' is not one of name, createdOn, modifiedOn"),
            };
            var sortOrder = RequestReading.Query(context, "sortOrder");
            if (sortOrder is not (null or "asc" or "desc"))
            {
                throw ApiFailure.BadRequest($"sortOrder: '{sortOrder}' is not one of asc, desc");
            }

            var showImage = RequestReading.OptionalBool(context, "showImage");
            var (items, hasNext) = state.Page(sort, sortOrder == "desc", parentId, request);
            var body = request.Body(items.ConvertAll(v => ToBody(v, showImage)), hasNext, sortBy, sortOrder);
            return Responses.Json(context, StatusCodes.Status200OK, body, EmulatorJsonContext.Wire.PageBodyTenantBody);
        }

        public Task List(HttpContext context)
        {
            var ids = RequestReading.RequiredUuidList(context, "ids");
            var showImage = RequestReading.OptionalBool(context, "showImage");
            var tenants = state.FindTenants(ids).ConvertAll(v => ToBody(v, showImage));
            return Responses.Json(context, StatusCodes.Status200OK, tenants, EmulatorJsonContext.Wire.ListTenantBody);
        }

        public async Task Create(HttpContext context)
        {
            TenantInput input;
            using (var document = await RequestReading.ReadJsonObject(context))
            {
                var body = document.RootElement;
                var (name, description, url, image, email) = ReadUpdatable(body);
                var parentId = RequestReading.OptionalUuid(body, "parentId");
                var externalId = RequestReading.OptionalString(body, "externalId");
                if (TenantRules.CheckExternalId(externalId) is { } problem)
                {
                    throw ApiFailure.BadRequest(problem);
                }

                input = new TenantInput(name, description, url, image, email, parentId, externalId);
            }

            var (outcome, tenant) = state.Create(input);
            switch (outcome)
            {
                case TenantWriteOutcome.ParentNotFound:
                    throw ApiFailure.BadRequest($"parentId: tenant {input.ParentId} does not exist");
                case TenantWriteOutcome.DuplicateName:
                    throw NameTaken(input.Name);
                case TenantWriteOutcome.DuplicateExternalId:
                    throw new ApiFailure(StatusCodes.Status409Conflict, Responses.TenantAlreadyExists,
                        $"A tenant with externalId '{input.ExternalId}' already exists.");
            }

            var created = tenant!.Value;
            var request = context.Request;
            context.Response.Headers.Location = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/{created.Tenant.Id}";
            await Responses.Json(context, StatusCodes.Status201Created, ToBody(created), EmulatorJsonContext.Wire.TenantBody);
        }

        public async Task Update(HttpContext context)
        {
            var id = RequestReading.PathUuid(context, "id");
            string name;
            string? description, url, image, email;
            using (var document = await RequestReading.ReadJsonObject(context))
            {
                (name, description, url, image, email) = ReadUpdatable(document.RootElement);
            }

            var (outcome, tenant) = state.Update(id, name, description, url, image, email);
            switch (outcome)
            {
                case TenantWriteOutcome.NotFound:
                    throw NotFound(id);
                case TenantWriteOutcome.DuplicateName:
                    throw NameTaken(name);
            }

            await Responses.Json(context, StatusCodes.Status200OK, ToBody(tenant!.Value), EmulatorJsonContext.Wire.TenantBody);
        }

        public Task Delete(HttpContext context)
        {
            var id = RequestReading.PathUuid(context, "id");
            return state.Delete(id) switch
            {
                TenantWriteOutcome.NotFound => throw NotFound(id),
                TenantWriteOutcome.HasChildren => throw new ApiFailure(StatusCodes.Status409Conflict, Responses.TenantHasChildren,
                    $"Tenant {id} has child tenants; delete them first."),
                _ => Responses.NoContent(context),
            };
        }

        private static (string Name, string? Description, string? Url, string? Image, string? Email) ReadUpdatable(JsonElement body)
        {
            var name = RequestReading.OptionalString(body, "name");
            var description = RequestReading.OptionalString(body, "description");
            var url = RequestReading.OptionalString(body, "url");
            var image = RequestReading.OptionalString(body, "image");
            var email = RequestReading.OptionalString(body, "email");
            if (TenantRules.Check(name, description, image, email) is { } problem)
            {
                throw ApiFailure.BadRequest(problem);
            }

            return (name!, description, url, image, email);
        }

        private static ApiFailure NotFound(Guid id) =>
            new(StatusCodes.Status404NotFound, Responses.NotFound, $"Tenant {id} not found.");

        private static ApiFailure NameTaken(string name) =>
            new(StatusCodes.Status409Conflict, Responses.TenantAlreadyExists, $"A tenant named '{name}' already exists.");
    }
}
