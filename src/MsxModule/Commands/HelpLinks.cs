namespace MsxPowerShell.Commands;

/// <summary>Where each cmdlet's help is published, for Get-Help -Online (HelpUri = HelpLinks.Base + "Verb-Noun.md").</summary>
internal static class HelpLinks
{
    public const string Base = "https://github.com/msxpowershell/MsxPowerShell/blob/main/docs/help/";
}
