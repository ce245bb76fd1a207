namespace MsxEmulator.Routes;

/// <summary>The <c>/workflow/api/v8/workflows</c> operations of the spec: definitions, start, and instances.</summary>
public static class WorkflowRoutes
{
    public const string BasePath = "/workflow/api/v8/workflows";
    public const string WorkflowAlreadyExists = "WORKFLOW_ALREADY_EXISTS";
    public const string WorkflowHasRunningInstances = "WORKFLOW_HAS_RUNNING_INSTANCES";
    public const string WorkflowInstanceFinished = "WORKFLOW_INSTANCE_FINISHED";
    public const string WorkflowInstanceRunning = "WORKFLOW_INSTANCE_RUNNING";
    public const string InstanceVersion = "1.0.0";
    public const int MaxInstancesPageSize = 100;

    public static void MapWorkflowRoutes(this IEndpointRouteBuilder app, EmulatorState state, WorkflowState workflows, WorkflowTargetState targets)
    {
        var handler = new WorkflowHandler(state, workflows, targets);
        Access.Map(app, state, BasePath, Access.Post(Permissions.ManageWorkflow, As(handler.Import)));
        Access.Map(app, state, BasePath + "/list", Access.Get(Permissions.ViewWorkflow, As(handler.List)));
        Access.Map(app, state, BasePath + "/instances/{id}",
            Access.Get(Permissions.ViewWorkflowInstance, As(handler.GetInstance)),
            Access.Delete(Permissions.ManageWorkflowInstance, As(handler.DeleteInstance)));
        Access.Map(app, state, BasePath + "/instances/{id}/cancel", Access.Post(Permissions.ManageWorkflowInstance, As(handler.Cancel)));
        Access.Map(app, state, BasePath + "/{id}",
            Access.Get(Permissions.ViewWorkflow, As(handler.Get)),
            Access.Delete(Permissions.ManageWorkflow, As(handler.Delete)));
        Access.Map(app, state, BasePath + "/{id}/export", Access.Get(Permissions.ManageWorkflow, As(handler.Export)));
        Access.Map(app, state, BasePath + "/{id}/startconfig", Access.Get(Permissions.ViewWorkflow, As(handler.StartConfig)));
        Access.Map(app, state, BasePath + "/{id}/start", Access.Post(Permissions.ManageWorkflowInstance, As(handler.Start)));
        Access.Map(app, state, BasePath + "/{id}/instances/list", Access.Get(Permissions.ViewWorkflowInstance, As(handler.Instances)));

        // Each operation gets the token's user as a WorkflowCaller.
        Func<HttpContext, User, AccessTokenRecord, Task> As(Func<HttpContext, WorkflowCaller, Task> operation) =>
            (context, user, token) => operation(context, new WorkflowCaller(user, token, state));
    }

    /// <summary>The authenticated user and token of a request, and what they may see.</summary>
    private sealed record WorkflowCaller(User User, AccessTokenRecord Token, EmulatorState State)
    {
        public bool IsSuperUser => Roles.IsSuperUser(User.Roles);

        public bool CanAccessTenant(Guid tenantId) => IsSuperUser || User.TenantIds.Contains(tenantId);

        public bool CanSee(WorkflowDefinition workflow) => workflow.Global || IsSuperUser || workflow.TenantIds.Any(User.TenantIds.Contains);

        public bool CanSee(WorkflowInstanceRecord instance) => IsSuperUser || (instance.TenantId is { } t && User.TenantIds.Contains(t));

        /// <summary>Global workflows belong to the superuser; a tenant's workflow to whoever holds every tenant it is mapped to.</summary>
        public bool CanManage(WorkflowDefinition workflow) =>
            Has(Permissions.ManageWorkflow)
            && (IsSuperUser || (!workflow.Global && workflow.TenantIds.All(User.TenantIds.Contains)));

        public bool Has(string permission) => State.Permits(User, permission);
    }

    private sealed class WorkflowHandler(EmulatorState state, WorkflowState workflows, WorkflowTargetState targets)
    {
        private EmulatorClock Clock => workflows.Clock;

        public Task List(HttpContext context, WorkflowCaller caller)
        {
            var tenantId = RequestReading.OptionalUuid(context, "tenantId") ?? caller.Token.TenantId;
            if (RequestReading.OptionalUuid(context, "tenantId") is { } parsed)
            {
                if (state.FindTenant(parsed) is null)
                {
                    throw ApiFailure.BadRequest($"tenantId: tenant {parsed} does not exist");
                }

                if (!caller.CanAccessTenant(parsed))
                {
                    throw Forbidden($"User {caller.User.Username} has no access to tenant {parsed}.");
                }
            }

            var atomic = RequestReading.OptionalBool(context, "atomic");
            var list = workflows.Workflows()
                .Where(w => w.IsAtomic == atomic && (w.Global || (tenantId is { } t && w.TenantIds.Contains(t))))
                .Select(w => ToBody(w, caller, full: false))
                .ToList();
            return Responses.Json(context, StatusCodes.Status200OK, list, WorkflowJsonContext.Wire.ListWorkflowBody);
        }

        public Task Get(HttpContext context, WorkflowCaller caller)
        {
            var workflow = VisibleWorkflow(context, caller);
            return Responses.Json(context, StatusCodes.Status200OK, ToBody(workflow, caller, full: true), WorkflowJsonContext.Wire.WorkflowBody);
        }

        public Task Export(HttpContext context, WorkflowCaller caller)
        {
            var workflow = VisibleWorkflow(context, caller);
            return Responses.Json(context, StatusCodes.Status200OK, new WorkflowExportBody(workflow.Source, workflow.Targets),
                WorkflowJsonContext.Wire.WorkflowExportBody);
        }

        public async Task Import(HttpContext context, WorkflowCaller caller)
        {
            var tenantIds = new List<Guid>();
            foreach (var value in context.Request.Query["tenantIds"])
            {
                foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var id = Guid.TryParse(part, out var parsed) ? parsed : throw ApiFailure.BadRequest($"tenantIds: '{part}' is not a valid uuid");
                    if (!tenantIds.Contains(id))
                    {
                        tenantIds.Add(id);
                    }
                }
            }

            var global = RequestReading.OptionalBool(context, "global");
            if (global && tenantIds.Count > 0)
            {
                throw ApiFailure.BadRequest("global: a workflow is either global or mapped to tenantIds, not both");
            }

            var now = Clock.NowMillis();
            WorkflowDefinition workflow;
            using (var document = await RequestReading.ReadJsonObject(context))
            {
                try
                {
                    workflow = WorkflowReader.Read(document.RootElement, Ksuid.New(now), _ => Ksuid.New(now));
                }
                catch (WorkflowFormatException e)
                {
                    throw ApiFailure.BadRequest(e.Message);
                }
            }

            if (global && !caller.IsSuperUser)
            {
                throw Forbidden($"Only a superuser may import a global workflow; user {caller.User.Username} is not one.");
            }

            if (!global && tenantIds.Count == 0)
            {
                tenantIds.Add(caller.Token.TenantId
                    ?? throw ApiFailure.BadRequest("tenantIds: required (or global=true), since the token has no tenant"));
            }

            foreach (var tenantId in tenantIds)
            {
                if (state.FindTenant(tenantId) is null)
                {
                    throw ApiFailure.BadRequest($"tenantIds: tenant {tenantId} does not exist");
                }

                if (!caller.CanAccessTenant(tenantId))
                {
                    throw Forbidden($"User {caller.User.Username} has no access to tenant {tenantId}.");
                }
            }

            workflow = workflow with
            {
                Global = global,
                TenantIds = tenantIds,
                CreatedBy = caller.User.Username,
                CreatedByUserId = caller.User.Id,
                CreatedOn = now,
            };
            if (workflows.Import(workflow) == WorkflowWriteOutcome.DuplicateUniqueName)
            {
                throw new ApiFailure(StatusCodes.Status409Conflict, WorkflowAlreadyExists,
                    $"A workflow with unique_name '{workflow.UniqueName}' already exists.");
            }

            var request = context.Request;
            context.Response.Headers.Location = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/{workflow.Id}";
            var userId = caller.User.Id.ToString();
            var stamp = MappingTime(now);
            await Responses.Json(context, StatusCodes.Status201Created,
                new WorkflowMappingBody(workflow.Id, workflow.TenantIds, workflow.UniqueName, userId, stamp, userId, stamp),
                WorkflowJsonContext.Wire.WorkflowMappingBody);
        }

        public Task Delete(HttpContext context, WorkflowCaller caller)
        {
            var workflow = VisibleWorkflow(context, caller);
            if (!caller.CanManage(workflow))
            {
                throw Forbidden(workflow.Global
                    ? $"Only a superuser may delete the global workflow {workflow.Id}."
                    : $"User {caller.User.Username} does not hold every tenant workflow {workflow.Id} is mapped to.");
            }

            return workflows.Delete(workflow.Id) switch
            {
                WorkflowWriteOutcome.NotFound => throw WorkflowNotFound(workflow.Id),
                WorkflowWriteOutcome.HasRunningInstances => throw new ApiFailure(StatusCodes.Status409Conflict, WorkflowHasRunningInstances,
                    $"Workflow {workflow.Id} has instances that are still created or running; cancel them first."),
                _ => Responses.NoContent(context),
            };
        }

        public Task StartConfig(HttpContext context, WorkflowCaller caller)
        {
            var workflow = VisibleWorkflow(context, caller);
            var inputs = workflow.Inputs.Select(v => DefinitionVariable(workflow, v, objectType: null)).ToList();
            var body = new WorkflowStartConfigBody(inputs, workflow.TargetNeededAtStart ? workflow.TargetType : null, workflow.TargetId);
            return Responses.Json(context, StatusCodes.Status200OK, body, WorkflowJsonContext.Wire.WorkflowStartConfigBody);
        }

        public async Task Start(HttpContext context, WorkflowCaller caller)
        {
            var workflow = VisibleWorkflow(context, caller);
            if (RequestReading.Query(context, "sync") is { Length: > 0 } sync && !bool.TryParse(sync, out _))
            {
                throw ApiFailure.BadRequest($"sync: '{sync}' is not true or false");
            }

            var tenantId = caller.Token.TenantId
                ?? throw Forbidden("The token has no tenant; switch to a tenant before starting a workflow.");
            if (!workflow.Global && !workflow.TenantIds.Contains(tenantId))
            {
                throw Forbidden($"Workflow {workflow.Id} is not available in tenant {tenantId}; switch to one of its tenants first.");
            }

            Dictionary<string, JsonElement> values;
            using (var document = await RequestReading.ReadJsonObject(context))
            {
                values = ReadInputs(workflow, document.RootElement);
                WorkflowTargetRoutes.CheckStartTarget(targets, workflow, document.RootElement);
            }

            var instance = workflows.Start(workflow.Id, tenantId, caller.User.Username, values) ?? throw WorkflowNotFound(workflow.Id);
            // The answer describes the instance as created, even when a zero start delay has it running at once.
            var body = new StartWorkflowResponseBody(instance.Id, workflow.Type, new WorkflowStatusBody(WorkflowStates.Created), InstanceVersion,
                workflow.Id, SchemaId(workflow), workflow.BaseType, instance.StartedBy, Timestamps.Seconds(instance.CreatedAt));
            await Responses.Json(context, StatusCodes.Status200OK, [body], WorkflowJsonContext.Wire.ListStartWorkflowResponseBody);
        }

        public Task Instances(HttpContext context, WorkflowCaller caller)
        {
            var id = PathKsuid(context);
            var request = PageRequest.Read(context, MaxInstancesPageSize);
            var from = OptionalDate(context, "dateFrom");
            var to = OptionalDate(context, "dateTo");
            var workflow = workflows.Find(id);
            if (workflow is null || !caller.CanSee(workflow))
            {
                throw WorkflowNotFound(id);
            }

            var now = Clock.UtcNow;
            var (items, _) = request.Cut(workflows.Instances(id)
                .Where(i => caller.CanSee(i)
                    && (from is null || DateOnly.FromDateTime(i.CreatedAt) >= from)
                    && (to is null || DateOnly.FromDateTime(i.CreatedAt) <= to)));
            var list = items.ConvertAll(i => ToBody(i, i.At(now), full: false));
            return Responses.Json(context, StatusCodes.Status200OK, list, WorkflowJsonContext.Wire.ListWorkflowInstanceBody);
        }

        public Task GetInstance(HttpContext context, WorkflowCaller caller)
        {
            var instance = VisibleInstance(caller, PathKsuid(context));
            return Responses.Json(context, StatusCodes.Status200OK, ToBody(instance, instance.At(Clock.UtcNow), full: true),
                WorkflowJsonContext.Wire.WorkflowInstanceBody);
        }

        public Task DeleteInstance(HttpContext context, WorkflowCaller caller)
        {
            var id = context.Request.RouteValues["id"] as string ?? string.Empty;
            VisibleInstance(caller, id);
            return workflows.DeleteInstance(id) switch
            {
                WorkflowWriteOutcome.NotFound => throw InstanceNotFound(id),
                WorkflowWriteOutcome.Running => throw new ApiFailure(StatusCodes.Status409Conflict, WorkflowInstanceRunning,
                    $"Workflow instance {id} is still created or running; cancel it first."),
                _ => Responses.Json(context, StatusCodes.Status200OK, new WorkflowInstanceDeleteBody(null),
                    WorkflowJsonContext.Wire.WorkflowInstanceDeleteBody),
            };
        }

        public Task Cancel(HttpContext context, WorkflowCaller caller)
        {
            var id = PathKsuid(context);
            VisibleInstance(caller, id);
            var (outcome, instance) = workflows.Cancel(id, caller.User.Username);
            return outcome switch
            {
                WorkflowWriteOutcome.NotFound => throw InstanceNotFound(id),
                WorkflowWriteOutcome.Finished => throw new ApiFailure(StatusCodes.Status409Conflict, WorkflowInstanceFinished,
                    $"Workflow instance {id} has already ended ({instance!.At(Clock.UtcNow).State}); only a created or running instance can be cancelled."),
                _ => Responses.Json(context, StatusCodes.Status200OK, ToBody(instance!, instance!.At(Clock.UtcNow), full: true),
                    WorkflowJsonContext.Wire.WorkflowInstanceBody),
            };
        }

        private WorkflowDefinition VisibleWorkflow(HttpContext context, WorkflowCaller caller)
        {
            var id = PathKsuid(context);
            var workflow = workflows.Find(id);
            return workflow is not null && caller.CanSee(workflow) ? workflow : throw WorkflowNotFound(id);
        }

        private WorkflowInstanceRecord VisibleInstance(WorkflowCaller caller, string id)
        {
            var instance = workflows.FindInstance(id);
            return instance is not null && caller.CanSee(instance) ? instance : throw InstanceNotFound(id);
        }

        private static Dictionary<string, JsonElement> ReadInputs(WorkflowDefinition workflow, JsonElement body)
        {
            var values = workflow.Inputs.ToDictionary(v => v.UniqueName, v => v.Value, StringComparer.Ordinal);
            if (body.TryGetProperty("input_variables", out var list) && list.ValueKind != JsonValueKind.Null)
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw ApiFailure.BadRequest("input_variables: must be an array");
                }

                var given = new HashSet<string>(StringComparer.Ordinal);
                var index = 0;
                foreach (var entry in list.EnumerateArray())
                {
                    var where = $"input_variables[{index++}]";
                    var variable = FindVariable(workflow, entry, where);
                    if (!given.Add(variable.UniqueName))
                    {
                        throw ApiFailure.BadRequest($"{where}: variable '{variable.Name}' is given twice");
                    }

                    if (entry.TryGetProperty("properties", out var properties) && properties.TryGetProperty("value", out var value))
                    {
                        if (!WorkflowReader.Fits(variable.Type, value))
                        {
                            throw ApiFailure.BadRequest($"{where}.properties.value: does not fit the type {variable.Type} of '{variable.Name}'");
                        }

                        values[variable.UniqueName] = value.Clone();
                    }
                }
            }

            var missing = workflow.Inputs.FirstOrDefault(v => v.IsRequired && IsEmpty(values[v.UniqueName]));
            return missing is null ? values : throw ApiFailure.BadRequest($"input_variables: '{missing.Name}' is required and has no value");
        }

        private static bool IsEmpty(JsonElement value) =>
            value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);

        private static WorkflowVariableDefinition FindVariable(WorkflowDefinition workflow, JsonElement entry, string where)
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw ApiFailure.BadRequest($"{where}: must be an object");
            }

            JsonElement properties = default;
            if (entry.TryGetProperty("properties", out var found) && found.ValueKind != JsonValueKind.Null)
            {
                properties = found.ValueKind == JsonValueKind.Object ? found : throw ApiFailure.BadRequest($"{where}.properties: must be an object");
            }

            WorkflowVariableDefinition? variable;
            string named;
            if (RequestReading.OptionalString(entry, "unique_name") is { } uniqueName)
            {
                named = uniqueName;
                variable = workflow.Variables.FirstOrDefault(v => v.UniqueName == uniqueName);
            }
            else if (RequestReading.OptionalString(entry, "id") is { } id)
            {
                named = id;
                variable = workflow.Variables.FirstOrDefault(v => v.Id == id);
            }
            else if (properties.ValueKind == JsonValueKind.Object && RequestReading.OptionalString(properties, "name") is { } name)
            {
                named = name;
                variable = workflow.Inputs.FirstOrDefault(v => v.Name == name) ?? workflow.Variables.FirstOrDefault(v => v.Name == name);
            }
            else
            {
                throw ApiFailure.BadRequest($"{where}: name the variable with unique_name, id or properties.name");
            }

            if (variable is null)
            {
                throw ApiFailure.BadRequest($"{where}: workflow {workflow.Id} has no variable '{named}'");
            }

            return variable.Scope == WorkflowVariableDefinition.InputScope
                ? variable
                : throw ApiFailure.BadRequest($"{where}: '{variable.Name}' is an {variable.Scope} variable, not an input");
        }

        private static WorkflowBody ToBody(WorkflowDefinition workflow, WorkflowCaller caller, bool full)
        {
            var stamp = Timestamps.Seconds(workflow.CreatedOn);
            List<string>? permissions = null;
            if (full)
            {
                permissions = [];
                if (caller.CanManage(workflow))
                {
                    permissions.Add("manage");
                }

                if (caller.Has(Permissions.ManageWorkflowInstance))
                {
                    permissions.Add("run");
                }
            }

            return new WorkflowBody(
                workflow.Id,
                workflow.Name,
                full ? workflow.Title : null,
                workflow.Type,
                workflow.Properties,
                true,
                workflow.CreatedBy,
                workflow.Categories,
                new WorkflowMetadataBody(new WorkflowGitInfoBody(string.Empty, string.Empty, null, null, null)),
                new WorkflowStatusBody("import_completed"),
                permissions,
                full ? workflow.Variables.Select(v => DefinitionVariable(workflow, v, "variable_workflow")).ToList() : null,
                full ? workflow.Actions.Select(a => new WorkflowActionBody(a.Id, a.Name, a.Title, a.Type,
                    new WorkflowStatusBody(WorkflowStates.Created), null, null, a.BaseType, a.UniqueName, null, null)).ToList() : null,
                SchemaId(workflow),
                workflow.UniqueName,
                workflow.BaseType,
                true,
                stamp,
                workflow.CreatedBy,
                stamp,
                workflow.CreatedBy);
        }

        private static WorkflowVariableBody DefinitionVariable(WorkflowDefinition workflow, WorkflowVariableDefinition variable, string? objectType)
        {
            var stamp = Timestamps.Seconds(workflow.CreatedOn);
            return new WorkflowVariableBody(variable.Id, VariableProperties(variable, variable.Value), variable.UniqueName,
                workflow.CreatedBy, stamp, workflow.CreatedBy, stamp, variable.SchemaId, objectType);
        }

        private static WorkflowInstanceBody ToBody(WorkflowInstanceRecord instance, WorkflowRunView view, bool full)
        {
            var workflow = instance.Definition;
            var created = Timestamps.Seconds(instance.CreatedAt);
            List<WorkflowActionBody>? actions = null;
            List<WorkflowVariableBody>? variables = null;
            if (full)
            {
                actions = workflow.Actions.Select((a, i) => new WorkflowActionBody(
                    instance.ActionIds[i], a.Name, a.Title, a.Type,
                    new WorkflowStatusBody(view.Actions[i].State, view.Actions[i].Message),
                    instance.Id, a.Id, a.BaseType, a.UniqueName,
                    Seconds(view.Actions[i].StartedOn), Seconds(view.Actions[i].EndedOn))).ToList();
                variables = workflow.Variables.Select((v, i) =>
                {
                    var updated = v.Scope == WorkflowVariableDefinition.OutputScope && view.State == WorkflowStates.Success
                        ? Timestamps.Seconds(view.UpdatedOn)
                        : created;
                    return new WorkflowVariableBody(instance.VariableIds[i], VariableProperties(v, view.VariableValues[i]), v.UniqueName,
                        instance.StartedBy, created, instance.StartedBy, updated, v.SchemaId, string.Empty);
                }).ToList();
            }

            return new WorkflowInstanceBody(
                instance.Id,
                workflow.Name,
                InstanceVersion,
                workflow.Type,
                workflow.Properties,
                actions,
                variables,
                new WorkflowStatusBody(view.State),
                instance.StartedBy,
                workflow.Id,
                SchemaId(workflow),
                workflow.BaseType,
                Seconds(view.StartedOn),
                Seconds(view.EndedOn),
                created,
                instance.StartedBy,
                Timestamps.Seconds(view.UpdatedOn),
                instance.CancelledBy ?? instance.StartedBy);
        }

        /// <summary>A variable's properties: value, scope, name, type and is_required first, then any others it was imported with.</summary>
        private static JsonObject VariableProperties(WorkflowVariableDefinition variable, JsonElement value)
        {
            var properties = new JsonObject
            {
                ["value"] = JsonNode.Parse(value.GetRawText()),
                ["scope"] = variable.Scope,
                ["name"] = variable.Name,
                ["type"] = variable.Type,
                ["is_required"] = variable.IsRequired,
            };
            foreach (var property in variable.Properties.EnumerateObject())
            {
                if (!properties.ContainsKey(property.Name))
                {
                    properties[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                }
            }

            return properties;
        }

        private static string SchemaId(WorkflowDefinition workflow) => Ksuid.Stable("msx-emulator-schema:" + workflow.Type);

        private static string? Seconds(DateTime? value) => value is { } v ? Timestamps.Seconds(v) : null;

        /// <summary>WorkflowMapping's time format, as in the spec's example: <c>2020-08-07 13:15:10+0000</c>.</summary>
        private static string MappingTime(DateTime value) =>
            value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'+0000'", CultureInfo.InvariantCulture);

        private static string PathKsuid(HttpContext context)
        {
            var text = context.Request.RouteValues["id"] as string;
            return Ksuid.IsValid(text) ? text! : throw ApiFailure.BadRequest($"id: '{text}' is not a valid ksuid (27 base62 characters)");
        }

        private static DateOnly? OptionalDate(HttpContext context, string name)
        {
            var text = RequestReading.Query(context, name);
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw ApiFailure.BadRequest($"{name}: '{text}' is not a date (yyyy-MM-dd)");
        }

        private static ApiFailure Forbidden(string message) => new(StatusCodes.Status403Forbidden, Responses.Forbidden, message);

        private static ApiFailure WorkflowNotFound(string id) => new(StatusCodes.Status404NotFound, Responses.NotFound, $"Workflow {id} not found.");

        private static ApiFailure InstanceNotFound(string id) =>
            new(StatusCodes.Status404NotFound, Responses.NotFound, $"Workflow instance {id} not found.");
    }
}
