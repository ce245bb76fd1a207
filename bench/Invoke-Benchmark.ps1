<#
.SYNOPSIS
The MsxPowerShell performance benchmark (issue 6). Run by `./build.ps1 Bench` after Build.
.DESCRIPTION
Starts its own MSX emulators (out/MsxEmulator), measures import cost, per-call cost, listing 50,000
tenants, bulk create/remove (serial, ForEach-Object -Parallel through one session, and the emulator
driven directly), and counts token requests. Every timed row is the median of -Runs runs (interleaved,
after one warm-up). Prints a Markdown table and writes it to out/bench/results.md. Not part of Test.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $RepoRoot,
    [int] $Runs = 5,
    # Warm-up rounds of the in-process per-call, bulk and listing cases: a fresh process needs some 10,000 calls
    # before the JIT has tiered up the hot paths (the first 2,000-call loops run 3-4x slower than the later ones).
    [int] $Warmups = 4,
    [int] $Calls = 2000,
    [int] $SeedTenants = 50000,
    [int] $PageSize = 1000,
    [int] $BulkCount = 1000,
    [int] $ThrottleLimit = 8,
    # Simulated server latency (ms per tenant request) for the latency-bound bulk rows, and their size.
    [int] $LatencyMs = 20,
    [int] $LatencyBulkCount = 200,
    # Network speed (issue 14): 50 ms a request, 200 creates + 200 deletes, 20,000 seeded tenants to list.
    [int] $NetworkLatencyMs = 50,
    [int] $NetworkBulkCount = 200,
    [int] $NetworkThrottleLimit = 16,
    [int] $NetworkSeedTenants = 20000,
    [int] $NetworkRuns = 3,
    # Same-run baseline (issue 14): the module as built from this commit (the issue 6 figures of 2026-11-28)
    # is measured beside this tree's, in turns; '' skips it. Needs git and tar (the source is a git archive).
    [string] $BaselineRef = '4ba2f4e',
    [int] $BaselineRounds = 31,
    [int] $BaselineWarmup = 8
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$RepoRoot = (Resolve-Path $RepoRoot).Path
$BenchDir = $PSScriptRoot
$Manifest = Join-Path $RepoRoot 'out/MsxModule/MsxModule.psd1'
$OutDir = Join-Path $RepoRoot 'out/bench'
if (-not (Test-Path $Manifest)) { throw "The module is not built ($Manifest): run ./build.ps1 Build first." }
$null = New-Item -ItemType Directory -Force $OutDir
$benchStart = [Diagnostics.Stopwatch]::StartNew()

Import-Module (Join-Path $RepoRoot 'tools/Emulator.psm1') -Force
Import-Module $Manifest -Force

# ---- helpers -------------------------------------------------------------------------------------

$ClientId = 'my-test-private-client'
$ClientSecret = ConvertTo-SecureString 'make-up-a-private-client-secret-and-keep-it-safe' -AsPlainText -Force
$Credential = [pscredential]::new('superuser', (ConvertTo-SecureString 'FrmedealY((!1[ps=wCBwG!E[%|]Ob7=' -AsPlainText -Force))

function Get-ChildPwsh {
    # The same command line as build.ps1: the dotnet tool runs as 'dotnet pwsh.dll'.
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*' -and (Test-Path $pwshDll)) {
        return @([Environment]::ProcessPath, $pwshDll)
    }
    return @([Environment]::ProcessPath)
}
$ChildPwsh = @(Get-ChildPwsh)

function Invoke-Child {
    # Runs a child pwsh with -Command and returns its stdout lines; fails on a non-zero exit.
    param([string] $Command)
    $exe = $ChildPwsh[0]; $pre = @($ChildPwsh | Select-Object -Skip 1)
    $output = & $exe @pre -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed ($LASTEXITCODE): $Command`n$output" }
    return $output
}

function Measure-Ms {
    param([scriptblock] $Script)
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & $Script
    $sw.Stop()
    return $sw.Elapsed.TotalMilliseconds
}

function Get-Median {
    param([double[]] $Values)
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n -eq 0) { return [double]::NaN }
    if ($n % 2) { return $sorted[($n - 1) / 2] }
    return ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2
}

function Invoke-Interleaved {
    # One warm-up of each case, then $Runs rounds of every case in turn. Returns name -> double[] (ms).
    param([System.Collections.Specialized.OrderedDictionary] $Cases, [int] $Rounds = $Runs, [switch] $NoWarmup, [int] $Warmups = 1)
    $samples = [ordered]@{}
    foreach ($name in $Cases.Keys) {
        $samples[$name] = [Collections.Generic.List[double]]::new()
        if (-not $NoWarmup) { for ($w = 0; $w -lt $Warmups; $w++) { $null = Measure-Ms $Cases[$name] } }
    }
    for ($r = 1; $r -le $Rounds; $r++) {
        foreach ($name in $Cases.Keys) {
            [GC]::Collect(); [GC]::WaitForPendingFinalizers()
            $samples[$name].Add((Measure-Ms $Cases[$name]))
        }
        Write-Host ("  round {0}/{1}: {2}" -f $r, $Rounds, (($Cases.Keys | ForEach-Object { '{0}={1:N0} ms' -f $_, $samples[$_][-1] }) -join ', '))
    }
    return $samples
}

function Get-EmulatorStats {
    param($Emulator)
    Invoke-MsxEmulatorControl -Emulator $Emulator -Path '_emulator/stats'
}

function Connect-Bench {
    param($Emulator)
    Get-MsxAccessToken -Server $Emulator.Uri -ClientId $ClientId -ClientSecret $ClientSecret -Credential $Credential
}

function Build-Baseline {
    # Builds the module at a commit into out/bench/baseline/<sha> (once; reused by later runs). Returns its manifest, or $null.
    param([string] $Ref)
    $sha = git -C $RepoRoot rev-parse --verify --quiet "$Ref^{commit}" 2>$null
    if ($LASTEXITCODE -ne 0 -or -not $sha -or -not (Get-Command tar -ErrorAction SilentlyContinue)) { return $null }
    # Outside the repository, so that no tool that searches this tree (BenchmarkDotNet's project lookup, the
    # tests' script scans) finds a second copy of its files.
    $dir = Join-Path ([IO.Path]::GetTempPath()) "msx-bench-baseline/$($sha.Substring(0, 12))"
    $manifest = Join-Path $dir 'out/MsxModule/MsxModule.psd1'
    if (-not (Test-Path $manifest)) {
        if (Test-Path $dir) { Remove-Item -Recurse -Force $dir }
        $null = New-Item -ItemType Directory -Force $dir
        $archive = "$dir.tar"
        git -C $RepoRoot archive --format=tar -o $archive $sha
        if ($LASTEXITCODE -ne 0) { throw "git archive $sha failed." }
        tar -xf $archive -C $dir
        if ($LASTEXITCODE -ne 0) { throw "tar could not unpack $archive." }
        Remove-Item $archive
        $exe = $ChildPwsh[0]; $pre = @($ChildPwsh | Select-Object -Skip 1)
        Push-Location $dir
        try { $null = & $exe @pre -NoProfile -NonInteractive -File (Join-Path $dir 'build.ps1') Build }
        finally { Pop-Location }
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path $manifest)) { throw "The baseline at $sha did not build (exit $LASTEXITCODE)." }
    }
    return $manifest
}

function Start-BenchChild {
    # A BaselineChild.ps1 process for one module build; returns once it has logged in and said READY.
    param([string] $ChildManifest, [Uri] $Server, [string] $Tag)
    $psi = [Diagnostics.ProcessStartInfo]::new($ChildPwsh[0])
    foreach ($a in @($ChildPwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $BenchDir 'BaselineChild.ps1'),
            '-Manifest', $ChildManifest, '-Server', $Server.AbsoluteUri, '-Tag', $Tag)) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $proc = [Diagnostics.Process]::Start($psi)
    while ($true) {
        $line = $proc.StandardOutput.ReadLine()
        if ($null -eq $line) { throw "The benchmark child for $Tag exited before it was ready." }
        if ($line -eq 'READY') { return $proc }
    }
}

function Get-ChildSample {
    param([Diagnostics.Process] $Child, [string] $Request)
    $Child.StandardInput.WriteLine($Request)
    $Child.StandardInput.Flush()
    while ($null -ne ($line = $Child.StandardOutput.ReadLine())) {
        if ($line -like 'MS *') { return [double]::Parse($line.Substring(3), [Globalization.CultureInfo]::InvariantCulture) }
    }
    throw "The benchmark child exited while measuring '$Request'."
}

function Get-SignTestLimit {
    # The fewest of n paired rounds in which this build must be the slower one before that is unlikely to be
    # chance (one-sided sign test, p < 0.05): a machine this noisy moves single rounds by 2x both ways.
    param([int] $Rounds)
    $tail = 0.0
    for ($k = $Rounds; $k -ge 0; $k--) {
        $choose = 1.0
        for ($j = 1; $j -le $k; $j++) { $choose = $choose * ($Rounds - $k + $j) / $j }
        $tail += $choose / [Math]::Pow(2, $Rounds)
        if ($tail -ge 0.05) { return $k + 1 }
    }
    return 0
}

function Compare-WithBaseline {
    # Two warm children, one per build, measured in turns (ABBA, so that drift favours neither); per kind the
    # medians and the median and quartiles of the per-round ratios current / baseline.
    param([string] $BaseManifest, [Uri] $Server)
    $children = [ordered]@{ base = Start-BenchChild $BaseManifest $Server 'base'; current = Start-BenchChild $Manifest $Server 'cur' }
    try {
        $requests = @{ bulk = "bulk $BulkCount"; get = "get $Calls" }
        # Warm until the JIT has tiered up both builds' hot paths (the first few samples of a fresh process run slower).
        foreach ($child in $children.Values) { foreach ($r in $requests.Values) { 1..$BaselineWarmup | ForEach-Object { $null = Get-ChildSample $child $r } } }
        $result = @{}
        foreach ($kind in 'bulk', 'get') {
            $base = [Collections.Generic.List[double]]::new(); $cur = [Collections.Generic.List[double]]::new()
            for ($r = 0; $r -lt $BaselineRounds; $r++) {
                $order = if ($r % 2 -eq 0) { 'base', 'current' } else { 'current', 'base' }
                foreach ($name in $order) {
                    $ms = Get-ChildSample $children[$name] $requests[$kind]
                    if ($name -eq 'base') { $base.Add($ms) } else { $cur.Add($ms) }
                }
                Write-Host ('  {0} round {1}/{2}: baseline={3:N0} ms, this build={4:N0} ms' -f $kind, ($r + 1), $BaselineRounds, $base[-1], $cur[-1])
            }
            $ratios = @(@(for ($i = 0; $i -lt $BaselineRounds; $i++) { $cur[$i] / $base[$i] }) | Sort-Object)
            $result[$kind] = [pscustomobject]@{
                Base = Get-Median $base; Current = Get-Median $cur; Ratio = Get-Median $ratios
                Low = $ratios[[int][Math]::Floor(($ratios.Count - 1) / 4)]; High = $ratios[[int][Math]::Ceiling(3 * ($ratios.Count - 1) / 4)]
                Slower = @($ratios | Where-Object { $_ -gt 1 }).Count
            }
        }
        return $result
    }
    finally {
        foreach ($child in $children.Values) {
            try { $child.StandardInput.WriteLine('quit'); $child.StandardInput.Close() } catch { Write-Verbose "child already gone: $_" }
            if (-not $child.WaitForExit(30000)) { $child.Kill($true) }
        }
    }
}

$Rows = [Collections.Generic.List[object]]::new()
function Add-Row {
    param([string] $Section, [string] $Name, [double] $Median, [string] $Unit, [int] $N, [string] $Ratio = '', [string] $Target = '', [string] $Met = '')
    $Rows.Add([pscustomobject]@{ Section = $Section; Name = $Name; Median = $Median; Unit = $Unit; N = $N; Ratio = $Ratio; Target = $Target; Met = $Met })
}
function Format-Met { param([bool] $Ok) if ($Ok) { 'yes' } else { '**NO**' } }

Write-Host '==> Compiling the reference cmdlet and the direct emulator load (Add-Type)' -ForegroundColor Cyan
Add-Type -TypeDefinition (Get-Content -Raw (Join-Path $PSScriptRoot 'BenchNative.cs')) -Language CSharp
Import-Module -Assembly ([MsxBench.GetNothingCommand].Assembly)
[MsxBench.FirstChance]::Hook()

$emulators = [Collections.Generic.List[object]]::new()
$baselineChildren = $false
$tokenRequests = [ordered]@{}
$sessions = [Collections.Generic.List[object]]::new()
try {
    # ---- 1. import ---------------------------------------------------------------------------------
    Write-Host '==> Import: child pwsh with and without Import-Module' -ForegroundColor Cyan
    $exe = $ChildPwsh[0]; $pre = @($ChildPwsh | Select-Object -Skip 1)
    $importCmd = "Import-Module '$Manifest'"
    $startRounds = [Math]::Max($Runs, 11)   # pwsh start-up is noisy on 2 cores: more rounds
    $s = Invoke-Interleaved -Rounds $startRounds ([ordered]@{
            'bare'   = { $null = & $exe @pre -NoProfile -c 1 }.GetNewClosure()
            'import' = { $null = & $exe @pre -NoProfile -c $importCmd }.GetNewClosure()
        })
    $bare = Get-Median $s['bare']; $imp = Get-Median $s['import']
    # Median of the paired differences (same round): steadier than the difference of medians on a busy machine.
    $added = Get-Median @(for ($i = 0; $i -lt $startRounds; $i++) { $s['import'][$i] - $s['bare'][$i] })
    Add-Row 'import' 'pwsh -NoProfile -c 1' $bare 'ms' $startRounds
    Add-Row 'import' "pwsh -NoProfile -c 'Import-Module out/MsxModule/MsxModule.psd1'" $imp 'ms' $startRounds
    Add-Row 'import' 'added by Import-Module' $added 'ms' $startRounds ('{0:+0;-0} ms (median of paired differences)' -f $added) '< 150 ms' (Format-Met ($added -lt 150))

    # ---- 2. per call ---------------------------------------------------------------------------------
    Write-Host "==> Per call: $Calls calls in one pwsh loop" -ForegroundColor Cyan
    $emuA = Start-MsxEmulator -ArgumentList '--control'
    $emulators.Add($emuA)
    Write-Host "Emulator A (per call, bulk): $($emuA.Uri)"
    $sessionA = Connect-Bench $emuA
    $sessions.Add($sessionA)
    $token = Get-MsxAccessToken -Session $sessionA -AsPlainText
    $tenantId = [Guid] '1817ec68-e182-4865-8d83-fc13035b4811'
    $tenantUri = [Uri]::new($emuA.Uri, "idm/api/v8/tenants/$tenantId")
    $headers = @{ Authorization = "Bearer $token"; Accept = 'application/json' }
    $http = [Net.Http.HttpClient]::new()
    $http.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $token)
    $http.DefaultRequestHeaders.Accept.ParseAdd('application/json')
    $n = $Calls
    $s = Invoke-Interleaved -Warmups $Warmups ([ordered]@{
            'Get-MsxTenant -Id'   = { for ($i = 0; $i -lt $n; $i++) { $null = Get-MsxTenant -Id $tenantId -Session $sessionA } }
            'Invoke-RestMethod'   = { for ($i = 0; $i -lt $n; $i++) { $null = Invoke-RestMethod -Uri $tenantUri -Headers $headers } }
            'HttpClient'          = { for ($i = 0; $i -lt $n; $i++) { $null = $http.GetStringAsync($tenantUri).GetAwaiter().GetResult() } }
            'Get-Nothing'         = { for ($i = 0; $i -lt $n; $i++) { $null = Get-Nothing -Id $tenantId } }
        })
    $mGet = Get-Median $s['Get-MsxTenant -Id']; $mIrm = Get-Median $s['Invoke-RestMethod']; $mHttp = Get-Median $s['HttpClient']; $mNothing = Get-Median $s['Get-Nothing']
    $perCall = { param($ms) '{0:N0} ms ({1:N3} ms/call)' -f $ms, ($ms / $n) }
    Add-Row 'per call' "$n x HttpClient.GetStringAsync (bare, reused)" $mHttp 'ms' $Runs '1.00x'
    Add-Row 'per call' "$n x Get-Nothing (compiled no-op cmdlet)" $mNothing 'ms' $Runs ('{0:N2}x HttpClient' -f ($mNothing / $mHttp))
    Add-Row 'per call' "$n x Invoke-RestMethod" $mIrm 'ms' $Runs ('{0:N2}x HttpClient' -f ($mIrm / $mHttp))
    Add-Row 'per call' "$n x Get-MsxTenant -Id vs HttpClient" $mGet 'ms' $Runs ('{0:N2}x' -f ($mGet / $mHttp)) '<= 1.6x' (Format-Met ($mGet / $mHttp -le 1.6))
    # Evidence: exceptions thrown (and caught) inside one loop of each kind.
    $x0 = [MsxBench.FirstChance]::Count; $null = Measure-Ms { for ($i = 0; $i -lt $n; $i++) { $null = Get-MsxTenant -Id $tenantId -Session $sessionA } }; $xGet = [MsxBench.FirstChance]::Count - $x0
    $x0 = [MsxBench.FirstChance]::Count; $null = Measure-Ms { for ($i = 0; $i -lt $n; $i++) { $null = $http.GetStringAsync($tenantUri).GetAwaiter().GetResult() } }; $xHttp = [MsxBench.FirstChance]::Count - $x0
    Add-Row 'per call' "first-chance exceptions in one loop: Get-MsxTenant -Id / HttpClient" $xGet 'exceptions' 1 ("{0:N1} per call / {1:N1} per call" -f ($xGet / $n), ($xHttp / $n))
    Add-Row 'per call' "$n x Get-MsxTenant -Id vs Invoke-RestMethod" $mGet 'ms' $Runs ('{0:N2}x' -f ($mGet / $mIrm)) '<= 0.4x' (Format-Met ($mGet / $mIrm -le 0.4))

    # ---- 3. bulk ---------------------------------------------------------------------------------------
    Write-Host "==> Bulk: create + remove $BulkCount tenants" -ForegroundColor Cyan
    $bulkRun = 0
    $names = { param($tag) $script:bulkRun++; 0..($BulkCount - 1) | ForEach-Object { 'bench-{0}-{1}-{2:D5}' -f $tag, $script:bulkRun, $_ } }
    $s = Invoke-Interleaved -Warmups $Warmups ([ordered]@{
            'serial'        = {
                foreach ($name in (& $names 's')) {
                    $t = New-MsxTenant -Name $name -Session $sessionA
                    Remove-MsxTenant -Id $t.Id -Force -Session $sessionA
                }
            }
            'parallel'      = {
                $manifestPath = $Manifest; $session = $sessionA
                & $names 'p' | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
                    Import-Module $using:manifestPath
                    $t = New-MsxTenant -Name $_ -Session $using:session
                    Remove-MsxTenant -Id $t.Id -Force -Session $using:session
                }
            }
            'parallel, 8 chunks' = {
                $manifestPath = $Manifest; $session = $sessionA
                $all = & $names 'c'
                $chunks = foreach ($k in 0..($ThrottleLimit - 1)) { , @(for ($i = $k; $i -lt $all.Count; $i += $ThrottleLimit) { $all[$i] }) }
                $chunks | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
                    Import-Module $using:manifestPath
                    foreach ($name in $_) {
                        $t = New-MsxTenant -Name $name -Session $using:session
                        Remove-MsxTenant -Id $t.Id -Force -Session $using:session
                    }
                }
            }
            'parallel, no call' = {
                $manifestPath = $Manifest
                & $names 'o' | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel { Import-Module $using:manifestPath; $null = $_ }
            }
            'direct 1 task' = { $null = [MsxBench.EmulatorLoad]::CreateDelete($emuA.Uri.ToString(), $token, $BulkCount, 1, "bench-d1-$([Guid]::NewGuid().ToString('N').Substring(0, 8))-") }
            'direct 8 tasks' = { $null = [MsxBench.EmulatorLoad]::CreateDelete($emuA.Uri.ToString(), $token, $BulkCount, $ThrottleLimit, "bench-d8-$([Guid]::NewGuid().ToString('N').Substring(0, 8))-") }
        })
    $left = (Get-EmulatorStats $emuA).tenants
    if ($left -ne 4) { throw "Bulk left $left tenants on emulator A (expected the 4 built-in ones): a create or remove failed." }
    $mSerial = Get-Median $s['serial']; $mPar = Get-Median $s['parallel']; $mD1 = Get-Median $s['direct 1 task']; $mD8 = Get-Median $s['direct 8 tasks']
    $ops = { param($ms) '{0:N0} tenants/s' -f ($BulkCount / ($ms / 1000)) }
    Add-Row 'bulk' "$BulkCount x New-MsxTenant + Remove-MsxTenant -Force, serial" $mSerial 'ms' $Runs (& $ops $mSerial)
    Add-Row 'bulk' "same, ForEach-Object -Parallel -ThrottleLimit $ThrottleLimit, one session" $mPar 'ms' $Runs ('{0:N2}x faster than serial ({1})' -f ($mSerial / $mPar), (& $ops $mPar)) '>= 3x faster' (Format-Met ($mSerial / $mPar -ge 3))
    $mChunks = Get-Median $s['parallel, 8 chunks']
    Add-Row 'bulk' "same, ForEach-Object -Parallel -ThrottleLimit $ThrottleLimit over $ThrottleLimit chunks of names, one session" $mChunks 'ms' $Runs ('{0:N2}x faster than serial ({1})' -f ($mSerial / $mChunks), (& $ops $mChunks)) '>= 3x faster' (Format-Met ($mSerial / $mChunks -ge 3))
    $mParNone = Get-Median $s['parallel, no call']
    Add-Row 'bulk' "ForEach-Object -Parallel -ThrottleLimit $ThrottleLimit over $BulkCount items, Import-Module only (no MSX call)" $mParNone 'ms' $Runs ('{0:N0}% of the parallel bulk time' -f (100 * $mParNone / $mPar))
    Add-Row 'bulk' "emulator driven directly: C# HttpClient, 1 task" $mD1 'ms' $Runs (& $ops $mD1)
    Add-Row 'bulk' "emulator driven directly: C# HttpClient, $ThrottleLimit tasks" $mD8 'ms' $Runs ('{0} ({1:N1}x the serial cmdlets)' -f (& $ops $mD8), ($mSerial / $mD8))

    # ---- 3a. same-run baseline: this tree's module against the one at $BaselineRef --------------------
    if ($BaselineRef) {
        Write-Host "==> Baseline: serial bulk and per call, this build against $BaselineRef, in turns" -ForegroundColor Cyan
        $baseManifest = Build-Baseline $BaselineRef
        if ($baseManifest) {
            $baselineChildren = $true
            $cmp = Compare-WithBaseline -BaseManifest $baseManifest -Server $emuA.Uri
            foreach ($kind in 'bulk', 'get') {
                $c = $cmp[$kind]
                $what = if ($kind -eq 'bulk') { "$BulkCount x New-MsxTenant + Remove-MsxTenant -Force, serial" } else { "$Calls x Get-MsxTenant -Id" }
                $rate = if ($kind -eq 'bulk') { { param($ms) '{0:N0} tenants/s' -f ($BulkCount / ($ms / 1000)) } } else { { param($ms) '{0:N0} µs a call' -f ($ms * 1000 / $Calls) } }
                Add-Row 'baseline' "$what, module at $BaselineRef" $c.Base 'ms' $BaselineRounds (& $rate $c.Base)
                $limit = Get-SignTestLimit $BaselineRounds
                Add-Row 'baseline' "$what, this build" $c.Current 'ms' $BaselineRounds `
                ('{0}; {1:N3}x the baseline (median of {2} paired rounds, quartiles {3:N3}-{4:N3}); slower in {5} of {2} rounds' -f (& $rate $c.Current), $c.Ratio, $BaselineRounds, $c.Low, $c.High, $c.Slower) `
                    "no worse: slower in fewer than $limit of $BaselineRounds rounds (sign test, p < 0.05)" (Format-Met ($c.Slower -lt $limit))
            }
        }
        else {
            Add-Row 'baseline' "module at $BaselineRef" 0 'ms' 0 'skipped: the commit could not be checked out (no git history or no tar)'
        }
    }

    $tokenRequests['emulator A (per call, bulk, baseline children)'] = (Get-EmulatorStats $emuA).tokenRequests

    # ---- 3b. bulk against a server with latency -------------------------------------------------------
    # A real MSX answers over a network; the emulator adds $LatencyMs to every tenant request (a delay fault).
    Write-Host "==> Bulk with $LatencyMs ms server latency: create + remove $LatencyBulkCount tenants" -ForegroundColor Cyan
    $null = Invoke-MsxEmulatorControl -Emulator $emuA -Path '_emulator/faults' -Method POST -Body @{ path = '/idm/api/v8/tenants*'; delayMs = $LatencyMs; count = 1000000 }
    try {
        $lat = Invoke-Interleaved -Rounds $Runs -Cases ([ordered]@{
                'serial'   = {
                    foreach ($name in (0..($LatencyBulkCount - 1) | ForEach-Object { "bench-ls-$([guid]::NewGuid().ToString('N').Substring(0, 8))-$_" })) {
                        $t = New-MsxTenant -Name $name -Session $sessionA
                        Remove-MsxTenant -Id $t.Id -Force -Session $sessionA
                    }
                }
                'parallel' = {
                    $manifestPath = $Manifest; $session = $sessionA
                    0..($LatencyBulkCount - 1) | ForEach-Object { "bench-lp-$([guid]::NewGuid().ToString('N').Substring(0, 8))-$_" } | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
                        Import-Module $using:manifestPath
                        $t = New-MsxTenant -Name $_ -Session $using:session
                        Remove-MsxTenant -Id $t.Id -Force -Session $using:session
                    }
                }
            })
    }
    finally {
        $null = Invoke-MsxEmulatorControl -Emulator $emuA -Path '_emulator/faults' -Method DELETE
    }
    $lSerial = Get-Median $lat['serial']; $lPar = Get-Median $lat['parallel']
    Add-Row 'bulk' "$LatencyBulkCount x create + remove with $LatencyMs ms server latency, serial" $lSerial 'ms' $Runs ('{0:N0} tenants/s' -f ($LatencyBulkCount / ($lSerial / 1000)))
    Add-Row 'bulk' "same with latency, ForEach-Object -Parallel -ThrottleLimit $ThrottleLimit, one session" $lPar 'ms' $Runs ('{0:N2}x faster than serial' -f ($lSerial / $lPar)) '>= 3x faster' (Format-Met ($lSerial / $lPar -ge 3))

    # ---- 3c. network speed: -ThrottleLimit and pages fetched ahead -------------------------------------
    Write-Host "==> Network speed: $NetworkLatencyMs ms a request; $NetworkBulkCount creates + $NetworkBulkCount deletes; listing $NetworkSeedTenants tenants" -ForegroundColor Cyan
    $emuC = Start-MsxEmulator -ArgumentList '--control', '--seed-tenants', "$NetworkSeedTenants"
    $emulators.Add($emuC)
    $sessionC = Connect-Bench $emuC
    $sessions.Add($sessionC)
    $null = Invoke-MsxEmulatorControl -Emulator $emuC -Path '_emulator/faults' -Method POST -Body @{ path = '/idm/api/v8/tenants*'; delayMs = $NetworkLatencyMs; count = 10000000 }
    try {
        $netNames = { param($tag) 0..($NetworkBulkCount - 1) | ForEach-Object { [pscustomobject]@{ Name = "bench-net-$tag-$([guid]::NewGuid().ToString('N').Substring(0, 8))-$_" } } }
        $net = Invoke-Interleaved -Rounds $NetworkRuns -Cases ([ordered]@{
                'serial'             = {
                    $made = & $netNames 's' | New-MsxTenant -Session $sessionC
                    $made | Remove-MsxTenant -Force
                }
                'ForEach -Parallel'  = {
                    $manifestPath = $Manifest; $session = $sessionC
                    $made = & $netNames 'p' | ForEach-Object -ThrottleLimit $NetworkThrottleLimit -Parallel { Import-Module $using:manifestPath; $_ | New-MsxTenant -Session $using:session }
                    $made | ForEach-Object -ThrottleLimit $NetworkThrottleLimit -Parallel { Import-Module $using:manifestPath; $_ | Remove-MsxTenant -Force }
                }
                '-ThrottleLimit'     = {
                    $made = & $netNames 't' | New-MsxTenant -Session $sessionC -ThrottleLimit $NetworkThrottleLimit
                    $made | Remove-MsxTenant -Force -ThrottleLimit $NetworkThrottleLimit
                }
            })
        $expectedC = $NetworkSeedTenants + 4
        $leftC = (Get-EmulatorStats $emuC).tenants
        if ($leftC -ne $expectedC) { throw "The network bulk rows left $leftC tenants (expected $expectedC): a create or remove failed." }
        $requests = 2 * $NetworkBulkCount
        $idealSerial = $requests * $NetworkLatencyMs
        $idealPar = $requests * $NetworkLatencyMs / $NetworkThrottleLimit
        $nSerial = Get-Median $net['serial']; $nFe = Get-Median $net['ForEach -Parallel']; $nTl = Get-Median $net['-ThrottleLimit']
        Add-Row 'network' "$NetworkBulkCount New-MsxTenant + $NetworkBulkCount Remove-MsxTenant at $NetworkLatencyMs ms, serial" $nSerial 'ms' $NetworkRuns ('ideal {0:N0} ms ({1:N2}x ideal)' -f $idealSerial, ($nSerial / $idealSerial))
        Add-Row 'network' "same, ForEach-Object -Parallel -ThrottleLimit $NetworkThrottleLimit (Import-Module per item), one session" $nFe 'ms' $NetworkRuns ('{0:N2}x faster than serial; ideal {1:N0} ms ({2:N2}x ideal)' -f ($nSerial / $nFe), $idealPar, ($nFe / $idealPar))
        Add-Row 'network' "same, New-/Remove-MsxTenant -ThrottleLimit $NetworkThrottleLimit" $nTl 'ms' $NetworkRuns ('{0:N2}x faster than serial; ideal {1:N0} ms ({2:N2}x ideal)' -f ($nSerial / $nTl), $idealPar, ($nTl / $idealPar)) '>= 8x faster, <= 1.5x ideal' (Format-Met (($nSerial / $nTl -ge 8) -and ($nTl / $idealPar -le 1.5)))

        $netPages = [int][Math]::Ceiling($expectedC / 1000)
        $listCounts = @{}
        $lst = Invoke-Interleaved -Rounds $NetworkRuns -Cases ([ordered]@{
                'one page at a time' = { $listCounts['serial'] = (& { for ($p = 0; $p -lt $netPages; $p++) { Get-MsxTenant -Session $sessionC -Skip ($p * 1000) -First 1000 } } | Measure-Object).Count }
                'fetched ahead'      = { $listCounts['ahead'] = (Get-MsxTenant -Session $sessionC | Measure-Object).Count }
            })
        if ($listCounts['serial'] -ne $expectedC -or $listCounts['ahead'] -ne $expectedC) { throw "The network listing counted $($listCounts['serial']) and $($listCounts['ahead']), expected $expectedC." }
        $lOne = Get-Median $lst['one page at a time']; $lAhead = Get-Median $lst['fetched ahead']
        Add-Row 'network' "list $expectedC tenants ($netPages pages) at $NetworkLatencyMs ms a page, one page at a time" $lOne 'ms' $NetworkRuns ('ideal {0:N0} ms' -f ($netPages * $NetworkLatencyMs))
        Add-Row 'network' "same, Get-MsxTenant fetching pages ahead" $lAhead 'ms' $NetworkRuns ('{0:N2}x one page at a time' -f ($lAhead / $lOne)) '<= 0.35x' (Format-Met ($lAhead / $lOne -le 0.35))
    }
    finally {
        $null = Invoke-MsxEmulatorControl -Emulator $emuC -Path '_emulator/faults' -Method DELETE
    }
    $tokenRequests['emulator C (network speed)'] = (Get-EmulatorStats $emuC).tokenRequests

    # ---- 4. listing ------------------------------------------------------------------------------------
    Write-Host "==> Listing: $SeedTenants tenants, page size $PageSize" -ForegroundColor Cyan
    $emuB = Start-MsxEmulator -ArgumentList '--control', '--seed-tenants', "$SeedTenants"
    $emulators.Add($emuB)
    Write-Host "Emulator B (listing): $($emuB.Uri)"
    $sessionB = Connect-Bench $emuB
    $sessions.Add($sessionB)
    $tokenB = Get-MsxAccessToken -Session $sessionB -AsPlainText
    $httpB = [Net.Http.HttpClient]::new()
    $httpB.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $tokenB)
    $httpB.DefaultRequestHeaders.Accept.ParseAdd('application/json')
    # The emulator keeps its 4 built-in tenants beside the seeded ones: 50,004 tenants, 51 pages (the last has 4).
    $expectedTenants = (Get-EmulatorStats $emuB).tenants
    $pages = [int][Math]::Ceiling($expectedTenants / $PageSize)
    $pageUris = @(0..($pages - 1) | ForEach-Object { [Uri]::new($emuB.Uri, "idm/api/v8/tenants?page=$_&pageSize=$PageSize") })
    $counts = @{}
    $s = Invoke-Interleaved -Warmups $Warmups ([ordered]@{
            'Get-MsxTenant'     = { $counts['module'] = (Get-MsxTenant -Session $sessionB | Measure-Object).Count }
            'ConvertFrom-Json'  = { $counts['script'] = (& { foreach ($u in $pageUris) { ($httpB.GetStringAsync($u).GetAwaiter().GetResult() | ConvertFrom-Json).contents } } | Measure-Object).Count }
            'download only'     = { foreach ($u in $pageUris) { $null = $httpB.GetStringAsync($u).GetAwaiter().GetResult() } }
        })
    if ($counts['module'] -ne $expectedTenants -or $counts['script'] -ne $expectedTenants) { throw "Listing counted $($counts['module']) (module) and $($counts['script']) (script), expected $expectedTenants." }
    $mList = Get-Median $s['Get-MsxTenant']; $mCfj = Get-Median $s['ConvertFrom-Json']; $mDl = Get-Median $s['download only']
    Add-Row 'listing' "$pages pages: HttpClient GetStringAsync only (floor)" $mDl 'ms' $Runs ('{0:N2}x script' -f ($mDl / $mCfj))
    Add-Row 'listing' "$pages pages: HttpClient + ConvertFrom-Json | Measure-Object" $mCfj 'ms' $Runs '1.00x'
    Add-Row 'listing' "Get-MsxTenant | Measure-Object ($expectedTenants tenants)" $mList 'ms' $Runs ('{0:N2}x script, {1:N1}x floor' -f ($mList / $mCfj), ($mList / $mDl)) '<= 0.5x script' (Format-Met ($mList / $mCfj -le 0.5))

    Write-Host '==> Listing: peak working set of a child pwsh' -ForegroundColor Cyan
    $peak = '"PEAK $([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64)"'
    $login = "`$ErrorActionPreference = 'Stop'; Import-Module '$Manifest'; " +
    "`$null = Get-MsxAccessToken -Server '$($emuB.Uri)' -ClientId '$ClientId' -ClientSecret (ConvertTo-SecureString 'make-up-a-private-client-secret-and-keep-it-safe' -AsPlainText -Force) " +
    "-Credential ([pscredential]::new('superuser', (ConvertTo-SecureString 'FrmedealY((!1[ps=wCBwG!E[%|]Ob7=' -AsPlainText -Force))); "
    $wsCommands = [ordered]@{
        'empty'            = $peak
        'module + login'   = $login + $peak
        'module listing'   = $login + "`$c = (Get-MsxTenant | Measure-Object).Count; if (`$c -ne $expectedTenants) { throw `"counted `$c`" }; " + $peak
        'script listing'   = "`$h = [Net.Http.HttpClient]::new(); `$h.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', '$tokenB'); " +
        "`$c = (& { foreach (`$p in 0..$($pages - 1)) { (`$h.GetStringAsync('$($emuB.Uri)idm/api/v8/tenants?page=' + `$p + '&pageSize=$PageSize').GetAwaiter().GetResult() | ConvertFrom-Json).contents } } | Measure-Object).Count; " + $peak
    }
    $ws = [ordered]@{}
    foreach ($k in $wsCommands.Keys) { $ws[$k] = [Collections.Generic.List[double]]::new() }
    for ($r = 1; $r -le $Runs; $r++) {
        foreach ($k in $wsCommands.Keys) {
            $line = @(Invoke-Child $wsCommands[$k]) | Where-Object { $_ -like 'PEAK *' } | Select-Object -Last 1
            $ws[$k].Add([double]($line -replace '^PEAK ', '') / 1MB)
        }
        Write-Host ("  round {0}/{1}: {2}" -f $r, $Runs, (($ws.Keys | ForEach-Object { '{0}={1:N0} MB' -f $_, $ws[$_][-1] }) -join ', '))
    }
    $wEmpty = Get-Median $ws['empty']; $wLogin = Get-Median $ws['module + login']; $wList = Get-Median $ws['module listing']; $wScript = Get-Median $ws['script listing']
    Add-Row 'memory' 'peak working set: empty pwsh' $wEmpty 'MB' $Runs
    Add-Row 'memory' 'peak working set: Import-Module + login' $wLogin 'MB' $Runs ('+{0:N0} MB' -f ($wLogin - $wEmpty))
    Add-Row 'memory' 'peak working set: HttpClient + ConvertFrom-Json | Measure-Object' $wScript 'MB' $Runs ('+{0:N0} MB' -f ($wScript - $wEmpty))
    Add-Row 'memory' 'peak working set: Get-MsxTenant | Measure-Object' $wList 'MB' $Runs ('+{0:N0} MB' -f ($wList - $wEmpty)) '< +100 MB' (Format-Met ($wList - $wEmpty -lt 100))
    $tokenRequests['emulator B (listing, memory children)'] = (Get-EmulatorStats $emuB).tokenRequests

    # ---- 5. tokens -------------------------------------------------------------------------------------
    $totalTokens = ($tokenRequests.Values | Measure-Object -Sum).Sum
    # The three benchmark sessions + one per memory child that logs in (two a round) + the two baseline children.
    $expected = 3 + $Runs * 2 + $(if ($baselineChildren) { 2 } else { 0 })
    $sessionTokens = ($sessions | ForEach-Object { $_.TokenRequestCount } | Measure-Object -Sum).Sum
    Add-Row 'token' 'token requests, whole benchmark (emulators'' /_emulator/stats)' $totalTokens 'requests' 1 `
    ("{0}; in-process sessions' TokenRequestCount: {1}" -f (($tokenRequests.GetEnumerator() | ForEach-Object { "$($_.Key): $($_.Value)" }) -join ', '), $sessionTokens) `
        "= $expected (one per session, no renewals)" (Format-Met ($totalTokens -eq $expected))
}
finally {
    foreach ($e in $emulators) { $e | Stop-MsxEmulator }
}

# ---- table ---------------------------------------------------------------------------------------------
$cpu = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
$memKb = (Get-Content /proc/meminfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'MemTotal*' } | Select-Object -First 1) -replace '\D', ''
$memGb = if ($memKb) { '{0:N1} GB' -f ([double]$memKb / 1MB) } else { '?' }
$lines = [Collections.Generic.List[string]]::new()
$lines.Add("# MsxPowerShell benchmark results")
$lines.Add('')
$lines.Add(("{0:yyyy-MM-dd HH:mm} UTC; {1} cores ({2}), {3}; PowerShell {4}; {5}; medians of N runs (interleaved, after one warm-up)." -f [DateTime]::UtcNow, [Environment]::ProcessorCount, $cpu, $memGb, $PSVersionTable.PSVersion, [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription))
$lines.Add('')
$lines.Add('| section | row | median | N | ratio | target | met |')
$lines.Add('|---|---|---:|---:|---|---|---|')
foreach ($row in $Rows) {
    $value = if ($row.Unit -in 'requests', 'exceptions') { '{0:N0}' -f $row.Median } else { '{0:N0} {1}' -f $row.Median, $row.Unit }
    $cells = @($row.Section, $row.Name, $value, $row.N, $row.Ratio, $row.Target, $row.Met) | ForEach-Object { "$_" -replace '\|', '\|' }
    $lines.Add(('| {0} | {1} | {2} | {3} | {4} | {5} | {6} |' -f $cells))
}
$lines.Add('')
$lines.Add(('Benchmark wall time: {0:N0} s.' -f $benchStart.Elapsed.TotalSeconds))
$table = $lines -join [Environment]::NewLine
Set-Content -LiteralPath (Join-Path $OutDir 'results.md') -Value $table -Encoding utf8
Write-Host ''
Write-Output $table
Write-Host ''
Write-Host "Written to $(Join-Path $OutDir 'results.md')"
