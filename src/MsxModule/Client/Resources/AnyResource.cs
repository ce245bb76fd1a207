namespace MsxPowerShell.Client.Resources;

/// <summary>Any MSX collection whose page is the spec's PageHeader + contents: what Invoke-MsxRestMethod -All walks.</summary>
public static class AnyResource
{
    public static MsxResource<MsxJsonItem> At(string path) => new(
        "Item",
        path,
        MsxJsonContext.Default.MsxJsonItem,
        MsxJsonContext.Default.ListMsxJsonItem,
        item => item.Value.TryGetProperty("id", out var id) ? id.ToString() : string.Empty,
        item => item.Value.TryGetProperty("name", out var name) ? name.ToString() : item.ToString())
    {
        Page = MsxJsonContext.Default.MsxPageMsxJsonItem,
    };
}
