<#
.SYNOPSIS
A long-lived benchmark child: one module build, one session, samples on request (issue 14's same-run baseline).
.DESCRIPTION
Invoke-Benchmark.ps1 starts one of these per module build (this tree's and the baseline commit's: two builds
of MsxModule.dll cannot share a process) and drives them in turns over stdin, so that both are measured in the
same minutes of the same run, warm. Protocol, one line each way:
  bulk <n>   -> <ms> for n x (New-MsxTenant; Remove-MsxTenant -Force), serially
  get <n>    -> <ms> for n x Get-MsxTenant -Id
  quit       -> exits
Every answer line starts with 'MS '; anything else on stdout is ignored by the driver. The first line is 'READY'.
Only the cmdlets of the seed's flow are used, so any build since issue 6 can be measured.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Server,
    [Parameter(Mandatory)] [string] $Tag
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $Manifest

$secret = ConvertTo-SecureString 'make-up-a-private-client-secret-and-keep-it-safe' -AsPlainText -Force
$credential = [pscredential]::new('superuser', (ConvertTo-SecureString 'FrmedealY((!1[ps=wCBwG!E[%|]Ob7=' -AsPlainText -Force))
$session = Get-MsxAccessToken -Server $Server -ClientId 'my-test-private-client' -ClientSecret $secret -Credential $credential
$probe = New-MsxTenant -Name "bench-baseline-$Tag-$PID" -Session $session
$batch = 0

function Measure-Sample {
    param([string] $Kind, [int] $Count)
    $script:batch++
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    $sw = [Diagnostics.Stopwatch]::StartNew()
    switch ($Kind) {
        'bulk' {
            for ($i = 0; $i -lt $Count; $i++) {
                $t = New-MsxTenant -Name ('bench-{0}-{1}-{2}-{3:D5}' -f $Tag, $PID, $script:batch, $i) -Session $session
                Remove-MsxTenant -Id $t.Id -Force -Session $session
            }
        }
        'get' {
            $id = $probe.Id
            for ($i = 0; $i -lt $Count; $i++) { $null = Get-MsxTenant -Id $id -Session $session }
        }
        default { throw "Unknown sample kind '$Kind'." }
    }
    return $sw.Elapsed.TotalMilliseconds
}

try {
    [Console]::Out.WriteLine('READY')
    while ($null -ne ($line = [Console]::In.ReadLine())) {
        $kind, $count = $line -split ' '
        if ($kind -eq 'quit') { break }
        [Console]::Out.WriteLine(('MS {0}' -f (Measure-Sample $kind ([int] $count)).ToString([Globalization.CultureInfo]::InvariantCulture)))
    }
}
finally {
    Remove-MsxTenant -Id $probe.Id -Force -Session $session
}
