using System.Text.Json;
using System.Text.RegularExpressions;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>
/// Every request the client sends to the sites, devices and health routes, checked against Cisco's spec
/// (openapi.yaml of MSX SDK v1.0.10): the operation exists, its query takes only the spec's parameters, and
/// its body has only the schema's properties, with the schema's types, nullability and required fields. The
/// tables below are copied from the spec's paths and components.schemas.
/// </summary>
public sealed class ManageWireTests : IClassFixture<EmulatorFixture>
{
    private static readonly Guid Coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");

    private readonly EmulatorFixture _fixture;

    public ManageWireTests(EmulatorFixture fixture) => _fixture = fixture;

    private enum Kind
    {
        String,
        Uuid,
        Number,
        Boolean,
        AnyObject,
        StringMap,
        StringArray,
        Nested,
    }

    private sealed record Field(Kind Kind, bool Nullable = false, Schema? Of = null);

    private sealed record Schema(string Name, Dictionary<string, Field> Properties, string[] Required);

    private sealed record Operation(string Method, string Path, string[] Query, Schema? Body, bool StringArrayBody = false);

    // components.schemas.SiteAddress / SiteContact / SiteLocation (each nullable: true).
    private static readonly Schema SiteAddress = new("SiteAddress", new()
    {
        ["name"] = new(Kind.String),
        ["company"] = new(Kind.String),
        ["formattedAddress"] = new(Kind.String),
        ["address1"] = new(Kind.String),
        ["address2"] = new(Kind.String),
        ["city"] = new(Kind.String),
        ["state"] = new(Kind.String),
        ["country"] = new(Kind.String),
        ["postCode"] = new(Kind.String),
    }, Array.Empty<string>());

    private static readonly Schema SiteContact = new("SiteContact", new()
    {
        ["name"] = new(Kind.String),
        ["phone"] = new(Kind.String),
        ["email"] = new(Kind.String),
    }, new[] { "name", "phone" });

    private static readonly Schema SiteLocation = new("SiteLocation", new()
    {
        ["latitude"] = new(Kind.Number),
        ["longitude"] = new(Kind.Number),
    }, new[] { "latitude", "longitude" });

    // components.schemas.SiteUpdate.
    private static readonly Dictionary<string, Field> SiteUpdateProperties = new()
    {
        ["parentId"] = new(Kind.Uuid),
        ["name"] = new(Kind.String),
        ["description"] = new(Kind.String, Nullable: true),
        ["type"] = new(Kind.String),
        ["address"] = new(Kind.Nested, Nullable: true, Of: SiteAddress),
        ["contact"] = new(Kind.Nested, Nullable: true, Of: SiteContact),
        ["location"] = new(Kind.Nested, Nullable: true, Of: SiteLocation),
        ["image"] = new(Kind.String),
        ["managingControlPlaneId"] = new(Kind.String, Nullable: true),
        ["attributes"] = new(Kind.StringMap),
    };

    private static readonly Schema SiteUpdate = new("SiteUpdate", SiteUpdateProperties, new[] { "name" });

    // components.schemas.SiteCreate = SiteCreate_allOf + SiteUpdate.
    private static readonly Schema SiteCreate = new("SiteCreate", new(SiteUpdateProperties)
    {
        ["tenantId"] = new(Kind.Uuid),
        ["deviceIds"] = new(Kind.StringArray),
        ["serviceIds"] = new(Kind.StringArray),
    }, new[] { "tenantId", "name" });

    // components.schemas.DevicePatch.
    private static readonly Dictionary<string, Field> DevicePatchProperties = new()
    {
        ["name"] = new(Kind.String),
        ["model"] = new(Kind.String),
        ["type"] = new(Kind.String),
        ["subType"] = new(Kind.String, Nullable: true),
        ["serialKey"] = new(Kind.String, Nullable: true),
        ["version"] = new(Kind.String, Nullable: true),
        ["complianceState"] = new(Kind.String),
        ["onboardInformation"] = new(Kind.AnyObject, Nullable: true),
    };

    private static readonly Schema DevicePatch = new("DevicePatch", DevicePatchProperties, Array.Empty<string>());

    // components.schemas.DeviceUpdate = DeviceUpdate_allOf + DevicePatch.
    private static readonly Dictionary<string, Field> DeviceUpdateProperties = new(DevicePatchProperties)
    {
        ["serviceType"] = new(Kind.String, Nullable: true),
        ["tags"] = new(Kind.StringMap, Nullable: true),
        ["managed"] = new(Kind.Boolean),
        ["onboardType"] = new(Kind.String),
        ["attributes"] = new(Kind.AnyObject, Nullable: true),
    };

    private static readonly Schema DeviceUpdate = new("DeviceUpdate", DeviceUpdateProperties, new[] { "model", "name", "onboardType", "type" });

    // components.schemas.DeviceCreate = DeviceCreate_allOf + DeviceUpdate.
    private static readonly Schema DeviceCreate = new("DeviceCreate", new(DeviceUpdateProperties)
    {
        ["serviceInstanceId"] = new(Kind.String, Nullable: true),
        ["subscriptionId"] = new(Kind.String, Nullable: true),
        ["tenantId"] = new(Kind.Uuid),
    }, new[] { "tenantId", "model", "name", "onboardType", "type" });

    // components.schemas.DeviceConfigUpdate (its required list says configContents: a defect of the spec).
    private static readonly Schema DeviceConfigUpdate = new("DeviceConfigUpdate", new()
    {
        ["correlationId"] = new(Kind.String),
        ["configContent"] = new(Kind.String),
        ["format"] = new(Kind.String),
    }, new[] { "correlationId", "configContent", "format" });

    private static readonly string[] Paging = { "page", "pageSize" };

    // paths: the operations under /manage/api/v8/sites, /manage/api/v8/devices and /monitor/api/v8/health/devices/list.
    private static readonly Operation[] Operations =
    {
        new("GET", "/manage/api/v8/sites", Paging.Concat(new[] { "tenantId", "includeSubtenants", "serviceId", "serviceType", "deviceId", "parentId", "type", "managingControlPlaneId", "showImage" }).ToArray(), null),
        new("POST", "/manage/api/v8/sites", Array.Empty<string>(), SiteCreate),
        new("GET", "/manage/api/v8/sites/{uuid}", new[] { "showImage" }, null),
        new("PUT", "/manage/api/v8/sites/{uuid}", new[] { "sendNotification" }, SiteUpdate),
        new("DELETE", "/manage/api/v8/sites/{uuid}", Array.Empty<string>(), null),
        new("POST", "/manage/api/v8/sites/{uuid}/devices/add", Array.Empty<string>(), null, StringArrayBody: true),
        new("POST", "/manage/api/v8/sites/{uuid}/devices/remove", Array.Empty<string>(), null, StringArrayBody: true),
        new("GET", "/manage/api/v8/devices", Paging.Concat(new[] { "deviceIds", "serviceIds", "types", "serialKeys", "serviceTypes", "models", "subtypes", "names", "versions", "tenantIds", "includeSubtenants", "severities", "complianceStates", "vulnerabilityStates", "sortBy", "sortOrder" }).ToArray(), null),
        new("POST", "/manage/api/v8/devices", Array.Empty<string>(), DeviceCreate),
        new("GET", "/manage/api/v8/devices/{id}", Array.Empty<string>(), null),
        new("PUT", "/manage/api/v8/devices/{id}", Array.Empty<string>(), DeviceUpdate),
        new("PATCH", "/manage/api/v8/devices/{id}", Array.Empty<string>(), DevicePatch),
        new("DELETE", "/manage/api/v8/devices/{id}", Array.Empty<string>(), null),
        new("GET", "/manage/api/v8/devices/{id}/config", Array.Empty<string>(), null),
        new("POST", "/manage/api/v8/devices/{id}/config/update", Array.Empty<string>(), DeviceConfigUpdate),
        new("POST", "/manage/api/v8/devices/{id}/redeploy", Array.Empty<string>(), null),
        new("GET", "/monitor/api/v8/health/devices/list", new[] { "ids" }, null),
    };

    [Fact]
    public async Task Every_request_of_the_sites_devices_and_health_calls_follows_the_spec()
    {
        using var recorder = new RecordingHandler();
        var options = new MsxClientOptions(_fixture.Server) { Handler = recorder, RetryIntervalSec = 0.1 };
        using var client = await MsxApiClient.ConnectAsync(options, EmulatorFixture.Credential(), CancellationToken.None);
        var ct = CancellationToken.None;
        var tag = Guid.NewGuid().ToString("N")[..8];

        // Devices: create (every field), read, list with every filter, patch, replace, config, redeploy, health.
        var d1 = await client.CreateDeviceAsync(new DeviceCreateBody
        {
            TenantId = Coke,
            Name = $"wire-{tag}-1",
            Model = "CISCO CSR 1000v",
            Type = "CISCO CSR 1000v",
            OnboardType = "direct",
            SubType = "ISR",
            SerialKey = $"W1-{tag}",
            Version = "16.9",
            ServiceType = "manageddevice",
            ServiceInstanceId = "svc",
            SubscriptionId = "sub",
            ComplianceState = "COMPLIANT",
            Managed = true,
            Tags = new() { ["role"] = "wan" },
            Attributes = JsonValues.ParseObject("""{"rack":4,"room":{"floor":"B"}}"""u8.ToArray()),
            OnboardInformation = JsonValues.ParseObject("""{"ned-id":"cisco-ios"}"""u8.ToArray()),
        }, ct);
        var d2 = await client.CreateDeviceAsync(new DeviceCreateBody { TenantId = Coke, Name = $"wire-{tag}-2", Model = "m", Type = "t", OnboardType = "" }, ct);
        await client.GetDeviceAsync(d1.Id, ct);
        await client.GetDevicesByIdAsync(new[] { d1.Id, d2.Id }, ct);
        var everyFilter = new DeviceFilter
        {
            Names = new[] { d1.Name },
            SerialKeys = new[] { d1.SerialKey! },
            Types = new[] { "CISCO CSR 1000v" },
            SubTypes = new[] { "ISR" },
            Models = new[] { "CISCO CSR 1000v" },
            TenantIds = new[] { Coke },
            IncludeSubtenants = true,
            ServiceTypes = new[] { "manageddevice" },
            Severities = new[] { "3" },
            ComplianceStates = new[] { "COMPLIANT" },
            VulnerabilityStates = new[] { "NOT_APPLICABLE" },
            SortBy = "name",
            Descending = true,
        };
        Assert.Single(await ReadAllAsync(client.Devices(), everyFilter.ToQuery()));
        await client.PatchDeviceAsync(d1.Id, new DevicePatch().Set("version", "17.1").Set("subType", null).Set("complianceState", "UNKNOWN")
            .SetOnboardInformation(JsonValues.ParseObject("""{"port":"22"}"""u8.ToArray())), ct);
        await client.PatchDeviceAsync(d2.Id, new DevicePatch().SetOnboardInformation(null), ct);
        await client.Devices().UpdateAsync(DeviceResource.Update, d1.Id, null, (_, u) => { u.Tags = null; u.ServiceType = null; u.Managed = true; }, ct);
        await client.Devices().UpdateAsync(DeviceResource.Update, d2.Id, null, (_, u) => u.Tags = new() { ["a"] = "b" }, ct);
        await client.GetDeviceConfigAsync(d1.Id, ct);
        await client.UpdateDeviceConfigAsync(d1.Id, new DeviceConfigUpdateBody { CorrelationId = Guid.NewGuid().ToString(), ConfigContent = "hostname w\nend\n", Format = "cli" }, ct);
        await client.RedeployDeviceAsync(d1.Id, ct);
        await client.GetDeviceHealthAsync(new[] { d1.Id, d2.Id }, ct);

        // Sites: create (every field), read with and without the image, list with each filter, replace, members, delete.
        var parent = await client.CreateSiteAsync(new SiteCreateBody { TenantId = Coke, Name = $"wire-{tag}-parent" }, ct);
        var site = await client.CreateSiteAsync(new SiteCreateBody
        {
            TenantId = Coke,
            Name = $"wire-{tag}-site",
            ParentId = parent.Id,
            Type = "branch",
            Description = "d",
            Address = new MsxSiteAddress { FormattedAddress = "1 Main St", Name = "HQ", Company = "Coke" },
            Contact = new MsxSiteContact { Name = "Ann", Phone = "555", Email = "ann@example.com" },
            Location = new MsxSiteLocation { Latitude = 1.5, Longitude = -2.5 },
            Attributes = new() { ["k"] = "v" },
            DeviceIds = new() { d1.Id },
        }, ct);
        await client.GetSiteAsync(site.Id, includeImage: false, ct);
        var withImage = await client.GetSiteAsync(site.Id, includeImage: true, ct);
        foreach (var filter in new[]
        {
            new SiteFilter { TenantId = Coke, IncludeSubtenants = true, Type = "branch" },
            new SiteFilter { DeviceId = d1.Id, Type = "branch" },
            new SiteFilter { ParentId = parent.Id },
            new SiteFilter { Type = "branch" },
        })
        {
            Assert.Contains(await ReadAllAsync(client.Sites(), filter.ToQuery()), s => s.Id == site.Id && filter.Matches(s));
        }

        await client.Sites().UpdateAsync(SiteResource.Update, site.Id.ToString(), withImage, (_, u) => { u.Description = null; u.Contact!.Email = null; u.ParentId = null; }, ct);
        await client.ChangeSiteDevicesAsync(site.Id, new[] { d2.Id }, add: true, ct);
        await client.ChangeSiteDevicesAsync(site.Id, new[] { d1.Id, d2.Id }, add: false, ct);
        await client.DeleteSiteAsync(site.Id, ct);
        await client.DeleteSiteAsync(parent.Id, ct);
        await client.DeleteDeviceAsync(d1.Id, ct);
        await client.DeleteDeviceAsync(d2.Id, ct);

        var problems = new List<string>();
        var seen = new HashSet<Operation>();
        foreach (var request in recorder.Requests.Where(r => r.Path.StartsWith("/manage/", StringComparison.Ordinal) || r.Path.StartsWith("/monitor/", StringComparison.Ordinal)))
        {
            var operation = Operations.FirstOrDefault(o => o.Method == request.Method && PathPattern(o.Path).IsMatch(request.Path));
            if (operation is null)
            {
                problems.Add($"{request.Method} {request.Path}: no such operation in the spec");
                continue;
            }

            seen.Add(operation);
            foreach (var name in request.QueryNames.Where(n => !operation.Query.Contains(n)))
            {
                problems.Add($"{request.Method} {request.Path}: query parameter '{name}' is not in the spec");
            }

            if (request.Status is < 200 or > 299)
            {
                problems.Add($"{request.Method} {request.Path}: answered {request.Status}");
            }

            CheckBody(operation, request, problems);
        }

        Assert.Empty(problems);
        Assert.Equal(Operations.Select(o => $"{o.Method} {o.Path}").OrderBy(o => o), seen.Select(o => $"{o.Method} {o.Path}").OrderBy(o => o));
        var config = recorder.Requests.Single(r => r.Method == "GET" && r.Path.EndsWith("/config", StringComparison.Ordinal));
        Assert.StartsWith("text/plain", config.Accept, StringComparison.Ordinal);
    }

    private static async Task<List<T>> ReadAllAsync<T>(ResourceClient<T> resource, QueryString filters)
        where T : MsxObject
    {
        var items = new List<T>();
        using var pager = resource.List(new ListQuery { Filters = filters }, CancellationToken.None);
        while (await pager.NextPageAsync(CancellationToken.None) is { } page)
        {
            items.AddRange(page);
        }

        return items;
    }

    private static Regex PathPattern(string path) =>
        new("^" + Regex.Escape(path).Replace(@"\{uuid}", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", StringComparison.Ordinal).Replace(@"\{id}", "CPE-[^/]+", StringComparison.Ordinal) + "$");

    private static void CheckBody(Operation operation, RecordedRequest request, List<string> problems)
    {
        var where = $"{request.Method} {request.Path}";
        if (operation.Body is null && !operation.StringArrayBody)
        {
            if (request.Body.Length > 0)
            {
                problems.Add($"{where}: sends a body the spec does not take");
            }

            return;
        }

        if (request.ContentType is not "application/json")
        {
            problems.Add($"{where}: Content-Type is '{request.ContentType}', not application/json");
        }

        using var document = JsonDocument.Parse(request.Body);
        if (operation.StringArrayBody)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 1 || root.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                problems.Add($"{where}: the body must be a JSON array of at least one string, not {root}");
            }

            return;
        }

        CheckObject(document.RootElement, operation.Body!, where, problems);
    }

    private static void CheckObject(JsonElement value, Schema schema, string where, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: {schema.Name} must be an object, not {value.ValueKind}");
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (!schema.Properties.TryGetValue(property.Name, out var field))
            {
                problems.Add($"{where}: '{property.Name}' is not a property of {schema.Name}");
                continue;
            }

            CheckValue(property.Value, field, $"{where}: {schema.Name}.{property.Name}", problems);
        }

        foreach (var required in schema.Required.Where(r => !value.TryGetProperty(r, out _)))
        {
            problems.Add($"{where}: {schema.Name} lacks the required '{required}'");
        }
    }

    private static void CheckValue(JsonElement value, Field field, string where, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!field.Nullable)
            {
                problems.Add($"{where} is null, which the spec does not allow (leave it out instead)");
            }

            return;
        }

        var fits = field.Kind switch
        {
            Kind.String => value.ValueKind == JsonValueKind.String,
            Kind.Uuid => value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out _),
            Kind.Number => value.ValueKind == JsonValueKind.Number,
            Kind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            Kind.AnyObject => value.ValueKind == JsonValueKind.Object,
            Kind.StringMap => value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String),
            Kind.StringArray => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String),
            _ => true,
        };
        if (!fits)
        {
            problems.Add($"{where} should be {field.Kind}, is {value}");
        }
        else if (field.Kind == Kind.Nested)
        {
            CheckObject(value, field.Of!, where, problems);
        }
    }

    private sealed record RecordedRequest(string Method, string Path, string[] QueryNames, string? ContentType, string? Accept, byte[] Body, int Status);

    /// <summary>Sends every request on to the emulator and keeps what went out (and the status that came back).</summary>
    private sealed class RecordingHandler : DelegatingHandler
    {
        public RecordingHandler()
            : base(new HttpClientHandler())
        {
        }

        public List<RecordedRequest> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            var uri = request.RequestUri!;
            var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => Uri.UnescapeDataString(p.Split('=')[0])).Distinct().ToArray();
            lock (Requests)
            {
                Requests.Add(new RecordedRequest(request.Method.Method, uri.AbsolutePath, query, request.Content?.Headers.ContentType?.MediaType,
                    request.Headers.Accept.ToString(), body, (int)response.StatusCode));
            }

            return response;
        }
    }
}
