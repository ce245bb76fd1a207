namespace MsxEmulator.State;

/// <summary>An area of emulator state that <c>POST /_emulator/reset</c> puts back to what was loaded at start.</summary>
public interface IResettable
{
    void Reset();
}
