using System.Net;
using System.Net.Sockets;
using MsxPowerShell.Client;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>Which failures mean "the server was never reached" (not retried before the session's first answer).</summary>
public sealed class ConnectFailureTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused, true)]
    [InlineData(SocketError.HostNotFound, true)]
    [InlineData(SocketError.TryAgain, true)]
    [InlineData(SocketError.NetworkUnreachable, true)]
    [InlineData(SocketError.ConnectionReset, false)]
    [InlineData(SocketError.ConnectionAborted, false)]
    public void A_socket_failure_is_a_connect_failure_only_when_nothing_was_reached(SocketError error, bool expected)
    {
        var ex = new HttpRequestException("failed", new SocketException((int)error));
        Assert.Equal(expected, HttpPipeline.IsConnectFailure(ex));
    }

    [Theory]
    [InlineData(WebExceptionStatus.ConnectFailure, true)]
    [InlineData(WebExceptionStatus.NameResolutionFailure, true)]
    [InlineData(WebExceptionStatus.ReceiveFailure, false)]
    [InlineData(WebExceptionStatus.ConnectionClosed, false)]
    public void On_net_framework_the_web_exception_status_says_it(WebExceptionStatus status, bool expected)
    {
        var ex = new HttpRequestException("failed", new WebException("failed", status));
        Assert.Equal(expected, HttpPipeline.IsConnectFailure(ex));
    }

    [Fact]
    public void A_failure_without_a_socket_cause_is_not_a_connect_failure()
    {
        Assert.False(HttpPipeline.IsConnectFailure(new HttpRequestException("The response ended prematurely.")));
    }
}
