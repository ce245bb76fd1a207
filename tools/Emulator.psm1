# Starts and stops the built MSX emulator for the Demo task, the Pester suites, the checks and the benchmark.
Set-StrictMode -Version 3.0

$script:RepoRoot = Split-Path -Parent $PSScriptRoot

function New-MsxExchangeLogPath {
    <#
    .SYNOPSIS
    A fresh --exchange-log path under $env:MSX_EXCHANGE_DIR (created if missing), or $null when it is not set.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    if (-not $env:MSX_EXCHANGE_DIR) { return $null }
    $dir = [IO.Directory]::CreateDirectory($env:MSX_EXCHANGE_DIR).FullName
    Join-Path $dir ("emulator-{0:yyyyMMddHHmmssfff}-{1:N}.jsonl" -f [DateTime]::UtcNow, [guid]::NewGuid())
}

function Start-MsxEmulator {
    <#
    .SYNOPSIS
    Starts out/MsxEmulator on a free loopback port and returns an object with its Uri.
    .DESCRIPTION
    Start-up is detected through the emulator's --url-file, which it writes whole once it listens. If
    the start fails (the emulator exits, or no address within -TimeoutSec), the process is stopped
    before the error is thrown, so a failed start never leaves an emulator running. With
    $env:MSX_EXCHANGE_DIR set, the emulator records its exchanges there (--exchange-log).
    .PARAMETER ArgumentList
    Extra emulator options, e.g. '--control', '--seed-tenants', '2500', '--data', 'file.json'.
    .PARAMETER Https
    Serve HTTPS with the emulator's self-signed certificate.
    .PARAMETER Executable
    Run this program instead of 'dotnet out/MsxEmulator/MsxEmulator.dll' (e.g. the installed msx-emulator tool).
    #>
    [CmdletBinding()]
    param(
        [string[]] $ArgumentList = @(),
        [switch] $Https,
        [int] $TimeoutSec = 60,
        [string] $Executable
    )

    if ($Executable) {
        $file = $Executable
        $arguments = @()
    }
    else {
        $dll = Join-Path $script:RepoRoot 'out/MsxEmulator/MsxEmulator.dll'
        if (-not (Test-Path $dll)) { throw "The emulator is not built ($dll): run ./build.ps1 Build first." }
        $file = 'dotnet'
        $arguments = @($dll)
    }

    $scheme = if ($Https) { 'https' } else { 'http' }
    $log = [System.IO.Path]::GetTempFileName()
    $errLog = [System.IO.Path]::GetTempFileName()
    $urlFile = Join-Path ([System.IO.Path]::GetTempPath()) "msx-emulator-url-$([guid]::NewGuid().ToString('N')).txt"
    $arguments += @('--urls', "${scheme}://127.0.0.1:0", '--url-file', $urlFile)
    $exchangeLog = New-MsxExchangeLogPath
    if ($exchangeLog) { $arguments += @('--exchange-log', $exchangeLog) }
    $arguments += $ArgumentList
    # Start-Process joins its arguments with spaces: quote the ones that need it.
    $quoted = @($arguments | ForEach-Object {
            if ($_ -match '[\s"]' -or $_ -eq '') { '"' + (($_ -replace '(\\*)"', '$1$1\"') -replace '(\\+)$', '$1$1') + '"' } else { $_ }
        })

    $process = Start-Process -FilePath $file -ArgumentList $quoted -RedirectStandardOutput $log -RedirectStandardError $errLog -PassThru -NoNewWindow
    try {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while ($true) {
            if (Test-Path -LiteralPath $urlFile) {
                $first = @(Get-Content -LiteralPath $urlFile | Where-Object { $_ }) | Select-Object -First 1
                if (-not $first) { throw "The emulator (process $($process.Id)) wrote an empty url file." }
                return [pscustomobject]@{
                    PSTypeName  = 'MsxEmulatorProcess'
                    Uri         = [Uri]($first.TrimEnd('/') + '/')
                    Process     = $process
                    LogPath     = $log
                    ErrorPath   = $errLog
                    ExchangeLog = $exchangeLog
                }
            }
            if ($process.HasExited) {
                $process.WaitForExit()
                $out = Get-Content -Raw -LiteralPath $log -ErrorAction SilentlyContinue
                $err = Get-Content -Raw -LiteralPath $errLog -ErrorAction SilentlyContinue
                throw "The emulator (process $($process.Id)) exited with code $($process.ExitCode) before it listened: $out $err"
            }
            if ([DateTime]::UtcNow -ge $deadline) {
                throw "The emulator (process $($process.Id)) did not write its url file within $TimeoutSec s; it was stopped."
            }
            # Polling with a deadline: the url file appears at once when the emulator listens.
            $null = $process.WaitForExit(25)
        }
    }
    catch {
        if (-not $process.HasExited) {
            Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
            $null = $process.WaitForExit(10000)
        }
        throw
    }
    finally {
        Remove-Item -LiteralPath $urlFile -ErrorAction SilentlyContinue
    }
}

function Stop-MsxEmulator {
    <#
    .SYNOPSIS
    Stops emulators started by Start-MsxEmulator; $null input (a start that failed) is ignored.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [AllowNull()] $Emulator)
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

Export-ModuleMember -Function Start-MsxEmulator, Stop-MsxEmulator, Invoke-MsxEmulatorControl, New-MsxExchangeLogPath
