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
        [hashtable] $Options = @{}
    )
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

function Get-EmulatorRequests {
    param([Parameter(Mandatory)] $Emulator)
    # Invoke-RestMethod writes a JSON array as one object: unroll it.
    @(Invoke-MsxEmulatorControl -Emulator $Emulator -Path '_emulator/requests' | ForEach-Object { $_ })
}

function Clear-EmulatorRequests {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-MsxEmulatorControl -Emulator $Emulator -Path '_emulator/requests' -Method DELETE
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

function Move-EmulatorClock {
    # Moves the clock of an emulator started with --manual-clock (token expiry, workflow progress).
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [int] $Milliseconds)
    $null = Invoke-MsxEmulatorControl -Emulator $Emulator -Path '_emulator/clock' -Method POST -Body @{ advanceMs = $Milliseconds }
}
