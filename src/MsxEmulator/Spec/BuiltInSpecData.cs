namespace MsxEmulator.Spec;

/// <summary>
/// The built-in items of the spec-driven collections, so that a first call to each area finds something:
/// a product with an offer (the catalog of Cisco's onboarding guides), a device template, a workflow
/// category and its schema. Each is completed to the spec's schema of its collection's GET.
/// </summary>
public static class BuiltInSpecData
{
    public const string ProductId = "5e1bdb5a-7a8e-4d2a-9c1e-000000000001";
    public const string OfferId = "5e1bdb5a-7a8e-4d2a-9c1e-000000000002";
    public const string DeviceTemplateId = "5e1bdb5a-7a8e-4d2a-9c1e-000000000003";
    public const string WorkflowCategoryId = "2aKVLbuiltinCategory0000001";
    public const string WorkflowSchemaId = "2aKVLbuiltinSchema000000001";

    public static IEnumerable<(string Collection, string Id, JsonObject Item)> Items(SpecDocument spec)
    {
        (string, string, JsonObject) Item(string getTemplate, string id, JsonObject fields)
        {
            var get = spec.Find("GET", getTemplate) ?? throw new InvalidOperationException("The spec has no GET " + getTemplate);
            fields["id"] = id;
            var item = get.SuccessSchema is { } schema ? SchemaValues.Conform(schema, fields, fill: true) as JsonObject ?? fields : fields;
            return (get.CollectionTemplate, id, item);
        }

        yield return Item("/consume/api/v8/products/{id}", ProductId, new JsonObject
        {
            ["name"] = "Managed SD-WAN",
            ["label"] = "Managed SD-WAN",
            ["description"] = "Secure, managed connectivity between branch sites.",
            ["active"] = true,
            ["tags"] = new JsonArray("sd-wan"),
        });
        yield return Item("/consume/api/v8/offers/{id}", OfferId, new JsonObject
        {
            ["productId"] = ProductId,
            ["name"] = "SD-WAN Standard",
            ["label"] = "SD-WAN Standard",
            ["description"] = "Up to 10 sites, business-hours support.",
            ["price"] = "100.00",
        });
        yield return Item("/manage/api/v8/devicetemplates/{id}", DeviceTemplateId, new JsonObject
        {
            ["name"] = "branch-base-config",
            ["description"] = "Base configuration of a branch router.",
            ["version"] = "1.0",
            ["isLatestVersion"] = true,
            ["serviceType"] = "managedDevice",
            ["deviceModels"] = new JsonArray("ISR4331"),
            ["configContent"] = "hostname {{hostname}}",
            ["resourceProvider"] = "cisco",
            ["templateStandard"] = "jinja2",
        });
        yield return Item("/workflow/api/v8/categories/{id}", WorkflowCategoryId, new JsonObject
        {
            ["name"] = "operations",
            ["title"] = "Operations",
            ["description"] = "Day-2 operations of managed devices.",
            ["schema_id"] = WorkflowSchemaId,
            ["unique_name"] = "operations",
        });
        yield return Item("/workflow/api/v8/schemas/{id}", WorkflowSchemaId, new JsonObject
        {
            ["name"] = "category",
            ["title"] = "Category",
            ["unique_name"] = "category",
        });
    }
}
