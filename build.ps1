<#
.SYNOPSIS
Builds, tests and demonstrates MsxPowerShell.
.DESCRIPTION
Tasks (first positional argument):
  Build  lays the module out in out/MsxModule and publishes the emulator to out/MsxEmulator
  Test   builds, checks formatting, runs every xunit and Pester test (side by side) with exchange recording,
         then the contract tests over the recorded exchanges; prints the ten slowest test files and ends
         with "N passed, N failed" (tests/README.md describes the layout)
  Demo   builds, starts the emulator, runs the seed guide's flow with the module in a child pwsh
  Bench  builds, runs the benchmark in bench/ (not part of Test) and prints its table
  Package builds, writes the module .nupkg and the emulator's dotnet-tool .nupkg to out/packages, then
         runs the packaging tests (tests/Package) against them; ends with "N passed, N failed"
  Check  builds, runs the environment-check kit in checks/ (-Config <file>, else against a fresh emulator)
  Clean  removes out/, tools/packages and every bin/obj
.EXAMPLE
dotnet tool restore && dotnet pwsh ./build.ps1 Demo
.EXAMPLE
dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Check', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # For the Check task: the environment-check configuration file (none: a fresh emulator is checked).
    [string] $Config
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'MsxModule'
$EmulatorOut = Join-Path $Out 'MsxEmulator'
$PesterManifest = Join-Path $Root 'tools/packages/pester/5.7.1/tools/Pester.psd1'
# Every failed test (name and first words of its error), printed last by Write-FailedTests.
$script:FailedTests = @()

function Invoke-Dotnet {
    # Runs dotnet with the given arguments and stops the build when it fails.
    param([Parameter(Mandatory)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'dotnet $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-ChildPwsh {
    # The pwsh running this script, as a command line for a child process (the dotnet tool runs as 'dotnet pwsh.dll').
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*' -and (Test-Path $pwshDll)) {
        return @([Environment]::ProcessPath, $pwshDll)
    }
    return @([Environment]::ProcessPath)
}

function Invoke-Build {
    Write-Host '==> Build' -ForegroundColor Cyan
    Invoke-Dotnet 'build', (Join-Path $Root 'MsxPowerShell.sln'), '-c', $Configuration, '--nologo', '-v', 'q'
    Invoke-Dotnet 'publish', (Join-Path $Root 'src/MsxEmulator/MsxEmulator.csproj'), '-c', $Configuration, '-o', $EmulatorOut, '--no-build', '--nologo', '-v', 'q'
    # Pester comes from NuGet into tools/packages once; later builds find it there.
    if (-not (Test-Path $PesterManifest)) { Invoke-Dotnet 'restore', (Join-Path $Root 'tools/Tools.csproj'), '--nologo', '-v', 'q' }

    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    $null = New-Item -ItemType Directory -Force $ModuleOut
    $bin = Join-Path $Root "src/MsxModule/bin/$Configuration/netstandard2.0"
    # The dll and the assemblies Windows PowerShell 5.1 needs beside it (PowerShell 7 uses its own copies).
    Get-ChildItem $bin -Filter '*.dll' | Copy-Item -Destination $ModuleOut
    Copy-Item (Join-Path $Root 'MsxModule.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'src/MsxModule/MsxModule.format.ps1xml') $ModuleOut
    $help = Join-Path $Root 'src/MsxModule/en-US'
    if (Test-Path $help) { Copy-Item -Recurse $help $ModuleOut }
    Write-Host "Module: $ModuleOut"
    Write-Host "Emulator: $EmulatorOut"
}

function Read-TrxCounts {
    # Passed and failed of every trx under -Directory; each failed test (with its message) goes to the list
    # Write-FailedTests prints last.
    param([string] $Directory)
    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem $Directory -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue) {
        [xml] $trx = Get-Content -Raw -LiteralPath $file.FullName
        $counters = $trx.TestRun.ResultSummary.Counters
        $passed += [int] $counters.passed
        $failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        foreach ($result in $trx.SelectNodes("//*[local-name()='UnitTestResult']")) {
            if ($result.GetAttribute('outcome') -in 'Passed', 'NotExecuted') { continue }
            $message = $result.SelectSingleNode(".//*[local-name()='Message']")
            $script:FailedTests += [pscustomobject]@{ Name = "xunit $($result.GetAttribute('testName'))"; Reason = if ($message) { $message.InnerText } else { $result.GetAttribute('outcome') } }
        }
    }
    return $passed, $failed
}

function Write-FailedTests {
    # Every failed test by name, last, so that a CI log cut to its tail still says what failed.
    if (-not $script:FailedTests) { return }
    Write-Host "==> Failed tests ($(@($script:FailedTests).Count))" -ForegroundColor Red
    foreach ($f in $script:FailedTests) {
        $reason = ("$($f.Reason)" -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 3) -join ' | '
        Write-Host "  $($f.Name)" -ForegroundColor Red
        if ($reason) { Write-Host "      $reason" }
    }
}

function Read-TrxClassTimes {
    # The time each xunit test class took (the sum of its tests' durations), one row per class. A run whose
    # filter matched nothing writes a trx without tests: it adds no row.
    param([string] $Directory)
    $times = @{}
    foreach ($file in Get-ChildItem $Directory -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue) {
        [xml] $trx = Get-Content -Raw -LiteralPath $file.FullName
        $classOf = @{}
        foreach ($test in $trx.SelectNodes("//*[local-name()='UnitTest']")) {
            $method = $test.SelectSingleNode("*[local-name()='TestMethod']")
            if ($method) { $classOf[$test.GetAttribute('id')] = $method.GetAttribute('className') }
        }
        foreach ($result in $trx.SelectNodes("//*[local-name()='UnitTestResult']")) {
            $duration = $result.GetAttribute('duration')
            $class = $classOf[$result.GetAttribute('testId')]
            if (-not $duration -or -not $class) { continue }
            $times[$class] = [double] $times[$class] + [TimeSpan]::Parse($duration, [cultureinfo]::InvariantCulture).TotalSeconds
        }
    }
    foreach ($class in $times.Keys) { [pscustomobject]@{ Name = "xunit $class"; Seconds = $times[$class] } }
}

function Invoke-PesterSuite {
    # Runs the Pester files under -Path in a child pwsh (fresh module state); returns passed, failed and the
    # time of each file (container), which it also keeps in -Summary.
    param([string] $Path, [string] $Summary)
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$PesterManifest'
`$config = New-PesterConfiguration
`$config.Run.Path = '$Path'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Normal'
`$r = Invoke-Pester -Configuration `$config
@{
    passed = `$r.PassedCount
    failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount
    files  = @(`$r.Containers | ForEach-Object { @{ name = [IO.Path]::GetRelativePath('$Root', "`$(`$_.Item)"); seconds = `$_.Duration.TotalSeconds } })
    failures = @(
        @(`$r.Failed) | ForEach-Object { @{ name = `$_.ExpandedPath; reason = "`$(@(`$_.ErrorRecord)[0])" } }
        @(`$r.FailedBlocks) | ForEach-Object { @{ name = "`$(`$_.ExpandedPath) (block)"; reason = "`$(@(`$_.ErrorRecord)[0])" } }
        @(`$r.FailedContainers) | ForEach-Object { @{ name = "`$(`$_.Item) (file)"; reason = "`$(@(`$_.ErrorRecord)[0])" } }
    )
} | ConvertTo-Json -Depth 4 | Set-Content '$Summary'
"@
    $pwsh = Get-ChildPwsh
    $exe = $pwsh[0]; $pre = @($pwsh | Select-Object -Skip 1)
    # To the host: the function's output is its counts only.
    & $exe @pre -NoProfile -NonInteractive -Command $script | Out-Host
    if (-not (Test-Path $Summary)) {
        Write-Host 'Pester did not report results.' -ForegroundColor Red
        return 0, 1, @()
    }
    $p = Get-Content -Raw $Summary | ConvertFrom-Json
    $files = @($p.files | ForEach-Object { [pscustomobject]@{ Name = $_.name; Seconds = [double] $_.seconds } })
    $script:FailedTests += @($p.failures | Where-Object { $_ } | ForEach-Object { [pscustomobject]@{ Name = "Pester $($_.name)"; Reason = $_.reason } })
    return [int] $p.passed, [int] $p.failed, $files
}

function Start-Background {
    # Starts 'dotnet <arguments>' with its output kept (read as it comes, so the pipes never fill).
    param([string[]] $Arguments)
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in $Arguments) { $start.ArgumentList.Add($a) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    [pscustomobject]@{ Process = $process; Out = $process.StandardOutput.ReadToEndAsync(); Err = $process.StandardError.ReadToEndAsync() }
}

function Wait-Background {
    # Waits for a process from Start-Background, shows its output and returns its exit code.
    param($Job)
    $Job.Process.WaitForExit()
    $text = ($Job.Out.Result + $Job.Err.Result).TrimEnd()
    if ($text) { Write-Host $text }
    $Job.Process.ExitCode
}

function Write-SlowestFiles {
    # The ten slowest test files (Pester) and classes (xunit), so that the next slow test is seen at once.
    param([object[]] $Times)
    Write-Host '==> Slowest test files' -ForegroundColor Cyan
    $Times | Sort-Object Seconds -Descending | Select-Object -First 10 |
        ForEach-Object { Write-Host ('{0,8:0.0} s  {1}' -f $_.Seconds, $_.Name) }
}

function Invoke-Test {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    Invoke-Build
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    $null = New-Item -ItemType Directory -Force $results
    $passed = 0; $failed = 0
    $phases = [ordered]@{ Build = $clock.Elapsed }

    # The suites start about a hundred short-lived .NET processes (emulators, child pwsh, test hosts) on a
    # 2-core machine: profile-guided tiering only costs them JIT time they never win back.
    $env:DOTNET_TieredPGO = '0'

    # Every emulator the suites start records its exchanges here, for the contract tests at the end.
    $exchanges = Join-Path $Out 'exchanges'
    if (Test-Path $exchanges) { Remove-Item -Recurse -Force $exchanges }
    $null = New-Item -ItemType Directory -Force $exchanges
    $env:MSX_EXCHANGE_DIR = $exchanges

    # The format check and xunit run in the background while Pester runs (the tests mostly wait on HTTP and
    # processes); their output is kept and shown once Pester is done, so nothing interleaves.
    Write-Host '==> Format check and xunit (in the background), Pester' -ForegroundColor Cyan
    $phase = [Diagnostics.Stopwatch]::StartNew()
    # The whole 'dotnet format' (whitespace, style and analyzers), as the developers' guide asks: the build
    # enforces most of it already, but only this check also sees the layout and the fixers' own rules.
    $format = Start-Background @('format', (Join-Path $Root 'MsxPowerShell.sln'), '--verify-no-changes', '--no-restore', '-v', 'q')
    $xunit = Start-Background @('test', (Join-Path $Root 'MsxPowerShell.sln'), '-c', $Configuration, '--no-build', '--nologo', '--logger', 'trx', '--logger', 'console;verbosity=minimal', '--results-directory', $results, '--filter', 'FullyQualifiedName!~MsxContract.Tests')

    $pPassed, $pFailed, $pesterFiles = Invoke-PesterSuite -Path (Join-Path $Root 'tests/Pester') -Summary (Join-Path $results 'pester-summary.json')
    $passed += $pPassed; $failed += $pFailed
    Write-Host "Pester: $pPassed passed, $pFailed failed"
    $phases['Pester'] = $phase.Elapsed

    Write-Host '==> Format check (dotnet format --verify-no-changes)' -ForegroundColor Cyan
    $formatExit = Wait-Background $format
    if ($formatExit -ne 0) { Write-Host 'dotnet format found differences: run "dotnet format MsxPowerShell.sln".' -ForegroundColor Red; $failed++ }
    else { $passed++ }

    Write-Host '==> xunit' -ForegroundColor Cyan
    $xunitExit = Wait-Background $xunit
    $xPassed, $xFailed = Read-TrxCounts $results
    if ($xunitExit -ne 0 -and $xFailed -eq 0) { $xFailed = 1 }   # a crash that wrote no result still fails the run
    $passed += $xPassed; $failed += $xFailed
    Write-Host "xunit: $xPassed passed, $xFailed failed"
    $phases['format and xunit (beside Pester)'] = $phase.Elapsed
    $xunitClasses = @(Read-TrxClassTimes $results)

    # Last, when every suite has recorded: each exchange against Cisco's OpenAPI spec.
    Write-Host "==> Contract tests ($(@(Get-ChildItem $exchanges -Filter '*.jsonl' -Recurse).Count) exchange logs in $exchanges)" -ForegroundColor Cyan
    $phase = [Diagnostics.Stopwatch]::StartNew()
    $contractResults = Join-Path $results 'contract'
    & dotnet test (Join-Path $Root 'tests/MsxContract.Tests/MsxContract.Tests.csproj') -c $Configuration --no-build --nologo --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $contractResults
    $contractExit = $LASTEXITCODE
    $cPassed, $cFailed = Read-TrxCounts $contractResults
    if ($contractExit -ne 0 -and $cFailed -eq 0) { $cFailed = 1 }
    $passed += $cPassed; $failed += $cFailed
    Write-Host "Contract: $cPassed passed, $cFailed failed"
    $phases['Contract tests'] = $phase.Elapsed

    Write-SlowestFiles (@($pesterFiles) + $xunitClasses)
    Write-Host ('Times: ' + (@($phases.Keys | ForEach-Object { '{0} {1:0} s' -f $_, $phases[$_].TotalSeconds }) -join ', ') + (', total {0:0} s' -f $clock.Elapsed.TotalSeconds))
    Write-FailedTests
    "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Package {
    # Builds the packages, then runs the packaging tests (tests/Package) against them; ends with "N passed, N failed".
    Invoke-Build
    & (Join-Path $Root 'tools/Package.ps1') -RepoRoot $Root -Configuration $Configuration
    $results = Join-Path $Out 'test-results/package'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    $null = New-Item -ItemType Directory -Force $results
    Write-Host '==> Packaging tests' -ForegroundColor Cyan
    $passed, $failed, $files = Invoke-PesterSuite -Path (Join-Path $Root 'tests/Package') -Summary (Join-Path $results 'pester-summary.json')
    Write-SlowestFiles $files
    Write-FailedTests
    "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $Root 'tools/Emulator.psm1') -Force
    Write-Host '==> Demo: the seed guide''s flow against the MSX emulator' -ForegroundColor Cyan
    $emulator = $null
    try {
        # Inside the try: whatever fails after the start, the emulator is stopped (a failed start stops its own).
        $emulator = Start-MsxEmulator
        Write-Host "Emulator listening on $($emulator.Uri)"
        # The seed guide's security client and user (the emulator's built-in data), handed to the child in its
        # environment, never on its command line (which any process may read).
        $env:MSX_DEMO_CLIENT_SECRET = 'make-up-a-private-client-secret-and-keep-it-safe'
        $env:MSX_DEMO_PASSWORD = 'FrmedealY((!1[ps=wCBwG!E[%|]Ob7='
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $ModuleOut 'MsxModule.psd1')'
`$secret = ConvertTo-SecureString `$env:MSX_DEMO_CLIENT_SECRET -AsPlainText -Force
`$password = ConvertTo-SecureString `$env:MSX_DEMO_PASSWORD -AsPlainText -Force
`$credential = [pscredential]::new('superuser', `$password)
& '$(Join-Path $Root 'examples/SeedFlow.ps1')' -Server '$($emulator.Uri)' -ClientId 'my-test-private-client' -ClientSecret `$secret -Credential `$credential
"@
        $pwsh = Get-ChildPwsh
        $exe = $pwsh[0]; $pre = @($pwsh | Select-Object -Skip 1)
        & $exe @pre -NoProfile -NonInteractive -Command $script
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
    finally {
        Remove-Item Env:MSX_DEMO_CLIENT_SECRET, Env:MSX_DEMO_PASSWORD -ErrorAction SilentlyContinue
        $emulator | Stop-MsxEmulator
    }
}

function Invoke-Clean {
    foreach ($path in @($Out, (Join-Path $Root 'tools/packages'))) {
        if (Test-Path $path) { Remove-Item -Recurse -Force $path }
    }
    Get-ChildItem $Root -Recurse -Directory -Include 'bin', 'obj' | Remove-Item -Recurse -Force
    Write-Host 'Clean.'
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Check' {
        Invoke-Build
        $pwsh = Get-ChildPwsh
        $exe = $pwsh[0]; $pre = @($pwsh | Select-Object -Skip 1)
        $checkArgs = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'checks/Invoke-MsxCheck.ps1'))
        # Resolved here but checked by the kit, which reports a missing file as could-not-run (exit 2).
        if ($Config) { $checkArgs += @('-Config', [IO.Path]::GetFullPath($Config, (Get-Location).ProviderPath)) }
        & $exe @pre @checkArgs
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
    'Bench' {
        Invoke-Build
        $pwsh = Get-ChildPwsh
        $exe = $pwsh[0]; $pre = @($pwsh | Select-Object -Skip 1)
        & $exe @pre -NoProfile -NonInteractive -File (Join-Path $Root 'bench/Invoke-Benchmark.ps1') -RepoRoot $Root
        if ($LASTEXITCODE -ne 0) { throw "The benchmark failed with exit code $LASTEXITCODE." }
        # In-process micro-benchmark (BenchmarkDotNet): parsing one 1,000-tenant page.
        $bdn = Join-Path $Out 'bench/json'
        $null = New-Item -ItemType Directory -Force $bdn
        Push-Location $bdn
        try { Invoke-Dotnet 'run', '-c', $Configuration, '--project', (Join-Path $Root 'bench/JsonBench/JsonBench.csproj') }
        finally { Pop-Location }
    }
    'Clean' { Invoke-Clean }
}
