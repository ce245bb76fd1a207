using MsxEmulator.Data;
using MsxEmulator.Faults;
using MsxEmulator.Https;
using MsxEmulator.Middleware;
using MsxEmulator.Options;
using MsxEmulator.Routes;
using MsxEmulator.State;

var options = EmulatorOptions.Parse(args, out var optionError);
if (options is null)
{
    await Console.Error.WriteLineAsync("MsxEmulator: " + optionError);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(EmulatorOptions.Usage);
    return 0;
}

EmulatorData data;
var manageData = ManageData.Empty;
try
{
    var startedAt = Timestamps.NowMillis();
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
}
catch (DataException e)
{
    await Console.Error.WriteLineAsync("MsxEmulator: bad data: " + e.Message);
    return 2;
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

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    if (options.UsesHttps)
    {
        var certificate = SelfSignedCertificate.Create();
        kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
    }
});

var state = new EmulatorState(data);
var manage = new ManageState(manageData, options.ConfigApproval);
var tokens = new TokenStore();
var faults = new FaultInjector();
var log = new RequestLog();

var app = builder.Build();
var errorLogger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MsxEmulator");
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
if (options.Control)
{
    app.MapControlRoutes(state, faults, log, manage);
    app.MapManageControlRoutes(manage);
}

app.MapFallback(Responses.RouteNotFound);

await app.RunAsync();
return 0;
