using System.Management.Automation;
using System.Net.Http.Json;

namespace MsxPowerShell.Tests;

/// <summary>The emulator's control API as the module tests drive it, and the pipeline input they feed.</summary>
internal static class EmulatorControl
{
    /// <summary>Adds a fault (see the emulator README, "Faults") through a client whose base address is the emulator.</summary>
    public static async Task AddFaultAsync(this HttpClient control, object fault)
    {
        using var response = await control.PostAsJsonAsync(new Uri("_emulator/faults", UriKind.Relative), fault);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Removes every fault, spent or not.</summary>
    public static async Task ClearFaultsAsync(this HttpClient control)
    {
        using var response = await control.DeleteAsync(new Uri("_emulator/faults", UriKind.Relative));
    }

    /// <summary>Rows as Import-Csv makes them: objects with a Name property.</summary>
    public static IEnumerable<PSObject> NameRows(IEnumerable<string> names) => names.Select(n =>
    {
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("Name", n));
        return row;
    });
}
