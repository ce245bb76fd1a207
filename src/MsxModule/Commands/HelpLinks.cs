namespace MsxPowerShell.Commands;

/// <summary>Where each cmdlet's help page is published (Get-Help -Online).</summary>
internal static class HelpLinks
{
    public const string Base = "https://github.com/msxpowershell/MsxPowerShell/blob/main/docs/help/";
}
