using System.Text;
using Microsoft.OpenApi;

namespace MsxEmulator.Spec;

/// <summary>
/// The spec-driven layer: every operation of the spec that no hand-written route serves, answered from
/// the spec (see README "Every other operation"). It is the router's fallback, so hand-written routes win;
/// a method a hand-written path does not offer comes here before it would be 405.
/// </summary>
public static class SpecRoutes
{
    public static void MapSpecRoutes(this WebApplication app, EmulatorState state, SpecLoader spec)
    {
        var handwritten = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => SpecDocument.ShapeOf("/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/')))
            .ToHashSet(StringComparer.Ordinal);
        async Task<SpecLayer> Loaded()
        {
            var layer = await spec.Get();
            layer.HandWritten = handwritten;
            return layer;
        }

        app.MapFallback(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            var operations = BearerAuthentication.IsV8ApiPath(context.Request.Path) ? (await Loaded()).Match(path) : [];
            if (operations.Count == 0 || handwritten.Contains(operations[0].Shape))
            {
                await Responses.RouteNotFound(context);
                return;
            }

            await Dispatch(context, state, await Loaded(), operations);
        });

        // A method the hand-written route of the same path does not offer (e.g. PUT workflows/{id}).
        Responses.MethodFallback = async (context, allowed) =>
        {
            var layer = await Loaded();
            var operations = layer.Match(context.Request.Path.Value ?? "/");
            if (!operations.Any(o => o.Method == context.Request.Method))
            {
                await Responses.MethodNotAllowedHere(context, allowed);
                return;
            }

            await Dispatch(context, state, layer, operations);
        };
    }

    private static Task Dispatch(HttpContext context, EmulatorState state, SpecLayer layer, List<SpecOperationInfo> operations)
    {
        var operation = operations.FirstOrDefault(o => o.Method == context.Request.Method);
        if (operation is null)
        {
            return Responses.MethodNotAllowedHere(context, [.. operations.Select(o => o.Method).Distinct()]);
        }

        var handler = new SpecHandler(layer);
        return Access.Dispatch(context, state, operation.Permission, (c, user, _) => handler.Serve(c, operation, user));
    }

    private sealed class SpecHandler(SpecLayer layer)
    {
        private readonly SpecDocument spec = layer.Document;
        private readonly SpecStore store = layer.Store;

        public async Task Serve(HttpContext context, SpecOperationInfo op, User user)
        {
            var path = SpecDocument.PathValues(op.Template, context.Request.Path.Value ?? "/");
            var query = ReadParameters(context, op, path);
            var body = await ReadBody(context, op);
            var collection = SpecDocument.Concrete(op.CollectionTemplate, path);
            var id = op.Segments[^1].StartsWith('{') ? path[op.Segments[^1].Trim('{', '}')] : null;
            if (DeviceTemplateAttachments.Serves(op.OperationId))
            {
                await Answer(context, op, DeviceTemplateAttachments.Serve(store, op.OperationId!, path, query, body, user, context.Request.Scheme + "://" + context.Request.Host));
                return;
            }

            JsonNode? answer = op.Kind switch
            {
                SpecKind.Create => Create(op, collection, body, user),
                SpecKind.Page => Page(op, collection, query),
                SpecKind.List => new JsonArray([.. store.All(collection).Select(i => (JsonNode)i)]),
                SpecKind.Count => JsonValue.Create(store.Count(collection)),
                SpecKind.Get => Existing(op, collection, id!),
                SpecKind.Replace => Write(op, collection, id!, body, merge: false, user),
                SpecKind.Merge => Write(op, collection, id!, body, merge: true, user),
                SpecKind.Delete => Delete(op, collection, id!),
                SpecKind.Singleton => store.All(collection).LastOrDefault() ?? Seeded(op, collection),
                SpecKind.SingletonReplace => WriteSingleton(op, collection, body, merge: false, user),
                SpecKind.SingletonMerge => WriteSingleton(op, collection, body, merge: true, user),
                SpecKind.ReplaceMembers => ReplaceMembers(collection, body),
                _ => Act(op, path, body),
            };
            await Answer(context, op, answer);
        }

        private JsonNode? Create(SpecOperationInfo op, string collection, JsonNode? body, User user)
        {
            var itemSchema = ItemSchema(op.SuccessSchema);
            var item = body is JsonObject given ? (JsonObject)given.DeepClone() : new JsonObject();
            var id = NewId(SpecDocument.PropertyOf(itemSchema, "id"));
            item["id"] = id;
            Stamp(item, itemSchema, user, created: true);
            var stored = itemSchema is null ? item : SchemaValues.Conform(itemSchema, item, fill: true) as JsonObject ?? item;
            store.Put(collection, id, stored);
            return op.SuccessSchema?.Type is { } type && type.HasFlag(JsonSchemaType.Array) ? new JsonArray(stored.DeepClone()) : stored;
        }

        private JsonNode Page(SpecOperationInfo op, string collection, Dictionary<string, JsonNode?> query)
        {
            var items = store.All(collection);
            var page = query.TryGetValue("page", out var p) && p is not null ? p.GetValue<long>() : 0;
            var pageSize = query.TryGetValue("pageSize", out var s) && s is not null ? s.GetValue<long>() : Math.Max(items.Count, 1);
            var contents = items.Skip((int)Math.Min(page * pageSize, int.MaxValue)).Take((int)pageSize).Select(i => (JsonNode)i).ToArray();
            return new JsonObject
            {
                ["page"] = page,
                ["pageSize"] = pageSize,
                ["totalItems"] = items.Count,
                ["hasNext"] = (page + 1) * pageSize < items.Count,
                ["hasPrevious"] = page > 0,
                ["contents"] = new JsonArray(contents),
            };
        }

        /// <summary>The stored item; a collection the spec lets clients create into answers 404 for an unknown id, any other makes the item up (once).</summary>
        private JsonObject Existing(SpecOperationInfo op, string collection, string id)
        {
            if (store.Find(collection, id) is { } found)
            {
                return found;
            }

            if (store.WasDeleted(collection, id) || IsStrict(op.CollectionTemplate))
            {
                throw new ApiFailure(StatusCodes.Status404NotFound, Responses.NotFound, $"No item {id} in {collection}.");
            }

            var get = spec.Find("GET", op.CollectionTemplate + "/" + op.Segments[^1]) ?? op;
            var made = (get.SuccessSchema is { } schema ? SchemaValues.Example(schema) as JsonObject : null) ?? new JsonObject();
            made["id"] = IdFor(SpecDocument.PropertyOf(get.SuccessSchema, "id"), id) ?? made["id"]?.DeepClone();
            store.Put(collection, id, made);
            return made;
        }

        /// <summary>
        /// A collection of the spec layer's own that clients create into and learn the ids of (not a sub-resource,
        /// not a hand-written one, and its create answers an <c>id</c>).
        /// </summary>
        private bool IsStrict(string collectionTemplate) =>
            !collectionTemplate.Contains('{')
            && spec.Operations.Any(o => o.Kind == SpecKind.Create && o.CollectionTemplate == collectionTemplate && !layer.HandWritten.Contains(o.Shape)
                && SpecDocument.PropertyOf(ItemSchema(o.SuccessSchema), "id") is not null);

        private JsonNode? Write(SpecOperationInfo op, string collection, string id, JsonNode? body, bool merge, User user)
        {
            var current = Existing(op, collection, id);
            var next = merge ? current : new JsonObject();
            if (body is JsonObject fields)
            {
                foreach (var (name, value) in fields)
                {
                    next[name] = value?.DeepClone();
                }
            }

            foreach (var kept in new[] { "id", "createdOn", "createdBy", "createdAt" })
            {
                if (current[kept] is { } value)
                {
                    next[kept] = value.DeepClone();
                }
            }

            Stamp(next, op.SuccessSchema, user, created: false);
            var stored = op.SuccessSchema is { } schema ? SchemaValues.Conform(schema, next) as JsonObject ?? next : next;
            store.Put(collection, id, stored);
            return stored;
        }

        private JsonNode? Delete(SpecOperationInfo op, string collection, string id)
        {
            var current = Existing(op, collection, id);
            store.Remove(collection, id);
            return current;
        }

        private JsonNode? WriteSingleton(SpecOperationInfo op, string collection, JsonNode? body, bool merge, User user)
        {
            var current = store.All(collection).LastOrDefault() ?? Seeded(op, collection);
            var next = merge ? current : new JsonObject();
            if (body is JsonObject fields)
            {
                foreach (var (name, value) in fields)
                {
                    next[name] = value?.DeepClone();
                }
            }

            Stamp(next, op.SuccessSchema, user, created: false);
            var stored = op.SuccessSchema is { } schema ? SchemaValues.Conform(schema, next) as JsonObject ?? next : next;
            store.ReplaceAll(collection, [(current["id"]?.ToString() ?? "singleton", stored)]);
            return stored;
        }

        private JsonObject Seeded(SpecOperationInfo op, string collection)
        {
            var get = spec.Find("GET", op.CollectionTemplate) ?? op;
            var made = (get.SuccessSchema is { } schema ? SchemaValues.Example(schema) as JsonObject : null) ?? new JsonObject();
            store.ReplaceAll(collection, [("singleton", made)]);
            return made;
        }

        private JsonNode? ReplaceMembers(string collection, JsonNode? body)
        {
            var members = body switch
            {
                JsonArray array => array.Select(i => i?.DeepClone()).ToList(),
                null => [],
                _ => [body.DeepClone()],
            };
            store.ReplaceAll(collection, members.Select((m, i) => (i.ToString(CultureInfo.InvariantCulture), m as JsonObject ?? new JsonObject { ["value"] = m })));
            return body;
        }

        /// <summary>An action: <c>…/cancel</c> sets the parent item's status to the cancelled value its schema offers; the answer is the parent (or the body) in the declared shape.</summary>
        private JsonNode? Act(SpecOperationInfo op, Dictionary<string, string> path, JsonNode? body)
        {
            var parameterAt = Array.FindLastIndex(op.Segments, s => s.StartsWith('{'));
            if (parameterAt < 0)
            {
                return body;
            }

            var parentTemplate = "/" + string.Join('/', op.Segments[..(parameterAt + 1)]);
            var get = spec.Find("GET", parentTemplate);
            if (get is null || get.Kind != SpecKind.Get)
            {
                return body;
            }

            var parentCollection = SpecDocument.Concrete(get.CollectionTemplate, path);
            var parentId = path[op.Segments[parameterAt].Trim('{', '}')];
            var parent = Existing(get, parentCollection, parentId);
            if (op.Segments[^1] == "cancel" && SpecDocument.PropertyOf(get.SuccessSchema, "status") is { Enum: { Count: > 0 } states }
                && states.FirstOrDefault(s => s?.ToString().Contains("cancel", StringComparison.OrdinalIgnoreCase) == true) is { } cancelled)
            {
                parent["status"] = cancelled.DeepClone();
                store.Put(parentCollection, parentId, parent);
            }

            return parent;
        }

        private static async Task Answer(HttpContext context, SpecOperationInfo op, JsonNode? answer)
        {
            context.Response.StatusCode = op.SuccessStatus;
            if (op.SuccessContentType is null)
            {
                return;
            }

            var value = op.SuccessSchema is { } schema ? SchemaValues.Conform(schema, answer, fill: answer is null) : answer;
            if (op.SuccessContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync(value?.ToJsonString() ?? "null", Encoding.UTF8);
            }
            else
            {
                context.Response.ContentType = op.SuccessContentType + "; charset=utf-8";
                await context.Response.WriteAsync(value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : value?.ToJsonString() ?? string.Empty, Encoding.UTF8);
            }
        }

        /// <summary>Checks the path and query parameters against their schemas (400 naming the parameter); answers the query values read.</summary>
        private static Dictionary<string, JsonNode?> ReadParameters(HttpContext context, SpecOperationInfo op, Dictionary<string, string> path)
        {
            var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var parameter in op.Model.Parameters ?? [])
            {
                if (parameter.Name is not { } name || parameter.In is not (ParameterLocation.Path or ParameterLocation.Query))
                {
                    continue;
                }

                string? text = parameter.In == ParameterLocation.Path
                    ? path.GetValueOrDefault(name)
                    : context.Request.Query[name] is { Count: > 0 } given ? string.Join(',', given.Where(v => v is not null)) : null;
                if (string.IsNullOrEmpty(text))
                {
                    if (parameter.Required)
                    {
                        throw ApiFailure.BadRequest($"{name}: required parameter is missing");
                    }

                    continue;
                }

                var (value, problem) = parameter.Schema is { } schema ? SchemaValues.FromText(schema, text, name) : (JsonValue.Create(text), null);
                if (problem is not null)
                {
                    throw ApiFailure.BadRequest(problem);
                }

                values[name] = value;
            }

            return values;
        }

        /// <summary>Reads and checks the JSON body against the request schema (400 naming the field); a multipart body is taken as it is.</summary>
        private static async Task<JsonNode?> ReadBody(HttpContext context, SpecOperationInfo op)
        {
            if (op.RequestContentType is null)
            {
                return null;
            }

            var required = op.Model.RequestBody?.Required ?? false;
            if (!op.RequestContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                if (!(context.Request.ContentType ?? string.Empty).StartsWith(op.RequestContentType, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ApiFailure(StatusCodes.Status415UnsupportedMediaType, Responses.UnsupportedMediaType,
                        $"Content type '{context.Request.ContentType ?? "(none)"}' is not supported; send {op.RequestContentType}.");
                }

                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                return new JsonObject { ["files"] = form.Files.Count };
            }

            if (!required && (context.Request.ContentLength ?? 0) == 0 && context.Request.ContentType is null)
            {
                return null;
            }

            using var document = await RequestReading.ReadJson(context);
            var body = JsonNode.Parse(document.RootElement.GetRawText());
            if (op.RequestSchema is { } objectSchema && HasProperties(objectSchema) && body is not JsonObject)
            {
                throw ApiFailure.BadRequest("The request body must be a JSON object.");
            }

            if (op.RequestSchema is { } schema && SchemaValues.Check(schema, body, string.Empty) is { } problem)
            {
                throw ApiFailure.BadRequest(problem.StartsWith(':') ? "body" + problem : problem);
            }

            return body;
        }

        private static bool HasProperties(IOpenApiSchema schema) =>
            schema.Properties is { Count: > 0 } || (schema.AllOf ?? []).Any(HasProperties);

        private static IOpenApiSchema? ItemSchema(IOpenApiSchema? schema) =>
            schema?.Type is { } type && type.HasFlag(JsonSchemaType.Array) ? schema.Items : schema;

        /// <summary>Fills the server-set timestamps and authors the item's schema declares.</summary>
        private static void Stamp(JsonObject item, IOpenApiSchema? schema, User user, bool created)
        {
            var now = SchemaValues.Now();
            foreach (var name in created ? new[] { "createdOn", "createdAt", "createdBy", "modifiedOn", "modifiedAt", "modifiedBy", "updatedOn", "updatedAt", "updatedBy" }
                : ["modifiedOn", "modifiedAt", "modifiedBy", "updatedOn", "updatedAt", "updatedBy"])
            {
                if (SpecDocument.PropertyOf(schema, name) is not { } property)
                {
                    continue;
                }

                item[name] = name.EndsWith("By", StringComparison.Ordinal)
                    ? JsonValue.Create(property.Format == "uuid" ? user.Id.ToString() : user.Username)
                    : property.Type is { } type && type.HasFlag(JsonSchemaType.Integer)
                        ? JsonValue.Create(now.ToUnixTimeMilliseconds())
                        : JsonValue.Create(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            }
        }

        /// <summary>A new id in the format the schema gives: uuid, <c>CPE-…</c> (by its example), ksuid (27 characters), else a uuid text.</summary>
        private static string NewId(IOpenApiSchema? schema)
        {
            var example = SchemaValues.ExampleOf(schema)?.ToString() ?? string.Empty;
            if (schema?.Format == "uuid")
            {
                return Guid.NewGuid().ToString();
            }

            if (example.StartsWith("CPE-", StringComparison.Ordinal))
            {
                return "CPE-" + Guid.NewGuid();
            }

            return example.Length == Ksuid.Length && example.All(char.IsAsciiLetterOrDigit) ? Ksuid.New(SchemaValues.Now().UtcDateTime) : Guid.NewGuid().ToString();
        }

        private static JsonNode? IdFor(IOpenApiSchema? schema, string id) =>
            schema is null || SchemaValues.Check(schema, JsonValue.Create(id), "id", request: false) is null ? JsonValue.Create(id) : null;
    }
}
