using System.Net;
using MsxPowerShell.Testing;

namespace MsxEmulator.Tests.Support;

/// <summary>
/// One emulator started with a --data file (and --control), shared by the tests of a class, which put it back to
/// the file's data before each test with <see cref="ResetAsync"/>: one process per class instead of one per test.
/// </summary>
public abstract class DataFileFixture : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"msx-emulator-data-{Guid.NewGuid():N}.json");

    protected DataFileFixture(string content, params string[] arguments)
    {
        File.WriteAllText(_file, content);
        Emulator = EmulatorProcess.Start(["--data", _file, "--control", .. arguments]);
        Api = new MsxApi(Emulator);
    }

    public EmulatorProcess Emulator { get; }

    public MsxApi Api { get; }

    /// <summary>The file's data again, no faults, an empty request log (the control API's reset; a manual clock keeps its time).</summary>
    public async Task ResetAsync()
    {
        using var reset = await Api.SendAsync(HttpMethod.Post, "_emulator/reset", null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
    }

    public void Dispose()
    {
        Api.Dispose();
        Emulator.Dispose();
        File.Delete(_file);
        GC.SuppressFinalize(this);
    }
}
