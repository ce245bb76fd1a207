namespace MsxEmulator.Routes;

/// <summary>The <c>/workflow/api/v8/targets</c> operations of the spec: create, list, get, update and delete.</summary>
public static class WorkflowTargetRoutes
{
    public const string BasePath = "/workflow/api/v8/targets";
    public const string WorkflowTargetAlreadyExists = "WORKFLOW_TARGET_ALREADY_EXISTS";
    public const string DefaultType = "generic.target";
    public const string BaseType = "target";
    public const int MaxUniqueNameLength = 256;

    public static void MapWorkflowTargetRoutes(this IEndpointRouteBuilder app, EmulatorState state, WorkflowTargetState targets)
    {
        var handler = new TargetHandler(targets);
        Access.Map(app, state, BasePath, Access.Post(Permissions.ManageWorkflow, (c, user, _) => handler.Create(c, user)));
        Access.Map(app, state, BasePath + "/list", Access.Get(Permissions.ViewWorkflow, (c, user, _) => handler.List(c, user)));
        Access.Map(app, state, BasePath + "/{id}",
            Access.Get(Permissions.ViewWorkflow, (c, user, _) => handler.Get(c, user)),
            Access.Put(Permissions.ManageWorkflow, (c, user, _) => handler.Update(c, user)),
            Access.Delete(Permissions.ManageWorkflow, (c, user, _) => handler.Delete(c, user)));
    }

    /// <summary>
    /// Checks the <c>target_id</c> of a start body against the targets and the workflow's
    /// <c>properties.target</c>; nothing is recorded, since neither StartWorkflowResponse nor WorkflowInstance has a field for it.
    /// </summary>
    public static void CheckStartTarget(WorkflowTargetState targets, WorkflowDefinition workflow, JsonElement body)
    {
        var targetId = RequestReading.OptionalString(body, "target_id");
        if (string.IsNullOrEmpty(targetId))
        {
            if (workflow.TargetNeededAtStart)
            {
                throw ApiFailure.BadRequest(
                    $"target_id: workflow {workflow.Id} needs a target{(workflow.TargetType is { } type ? $" of type {type}" : string.Empty)} at start");
            }

            return;
        }

        var target = targets.Find(targetId)
            ?? throw ApiFailure.BadRequest($"target_id: workflow target {targetId} does not exist");
        if (workflow.TargetType is { Length: > 0 } needed && target.Type != needed)
        {
            throw ApiFailure.BadRequest($"target_id: workflow target {targetId} is of type {target.Type}; workflow {workflow.Id} needs {needed}");
        }
    }

    /// <summary>What a create or update body asks for (WorkflowTargetUpdate); null where the body leaves a field out.</summary>
    private sealed record TargetFields(
        string Name,
        string? Description,
        string? Title,
        string? SchemaId,
        string? Type,
        JsonElement Properties,
        string? UniqueName);

    private sealed class TargetHandler(WorkflowTargetState targets)
    {
        public async Task Create(HttpContext context, User caller)
        {
            TargetFields fields;
            using (var document = await RequestReading.ReadJsonObject(context))
            {
                fields = ReadFields(document.RootElement);
            }

            var now = targets.Clock.NowMillis();
            var type = fields.Type ?? DefaultType;
            var target = new WorkflowTargetRecord(
                NewId(now),
                fields.Name,
                fields.Description,
                fields.Title,
                type,
                fields.SchemaId ?? SchemaIdOf(type),
                fields.UniqueName ?? "definition_target_" + Ksuid.New(now),
                fields.Properties,
                false,
                caller.Username,
                now,
                caller.Username,
                now,
                caller.Username);
            if (targets.Create(target) == WorkflowWriteOutcome.DuplicateUniqueName)
            {
                throw AlreadyExists(target.UniqueName);
            }

            var request = context.Request;
            context.Response.Headers.Location = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/{target.Id}";
            await Responses.Json(context, StatusCodes.Status201Created, ToBody(target), WorkflowJsonContext.Wire.WorkflowTargetBody);
        }

        public Task List(HttpContext context, User caller)
        {
            bool? isInternal = null;
            if (RequestReading.Query(context, "internal") is { Length: > 0 } text)
            {
                isInternal = bool.TryParse(text, out var parsed) ? parsed : throw ApiFailure.BadRequest($"internal: '{text}' is not true or false");
            }

            var type = RequestReading.Query(context, "type");
            var list = targets.Targets()
                .Where(t => (isInternal is null || t.IsInternal == isInternal) && (string.IsNullOrEmpty(type) || t.Type == type))
                .Select(ToBody)
                .ToList();
            return Responses.Json(context, StatusCodes.Status200OK, list, WorkflowJsonContext.Wire.ListWorkflowTargetBody);
        }

        public Task Get(HttpContext context, User caller)
        {
            var id = PathKsuid(context);
            var target = targets.Find(id) ?? throw NotFound(id);
            return Responses.Json(context, StatusCodes.Status200OK, ToBody(target), WorkflowJsonContext.Wire.WorkflowTargetBody);
        }

        public async Task Update(HttpContext context, User caller)
        {
            var id = PathKsuid(context);
            TargetFields fields;
            using (var document = await RequestReading.ReadJsonObject(context))
            {
                fields = ReadFields(document.RootElement);
            }

            var now = targets.Clock.NowMillis();
            var (outcome, target) = targets.Update(id, current => current with
            {
                Name = fields.Name,
                Description = fields.Description,
                Title = fields.Title,
                Type = fields.Type ?? current.Type,
                SchemaId = fields.SchemaId ?? current.SchemaId,
                UniqueName = fields.UniqueName ?? current.UniqueName,
                Properties = fields.Properties,
                UpdatedOn = now,
                UpdatedBy = caller.Username,
            });
            await (outcome switch
            {
                WorkflowWriteOutcome.NotFound => throw NotFound(id),
                WorkflowWriteOutcome.DuplicateUniqueName => throw AlreadyExists(target!.UniqueName),
                _ => Responses.Json(context, StatusCodes.Status200OK, ToBody(target!), WorkflowJsonContext.Wire.WorkflowTargetBody),
            });
        }

        public Task Delete(HttpContext context, User caller)
        {
            var id = PathKsuid(context);
            return targets.Delete(id) == WorkflowWriteOutcome.NotFound ? throw NotFound(id) : Responses.NoContent(context);
        }

        private string NewId(DateTime now)
        {
            string id;
            do
            {
                id = Ksuid.New(now);
            }
            while (targets.Find(id) is not null);
            return id;
        }
    }

    /// <summary>Reads a WorkflowTargetUpdate (also the create body): name and properties required, the spec's patterns enforced.</summary>
    private static TargetFields ReadFields(JsonElement body)
    {
        var name = RequestReading.OptionalString(body, "name") ?? throw ApiFailure.BadRequest("name: required");
        CheckNoAngleBrackets("name", name);
        var description = RequestReading.OptionalString(body, "description");
        if (description is not null)
        {
            CheckNoAngleBrackets("description", description);
        }

        if (!body.TryGetProperty("properties", out var properties) || properties.ValueKind == JsonValueKind.Null)
        {
            throw ApiFailure.BadRequest("properties: required");
        }

        if (properties.ValueKind != JsonValueKind.Object)
        {
            throw ApiFailure.BadRequest("properties: must be an object");
        }

        var uniqueName = RequestReading.OptionalString(body, "unique_name");
        if (uniqueName is not null && UniqueNameProblem(uniqueName) is { } problem)
        {
            throw ApiFailure.BadRequest(problem);
        }

        var type = RequestReading.OptionalString(body, "type");
        if (type is { Length: 0 })
        {
            throw ApiFailure.BadRequest("type: must not be empty");
        }

        var schemaId = RequestReading.OptionalString(body, "schema_id");
        if (schemaId is { Length: 0 })
        {
            throw ApiFailure.BadRequest("schema_id: must not be empty");
        }

        return new TargetFields(name, description, RequestReading.OptionalString(body, "title"), schemaId, type, properties.Clone(), uniqueName);
    }

    /// <summary>The spec's <c>^[^&lt;&gt;]+$</c>: at least one character, none of them &lt; or &gt;.</summary>
    private static void CheckNoAngleBrackets(string field, string value)
    {
        if (PatternProblem(field, value) is { } problem)
        {
            throw ApiFailure.BadRequest(problem);
        }
    }

    /// <summary>What is wrong with a value under the spec's <c>^[^&lt;&gt;]+$</c>, or null.</summary>
    public static string? PatternProblem(string field, string value) =>
        value.Length == 0 || value.AsSpan().IndexOfAny('<', '>') >= 0 ? $"{field}: must match ^[^<>]+$ (not empty, no '<' or '>')" : null;

    /// <summary>What is wrong with a unique_name (the rule of workflow imports), or null.</summary>
    public static string? UniqueNameProblem(string text) =>
        text.Length is > 0 and <= MaxUniqueNameLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? null
            : $"unique_name: must be 1 to {MaxUniqueNameLength} letters, digits, '_', '-' or '.'";

    public static string SchemaIdOf(string type) => Ksuid.Stable("msx-emulator-target-schema:" + type);

    public static string AdapterIdOf(string type) => Ksuid.Stable("msx-emulator-target-adapter:" + type);

    private static WorkflowTargetBody ToBody(WorkflowTargetRecord target) => new(
        target.Id,
        target.Name,
        target.Title,
        target.Type,
        target.Properties,
        target.Owner,
        true,
        target.SchemaId,
        AdapterIdOf(target.Type),
        BaseType,
        Timestamps.Seconds(target.CreatedOn),
        target.CreatedBy,
        Timestamps.Seconds(target.UpdatedOn),
        target.UpdatedBy,
        new WorkflowDefAccessMetaBody(target.IsInternal),
        target.UniqueName);

    private static string PathKsuid(HttpContext context)
    {
        var text = context.Request.RouteValues["id"] as string;
        return Ksuid.IsValid(text) ? text! : throw ApiFailure.BadRequest($"id: '{text}' is not a valid ksuid (27 base62 characters)");
    }

    private static ApiFailure NotFound(string id) => new(StatusCodes.Status404NotFound, Responses.NotFound, $"Workflow target {id} not found.");

    private static ApiFailure AlreadyExists(string uniqueName) =>
        new(StatusCodes.Status409Conflict, WorkflowTargetAlreadyExists, $"A workflow target with unique_name '{uniqueName}' already exists.");
}
