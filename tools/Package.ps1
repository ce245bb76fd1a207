<#
.SYNOPSIS
Writes the module's .nupkg and the emulator's dotnet-tool .nupkg to out/packages.
.DESCRIPTION
Run by "./build.ps1 Package" after Build (it needs out/MsxModule and the emulator's build output).
The module is published with PowerShell's own PSResourceGet to a temporary local repository that points
at out/packages, so the package is exactly what Install-PSResource expects; no gallery is contacted.
The emulator is packed with "dotnet pack" as a .NET tool (command msx-emulator).
Writes the two package paths to the output.
.PARAMETER RepoRoot
The repository root (the folder with MsxModule.psd1).
.PARAMETER Configuration
The build configuration whose output is packed.
#>
[CmdletBinding()]
param(
    [string] $RepoRoot = (Split-Path -Parent $PSScriptRoot),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

$RepoRoot = (Resolve-Path $RepoRoot).Path
$moduleOut = Join-Path $RepoRoot 'out/MsxModule'
$packages = Join-Path $RepoRoot 'out/packages'
$emulatorProject = Join-Path $RepoRoot 'src/MsxEmulator/MsxEmulator.csproj'

$manifestPath = Join-Path $moduleOut 'MsxModule.psd1'
if (-not (Test-Path $manifestPath)) { throw "The module is not built ($manifestPath): run ./build.ps1 Build first." }
$manifest = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop
$version = $manifest.Version.ToString()

Write-Host '==> Package' -ForegroundColor Cyan
$null = New-Item -ItemType Directory -Force $packages
# A rebuilt package of the same version replaces the old one.
Get-ChildItem $packages -Filter '*.nupkg' | Where-Object { $_.Name -match '^(MsxModule|MsxEmulator)\.' } | Remove-Item -Force

# The module, through PSResourceGet and a local repository that lives only as long as this script.
# PSResourceGet keeps its repository list under the local application data folder; when that folder is
# missing .NET answers '' for it and the list would land in ./PSResourceGet of the current directory.
$null = [Environment]::GetFolderPath([Environment+SpecialFolder]::LocalApplicationData, [Environment+SpecialFolderOption]::Create)
Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
$repository = "MsxPackage-$([guid]::NewGuid().ToString('N'))"
Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
try {
    # The module has no RequiredModules, so the dependency check needs no other repository.
    Publish-PSResource -Path $moduleOut -Repository $repository
}
finally {
    Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue
}
$modulePackage = Join-Path $packages "MsxModule.$version.nupkg"
if (-not (Test-Path $modulePackage)) { throw "Publish-PSResource did not write $modulePackage." }

# The emulator, as a .NET tool package.
& dotnet pack $emulatorProject -c $Configuration -o $packages --nologo -v q
if ($LASTEXITCODE -ne 0) { throw "'dotnet pack $emulatorProject' failed with exit code $LASTEXITCODE." }
$emulatorPackage = Join-Path $packages "MsxEmulator.$version.nupkg"
if (-not (Test-Path $emulatorPackage)) { throw "dotnet pack did not write $emulatorPackage." }

Write-Host "Module package: $modulePackage"
Write-Host "Emulator package: $emulatorPackage"
