# Dot-sourced by every Pester file in BeforeAll: the built module, the emulator helpers, the seed's secrets.
Set-StrictMode -Version 3.0
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleManifest = Join-Path $RepoRoot 'out/MsxModule/MsxModule.psd1'
Import-Module $ModuleManifest -Force:$false -ErrorAction Stop
Import-Module (Join-Path $RepoRoot 'tools/Emulator.psm1') -Force

# The seed guide's security client and user, as the emulator's built-in data has them.
$script:SeedClientId = 'my-test-private-client'
$script:SeedClientSecretText = 'make-up-a-private-client-secret-and-keep-it-safe'
$script:SeedPasswordText = 'FrmedealY((!1[ps=wCBwG!E[%|]Ob7='
$script:SeedClientSecret = ConvertTo-SecureString $SeedClientSecretText -AsPlainText -Force
$script:SeedCredential = [pscredential]::new('superuser', (ConvertTo-SecureString $SeedPasswordText -AsPlainText -Force))
$script:RefreshClientId = 'my-test-refresh-client'
$script:RefreshClientSecretText = 'make-up-another-client-secret-and-keep-it-safe'

function New-TestSession {
    # A session to an emulator as the seed's superuser (not the default unless -Default).
    param(
        [Parameter(Mandatory)] $Emulator,
        [string] $ClientId = $SeedClientId,
        [string] $ClientSecret = $SeedClientSecretText,
        [pscredential] $Credential = $SeedCredential,
        [switch] $Default,
        [hashtable] $Options = @{},
        # From New-EmulatorClockDriver: the session waits on the emulator's manual clock (hidden -TestClock, -TestDelay).
        $ClockDriver
    )
    if ($ClockDriver) { $Options = $Options + @{ TestClock = $ClockDriver.Clock; TestDelay = $ClockDriver.Delay } }
    $secret = ConvertTo-SecureString $ClientSecret -AsPlainText -Force
    Get-MsxAccessToken -Server $Emulator.Uri -ClientId $ClientId -ClientSecret $secret -Credential $Credential -NotDefault:(-not $Default) @Options
}

function Get-ChildPwsh {
    # The command line of the pwsh running the tests, for child processes (dotnet pwsh runs as 'dotnet pwsh.dll').
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*' -and (Test-Path $dll)) { return @([Environment]::ProcessPath, $dll) }
    @([Environment]::ProcessPath)
}

function Invoke-ChildPwsh {
    # Runs a script in a fresh, non-interactive pwsh and returns its output lines and exit code.
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $pwsh = Get-ChildPwsh
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        $file = Join-Path ([IO.Path]::GetTempPath()) "msx-child-$([guid]::NewGuid()).ps1"
        Set-Content -LiteralPath $file -Value $Script
        $exe = $pwsh[0]; $pre = @($pwsh | Select-Object -Skip 1)
        $output = & $exe @pre -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ Output = @($output); ExitCode = $LASTEXITCODE }
    }
    finally {
        Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
}

function Invoke-InRunspace {
    # Runs a script in a fresh runspace of this process and returns its output lines (every stream, as text)
    # and its exit code, as Invoke-ChildPwsh does, without starting (and JIT-compiling) another pwsh. Use it
    # unless the test is about the process itself (its host, -NonInteractive, its module path or home).
    # Environment variables are the process's: -Environment sets them for the run and restores them after.
    # -Runspace (from New-TestRunspace) runs it in that runspace instead of a fresh one: a file that runs the same
    # kind of script many times pays for loading its modules (Pester above all) once.
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{}, [runspace] $Runspace)
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    $file = Join-Path ([IO.Path]::GetTempPath()) "msx-runspace-$([guid]::NewGuid()).ps1"
    $ps = [powershell]::Create()
    if ($Runspace) { $ps.Runspace = $Runspace }
    try {
        Set-Content -LiteralPath $file -Value $Script
        # A script that ends with 'exit N' sets $LASTEXITCODE; a terminating error exits 1, as in a child pwsh.
        # Host lines written in parts (Write-Host -NoNewline) are joined as a console would show them.
        $null = $ps.AddScript({
                param($File)
                $text = [Text.StringBuilder]::new()
                $global:LASTEXITCODE = 0
                try {
                    & $File *>&1 | ForEach-Object {
                        if ($_ -is [Management.Automation.InformationRecord] -and $_.MessageData -is [Management.Automation.HostInformationMessage]) {
                            $null = $text.Append($_.MessageData.Message)
                            if (-not $_.MessageData.NoNewLine) { $null = $text.Append("`n") }
                        }
                        else { $null = $text.Append("$_").Append("`n") }
                    }
                }
                catch { $null = $text.Append("$_").Append("`n"); $global:LASTEXITCODE = 1 }
                $text.ToString().TrimEnd("`n") -split "`n"
            }.ToString()).AddArgument($file)
        $output = @($ps.Invoke() | ForEach-Object { "$_" })
        [pscustomobject]@{ Output = $output; ExitCode = [int] $ps.Runspace.SessionStateProxy.GetVariable('LASTEXITCODE') }
    }
    finally {
        $ps.Dispose()
        Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
}

function New-TestRunspace {
    # An open runspace for Invoke-InRunspace -Runspace, to reuse across runs of the same script (close it in AfterAll).
    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $runspace
}

function New-CheckConfig {
    # A configuration file for the check kit (checks/Invoke-MsxCheck.ps1) against an emulator, with the seed's
    # client and user in plain text (test setup only). -Extra adds setting lines (e.g. 'TenantRoundTrip = $false').
    param(
        [Parameter(Mandatory)] $Emulator,
        [string] $Tenants = "'Coke', 'Pepsi'",
        [string] $Budget = '@{ MedianMs = 1000; P95Ms = 3000 }',
        [int] $LatencySamples = 5,
        [string] $Password = $SeedPasswordText,
        [int] $TokenLifetimeSec = 9000,
        [string[]] $Extra = @()
    )
    $path = Join-Path $TestDrive "check-$([guid]::NewGuid()).psd1"
    $quoted = $Password.Replace("'", "''")
    @"
@{
    Server = '$($Emulator.Uri)'
    ClientId = '$SeedClientId'
    CredentialSource = 'Plain'
    ClientSecret = '$SeedClientSecretText'
    UserName = 'superuser'
    Password = '$quoted'
    ExpectedTenants = @($Tenants)
    ExpectedRoles = @('SUPERUSER')
    ExpectedTokenLifetimeSec = $TokenLifetimeSec
    LatencyBudgetMs = $Budget
    LatencySamples = $LatencySamples
$(@($Extra | Where-Object { $_ } | ForEach-Object { "    $_" }) -join "`n")
}
"@ | Set-Content -LiteralPath $path
    $path
}

function Get-EmulatorRequests {
    param([Parameter(Mandatory)] $Emulator)
    # Invoke-RestMethod writes a JSON array as one object: unroll it.
    @(Invoke-MsxEmulatorControl -Emulator $Emulator -Path '_emulator/requests' | ForEach-Object { $_ })
}

function Clear-EmulatorRequests {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-MsxEmulatorControl -Emulator $Emulator -Path '_emulator/requests' -Method DELETE
}

function Reset-Emulator {
    # Puts an emulator (started with --control) back to its starting data, with no faults and an empty
    # request log, so that one emulator serves a whole file (sessions and their tokens stay valid).
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-MsxEmulatorControl -Emulator $Emulator -Path '_emulator/reset' -Method POST
}

function Get-EmulatorFaults {
    param([Parameter(Mandatory)] $Emulator)
    # The faults still active: a fault with a count is removed once it fired that often.
    @(Invoke-MsxEmulatorControl -Emulator $Emulator -Path '_emulator/faults' | ForEach-Object { $_ })
}

function Get-HostOutput {
    # What a script block writes to the host (What if: lines, prompts), as text.
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $file = Join-Path ([IO.Path]::GetTempPath()) "msx-host-$([guid]::NewGuid()).txt"
    $null = Start-Transcript -LiteralPath $file
    try { & $ScriptBlock | Out-Null }
    finally { $null = Stop-Transcript }
    try { Get-Content -Raw -LiteralPath $file } finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
}

function Wait-FaultTaken {
    # Waits for the event that every active fault fired (a fault is removed once its count is used up).
    param([Parameter(Mandatory)] $Emulator, [int] $TimeoutSec = 20)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while (@(Get-EmulatorFaults $Emulator).Count -gt 0) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "The fault did not fire within $TimeoutSec s." }
    }
}

function Wait-EmulatorRequest {
    # Waits for the event that the request log holds a request matching -Where, and returns the matching ones.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [scriptblock] $Where, [int] $Count = 1, [int] $TimeoutSec = 20)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $found = @(Get-EmulatorRequests $Emulator | Where-Object $Where)
        if ($found.Count -ge $Count) { return $found }
        if ([DateTime]::UtcNow -gt $deadline) { throw "The emulator did not log $Count matching request(s) within $TimeoutSec s (it logged $($found.Count))." }
    }
}

function Get-EmulatorFaultCount {
    # How many more times the active faults will fire (the sum of their counts).
    param([Parameter(Mandatory)] $Emulator)
    [int] (@(Get-EmulatorFaults $Emulator) | Measure-Object -Property count -Sum).Sum
}

function Wait-EmulatorFaultCount {
    # Waits for the event that the active faults have at most -Remaining firings left (requests took them).
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [int] $Remaining, [int] $TimeoutSec = 20)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ((Get-EmulatorFaultCount $Emulator) -gt $Remaining) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "The faults were not taken down to $Remaining within $TimeoutSec s." }
    }
}

function New-EmulatorClockDriver {
    # Drives a session's time from a --manual-clock emulator (New-TestSession -ClockDriver): each wait the
    # session makes (before a retry, between workflow polls) moves the emulator's clock and the session's own
    # clock (which, like the emulator's, stands still otherwise) by that much and returns at once, so workflows
    # finish and Retry-After passes without real waiting.
    # The driver lists the waits asked for (Waits) and the time moved in all (Advanced). Without -Emulator only
    # the session's clock moves (for a retry's wait, where the server's time does not matter).
    param($Emulator)
    if (-not ('MsxTests.EmulatorClockDriver' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MsxTests
{
    public sealed class EmulatorClockDriver
    {
        private static readonly HttpClient Http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        private readonly Uri _clock;
        private readonly List<TimeSpan> _waits = new List<TimeSpan>();
        private long _advancedMs;

        private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

        public EmulatorClockDriver(Uri emulator) { _clock = emulator is null ? null : new Uri(emulator, "_emulator/clock"); }

        public TimeSpan Advanced { get { return TimeSpan.FromMilliseconds(Interlocked.Read(ref _advancedMs)); } }

        public TimeSpan[] Waits { get { lock (_waits) { return _waits.ToArray(); } } }

        // Like the emulator's manual clock, the session's stands still but for the waits.
        public Func<DateTimeOffset> Clock { get { return () => _start + Advanced; } }

        public Func<TimeSpan, CancellationToken, Task> Delay { get { return WaitAsync; } }

        private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            lock (_waits) { _waits.Add(wait); }
            var ms = (long)Math.Ceiling(Math.Max(0, wait.TotalMilliseconds));
            if (_clock is null)
            {
                Interlocked.Add(ref _advancedMs, ms);
                return;
            }

            using (var body = new StringContent("{\"advanceMs\":" + ms + "}", Encoding.UTF8, "application/json"))
            using (var response = await Http.PostAsync(_clock, body, cancellationToken).ConfigureAwait(false))
            {
                response.EnsureSuccessStatusCode();
            }

            Interlocked.Add(ref _advancedMs, ms);
        }
    }
}
'@
    }
    [MsxTests.EmulatorClockDriver]::new($(if ($Emulator) { $Emulator.Uri } else { $null }))
}

function Move-EmulatorClock {
    # Moves the clock of an emulator started with --manual-clock (token expiry, workflow progress).
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [int] $Milliseconds)
    $null = Invoke-MsxEmulatorControl -Emulator $Emulator -Path '_emulator/clock' -Method POST -Body @{ advanceMs = $Milliseconds }
}
