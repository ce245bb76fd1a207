namespace MsxEmulator.Options;

/// <summary>The emulator's command line, parsed by hand so that unknown options can be refused.</summary>
public sealed class EmulatorOptions
{
    public const string Usage = """
        MsxEmulator: an in-memory emulator of the Cisco MSX platform APIs: all 167 operations of its OpenAPI spec.

        Areas served:
          by hand-written routes  idm (token, logout, tenants, users, roles), manage sites and devices,
                                  monitor device health, workflows, workflow instances and targets
          from the spec (Spec/)   manage services and device templates, consume products and offers,
                                  auditing, billing, incidents and ServiceNow, licensing, vulnerabilities,
                                  templates, workflow categories, events and schemas, service health

        Usage: dotnet MsxEmulator.dll [options]

        Options:
          --urls <url[;url...]>   Addresses to listen on (default http://localhost:5000; port 0 picks a
                                  free port). An https:// address gets an in-memory self-signed certificate.
          --data <file.json>      Load clients, users, roles and tenants from a JSON file instead of the built-in data.
          --seed-tenants <N>      Also generate N tenants named load-00001, load-00002, ...
          --control               Enable the /_emulator/* control API (faults, reset, request log, stats).
          --config-approval       Device config updates wait for approval: 202 with a change request.
          --manual-clock          Stop the emulator's clock: it moves only through POST /_emulator/clock (with --control).
          --verbose               Log every request (method, path, status) to standard output.
          --url-file <path>       Once listening, write the bound address(es) to this file, one a line
                                  (written whole: a temporary file is renamed into place).
          --exchange-log <path>   Append one JSON line per request served (request and answer, bodies
                                  capped at 1 MiB, secrets redacted), for contract tests.
          --certificate-out <path>  With an https:// address, write the served certificate (public part only)
                                  to this file before listening: PEM, or DER when the path ends in .cer/.der.
          --help                  Show this text.
        """;

    public IReadOnlyList<string> Urls { get; private init; } = ["http://localhost:5000"];

    public string? DataFile { get; private init; }

    public int SeedTenants { get; private init; }

    public bool Control { get; private init; }

    public bool ConfigApproval { get; private init; }

    public bool ManualClock { get; private init; }

    public bool Verbose { get; private init; }

    public bool Help { get; private init; }

    public string? UrlFile { get; private init; }

    public string? ExchangeLog { get; private init; }

    /// <summary>Where to write the certificate served over https (PEM; DER for a .cer or .der path).</summary>
    public string? CertificateOut { get; private init; }

    public bool UsesHttps => Urls.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses the arguments; on failure returns null and sets <paramref name="error"/>.</summary>
    public static EmulatorOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        IReadOnlyList<string>? urls = null;
        string? dataFile = null;
        var seed = 0;
        bool control = false, verbose = false, help = false;
        var configApproval = false;
        var manualClock = false;
        string? urlFile = null, exchangeLog = null, certificateOut = null;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg;
            string? inlineValue = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = arg[..eq];
                inlineValue = arg[(eq + 1)..];
            }

            string? TakeValue(out string? problem)
            {
                problem = null;
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    problem = $"Option {name} needs a value.";
                    return null;
                }

                i++;
                return args[i];
            }

            switch (name)
            {
                case "--urls":
                    {
                        var value = TakeValue(out error);
                        if (value is null)
                        {
                            return null;
                        }

                        var list = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        if (list.Length == 0 || list.Any(u => !u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                            && !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                        {
                            error = $"Option --urls needs http:// or https:// addresses, got '{value}'.";
                            return null;
                        }

                        urls = list;
                        break;
                    }

                case "--data":
                    dataFile = TakeValue(out error);
                    if (dataFile is null)
                    {
                        return null;
                    }

                    break;
                case "--seed-tenants":
                    {
                        var value = TakeValue(out error);
                        if (value is null)
                        {
                            return null;
                        }

                        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seed) || seed > 1_000_000)
                        {
                            error = $"Option --seed-tenants needs a whole number from 0 to 1000000, got '{value}'.";
                            return null;
                        }

                        break;
                    }

                case "--url-file":
                    urlFile = TakeValue(out error);
                    if (urlFile is null)
                    {
                        return null;
                    }

                    break;
                case "--exchange-log":
                    exchangeLog = TakeValue(out error);
                    if (exchangeLog is null)
                    {
                        return null;
                    }

                    break;
                case "--certificate-out":
                    certificateOut = TakeValue(out error);
                    if (certificateOut is null)
                    {
                        return null;
                    }

                    break;
                case "--control" when inlineValue is null:
                    control = true;
                    break;
                case "--config-approval" when inlineValue is null:
                    configApproval = true;
                    break;
                case "--manual-clock" when inlineValue is null:
                    manualClock = true;
                    break;
                case "--verbose" when inlineValue is null:
                    verbose = true;
                    break;
                case "--help" or "-h" or "-?" when inlineValue is null:
                    help = true;
                    break;
                default:
                    error = $"Unknown option '{arg}'. Run with --help for the list of options.";
                    return null;
            }
        }

        if (manualClock && !control)
        {
            error = "Option --manual-clock needs --control: only the control API can move a manual clock.";
            return null;
        }

        if (urls is null)
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
            urls = string.IsNullOrWhiteSpace(fromEnvironment)
                ? ["http://localhost:5000"]
                : fromEnvironment.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return new EmulatorOptions
        {
            Urls = urls,
            DataFile = dataFile,
            SeedTenants = seed,
            Control = control,
            ConfigApproval = configApproval,
            ManualClock = manualClock,
            Verbose = verbose,
            Help = help,
            UrlFile = urlFile,
            ExchangeLog = exchangeLog,
            CertificateOut = certificateOut,
        };
    }
}
