using MsxEmulator.Faults;
using MsxEmulator.Https;
using MsxEmulator.Middleware;
using MsxEmulator.Options;
using MsxEmulator.Recording;
using MsxEmulator.Spec;

var options = EmulatorOptions.Parse(args, out var optionError);
if (options is null)
{
    await Console.Error.WriteLineAsync("MsxEmulator: " + optionError);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(EmulatorOptions.Usage);
    Console.WriteLine();
    Console.WriteLine(BuiltInDataHelp.Text());
    return 0;
}

var clock = options.ManualClock ? EmulatorClock.Manual() : EmulatorClock.System();
EmulatorData data;
var manageData = ManageData.Empty;
IReadOnlyList<WorkflowDefinition> loadedWorkflows;
IReadOnlyList<WorkflowTargetRecord> loadedTargets;
try
{
    var startedAt = clock.NowMillis();
    if (options.DataFile is null)
    {
        data = DataAssembler.Assemble(BuiltInData.Clients(), BuiltInData.Users(), BuiltInData.Tenants(), options.SeedTenants, startedAt);
    }
    else
    {
        var (clients, users, tenants, roles) = DataFileLoader.Load(options.DataFile);
        data = DataAssembler.Assemble(clients, users, tenants, options.SeedTenants, startedAt, roles);
        manageData = ManageDataLoader.Load(options.DataFile, data.Tenants, startedAt);
    }

    loadedWorkflows = options.DataFile is null
        ? BuiltInWorkflows.Workflows(startedAt)
        : WorkflowDataLoader.Load(options.DataFile, [.. data.Tenants.Select(t => t.Id)], startedAt);
    loadedTargets = options.DataFile is null ? [] : WorkflowTargetDataLoader.Load(options.DataFile, startedAt);
}
catch (DataException e)
{
    await Console.Error.WriteLineAsync("MsxEmulator: bad data: " + e.Message);
    return 2;
}

Console.WriteLine($"MsxEmulator: loaded {(options.DataFile is null ? "the built-in data" : options.DataFile)}: {DataSummary.Counts(data)}");
foreach (var warning in DataSummary.Warnings(data, options.DataFile))
{
    await Console.Error.WriteLineAsync("MsxEmulator: warning: " + warning);
}

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(console => console.SingleLine = false);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
builder.WebHost.UseUrls([.. options.Urls]);
if (options.UsesHttps)
{
    // The slim builder leaves HTTPS address support out unless asked for.
    builder.WebHost.UseKestrelHttpsConfiguration();
}

var certificate = options.UsesHttps ? SelfSignedCertificate.Create() : null;
if (options.CertificateOut is not null)
{
    // Written before listening, so a launcher that waits for the url file finds the certificate too.
    if (SelfSignedCertificate.TryWrite(certificate, options.CertificateOut) is { } certificateError)
    {
        await Console.Error.WriteLineAsync("MsxEmulator: " + certificateError);
        return 2;
    }
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    if (certificate is not null)
    {
        kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
    }
});

// Each area that /_emulator/reset puts back registers itself where it is made (in the order a reset runs).
var resets = new Resets();
var state = resets.Add(new EmulatorState(data, clock));
var manage = resets.Add(new ManageState(manageData, options.ConfigApproval, clock));
var tokens = new TokenStore(clock);
var workflows = resets.Add(new WorkflowState(loadedWorkflows, clock));
var workflowTargets = resets.Add(new WorkflowTargetState(loadedTargets, clock));
SchemaValues.Now = () => new DateTimeOffset(clock.NowMillis(), TimeSpan.Zero);
SpecLoader spec;
try
{
    // A data file with spec collections is checked before listening; otherwise the spec loads on first use.
    if (options.DataFile is { } dataFile && File.ReadAllText(dataFile).Contains("\"collections\"", StringComparison.Ordinal))
    {
        spec = resets.Add(SpecLayer.Loaded(SpecLayer.LoadNow(SpecDocument.DefaultPath, dataFile)));
    }
    else
    {
        spec = resets.Add(SpecLayer.OnFirstUse(SpecDocument.DefaultPath, null));
    }
}
catch (DataException e)
{
    await Console.Error.WriteLineAsync("MsxEmulator: bad data: " + e.Message);
    return 2;
}

var faults = resets.Add(new FaultInjector());
var log = resets.Add(new RequestLog());

string? exchangeLogError = null;
using var exchanges = options.ExchangeLog is null ? null : ExchangeLog.Open(options.ExchangeLog, out exchangeLogError);
if (exchangeLogError is not null)
{
    await Console.Error.WriteLineAsync("MsxEmulator: " + exchangeLogError);
    return 2;
}

var app = builder.Build();
var errorLogger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MsxEmulator");
if (exchanges is not null)
{
    app.Use((context, next) => ExchangeLogMiddleware.Invoke(context, next, exchanges));
}

app.Use((context, next) => RequestLogMiddleware.Invoke(context, next, log, options.Verbose));
app.Use((context, next) => FaultMiddleware.Invoke(context, next, faults));
app.Use((context, next) => ExceptionMiddleware.Invoke(context, next, errorLogger));
app.Use((context, next) => BearerAuthentication.Middleware(context, next, tokens));

app.MapTokenRoutes(state, tokens);
app.MapUserRoutes(state);
app.MapRoleRoutes(state);
app.MapTenantRoutes(state);
app.MapSiteRoutes(state, manage);
app.MapDeviceRoutes(state, manage);
app.MapHealthRoutes(state, manage);
app.MapWorkflowRoutes(state, workflows, workflowTargets);
app.MapWorkflowTargetRoutes(state, workflowTargets);
if (options.Control)
{
    app.MapControlRoutes(state, faults, log, resets);
    app.MapManageControlRoutes(manage);
    app.MapClockRoutes(clock);
}

app.MapSpecRoutes(state, spec);

if (options.UrlFile is not null && UrlFile.TryDeleteStale(options.UrlFile) is { } staleError)
{
    await Console.Error.WriteLineAsync("MsxEmulator: " + staleError);
    return 2;
}

await app.StartAsync();
if (options.UrlFile is not null && UrlFile.TryWrite(options.UrlFile, app.Urls) is { } urlFileError)
{
    await Console.Error.WriteLineAsync("MsxEmulator: " + urlFileError);
    await app.StopAsync();
    return 2;
}

await app.WaitForShutdownAsync();
return 0;
