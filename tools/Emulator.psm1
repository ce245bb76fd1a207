# Starts and stops the built MSX emulator for the Demo task and the Pester suites.
Set-StrictMode -Version 3.0

$script:RepoRoot = Split-Path -Parent $PSScriptRoot

function Start-MsxEmulator {
    <#
    .SYNOPSIS
    Starts out/MsxEmulator on a free loopback port and returns an object with its Uri.
    .PARAMETER ArgumentList
    Extra emulator options, e.g. '--control', '--seed-tenants', '2500', '--data', 'file.json'.
    .PARAMETER Https
    Serve HTTPS with the emulator's self-signed certificate.
    #>
    [CmdletBinding()]
    param(
        [string[]] $ArgumentList = @(),
        [switch] $Https,
        [int] $TimeoutSec = 60
    )

    $dll = Join-Path $script:RepoRoot 'out/MsxEmulator/MsxEmulator.dll'
    if (-not (Test-Path $dll)) { throw "The emulator is not built ($dll): run ./build.ps1 Build first." }
    $scheme = if ($Https) { 'https' } else { 'http' }
    $log = [System.IO.Path]::GetTempFileName()
    $errLog = [System.IO.Path]::GetTempFileName()
    $arguments = @($dll, '--urls', "${scheme}://127.0.0.1:0") + $ArgumentList
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -RedirectStandardOutput $log -RedirectStandardError $errLog -PassThru -NoNewWindow
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ([DateTime]::UtcNow -lt $deadline) {
        $text = Get-Content -Raw -LiteralPath $log -ErrorAction SilentlyContinue
        if ($text -match 'Now listening on:\s*(\S+)') {
            return [pscustomobject]@{
                PSTypeName = 'MsxEmulatorProcess'
                Uri        = [Uri]($Matches[1].TrimEnd('/') + '/')
                Process    = $process
                LogPath    = $log
            }
        }
        if ($process.HasExited) {
            $err = Get-Content -Raw -LiteralPath $errLog -ErrorAction SilentlyContinue
            throw "The emulator exited with code $($process.ExitCode): $text $err"
        }
        Start-Sleep -Milliseconds 50
    }
    Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
    throw "The emulator did not report its address within $TimeoutSec s."
}

function Stop-MsxEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        if ($Emulator -and -not $Emulator.Process.HasExited) {
            Stop-Process -Id $Emulator.Process.Id -Force -ErrorAction SilentlyContinue
            $null = $Emulator.Process.WaitForExit(10000)
        }
    }
}

function Invoke-MsxEmulatorControl {
    <#
    .SYNOPSIS
    Calls the emulator's control API (needs --control): faults, reset, request log.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        $Body
    )
    $uri = [Uri]::new($Emulator.Uri, $Path.TrimStart('/'))
    $params = @{ Uri = $uri; Method = $Method; SkipCertificateCheck = $true }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 5); $params.ContentType = 'application/json' }
    Invoke-RestMethod @params
}

Export-ModuleMember -Function Start-MsxEmulator, Stop-MsxEmulator, Invoke-MsxEmulatorControl
