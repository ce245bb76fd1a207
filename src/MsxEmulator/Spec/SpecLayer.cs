namespace MsxEmulator.Spec;

/// <summary>The spec, its store and the operations the layer serves; loaded on the first request that needs it.</summary>
public sealed class SpecLayer
{
    private SpecLayer(SpecDocument document, string? dataFile)
    {
        Document = document;
        Store = new SpecStore([.. BuiltInSpecData.Items(document), .. dataFile is null ? [] : SpecDataLoader.Load(dataFile, document)]);
        Served = [.. document.Operations.Where(o => o.Template != "/idm/v2/token")];
    }

    public SpecDocument Document { get; }

    public SpecStore Store { get; }

    /// <summary>The path shapes the hand-written routes serve (set when the routes are mapped).</summary>
    public IReadOnlySet<string> HandWritten { get; set; } = new HashSet<string>();

    /// <summary>Every operation of the spec but the token endpoint's (a form, hand-written).</summary>
    public IReadOnlyList<SpecOperationInfo> Served { get; }

    /// <summary>
    /// Reads Spec/openapi.yaml the first time a request needs it, once: reading it costs seconds of CPU, and most
    /// runs (a test, a script of tenants and users) never leave the hand-written routes.
    /// </summary>
    public static SpecLoader OnFirstUse(string path, string? dataFile) => new(() => Task.Run(() => new SpecLayer(SpecDocument.Load(path), dataFile)));

    /// <summary>Loads at once (a data file with <c>collections</c> is checked before the emulator listens).</summary>
    public static SpecLoader Loaded(SpecLayer layer) => new(() => Task.FromResult(layer));

    /// <summary>Loads at once (a data file with <c>collections</c> is checked before the emulator listens).</summary>
    public static SpecLayer LoadNow(string path, string? dataFile) => new(SpecDocument.Load(path), dataFile);

    /// <summary>The operations of the served path shape a concrete path matches (literal segments before parameters).</summary>
    public List<SpecOperationInfo> Match(string path)
    {
        var segments = path.Trim('/').Split('/');
        var shape = Served
            .Where(o => o.Segments.Length == segments.Length
                && o.Segments.Zip(segments).All(p => p.First.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.Ordinal)))
            .OrderBy(o => string.Concat(o.Segments.Select(s => s.StartsWith('{') ? '1' : '0')), StringComparer.Ordinal)
            .Select(o => o.Shape)
            .FirstOrDefault();
        return shape is null ? [] : [.. Served.Where(o => o.Shape == shape)];
    }
}
