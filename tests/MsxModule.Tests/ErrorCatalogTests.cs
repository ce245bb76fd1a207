using System.Text.RegularExpressions;
using MsxPowerShell.Client;
using MsxPowerShell.Testing;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>
/// The module's error words against what it ships: every cmdlet a recommendation (or any other text of the
/// module) names is exported, and every ErrorId the module can raise, Client included, is in about_MsxModule.
/// </summary>
public sealed class ErrorCatalogTests
{
    private static readonly Regex CmdletWord = new(@"\b[A-Z][a-z]+-Msx[A-Za-z]+\b", RegexOptions.Compiled);

    // A string literal that is a whole Msx word: an ErrorId, a cmdlet noun or a type name.
    private static readonly Regex MsxLiteral = new("\"(Msx[A-Z][A-Za-z]+)\"", RegexOptions.Compiled);

    private static string Root => EmulatorProcess.RepositoryRoot;

    private static IReadOnlyList<string> Exported
    {
        get
        {
            var manifest = File.ReadAllText(Path.Combine(Root, "MsxModule.psd1"));
            var block = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)").Groups["list"].Value;
            var names = Regex.Matches(block, "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(names);
            return names;
        }
    }

    private static IEnumerable<(string File, string Line)> SourceLines =>
        Directory.EnumerateFiles(Path.Combine(Root, "src", "MsxModule"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select(line => (Path.GetFileName(f), line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal));

    [Fact]
    public void Every_cmdlet_a_recommendation_names_is_exported()
    {
        var exported = Exported;
        var texts = MsxErrorCatalog.Recommendations.ToList();
        Assert.True(texts.Count > 20, "the catalog gives its recommendations");
        foreach (var text in texts)
        {
            foreach (Match word in CmdletWord.Matches(text))
            {
                Assert.True(exported.Contains(word.Value), $"The recommendation '{text}' names {word.Value}, which the module does not export.");
            }
        }
    }

    [Fact]
    public void Every_cmdlet_any_text_of_the_module_names_is_exported()
    {
        var exported = Exported;
        var named = SourceLines.SelectMany(x => CmdletWord.Matches(x.Line).Select(m => (x.File, Word: m.Value))).ToList();
        Assert.Contains(named, n => n.Word == "Connect-MsxServer");
        var unknown = named.Where(n => !exported.Contains(n.Word)).Select(n => $"{n.Word} ({n.File})").Distinct().ToList();
        Assert.True(unknown.Count == 0, "Texts name cmdlets the module does not export: " + string.Join(", ", unknown));
    }

    [Fact]
    public void A_noun_without_a_read_cmdlet_keeps_the_generic_ErrorIds()
    {
        // The generic listing of Invoke-MsxRestMethod -All is an "Item": no MsxItemNotFound, no Get-MsxItem.
        Assert.False(MsxErrorCatalog.HasOwnErrorIds("Item"));
        Assert.Null(MsxErrorCatalog.Classify("Item", MsxOperationKind.Read, MsxErrorKind.NotFound, existsCode: false));
        Assert.Null(MsxErrorCatalog.Classify("Item", MsxOperationKind.Create, MsxErrorKind.Conflict, existsCode: false));
    }

    [Theory]
    [InlineData(MsxOperationKind.Create, false, "MsxTenantExists")]
    [InlineData(MsxOperationKind.Create, true, "MsxTenantExists")]
    [InlineData(MsxOperationKind.Rename, false, "MsxTenantExists")]
    [InlineData(MsxOperationKind.Update, true, "MsxTenantExists")]
    [InlineData(MsxOperationKind.Update, false, "MsxTenantConflict")]
    [InlineData(MsxOperationKind.Delete, false, "MsxTenantConflict")]
    [InlineData(MsxOperationKind.Delete, true, "MsxTenantConflict")]
    [InlineData(MsxOperationKind.Action, true, "MsxTenantConflict")]
    [InlineData(MsxOperationKind.Read, false, null)]
    public void Only_a_create_or_a_rename_means_exists(MsxOperationKind operation, bool existsCode, string? expected)
    {
        var id = MsxErrorCatalog.Classify("Tenant", operation, MsxErrorKind.Conflict, existsCode);
        Assert.Equal(expected, id?.ToString());
        if (id is { Reason: MsxErrorReason.Conflict } conflict)
        {
            var words = MsxErrorCatalog.Recommendation(conflict, null);
            Assert.DoesNotContain("another name", words, StringComparison.Ordinal);
            Assert.Contains("Get-MsxTenant", words, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Typed_ErrorIds_read_back()
    {
        foreach (var text in new[] { "MsxTenantNotFound", "MsxWorkflowInstanceConflict", "MsxInvalidDeviceId", "MsxWorkflowTargetExists" })
        {
            Assert.Equal(text, MsxErrorCatalog.Parse(text)?.ToString());
        }

        Assert.Null(MsxErrorCatalog.Parse("MsxItemNotFound"));
        Assert.Equal(new MsxErrorId("Device", MsxErrorReason.InvalidId), MsxErrorCatalog.Parse("MsxInvalidDeviceId"));
    }

    [Fact]
    public void Every_ErrorId_the_module_can_raise_is_documented()
    {
        var help = File.ReadAllText(Path.Combine(Root, "src", "MsxModule", "en-US", "about_MsxModule.help.txt"));
        var table = MsxErrorCatalog.ErrorIds.ToList();
        Assert.Contains("MsxTenantConflict", table);
        Assert.Contains("MsxNotConnected", SourceIds());
        var missing = table.Concat(SourceIds()).Distinct()
            .Where(id => !Regex.IsMatch(help, $@"\b{id}\b"))
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, "ErrorIds not listed in about_MsxModule.help.txt: " + string.Join(", ", missing));
    }

    /// <summary>
    /// The Msx words written as string literals in the module's source that are ErrorIds: all but cmdlet nouns
    /// (the Cmdlet attributes) and the names of the module's own types.
    /// </summary>
    private static IEnumerable<string> SourceIds()
    {
        var nouns = Exported.Select(name => name.Substring(name.IndexOf('-', StringComparison.Ordinal) + 1)).ToHashSet(StringComparer.Ordinal);
        var types = typeof(MsxApiException).Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return SourceLines.SelectMany(x => MsxLiteral.Matches(x.Line).Select(m => m.Groups[1].Value))
            .Where(word => !nouns.Contains(word) && !types.Contains(word))
            .Distinct(StringComparer.Ordinal);
    }
}
