using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>
/// Base of every object the client reads from MSX: it remembers the client (the connection) it came from,
/// so that a change made with it later goes to the same server as the same user.
/// </summary>
public abstract class MsxObject
{
    private MsxApiClient? _origin;

    /// <summary>
    /// The server the object was read from (its session's base address, https://msx.example.com/). A plain
    /// string, so that it survives Export-Clixml/Import-Clixml, ConvertTo-Json/ConvertFrom-Json and
    /// Select-Object *: a copy piped back in acts only on this server (the cmdlets bind it by property name).
    /// Never sent to MSX.
    /// </summary>
    [JsonIgnore]
    public string? Server => Origin?.Server.AbsoluteUri;

    [JsonIgnore]
    internal MsxApiClient? Origin
    {
        get => _origin;
        set
        {
            _origin = value;
            OnOrigin(value);
        }
    }

    /// <summary>For parts that need the session too (workflow variables mask what its redactor holds).</summary>
    private protected virtual void OnOrigin(MsxApiClient? origin)
    {
    }
}
