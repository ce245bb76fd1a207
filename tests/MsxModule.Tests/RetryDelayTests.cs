using MsxPowerShell.Client;
using MsxPowerShell.Client.Resources;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>
/// A retry waits through the session's <see cref="MsxClientOptions.Delay"/>: the waits it asks for are seen
/// without being slept, so long ones (Retry-After: 3600) are tested as quickly as short ones.
/// </summary>
public sealed class RetryDelayTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly Guid Coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");

    private readonly HttpClient _control = new() { BaseAddress = fixture.Server };
    private readonly List<TimeSpan> _waits = [];

    public void Dispose()
    {
        _control.ClearFaultsAsync().GetAwaiter().GetResult();
        _control.Dispose();
    }

    private Task<MsxApiClient> ConnectAsync(double retryIntervalSec) =>
        MsxApiClient.ConnectAsync(
            new MsxClientOptions(fixture.Server)
            {
                RetryIntervalSec = retryIntervalSec,
                Delay = (wait, _) =>
                {
                    lock (_waits)
                    {
                        _waits.Add(wait);
                    }

                    return Task.CompletedTask;
                },
            },
            EmulatorFixture.Credential(),
            CancellationToken.None);

    [Fact]
    public async Task Retry_After_sets_the_wait_and_a_long_one_is_capped_at_two_minutes()
    {
        using var client = await ConnectAsync(0.1);
        await _control.AddFaultAsync(new { method = "GET", path = $"/idm/api/v8/tenants/{Coke}", status = 429, retryAfterSeconds = 3600, count = 1 });

        var tenant = await client.GetTenantAsync(Coke, CancellationToken.None);

        Assert.Equal("Coke", tenant.Name);
        Assert.Equal([TimeSpan.FromMinutes(2)], _waits);
    }

    [Fact]
    public async Task Without_Retry_After_each_wait_doubles_the_interval_with_a_fifth_of_jitter()
    {
        using var client = await ConnectAsync(1);
        await _control.AddFaultAsync(new { method = "GET", path = $"/idm/api/v8/tenants/{Coke}", status = 503, count = 2 });

        var tenant = await client.GetTenantAsync(Coke, CancellationToken.None);

        Assert.Equal("Coke", tenant.Name);
        Assert.Equal(2, _waits.Count);
        Assert.InRange(_waits[0].TotalSeconds, 0.8, 1.2);
        Assert.InRange(_waits[1].TotalSeconds, 1.6, 2.4);
    }
}
