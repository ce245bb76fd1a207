using MsxPowerShell.Testing;

namespace MsxEmulator.Tests.Support;

/// <summary>One emulator (built-in data, --control) shared by the tests of a class.</summary>
public class EmulatorFixture : IDisposable
{
    public EmulatorFixture()
        : this("--control")
    {
    }

    protected EmulatorFixture(params string[] arguments)
    {
        Emulator = EmulatorProcess.Start(arguments);
        Api = new MsxApi(Emulator);
    }

    public EmulatorProcess Emulator { get; }

    public MsxApi Api { get; }

    public void Dispose()
    {
        Api.Dispose();
        Emulator.Dispose();
        GC.SuppressFinalize(this);
    }
}
