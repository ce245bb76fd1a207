namespace MsxEmulator.Tests.Support;

/// <summary>One emulator (built-in data, --control, --manual-clock) shared by the tests of a class.</summary>
public sealed class ManualClockFixture : EmulatorFixture
{
    public ManualClockFixture()
        : base("--control", "--manual-clock")
    {
    }
}
