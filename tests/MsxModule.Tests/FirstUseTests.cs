using System.Net.Sockets;
using MsxPowerShell.Client;
using Xunit;

namespace MsxPowerShell.Tests;

public sealed class BareServerAddressTests
{
    [Theory]
    [InlineData("msx.example.com", "https://msx.example.com/")]
    [InlineData("msx.example.com:8443", "https://msx.example.com:8443/")]
    [InlineData("localhost:5000", "https://localhost:5000/")]
    [InlineData("127.0.0.1:5001", "https://127.0.0.1:5001/")]
    [InlineData("msx.example.com/prefix", "https://msx.example.com/prefix/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    public void Takes_a_bare_host_or_host_and_port_as_https(string input, string expected)
    {
        Assert.Equal(new Uri(expected), MsxClientOptions.NormalizeServer(new Uri(input, UriKind.RelativeOrAbsolute)));
    }

    [Theory]
    [InlineData("ftp://msx.example.com")]
    [InlineData("mailto:admin@example.com")]
    [InlineData("msx example com")]
    [InlineData("/just/a/path")]
    [InlineData("https://msx.example.com/?x=1")]
    public void Refuses_other_addresses_without_the_parameter_suffix(string input)
    {
        var ex = Assert.Throws<ArgumentException>(() => MsxClientOptions.NormalizeServer(new Uri(input, UriKind.RelativeOrAbsolute)));
        Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
        Assert.Contains(input, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_an_empty_user_without_the_parameter_suffix()
    {
        using var secret = new System.Security.SecureString();
        var ex = Assert.Throws<ArgumentException>(() => new MsxCredential("client", secret, " ", secret));
        Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class FailureDescriptionTests
{
    [Fact]
    public void Leaves_out_an_inner_message_the_outer_one_already_says()
    {
        var ex = new HttpRequestException("Connection refused (127.0.0.1:5999)", new SocketException((int)SocketError.ConnectionRefused));
        var inner = ex.InnerException!.Message;
        var text = HttpPipeline.DescribeFailure(ex);
        Assert.Equal(1, Count(text, inner.TrimEnd('.')));
        Assert.StartsWith("Connection refused (127.0.0.1:5999)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_an_inner_message_that_adds_the_cause()
    {
        var ex = new HttpRequestException("The SSL connection could not be established, see inner exception.", new InvalidOperationException("The remote certificate is invalid: UntrustedRoot."));
        Assert.Equal("The SSL connection could not be established, see inner exception. The remote certificate is invalid: UntrustedRoot", HttpPipeline.DescribeFailure(ex));
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
