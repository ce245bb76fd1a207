<#
.SYNOPSIS
Runs the MSX environment checks (MsxEnvironment.Tests.ps1) and exits 0 when all pass, 1 otherwise.
.DESCRIPTION
The configuration comes from -Config (a .psd1 file, see msx-check.example.psd1), else from MSX_* environment
variables (MSX_SERVER, MSX_CLIENT_ID, MSX_CLIENT_SECRET, MSX_USERNAME, MSX_PASSWORD, and optionally
MSX_CHECK_EXPECTED_TENANTS, MSX_CHECK_EXPECTED_ROLES, MSX_CHECK_TOKEN_LIFETIME_SEC,
MSX_CHECK_ALLOW_UNTRUSTED_CERTIFICATE, MSX_CHECK_DEVICES_UP_TENANTS). With neither -Config nor MSX_SERVER, a fresh MSX emulator is started
(from the repository's out/MsxEmulator) and checked with a configuration matching its built-in data.
.PARAMETER Config
The check configuration file (.psd1).
.PARAMETER OutputFile
Also write the results as NUnit XML to this file.
.PARAMETER Output
Pester's report verbosity; Detailed lists every check.
.EXAMPLE
dotnet pwsh ./checks/Invoke-MsxCheck.ps1 -Config ./msx-check.psd1 -OutputFile ./msx-check.xml
#>
[CmdletBinding()]
param(
    [string] $Config,
    [string] $OutputFile,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Output = 'Detailed'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$repoRoot = Split-Path -Parent $PSScriptRoot
$emulator = $null

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
        $settings = Get-MsxCheckSettings -Config (Resolve-Path -LiteralPath $Config).Path
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
    $container = New-PesterContainer -Path (Join-Path $PSScriptRoot 'MsxEnvironment.Tests.ps1') -Data @{ Config = [hashtable] $settings }
    $pc = New-PesterConfiguration
    $pc.Run.Container = $container
    $pc.Run.PassThru = $true
    $pc.Output.Verbosity = $Output
    if ([Console]::IsOutputRedirected) { $pc.Output.RenderMode = 'Plaintext' }   # readable log files
    if ($OutputFile) {
        $pc.TestResult.Enabled = $true
        $pc.TestResult.OutputFormat = 'NUnitXml'
        $pc.TestResult.OutputPath = [IO.Path]::GetFullPath($OutputFile, (Get-Location).ProviderPath)
    }
    $result = Invoke-Pester -Configuration $pc
    $bad = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    if ($result.Result -ne 'Passed' -or $bad -gt 0) {
        Write-Host "MSX environment check FAILED: $($result.FailedCount) check(s) failed." -ForegroundColor Red
        $exitCode = 1
    }
    else {
        Write-Host "MSX environment check passed: $($result.PassedCount) passed, $($result.SkippedCount) skipped." -ForegroundColor Green
        $exitCode = 0
    }
}
catch {
    Write-Host "MSX environment check could not run: $($_.Exception.Message)" -ForegroundColor Red
    $exitCode = 1
}
finally {
    if ($emulator) { $emulator | Stop-MsxEmulator }
}
exit $exitCode
