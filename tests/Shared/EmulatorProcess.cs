using System.Diagnostics;

namespace MsxPowerShell.Testing;

/// <summary>
/// Runs the built emulator (out/MsxEmulator/MsxEmulator.dll) as a real process on a free loopback
/// port, so tests talk to it over HTTP exactly as users do. Start-up is detected through the
/// emulator's --url-file (written whole once it listens), never by reading its console. With
/// MSX_EXCHANGE_DIR set, every emulator records its exchanges there for the contract tests.
/// </summary>
public sealed class EmulatorProcess : IDisposable
{
    public const string ExchangeDirVariable = "MSX_EXCHANGE_DIR";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _output;

    private EmulatorProcess(Process process, Uri baseAddress, List<string> output, string? exchangeLog)
    {
        _process = process;
        BaseAddress = baseAddress;
        _output = output;
        ExchangeLog = exchangeLog;
    }

    public Uri BaseAddress { get; }

    /// <summary>The --exchange-log file this emulator writes, or null when MSX_EXCHANGE_DIR is not set.</summary>
    public string? ExchangeLog { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>
    /// The output once it holds <paramref name="text"/>, woken by each line read. The address file can be
    /// written before the lines printed ahead of it have come through the pipe, so a test of start-up lines
    /// waits for them; after the deadline (10 s) it answers what came, for the assertion to report.
    /// </summary>
    public string WaitForOutput(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        lock (_output)
        {
            while (true)
            {
                var joined = string.Join(Environment.NewLine, _output);
                var left = deadline - DateTime.UtcNow;
                if (joined.Contains(text, StringComparison.Ordinal) || left <= TimeSpan.Zero)
                {
                    return joined;
                }

                Monitor.Wait(_output, left);
            }
        }
    }

    /// <summary>Starts the emulator over HTTP with the given extra arguments (e.g. "--control", "--data", path).</summary>
    public static EmulatorProcess Start(params string[] arguments) => Launch("http", arguments);

    /// <summary>Starts the emulator over HTTPS, with the self-signed certificate it makes at start.</summary>
    public static EmulatorProcess StartHttps(params string[] arguments) => Launch("https", arguments);

    /// <summary>A fresh --exchange-log path under MSX_EXCHANGE_DIR (created if missing), or null when it is not set.</summary>
    public static string? NewExchangeLogPath()
    {
        var directory = Environment.GetEnvironmentVariable(ExchangeDirVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        return Path.Combine(Path.GetFullPath(directory), $"emulator-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.jsonl");
    }

    // Not an overload of Start: a lone string argument would bind to the scheme.
    private static EmulatorProcess Launch(string scheme, string[] arguments)
    {
        var urlFile = Path.Combine(Path.GetTempPath(), $"msx-emulator-url-{Guid.NewGuid():N}.txt");
        var exchangeLog = NewExchangeLogPath();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(EmulatorDll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"{scheme}://127.0.0.1:0");
        startInfo.ArgumentList.Add("--url-file");
        startInfo.ArgumentList.Add(urlFile);
        if (exchangeLog is not null)
        {
            startInfo.ArgumentList.Add("--exchange-log");
            startInfo.ArgumentList.Add(exchangeLog);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new List<string>();
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Add(e.Data);
                    Monitor.PulseAll(output);
                }
            }
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the emulator.");
        try
        {
            process.OutputDataReceived += OnLine;
            process.ErrorDataReceived += OnLine;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var address = WaitForUrl(process, urlFile, output);
            return new EmulatorProcess(process, address, output, exchangeLog);
        }
        catch
        {
            // A failed start leaves nothing running behind it.
            Stop(process);
            process.Dispose();
            throw;
        }
        finally
        {
            File.Delete(urlFile);
        }
    }

    /// <summary>Polls (with a deadline) for the url file or the process's exit, whichever comes first.</summary>
    private static Uri WaitForUrl(Process process, string urlFile, List<string> output)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (File.Exists(urlFile))
            {
                var first = File.ReadAllLines(urlFile).FirstOrDefault(l => l.Length > 0)
                    ?? throw new InvalidOperationException($"The emulator wrote an empty url file {urlFile}.");
                return new Uri(first.TrimEnd('/') + "/");
            }

            if (process.WaitForExit(25))
            {
                // Let the asynchronous readers drain what the process wrote before it exited.
                process.WaitForExit();
                string text;
                lock (output)
                {
                    text = string.Join(Environment.NewLine, output);
                }

                throw new InvalidOperationException($"The emulator exited with code {process.ExitCode} before it listened: {text}");
            }
        }

        throw new TimeoutException($"The emulator did not write its url file within {StartTimeout.TotalSeconds:0} s.");
    }

    /// <summary>The emulator dll: $MSX_EMULATOR_DLL, else out/MsxEmulator/MsxEmulator.dll under the repository root.</summary>
    public static string EmulatorDll
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("MSX_EMULATOR_DLL");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }

            var path = Path.Combine(RepositoryRoot, "out", "MsxEmulator", "MsxEmulator.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException("The emulator is not built: run './build.ps1 Build' first.", path);
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MsxPowerShell.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("MsxPowerShell.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Stop(_process);
        _process.Dispose();
    }
}
