namespace MsxEmulator.Json;

/// <summary>The answer of <c>/_emulator/clock</c>: the emulator's time and whether only the control API moves it.</summary>
public sealed record ClockBody(string Now, bool Manual);
