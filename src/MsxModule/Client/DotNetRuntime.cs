using System.Runtime.InteropServices;

namespace MsxPowerShell.Client;

/// <summary>Which .NET runs the module: Windows PowerShell 5.1 runs on .NET Framework, PowerShell 7 on .NET.</summary>
internal static class DotNetRuntime
{
    public static bool IsNetFramework { get; } =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
}
