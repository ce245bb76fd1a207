<#
.SYNOPSIS
Runs the MSX environment checks (MsxEnvironment.Tests.ps1): exit code 0 when every check passes, 1 when a
check failed (MSX is unhealthy), 2 when the checks could not run (the configuration or the setup is broken).
.DESCRIPTION
The configuration comes from -Config (a .psd1 file, see msx-check.example.psd1), else from MSX_* environment
variables (MSX_SERVER, MSX_CLIENT_ID, MSX_CLIENT_SECRET, MSX_USERNAME, MSX_PASSWORD, and optionally
MSX_CHECK_EXPECTED_TENANTS, MSX_CHECK_EXPECTED_ROLES, MSX_CHECK_TOKEN_LIFETIME_SEC,
MSX_CHECK_ALLOW_UNTRUSTED_CERTIFICATE, MSX_CHECK_DEVICES_UP_TENANTS). With neither -Config nor MSX_SERVER, a fresh MSX emulator is started
(from the repository's out/MsxEmulator) and checked with a configuration matching its built-in data.

Exit codes, so that monitoring can tell a broken configuration from an unhealthy MSX:
  0  every check passed (skipped checks do not count);
  1  at least one check failed: the server, its certificate, the login, the roles, a tenant, the round-trip
     or the latency is not as configured;
  2  the checks could not run: a missing or unreadable configuration file, an unknown setting, a missing
     MSX_* variable (such as MSX_PASSWORD), Pester or the module not found, or a setup block that failed.
The report ends with one line per failure: what is wrong and what to check.
.PARAMETER Config
The check configuration file (.psd1).
.PARAMETER Path
Your own checks, run in the same report and counted in the same exit code: Pester 5 files (*.Tests.ps1) or
folders of them. A file that declares param($Config) gets the kit's settings: a hashtable with Server,
ClientCredential and Credential (PSCredentials), TimeoutSec, AllowUntrustedCertificate and the rest, so it can
connect with Connect-MsxServer -Server $Config.Server -ClientCredential $Config.ClientCredential
-Credential $Config.Credential. Without -Path, the *.Tests.ps1 files of the folder named by MSX_CHECK_PATH
(if set) are run the same way.
.PARAMETER OutputFile
Also write the results as NUnit XML to this file.
.PARAMETER Output
Pester's report verbosity; Detailed lists every check.
.EXAMPLE
dotnet pwsh ./checks/Invoke-MsxCheck.ps1 -Config ./msx-check.psd1 -OutputFile ./msx-check.xml
.EXAMPLE
pwsh ./checks/Invoke-MsxCheck.ps1 -Config ./msx-check.psd1 -Path ./my-checks/
#>
[CmdletBinding()]
param(
    [string] $Config,
    [string[]] $Path,
    [string] $OutputFile,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Output = 'Detailed'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$repoRoot = Split-Path -Parent $PSScriptRoot
$emulator = $null

function Get-FirstLine($ErrorRecord) {
    # The first line of a failure's message (Should's messages, unlike the kit's own, may run on).
    $record = @($ErrorRecord)[0]
    $text = if ($record -and $record.Exception) { $record.Exception.Message } else { "$record" }
    @("$text" -split '\r?\n' | Where-Object { $_.Trim() })[0]
}

try {
    # Pester 5 and the module: the repository's own when run from a built checkout, else installed ones.
    $pesterManifest = Join-Path $repoRoot 'tools/packages/pester/5.7.1/tools/Pester.psd1'
    if (Test-Path $pesterManifest) { Import-Module $pesterManifest -ErrorAction Stop }
    else { Import-Module Pester -MinimumVersion 5.3 -ErrorAction Stop }
    $moduleManifest = Join-Path $repoRoot 'out/MsxModule/MsxModule.psd1'
    if (Test-Path $moduleManifest) { Import-Module $moduleManifest -ErrorAction Stop }
    else { Import-Module MsxModule -ErrorAction Stop }

    . (Join-Path $PSScriptRoot 'MsxCheckConfig.ps1')

    if ($Config) {
        $settings = Get-MsxCheckSettings -Config ([IO.Path]::GetFullPath($Config, (Get-Location).ProviderPath))
    }
    elseif ($env:MSX_SERVER) {
        $settings = Get-MsxCheckSettings
    }
    else {
        Import-Module (Join-Path $repoRoot 'tools/Emulator.psm1') -ErrorAction Stop
        Write-Host 'No -Config and no MSX_SERVER: checking a fresh MSX emulator with its built-in data.' -ForegroundColor Cyan
        $emulator = Start-MsxEmulator
        Write-Host "Emulator listening on $($emulator.Uri)"
        # The emulator's built-in test client and user; plain secrets are fine for this throwaway server only.
        $settings = Get-MsxCheckSettings -Config @{
            Server                   = [string] $emulator.Uri
            ClientId                 = 'my-test-private-client'
            CredentialSource         = 'Plain'
            ClientSecret             = 'make-up-a-private-client-secret-and-keep-it-safe'
            UserName                 = 'superuser'
            Password                 = 'FrmedealY((!1[ps=wCBwG!E[%|]Ob7='
            ExpectedTenants          = @('Coke', 'Pepsi')
            ExpectedRoles            = @('SUPERUSER')
            ExpectedUsers            = @{ 'tenantadmin' = @('TENANT_ADMIN'); 'consumer' = @('CONSUMER') }
            ExpectedTokenLifetimeSec = 9000
            LatencyBudgetMs          = @{ MedianMs = 1000; P95Ms = 3000 }
            LatencySamples           = 20
        }
    }

    # Ask for or read the secrets before the report starts; the checks get PSCredentials only.
    $creds = Get-MsxCheckCredentials -Settings $settings
    $settings.ClientCredential = $creds.ClientCredential
    $settings.Credential = $creds.Credential
    foreach ($k in 'ClientSecret', 'Password') { $settings[$k] = $null }

    Write-Host "Checking MSX at $($settings.Server)" -ForegroundColor Cyan
    $containers = @(New-PesterContainer -Path (Join-Path $PSScriptRoot 'MsxEnvironment.Tests.ps1') -Data @{ Config = [hashtable] $settings })
    # The user's own checks: files or folders of *.Tests.ps1, from -Path or else MSX_CHECK_PATH.
    $own = if ($Path) { $Path } elseif ($env:MSX_CHECK_PATH) { @($env:MSX_CHECK_PATH -split [IO.Path]::PathSeparator | Where-Object { $_ }) } else { @() }
    foreach ($item in $own) {
        $full = [IO.Path]::GetFullPath($item, (Get-Location).ProviderPath)
        if (-not (Test-Path -LiteralPath $full)) { throw "The check path '$item' does not exist. Give a *.Tests.ps1 file or a folder of them." }
        $files = @(if (Test-Path -LiteralPath $full -PathType Container) { Get-ChildItem -LiteralPath $full -Filter '*.Tests.ps1' -File -Recurse | Sort-Object FullName } else { Get-Item -LiteralPath $full })
        if ($files.Count -eq 0) { throw "The check folder '$item' holds no *.Tests.ps1 file." }
        foreach ($file in $files) {
            # Only a file that asks for the settings gets them (Pester refuses data a script does not declare).
            $declares = (Get-Command -Name $file.FullName -ErrorAction Stop).Parameters.ContainsKey('Config')
            $containers += if ($declares) { New-PesterContainer -Path $file.FullName -Data @{ Config = [hashtable] $settings } } else { New-PesterContainer -Path $file.FullName }
        }
    }
    $pc = New-PesterConfiguration
    $pc.Run.Container = $containers
    $pc.Run.PassThru = $true
    $pc.Output.Verbosity = $Output
    # A failure reads as one line saying what is wrong and what to check; stack lines would only hide it.
    $pc.Output.StackTraceVerbosity = 'None'
    if ([Console]::IsOutputRedirected) { $pc.Output.RenderMode = 'Plaintext' }   # readable log files
    if ($OutputFile) {
        $pc.TestResult.Enabled = $true
        $pc.TestResult.OutputFormat = 'NUnitXml'
        $pc.TestResult.OutputPath = [IO.Path]::GetFullPath($OutputFile, (Get-Location).ProviderPath)
    }
    $result = Invoke-Pester -Configuration $pc
    $brokenSetup = @(@($result.FailedContainers) + @($result.FailedBlocks) | Where-Object { $_ })
    if ($brokenSetup.Count -gt 0 -or $result.Result -notin @('Passed', 'Failed')) {
        Write-Host "MSX environment check could not run: $(@($brokenSetup | ForEach-Object { "$($_.Name): $(Get-FirstLine $_.ErrorRecord)" }) -join '; ')" -ForegroundColor Red
        $exitCode = 2
    }
    elseif ($result.FailedCount -gt 0) {
        Write-Host "MSX environment check FAILED: $($result.FailedCount) check(s) failed, $($result.PassedCount) passed, $($result.SkippedCount) skipped:" -ForegroundColor Red
        foreach ($test in $result.Failed) {
            Write-Host "  - $($test.Block.ExpandedName) / $($test.ExpandedName): $(Get-FirstLine $test.ErrorRecord)" -ForegroundColor Red
        }
        $exitCode = 1
    }
    else {
        Write-Host "MSX environment check passed: $($result.PassedCount) passed, $($result.SkippedCount) skipped." -ForegroundColor Green
        $exitCode = 0
    }
    # A skipped check passed nothing: list each with its reason, so that a green run does not hide it.
    foreach ($test in @($result.Skipped)) {
        $reason = if ($test.ErrorRecord) { (Get-FirstLine $test.ErrorRecord) -replace '^is skipped,?\s*', '' } else { '' }
        Write-Host "  ~ skipped: $($test.Block.ExpandedName) / $($test.ExpandedName)$(if ($reason) { ": $reason" })" -ForegroundColor Yellow
    }
}
catch {
    Write-Host "MSX environment check could not run: $($_.Exception.Message)" -ForegroundColor Red
    $exitCode = 2
}
finally {
    if ($emulator) { $emulator | Stop-MsxEmulator }
}
exit $exitCode
