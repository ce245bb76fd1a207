namespace MsxEmulator.State;

/// <summary>
/// Every area that <c>POST /_emulator/reset</c> puts back, registered where the area is made; a reset runs
/// them in registration order. A new area registers itself here instead of being wired into the reset route.
/// </summary>
public sealed class Resets
{
    private readonly List<IResettable> _areas = [];

    /// <summary>Registers <paramref name="area"/> and gives it back, so that it can be registered where it is made.</summary>
    public T Add<T>(T area)
        where T : IResettable
    {
        _areas.Add(area);
        return area;
    }

    public void ResetAll()
    {
        foreach (var area in _areas)
        {
            area.Reset();
        }
    }
}
