namespace MsxPowerShell.Client;

/// <summary>An operation of the MSX spec (see <see cref="SpecCatalog"/>): its method, path template and summary.</summary>
public sealed class SpecOperation
{
    public SpecOperation(string method, string path, string summary)
    {
        Method = method;
        Path = path;
        Summary = summary;
    }

    /// <summary>GET, POST, PUT, PATCH or DELETE.</summary>
    public string Method { get; }

    /// <summary>The path template, such as /manage/api/v8/devices/{id}.</summary>
    public string Path { get; }

    public string Summary { get; }

    public override string ToString() => $"{Method} {Path}";
}
