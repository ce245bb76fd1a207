using System.Text.Json.Serialization;

namespace MsxPowerShell.Client.Models;

/// <summary>
/// Base of every object the client reads from MSX: it remembers the client (the connection) it came from,
/// so that a change made with it later goes to the same server as the same user.
/// </summary>
public abstract class MsxObject
{
    [JsonIgnore]
    internal MsxApiClient? Origin { get; set; }
}
