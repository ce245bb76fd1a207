# The docs match the module: the README's cmdlet table is the exported cmdlets, each once; the cmdlet count
# the README names is the module's; the manifest's version has a CHANGELOG entry and release notes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Readme = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'README.md')
    $script:Changelog = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'CHANGELOG.md')
    $script:Manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $RepoRoot 'MsxModule.psd1')
    $script:Exported = @((Get-Module MsxModule).ExportedCmdlets.Keys | Sort-Object)

    function Get-TableCmdlets {
        # Every cmdlet name in the first column of the README's "## Cmdlets" table, in order, repeats kept.
        $section = [regex]::Match($Readme, '(?ms)^## Cmdlets\s*$(.*?)^## ').Groups[1].Value
        foreach ($row in $section -split '\r?\n' | Where-Object { $_ -match '^\|\s*`' }) {
            $first = ($row -split '(?<!\\)\|')[1]
            [regex]::Matches($first, '`([A-Za-z]+-Msx[A-Za-z]+)`') | ForEach-Object { $_.Groups[1].Value }
        }
    }
}

Describe 'The README' {
    It 'lists every exported cmdlet in its cmdlet table, and no other' {
        $listed = @(Get-TableCmdlets | Sort-Object -Unique)
        $Exported.Count | Should -BeGreaterThan 0
        Compare-Object $Exported $listed | ForEach-Object { "$($_.InputObject) $(if ($_.SideIndicator -eq '<=') { 'is exported but not in the table' } else { 'is in the table but not exported' })" } | Should -BeNullOrEmpty
    }

    It 'lists each cmdlet once' {
        $repeated = @(Get-TableCmdlets | Group-Object | Where-Object Count -gt 1 | ForEach-Object Name)
        $repeated | Should -BeNullOrEmpty
    }

    It 'names the module''s own cmdlet count where it names one' {
        foreach ($m in [regex]::Matches($Readme, 'the module now has (\d+)')) {
            [int] $m.Groups[1].Value | Should -Be $Exported.Count
        }
        [regex]::Matches($Readme, 'the module now has (\d+)').Count | Should -BeGreaterThan 0
    }

    It 'says how to use the module outside the repository (import by path, or the package)' {
        $Readme | Should -Match 'Import-Module /path/to/MsxPowerShell/out/MsxModule/MsxModule\.psd1'
        $Readme | Should -Match 'Install-PSResource MsxModule'
    }
}

Describe 'The version' {
    It 'is a semantic version above the first release' {
        $Manifest.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
        [version] $Manifest.ModuleVersion | Should -BeGreaterThan ([version] '0.1.0')
    }

    It 'has a CHANGELOG entry' {
        $Changelog | Should -Match ("(?m)^## \[" + [regex]::Escape($Manifest.ModuleVersion) + "\] - \d{4}-\d{2}-\d{2}$")
    }

    It 'leads the manifest''s release notes' {
        $Manifest.PrivateData.PSData.ReleaseNotes | Should -Match ('^' + [regex]::Escape($Manifest.ModuleVersion) + ' \(')
    }

    It 'is the newest version in the CHANGELOG' {
        $versions = @([regex]::Matches($Changelog, '(?m)^## \[(\d+\.\d+\.\d+)\]') | ForEach-Object { [version] $_.Groups[1].Value })
        ($versions | Sort-Object -Descending | Select-Object -First 1).ToString() | Should -Be $Manifest.ModuleVersion
    }
}
