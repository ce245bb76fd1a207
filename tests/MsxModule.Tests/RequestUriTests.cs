using System.Text;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using MsxPowerShell.Client.Resources;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>
/// Property-style tests of the one builder of request URIs: thousands of generated strings (a seeded Random,
/// so every run sees the same ones) and hand-picked hostile ones never move a request off the session's
/// server, and every refusal is an Msx ErrorId, never a .NET exception.
/// </summary>
public sealed class RequestUriTests
{
    private const int Generated = 6000;

    private static readonly Uri[] Servers =
    {
        new("http://127.0.0.1:5000/"),
        new("https://msx.example.com/"),
        new("https://msx.example.com:8443/base/"),
    };

    /// <summary>The pieces generated strings are made of: separators, look-alikes, escapes, schemes, hosts, userinfo.</summary>
    private static readonly string[] Pieces =
    {
        "/", "//", "\\", "\\\\", " ", "\t", "\r", "\n", "\0", "\u0085", "\u00A0", "\u2028", "\u3000", "\u200B", "\uFEFF",
        "%2F", "%2f", "%5C", "%5c", "%2e", "%2E", "%252e", "%00", "%0A", "%20", "%", "%%", "%zz", "%25",
        ".", "..", "./", "../", "@", ":", "?", "#", "&", "=", ";", "[", "]", "~", "'", "\"", "<", ">", "|", "^", "`", "{", "}",
        "evil", "evil.example", "127.0.0.1", "127.0.0.1:9", "[::1]", "localhost", "user@", "user:pass@", "//user@evil",
        "http:", "https:", "http://", "https://", "file:", "file:///", "ftp://", "mailto:", "javascript:", "HTTP://", "c:", "C:\\",
        "\uFF0F", "\uFF3C", "\u2215", "\u2044", "\u29F8", "\uFE68", "\u0338", "\uFF0E", "\uFF20", "\uFF1A",
        "😀", "\uD800", "\uDC00", "é", "ı", "ǅ",
        "idm", "api", "v8", "tenants", "idm/api/v8/tenants",
    };

    private static readonly string[] Hostile =
    {
        "\\/evil", "\\/evil/x", " //evil", "\t//evil", "\r\n//evil", "\0//evil", "\u00A0//evil", "\u3000//evil",
        "%2F%2Fevil", "%2f%2fevil/x", "//user@evil", "///evil", "\\\\evil\\share", "\\\\evil/share", "/\\evil",
        "http:evil", "http:/evil", "http:\\\\evil", "https://evil/x", "HTTPS://evil", "http://127.0.0.1:9/x",
        "http://user@127.0.0.1:5000/x", "file:///etc/passwd", "file://evil/share", "ftp://evil/x", "javascript:alert(1)",
        "\uFF0F\uFF0Fevil", "\uFF3C\uFF3Cevil", "\u2215\u2215evil", "%5C%5Cevil", "%5c/evil", "..//evil", "../../evil",
        "%2e%2e/%2e%2e/evil", "a/%2e%2e/%2e%2e/%2e%2e/evil", "./..//evil", "?//evil", "#//evil", "", " ", "\t", "/", "//",
        "evil:80/x", "127.0.0.1:9/x", "[::1]:9/x", "C:\\Windows", "//evil%40127.0.0.1:5000/",
    };

    [Fact]
    public void Generated_and_hostile_paths_never_leave_the_session_server()
    {
        var random = new Random(20261208);
        var redactor = new SecretRedactor();
        var inputs = new List<string>(Hostile);
        for (var i = 0; i < Generated; i++)
        {
            var text = new StringBuilder();
            var count = random.Next(1, 9);
            for (var p = 0; p < count; p++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            inputs.Add(text.ToString());
        }

        var built = 0;
        var refused = 0;
        foreach (var server in Servers)
        {
            foreach (var input in inputs)
            {
                // Both doors: the builder every request goes through, and Invoke-MsxRestMethod's path-or-URL.
                if (Outcome(server, () => RequestUri.Build(server, input, redactor), input) is { } uri)
                {
                    built++;
                    AssertOnServer(server, uri, input);
                }
                else
                {
                    refused++;
                }

                string? relative = null;
                if (Outcome(server, () => (relative = RequestUri.ToServerPath(server, input, redactor)) is null ? null : server, input) is not null)
                {
                    // What ToServerPath answers must itself build, on the server.
                    AssertOnServer(server, RequestUri.Build(server, relative!, redactor), input);
                }
            }
        }

        // The property is not vacuous: both outcomes happen, many times.
        Assert.True(built > 1000, $"only {built} built");
        Assert.True(refused > 1000, $"only {refused} refused");
    }

    [Theory]
    [InlineData("\\/evil", "MsxInvalidPath")]
    [InlineData(" //evil", "MsxInvalidPath")]
    [InlineData("\t//evil", "MsxInvalidPath")]
    [InlineData("\\\\evil\\share", "MsxInvalidPath")]
    [InlineData("", "MsxInvalidPath")]
    [InlineData("   ", "MsxInvalidPath")]
    [InlineData("/idm/api/v8/tenants/#x", "MsxInvalidPath")]
    [InlineData("/idm/api/v8/../../x", "MsxInvalidPath")]
    [InlineData("/idm/api/v8/%2e%2e/x", "MsxInvalidPath")]
    [InlineData("/idm/100%", "MsxInvalidPath")]
    [InlineData("http:evil", "MsxForeignServer")]
    [InlineData("file:///etc/passwd", "MsxForeignServer")]
    [InlineData("ftp://evil/x", "MsxForeignServer")]
    [InlineData("http://203.0.113.7:5000/idm", "MsxForeignServer")]
    [InlineData("http://127.0.0.1:5001/idm", "MsxForeignServer")]
    [InlineData("https://127.0.0.1:5000/idm", "MsxForeignServer")]
    [InlineData("http://user@127.0.0.1:5000/idm", "MsxForeignServer")]
    public void Hand_picked_paths_are_refused_with_their_ErrorId(string input, string errorId)
    {
        var ex = Assert.Throws<MsxApiException>(() => RequestUri.ToServerPath(Servers[0], input, new SecretRedactor()));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(errorId == "MsxForeignServer" ? MsxErrorKind.ForeignServer : MsxErrorKind.InvalidPath, ex.Kind);
        Assert.Contains("nothing was sent", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\t', ex.Message);
    }

    [Theory]
    [InlineData("/idm/api/v8/tenants", "http://127.0.0.1:5000/idm/api/v8/tenants")]
    [InlineData("idm/api/v8/tenants?page=0&pageSize=10", "http://127.0.0.1:5000/idm/api/v8/tenants?page=0&pageSize=10")]
    [InlineData("//idm/api/v8/tenants", "http://127.0.0.1:5000/idm/api/v8/tenants")]
    [InlineData("http://127.0.0.1:5000/idm/api/v8/tenants?x=1", "http://127.0.0.1:5000/idm/api/v8/tenants?x=1")]
    [InlineData("/idm/api/v8/roles/name/\uFF0F\uFF0Fevil", "http://127.0.0.1:5000/idm/api/v8/roles/name/%EF%BC%8F%EF%BC%8Fevil")]
    [InlineData("/idm/api/v8/roles/name/%2F%2Fevil", "http://127.0.0.1:5000/idm/api/v8/roles/name/%2F%2Fevil")]
    public void Ordinary_paths_and_look_alikes_stay_paths_on_the_server(string input, string expected)
    {
        var redactor = new SecretRedactor();
        var uri = RequestUri.Build(Servers[0], RequestUri.ToServerPath(Servers[0], input, redactor), redactor);
        Assert.Equal(expected, uri.AbsoluteUri);
    }

    [Fact]
    public void A_server_with_a_base_path_keeps_every_request_under_it()
    {
        var server = Servers[2];
        var redactor = new SecretRedactor();
        Assert.Equal("https://msx.example.com:8443/base/idm/api/v8/tenants", RequestUri.Build(server, "/idm/api/v8/tenants", redactor).AbsoluteUri);
        Assert.Equal("idm/x", RequestUri.ToServerPath(server, "https://msx.example.com:8443/base/idm/x", redactor));
        Assert.Equal("MsxForeignServer", Assert.Throws<MsxApiException>(() => RequestUri.ToServerPath(server, "https://msx.example.com:8443/other/idm", redactor)).ErrorId);
        Assert.Equal("MsxInvalidPath", Assert.Throws<MsxApiException>(() => RequestUri.Build(server, "../other/idm", redactor)).ErrorId);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("a\nb")]
    public void An_id_that_would_add_remove_or_change_a_segment_is_refused_for_every_resource(string id)
    {
        foreach (var (noun, itemPath) in Resources())
        {
            var ex = Assert.Throws<MsxApiException>(() => itemPath(id));
            Assert.Equal($"MsxInvalid{noun}Id", ex.ErrorId);
            Assert.Equal(MsxErrorKind.InvalidPath, ex.Kind);
            Assert.Equal(id, ex.Target);
        }
    }

    [Fact]
    public void Any_id_that_is_accepted_is_exactly_one_segment_that_reads_back_as_itself()
    {
        var random = new Random(8122026);
        var ids = new List<string> { "%2e%2e", "%2E", "a?b", "a#b", "a%2Fb", "a b", "a;b", "a@evil", "http:evil", "\uFF0F", ".a", "a.", "...", "~", "%", "%%2e", "😀", "CPE-1" };
        for (var i = 0; i < Generated; i++)
        {
            var text = new StringBuilder();
            var count = random.Next(1, 5);
            for (var p = 0; p < count; p++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            ids.Add(text.ToString());
        }

        var server = Servers[2];
        var redactor = new SecretRedactor();
        var accepted = 0;
        foreach (var id in ids)
        {
            foreach (var (noun, itemPath) in Resources())
            {
                string path;
                try
                {
                    path = itemPath(id);
                }
                catch (MsxApiException ex)
                {
                    Assert.Equal($"MsxInvalid{noun}Id", ex.ErrorId);
                    continue;
                }

                accepted++;
                var collection = path.Substring(0, path.LastIndexOf('/'));
                var uri = RequestUri.Build(server, path + "/tail", redactor);
                var expected = new Uri(server, collection + "/").Segments.Length + 2;
                Assert.True(uri.Segments.Length == expected, $"id '{Escaped(id)}' made {uri.AbsolutePath}");
                Assert.Equal(id, Uri.UnescapeDataString(uri.Segments[^2].TrimEnd('/')));
                AssertOnServer(server, uri, id);
            }
        }

        Assert.True(accepted > 1000, $"only {accepted} accepted");
    }

    [Fact]
    public void Keys_in_paths_are_checked_as_ids_are()
    {
        Assert.Equal("MsxInvalidRoleName", Assert.Throws<MsxApiException>(() => RoleResource.ByNamePath("..")).ErrorId);
        Assert.Equal("idm/api/v8/roles/name/a%3Fb%23c", RoleResource.ByNamePath("a?b#c"));
        var external = Assert.Throws<MsxApiException>(() => TenantResource.Declaration.KeyPath("externalId", ".", "MsxInvalidExternalId", "external id"));
        Assert.Equal("MsxInvalidExternalId", external.ErrorId);
        Assert.Equal(".", external.Target);
    }

    private static IEnumerable<(string Noun, Func<string, string> ItemPath)> Resources()
    {
        yield return Of(TenantResource.Declaration);
        yield return Of(UserResource.Declaration);
        yield return Of(SiteResource.Declaration);
        yield return Of(DeviceResource.Declaration);
        yield return Of(WorkflowResource.Declaration);
        yield return Of(WorkflowInstanceResource.Declaration);
        yield return Of(WorkflowTargetResource.Declaration);
        yield return Of(RoleResource.Declaration);
    }

    private static (string, Func<string, string>) Of<T>(MsxResource<T> resource)
        where T : MsxObject => (resource.Noun, id => resource.ItemPath(id));

    /// <summary>Runs a build: its URI, or null when refused with an Msx ErrorId; any other exception fails the test.</summary>
    private static Uri? Outcome(Uri server, Func<Uri?> build, string input)
    {
        try
        {
            return build();
        }
        catch (MsxApiException ex)
        {
            Assert.True(ex.ErrorId is "MsxInvalidPath" or "MsxForeignServer", $"'{Escaped(input)}' on {server}: {ex.ErrorId}");
            Assert.True(ex.Kind is MsxErrorKind.InvalidPath or MsxErrorKind.ForeignServer);
            return null;
        }
        catch (Exception ex)
        {
            Assert.Fail($"'{Escaped(input)}' on {server} threw {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    private static void AssertOnServer(Uri server, Uri uri, string input)
    {
        var why = $"'{Escaped(input)}' became {uri.AbsoluteUri}";
        Assert.True(uri.IsAbsoluteUri, why);
        Assert.True(string.Equals(server.Scheme, uri.Scheme, StringComparison.Ordinal), why);
        Assert.True(string.Equals(server.Host, uri.Host, StringComparison.OrdinalIgnoreCase), why);
        Assert.True(server.Port == uri.Port, why);
        Assert.True(uri.UserInfo.Length == 0, why);
        Assert.True(uri.AbsolutePath.StartsWith(server.AbsolutePath, StringComparison.Ordinal), why);
        Assert.True(uri.Fragment.Length == 0, why);
        // What goes on the wire is the same: the request line's authority is the session's.
        Assert.True(string.Equals(server.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase), why);
    }

    private static string Escaped(string text)
    {
        var shown = new StringBuilder();
        foreach (var c in text)
        {
            shown.Append(c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return shown.ToString();
    }
}
