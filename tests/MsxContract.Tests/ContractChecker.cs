using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace MsxContract.Tests;

/// <summary>A broken rule: which one, what was wrong, and an exchange that shows it.</summary>
public sealed record Violation(string Rule, string Detail, RecordedExchange Example);

/// <summary>
/// Checks recorded exchanges against the spec. The rules are in README.md ("Contract tests"); in short:
/// the operation exists (or the answer is 404/405), the status is declared (or is 401, or an addition
/// in <see cref="SpecAdditions"/>), the JSON body of every request the module sent (and of every other
/// request with a 2xx answer) validates against its requestBody schema, and every JSON answer validates
/// against the schema of its status and content type.
/// </summary>
public sealed partial class ContractChecker(OpenApiSpec spec)
{
    public const string NotInSpec = "(exchanges to paths or methods not in the spec)";

    /// <summary>The operation key an exchange counts under (exercised), whatever its outcome.</summary>
    public string KeyOf(RecordedExchange exchange)
    {
        var (operation, _) = spec.Match(exchange.Method, exchange.Path);
        return operation?.Key ?? SpecAdditions.OperationFor(exchange.Method, exchange.Path)?.Key ?? NotInSpec;
    }

    public List<Violation> Check(RecordedExchange exchange)
    {
        var violations = new List<Violation>();
        void Add(string rule, string detail) => violations.Add(new Violation(rule, detail, exchange));

        // No answer, or an answer a test made up: nothing to hold against the spec.
        if (exchange.Dropped || exchange.Fault)
        {
            return violations;
        }

        var (operation, pathKnown) = spec.Match(exchange.Method, exchange.Path);
        if (operation is null)
        {
            if (SpecAdditions.OperationFor(exchange.Method, exchange.Path) is { } extra)
            {
                if (!extra.Statuses.Contains(exchange.Status))
                {
                    Add("status not declared", $"{exchange.Status} is not one of {string.Join(", ", extra.Statuses)} allowed for this addition");
                }
            }
            else if (exchange.Status is not (404 or 405 or 401))
            {
                Add("operation not in the spec",
                    $"{exchange.Method} {(pathKnown ? "is not a method of this path" : "to a path the spec does not have")}, answered {exchange.Status} (only 404, 405 or 401 may answer it)");
            }

            return violations;
        }

        void AddUnlessKnown(string rule, string detail)
        {
            if (!SpecAdditions.IsKnownDefect(operation, detail))
            {
                Add(rule, detail);
            }
        }

        var responses = operation.Model.Responses ?? new OpenApiResponses();
        var declared = Lookup(responses, exchange.Status);
        var addition = SpecAdditions.StatusFor(operation, exchange.Status);
        if (declared is null && addition is null && exchange.Status != 401)
        {
            Add("status not declared", $"{exchange.Status} (declared: {string.Join(", ", responses.Keys)})");
        }

        // A request the module sent is held to its schema as strictly as the answers, whatever the answer (the
        // module must never send a body the spec refuses); a test's own client may send a broken one on purpose,
        // so its bodies are checked where the server accepted them.
        if (exchange.FromModule || exchange.Status is >= 200 and < 300)
        {
            CheckRequest(operation, exchange, AddUnlessKnown);
        }

        if (declared is not null)
        {
            CheckResponse(operation, declared.Value, exchange, Add);
        }
        else if (addition is not null)
        {
            CheckJsonBody("response body", spec.Component(addition.BodySchema), exchange.ResponseContentType, exchange.ResponseBody,
                exchange.ResponseBodyTruncated, Add, requireJson: true);
        }

        return violations;
    }

    private void CheckRequest(SpecOperation operation, RecordedExchange exchange, Action<string, string> add)
    {
        if (operation.Model.RequestBody is not { } body)
        {
            return;
        }

        if (string.IsNullOrEmpty(exchange.RequestBody))
        {
            if (body.Required)
            {
                add("request body missing", "the operation requires a body and succeeded without one");
            }

            return;
        }

        var content = body.Content ?? new Dictionary<string, IOpenApiMediaType>();
        var media = MediaTypeOf(exchange.RequestContentType);
        var match = content.Keys.FirstOrDefault(k => MediaMatches(k, media));
        if (match is null)
        {
            add("request content type not declared", $"'{exchange.RequestContentType}' (declared: {string.Join(", ", content.Keys)})");
            return;
        }

        if (IsJson(media) && content[match].Schema is { } schema)
        {
            CheckJsonBody("request body", spec.SchemaAt($"{operation.Key} request {match}", schema), exchange.RequestContentType,
                exchange.RequestBody, exchange.RequestBodyTruncated, add, requireJson: true);
        }
    }

    private void CheckResponse(SpecOperation operation, KeyValuePair<string, IOpenApiResponse> declared, RecordedExchange exchange, Action<string, string> add)
    {
        var content = declared.Value.Content;
        if (content is null || content.Count == 0)
        {
            return;
        }

        if (string.IsNullOrEmpty(exchange.ResponseBody))
        {
            add("response body missing", $"{exchange.Status} declares {string.Join(", ", content.Keys)} and the answer had no body");
            return;
        }

        var media = MediaTypeOf(exchange.ResponseContentType);
        var match = content.Keys.FirstOrDefault(k => MediaMatches(k, media));
        if (match is null)
        {
            add("response content type not declared", $"{exchange.Status} '{exchange.ResponseContentType}' (declared: {string.Join(", ", content.Keys)})");
            return;
        }

        if (IsJson(media) && content[match].Schema is { } schema)
        {
            CheckJsonBody($"response body ({declared.Key})", spec.SchemaAt($"{operation.Key} response {declared.Key} {match}", schema),
                exchange.ResponseContentType, exchange.ResponseBody, exchange.ResponseBodyTruncated, add, requireJson: true);
        }
    }

    private static void CheckJsonBody(string what, Json.Schema.JsonSchema schema, string? contentType, string? body, bool truncated,
        Action<string, string> add, bool requireJson)
    {
        if (truncated || string.IsNullOrEmpty(body))
        {
            // A body cut at the log's cap cannot be parsed; a missing one is reported by the caller.
            return;
        }

        if (requireJson && !IsJson(MediaTypeOf(contentType)))
        {
            add($"{what}: not JSON", $"content type '{contentType}', expected application/json");
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            add($"{what}: malformed JSON", e.Message);
            return;
        }

        using (document)
        {
            foreach (var problem in OpenApiSpec.Problems(schema, document.RootElement))
            {
                // Array indexes vary between exchanges; the same problem at another index is the same problem.
                add($"{what} does not match the schema", ArrayIndex().Replace(problem, "/*"));
            }
        }
    }

    /// <summary>The response declared for a status: the exact code, then its range (4XX), then default.</summary>
    private static KeyValuePair<string, IOpenApiResponse>? Lookup(OpenApiResponses responses, int status)
    {
        foreach (var key in new[] { status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{status / 100}XX", "default" })
        {
            foreach (var (name, response) in responses)
            {
                if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
                {
                    return new KeyValuePair<string, IOpenApiResponse>(name, response);
                }
            }
        }

        return null;
    }

    private static string MediaTypeOf(string? contentType) => (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();

    private static bool IsJson(string media) => media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal);

    private static bool MediaMatches(string declared, string actual)
    {
        declared = MediaTypeOf(declared);
        if (declared == "*/*" || declared == actual)
        {
            return actual.Length > 0 || declared == "*/*";
        }

        return declared.EndsWith("/*", StringComparison.Ordinal) && actual.StartsWith(declared[..^1], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"/\d+(?=/|:)")]
    private static partial Regex ArrayIndex();
}
