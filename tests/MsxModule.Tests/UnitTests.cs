using MsxPowerShell.Client;
using MsxPowerShell.Client.Resources;
using Xunit;

namespace MsxPowerShell.Tests;

public sealed class PagePlanTests
{
    [Theory]
    [InlineData(0L, 5L, 5, 0, 0)]           // -First 5: one page of 5
    [InlineData(1000L, 10L, 10, 100, 0)]    // -Skip 1000 -First 10: page 100 of size 10
    [InlineData(3L, 5L, 8, 0, 3)]           // a small window in one page
    [InlineData(2000L, 1000L, 1000, 2, 0)]
    [InlineData(1500L, 700L, 700, 2, 100)]
    public void Skip_and_First_become_page_arithmetic(long skip, long first, int size, int page, int offset)
    {
        var plan = new ListQuery { Skip = skip, First = first }.Plan(1000, 1000);
        Assert.Equal((size, page, offset), plan);
    }

    [Fact]
    public void Without_First_the_largest_page_is_used()
    {
        Assert.Equal((1000, 2, 500), new ListQuery { Skip = 2500 }.Plan(1000, 1000));
    }

    [Fact]
    public void An_explicit_page_size_wins()
    {
        Assert.Equal((50, 2, 10), new ListQuery { Skip = 110, First = 5, PageSize = 50 }.Plan(1000, 1000));
    }
}

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("Authorization: Bearer abc.def.ghi", "Authorization: Bearer ***")]
    [InlineData("Authorization: Basic bXk6c2VjcmV0", "Authorization: Basic ***")]
    [InlineData("grant_type=password&username=u&password=p%40ss", "grant_type=password&username=u&password=***")]
    [InlineData("client_secret=s3cret&x=1", "client_secret=***&x=1")]
    [InlineData("{\"access_token\":\"tok\",\"token_type\":\"bearer\"}", "{\"access_token\":\"***\",\"token_type\":\"bearer\"}")]
    [InlineData("{\"refresh_token\": \"r\\\"x\"}", "{\"refresh_token\": \"***\"}")]
    public void Masks_secrets_by_pattern(string input, string expected)
    {
        Assert.Equal(expected, new SecretRedactor().Redact(input));
    }

    [Fact]
    public void Masks_known_secret_values_anywhere_plain_or_url_encoded()
    {
        var redactor = new SecretRedactor();
        redactor.AddSecret("FrmedealY((!1[ps=wCBwG!E[%|]Ob7=");
        var text = "failed: FrmedealY((!1[ps=wCBwG!E[%|]Ob7= and " + Uri.EscapeDataString("FrmedealY((!1[ps=wCBwG!E[%|]Ob7=");
        var redacted = redactor.Redact(text);
        Assert.DoesNotContain("FrmedealY", redacted, StringComparison.Ordinal);
        Assert.Equal("failed: *** and ***", redacted);
    }

    [Fact]
    public void Masks_secrets_kept_as_SecureString()
    {
        var redactor = new SecretRedactor();
        redactor.AddSecret(EmulatorFixture.Secure("make-up-a-private-client-secret"));
        Assert.Equal("echo: *** and ***", redactor.Redact("echo: make-up-a-private-client-secret and " + Uri.EscapeDataString("make-up-a-private-client-secret")));
    }

    [Fact]
    public void Leaves_ordinary_text_alone()
    {
        Assert.Equal("GET https://msx/idm/api/v8/tenants?page=0 -> 200", new SecretRedactor().Redact("GET https://msx/idm/api/v8/tenants?page=0 -> 200"));
    }
}

public sealed class ServerAddressTests
{
    [Theory]
    [InlineData("https://msx.example.com", "https://msx.example.com/")]
    [InlineData("https://msx.example.com/", "https://msx.example.com/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    public void Normalizes_to_the_host_root(string input, string expected)
    {
        Assert.Equal(new Uri(expected), MsxClientOptions.NormalizeServer(new Uri(input)));
    }

    [Theory]
    [InlineData("ftp://msx.example.com")]
    [InlineData("https://msx.example.com/?x=1")]
    public void Rejects_what_is_not_an_http_host_root(string input)
    {
        Assert.Throws<ArgumentException>(() => MsxClientOptions.NormalizeServer(new Uri(input)));
    }
}
