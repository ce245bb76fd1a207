namespace MsxEmulator.Spec;

/// <summary>The spec layer, made the first time it is asked for.</summary>
public sealed class SpecLoader(Func<Task<SpecLayer>> load) : IResettable
{
    private readonly Lazy<Task<SpecLayer>> _layer = new(load);

    public Task<SpecLayer> Get() => _layer.Value;

    /// <summary>Empties the store of a layer already made (a reset does not make one).</summary>
    public void Reset()
    {
        if (_layer.IsValueCreated)
        {
            _layer.Value.GetAwaiter().GetResult().Store.Reset();
        }
    }
}
