using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using MsxPowerShell.Commands;
using MsxPowerShell.Session;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>The module loaded in a real runspace of this process, for tests that drive its cmdlets.</summary>
internal static class InProcessModule
{
    public static Runspace Open(PSHost? host = null)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { typeof(GetMsxTenantCommand).Assembly.Location });
        var runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        return runspace;
    }

    public static PowerShell Create(Runspace runspace)
    {
        var ps = PowerShell.Create();
        ps.Runspace = runspace;
        return ps;
    }

    /// <summary>Logs in as the seed's superuser; the session becomes the default.</summary>
    public static MsxSession Login(Runspace runspace, EmulatorFixture fixture)
    {
        using var ps = Create(runspace)
            .AddCommand("Get-MsxAccessToken")
            .AddParameter("Server", fixture.Server)
            .AddParameter("ClientId", EmulatorFixture.ClientId)
            .AddParameter("ClientSecret", EmulatorFixture.Secure(EmulatorFixture.ClientSecret))
            .AddParameter("Credential", new PSCredential(EmulatorFixture.UserName, EmulatorFixture.Secure(EmulatorFixture.Password)));
        return Assert.Single(ps.Invoke<MsxSession>());
    }
}
