# The packages from tools/Package.ps1 (./build.ps1 Package): the module's .nupkg installs with
# PSResourceGet and works when imported by name; the emulator's .nupkg installs as a .NET tool and serves.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Pester/TestSetup.ps1')

    $script:Packages = Join-Path $RepoRoot 'out/packages'
    $script:Version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'out/MsxModule/MsxModule.psd1')).ModuleVersion
    $script:ModulePackage = Join-Path $Packages "MsxModule.$Version.nupkg"
    $script:EmulatorPackage = Join-Path $Packages "MsxEmulator.$Version.nupkg"

    # The Test task runs Build, not Package: (re)make the packages when missing or older than the build.
    function Test-Stale([string] $Package, [string] $BuiltDir) {
        if (-not (Test-Path $Package)) { return $true }
        $built = Get-ChildItem $BuiltDir -File -Recurse | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
        $null -ne $built -and $built.LastWriteTimeUtc -gt (Get-Item $Package).LastWriteTimeUtc
    }
    if ((Test-Stale $ModulePackage (Join-Path $RepoRoot 'out/MsxModule')) -or (Test-Stale $EmulatorPackage (Join-Path $RepoRoot 'out/MsxEmulator'))) {
        $r = Invoke-ChildPwsh -Script "& '$(Join-Path $RepoRoot 'tools/Package.ps1')' -RepoRoot '$RepoRoot'"
        if ($r.ExitCode -ne 0) { throw "tools/Package.ps1 failed ($($r.ExitCode)): $($r.Output -join "`n")" }
    }

    # Everything installed goes under one temporary folder, removed in AfterAll.
    $script:Scratch = Join-Path ([IO.Path]::GetTempPath()) "msx-package-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Force $Scratch
    # A child pwsh whose home is the scratch folder: PSResourceGet's repository list and the CurrentUser
    # module folder ($XDG_DATA_HOME/powershell/Modules on Linux and macOS) are then the scratch folder's.
    $script:ScratchHome = Join-Path $Scratch 'home'
    $script:DataHome = Join-Path $ScratchHome '.local/share'
    $script:ChildEnvironment = @{
        HOME            = $ScratchHome
        USERPROFILE     = $ScratchHome
        XDG_DATA_HOME   = $DataHome
        XDG_CONFIG_HOME = (Join-Path $ScratchHome '.config')
        XDG_CACHE_HOME  = (Join-Path $ScratchHome '.cache')
        LOCALAPPDATA    = (Join-Path $ScratchHome 'AppData/Local')
        PSModulePath    = $null
    }
    # They must exist: .NET's GetFolderPath answers '' for a missing folder, and PSResourceGet would then
    # keep its repository list in ./PSResourceGet of the current directory.
    foreach ($dir in $ChildEnvironment.Values) { if ($dir) { $null = New-Item -ItemType Directory -Force $dir } }
    $script:Repository = "MsxPackageTest-$([guid]::NewGuid().ToString('N'))"
    $script:Emulator = Start-MsxEmulator
}

AfterAll {
    if (Get-Variable -Name Emulator -Scope Script -ErrorAction SilentlyContinue) { $Emulator | Stop-MsxEmulator }
    if (Get-Variable -Name Scratch -Scope Script -ErrorAction SilentlyContinue) {
        # The repository was registered in the scratch home only; unregister it there, then drop the folder.
        $null = Invoke-ChildPwsh -Environment $ChildEnvironment -Script @"
Unregister-PSResourceRepository -Name '$Repository' -ErrorAction SilentlyContinue
"@
        Remove-Item -Recurse -Force -LiteralPath $Scratch -ErrorAction SilentlyContinue
    }
}

Describe 'The module package' {
    It 'is out/packages/MsxModule.<version>.nupkg with the manifest and the module files' {
        $ModulePackage | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($ModulePackage)
        try { $names = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        $names | Should -Contain 'MsxModule.psd1'
        $names | Should -Contain 'MsxModule.dll'
        $names | Should -Contain 'MsxModule.format.ps1xml'
        $names | Should -Contain 'MsxModule.nuspec'
    }

    It 'installs with Install-PSResource from a local repository and works when imported by name' {
        $install = Invoke-ChildPwsh -Environment $ChildEnvironment -Script @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Register-PSResourceRepository -Name '$Repository' -Uri '$Packages'
Install-PSResource MsxModule -Version '$Version' -Repository '$Repository' -TrustRepository -Scope CurrentUser
`$installed = Get-InstalledPSResource MsxModule -Scope CurrentUser
"INSTALLED=`$(`$installed.InstalledLocation)|`$(`$installed.Version)|`$(`$installed.Repository)"
"@
        $install.ExitCode | Should -Be 0 -Because ($install.Output -join "`n")
        $line = $install.Output | Where-Object { $_ -like 'INSTALLED=*' } | Select-Object -Last 1
        $location, $installedVersion, $fromRepository = $line.Substring('INSTALLED='.Length) -split '\|'
        $modules = Join-Path $DataHome 'powershell/Modules'
        [IO.Path]::GetFullPath($location) | Should -Be ([IO.Path]::GetFullPath($modules))
        $installedVersion | Should -Be $Version
        $fromRepository | Should -Be $Repository
        Join-Path $modules "MsxModule/$Version/MsxModule.psd1" | Should -Exist

        # A fresh pwsh that knows the module only by name, through the install location.
        $run = Invoke-ChildPwsh -Environment $ChildEnvironment -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module MsxModule
`$module = Get-Module MsxModule
"BASE=`$(`$module.ModuleBase)"
"VERSION=`$(`$module.Version)"
`$secret = ConvertTo-SecureString '$SeedClientSecretText' -AsPlainText -Force
`$password = ConvertTo-SecureString '$($SeedPasswordText -replace "'", "''")' -AsPlainText -Force
`$credential = [pscredential]::new('superuser', `$password)
`$null = Get-MsxAccessToken -Server '$($Emulator.Uri)' -ClientId '$SeedClientId' -ClientSecret `$secret -Credential `$credential
Get-MsxTenant | ForEach-Object { "TENANT=`$(`$_.Name)" }
"@
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $base = ($run.Output | Where-Object { $_ -like 'BASE=*' }).Substring('BASE='.Length)
        [IO.Path]::GetFullPath($base) | Should -Be ([IO.Path]::GetFullPath((Join-Path $modules "MsxModule/$Version")))
        $base | Should -Not -BeLike "$(Join-Path $RepoRoot 'out')*"
        ($run.Output | Where-Object { $_ -like 'VERSION=*' }) | Should -Be "VERSION=$Version"
        $tenants = @($run.Output | Where-Object { $_ -like 'TENANT=*' } | ForEach-Object { $_.Substring('TENANT='.Length) })
        $tenants | Should -Contain 'Coke'
        $tenants | Should -Contain 'Pepsi'
    }
}

Describe 'The emulator tool package' {
    BeforeAll {
        $script:ToolPath = Join-Path $Scratch 'tools'
        # Only out/packages as a source: no network, and no same-named package from elsewhere.
        $script:NuGetConfig = Join-Path $Scratch 'nuget.config'
        Set-Content -LiteralPath $NuGetConfig -Value @"
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="msx-packages" value="$Packages" />
  </packageSources>
</configuration>
"@
    }

    It 'is out/packages/MsxEmulator.<version>.nupkg, a .NET tool with the command msx-emulator' {
        $EmulatorPackage | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($EmulatorPackage)
        try {
            $settings = $zip.Entries | Where-Object { $_.FullName -like 'tools/*/any/DotnetToolSettings.xml' }
            $settings | Should -HaveCount 1
            $reader = [IO.StreamReader]::new($settings.Open())
            try { [xml] $xml = $reader.ReadToEnd() } finally { $reader.Dispose() }
            $xml.DotNetCliTool.Commands.Command.Name | Should -Be 'msx-emulator'
            $xml.DotNetCliTool.Commands.Command.EntryPoint | Should -Be 'MsxEmulator.dll'
        }
        finally { $zip.Dispose() }
    }

    It 'installs with dotnet tool install and msx-emulator serves the token endpoint' {
        $savedPackages = $env:NUGET_PACKAGES
        # Keep the package out of the user's global packages folder (the same version may be rebuilt).
        $env:NUGET_PACKAGES = Join-Path $Scratch 'nuget-packages'
        try {
            $out = & dotnet tool install --tool-path $ToolPath --configfile $NuGetConfig MsxEmulator --version $Version 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        }
        finally { $env:NUGET_PACKAGES = $savedPackages }

        $exe = Join-Path $ToolPath $(if ($IsWindows) { 'msx-emulator.exe' } else { 'msx-emulator' })
        $exe | Should -Exist
        $savedRoot = $env:DOTNET_ROOT
        # The tool's launcher finds the runtime through DOTNET_ROOT when dotnet is not in a default place.
        if (-not $env:DOTNET_ROOT) {
            $dotnet = if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') { [Environment]::ProcessPath } else { (Get-Command dotnet).Source }
            $target = (Get-Item $dotnet).ResolvedTarget
            $env:DOTNET_ROOT = Split-Path -Parent $(if ($target) { $target } else { $dotnet })
        }
        $tool = $null
        try {
            try { $tool = Start-MsxEmulator -Executable $exe }
            finally { $env:DOTNET_ROOT = $savedRoot }
            $uri = $tool.Uri.ToString().TrimEnd('/')

            $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${SeedClientId}:$SeedClientSecretText"))
            $response = Invoke-WebRequest -Uri "$uri/idm/v2/token" -Method Post -Headers @{ Authorization = "Basic $basic" } `
                -ContentType 'application/x-www-form-urlencoded' -SkipHttpErrorCheck `
                -Body @{ grant_type = 'password'; username = 'superuser'; password = $SeedPasswordText }
            $response.StatusCode | Should -Be 200
            $token = $response.Content | ConvertFrom-Json
            $token.access_token | Should -Not -BeNullOrEmpty
            $token.token_type | Should -Be 'bearer'
        }
        finally {
            $tool | Stop-MsxEmulator
        }
    }
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest and carries the gallery fields' {
        $manifest = Test-ModuleManifest (Join-Path $RepoRoot 'out/MsxModule/MsxModule.psd1') -ErrorAction Stop
        $manifest.Version.ToString() | Should -Be $Version
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.Author | Should -Be 'MsxPowerShell contributors'
        $manifest.CompanyName | Should -Not -BeNullOrEmpty
        $manifest.Copyright | Should -Match 'MsxPowerShell contributors'
        foreach ($tag in 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS') {
            $manifest.Tags | Should -Contain $tag
        }
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Match ([regex]::Escape($Version))
    }

    It 'is the manifest packed into the module package' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($ModulePackage)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('MsxModule.nuspec').Open())
            try { [xml] $nuspec = $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be 'MsxModule'
        $metadata.version | Should -Be $Version
        $metadata.tags | Should -Match 'PSEdition_Core'
        $metadata.projectUrl | Should -Not -BeNullOrEmpty
    }
}
