namespace MsxEmulator.Spec;

/// <summary>
/// Device template attachments (<c>/manage/api/v8/devices/{id}/templates…</c>, <c>devices/templates/attach</c>): every
/// attach, update and detach appends a <c>DeviceTemplateHistory</c> record to the device's history (the spec store's
/// collection <c>/manage/api/v8/devices/{id}/templates</c>), which the history GET lists. A template is attached to a
/// device while its latest record is not <c>Detached</c>. Update and detach name attachments that may not exist:
/// those are skipped (the answer lists only the records written).
/// </summary>
public static class DeviceTemplateAttachments
{
    private const string Applied = "Applied";
    private const string Detached = "Detached";

    private static readonly HashSet<string> Operations =
    [
        "attachDeviceTemplates", "updateDeviceTemplates", "detachDeviceTemplates", "detachDeviceTemplate",
        "getDeviceTemplateHistory", "batchAttachDeviceTemplates",
    ];

    public static bool Serves(string? operationId) => operationId is not null && Operations.Contains(operationId);

    /// <summary>Serves the operation; <paramref name="origin"/> (<c>http://host:port</c>) makes the change request's URL absolute.</summary>
    public static JsonNode Serve(SpecStore store, string operationId, Dictionary<string, string> path, Dictionary<string, JsonNode?> query, JsonNode? body, User user, string origin)
    {
        switch (operationId)
        {
            case "getDeviceTemplateHistory":
                var templateId = query.TryGetValue("templateId", out var t) ? t?.ToString() : null;
                return Array(store.All(History(path["id"])).Where(r => templateId is null || SameId(r["templateId"], templateId)));
            case "attachDeviceTemplates":
                return Array(Attach(store, path["id"], Details(body), user));
            case "batchAttachDeviceTemplates":
                // The spec's first answer is 202 ManageChangeRequestPending: the emulator approves the change at once.
                var deviceIds = body?["deviceIds"] is JsonArray ids ? ids.Select(i => i?.ToString()).OfType<string>().ToList() : [];
                foreach (var device in deviceIds)
                {
                    Attach(store, device, Details(body), user);
                }

                var changeRequestId = Guid.NewGuid().ToString();
                return new JsonObject
                {
                    ["changeRequestId"] = changeRequestId,
                    ["changeRequestUrl"] = origin + "/incident/api/v8/changerequests/" + changeRequestId,
                };
            case "updateDeviceTemplates":
                return Array(Update(store, path["id"], Details(body), user));
            case "detachDeviceTemplate":
                return Array(Detach(store, path["id"], path["templateId"], user));
            default:
                return Array(Detach(store, path["id"], null, user));
        }
    }

    private static string History(string deviceId) => "/manage/api/v8/devices/" + deviceId + "/templates";

    private static List<JsonObject> Details(JsonNode? body) =>
        body?["templateDetails"] is JsonArray details ? [.. details.OfType<JsonObject>()] : [];

    private static List<JsonObject> Attach(SpecStore store, string deviceId, List<JsonObject> details, User user) =>
        [.. details.Where(d => d["templateId"] is not null)
            .Select(d => Record(store, deviceId, d["templateId"]!.ToString(), d["templateParams"], Applied, user))];

    /// <summary>Each detail names a history record (<c>templateHistoryId</c>); its template, when still attached, gets the new parameters.</summary>
    private static List<JsonObject> Update(SpecStore store, string deviceId, List<JsonObject> details, User user)
    {
        var written = new List<JsonObject>();
        foreach (var detail in details)
        {
            var historyId = detail["templateHistoryId"]?.ToString();
            var record = store.All(History(deviceId)).FirstOrDefault(r => SameId(r["id"], historyId));
            if (record?["templateId"]?.ToString() is { } templateId && Current(store, deviceId).ContainsKey(templateId))
            {
                written.Add(Record(store, deviceId, templateId, detail["templateParams"], Applied, user));
            }
        }

        return written;
    }

    /// <summary>Detaches one template, or (<paramref name="templateId"/> null) every attached one.</summary>
    private static List<JsonObject> Detach(SpecStore store, string deviceId, string? templateId, User user) =>
        [.. Current(store, deviceId)
            .Where(p => templateId is null || string.Equals(p.Key, templateId, StringComparison.OrdinalIgnoreCase))
            .Select(p => Record(store, deviceId, p.Key, p.Value["templateParams"], Detached, user))];

    /// <summary>The attached templates: the latest record of each template, unless it is a detach.</summary>
    private static Dictionary<string, JsonObject> Current(SpecStore store, string deviceId)
    {
        var latest = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in store.All(History(deviceId)))
        {
            if (record["templateId"]?.ToString() is { } id)
            {
                latest[id] = record;
            }
        }

        return latest.Where(p => p.Value["status"]?.ToString() != Detached).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static JsonObject Record(SpecStore store, string deviceId, string templateId, JsonNode? parameters, string status, User user)
    {
        var id = Guid.NewGuid().ToString();
        var record = new JsonObject
        {
            ["id"] = id,
            ["deviceId"] = deviceId,
            ["instanceId"] = deviceId,
            ["templateId"] = templateId,
            ["userId"] = user.Id.ToString(),
            ["status"] = status,
            ["templateParams"] = parameters is JsonArray given ? given.DeepClone() : new JsonArray(),
            ["lastUpdated"] = SchemaValues.Now().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        store.Put(History(deviceId), id, record);
        return record;
    }

    private static bool SameId(JsonNode? value, string? id) => id is not null && string.Equals(value?.ToString(), id, StringComparison.OrdinalIgnoreCase);

    private static JsonArray Array(IEnumerable<JsonObject> records) => [.. records.Select(r => (JsonNode)r)];
}
