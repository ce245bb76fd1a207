using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MsxPowerShell.Testing;

/// <summary>
/// Runs the built emulator (out/MsxEmulator/MsxEmulator.dll) as a real process on a free loopback
/// port, so tests talk to it over HTTP exactly as users do.
/// </summary>
public sealed partial class EmulatorProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = new();

    private EmulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

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

    /// <summary>Starts the emulator over HTTP with the given extra arguments (e.g. "--control", "--data", path).</summary>
    public static EmulatorProcess Start(params string[] arguments) => Launch("http", arguments);

    /// <summary>Starts the emulator over HTTPS, with the self-signed certificate it makes at start.</summary>
    public static EmulatorProcess StartHttps(params string[] arguments) => Launch("https", arguments);

    // Not an overload of Start: a lone string argument would bind to the scheme.
    private static EmulatorProcess Launch(string scheme, string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(EmulatorDll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"{scheme}://127.0.0.1:0");
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the emulator.");
        var lines = new List<string>();
        var bound = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
            }

            var match = ListeningLine().Match(e.Data);
            if (match.Success)
            {
                bound.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => bound.TrySetException(new InvalidOperationException(
            "The emulator exited before it listened: " + string.Join(Environment.NewLine, lines)));

        if (!bound.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The emulator did not report its address within 60 s.");
        }

        var emulator = new EmulatorProcess(process, bound.Task.Result);
        process.OutputDataReceived += (_, e) => emulator.Append(e.Data);
        process.ErrorDataReceived += (_, e) => emulator.Append(e.Data);
        lock (lines)
        {
            emulator._output.AddRange(lines);
        }

        return emulator;
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on:\s*(\S+)")]
    private static partial Regex ListeningLine();
}
