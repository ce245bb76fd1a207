# The environment-check kit: a tenant without devices is skipped with its reason (not passed), and users' own
# Pester files (-Path, a file or a folder, or MSX_CHECK_PATH) run in the same report and exit code.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:CheckScript = Join-Path $RepoRoot 'checks/Invoke-MsxCheck.ps1'
    $script:Emulator = Start-MsxEmulator -ArgumentList '--control'
    # One runspace for every run of the kit: it imports Pester and the module once.
    $script:KitRunspace = New-TestRunspace
    $admin = New-TestSession -Emulator $Emulator
    $script:EmptyTenant = New-MsxTenant -Session $admin -Name "No devices $(Get-Random)"

    function New-KitConfig([string] $Extra = '', $On = $Emulator) {
        # The kit's configuration for an emulator with few latency samples and no tenant round-trip.
        New-CheckConfig -Emulator $On -Tenants "'Coke'" -Budget '@{ MedianMs = 5000; P95Ms = 10000 }' -LatencySamples 2 -Extra 'TenantRoundTrip = $false', $Extra
    }

    function Invoke-Kit([string] $Arguments, [hashtable] $Environment = @{}) {
        # The kit in a fresh runspace of this process, with no MSX_* variables but those of -Environment.
        $env = @{ MSX_SERVER = $null; MSX_CLIENT_ID = $null; MSX_CLIENT_SECRET = $null; MSX_USERNAME = $null; MSX_PASSWORD = $null; MSX_CHECK_PATH = $null }
        foreach ($name in $Environment.Keys) { $env[$name] = $Environment[$name] }
        $r = Invoke-InRunspace -Script "& '$CheckScript' $Arguments`nexit `$LASTEXITCODE" -Environment $env -Runspace $KitRunspace
        $r | Add-Member -NotePropertyName Text -NotePropertyValue ($r.Output -join "`n") -PassThru
    }

    # Two checks of the user's own: one that uses the kit's settings to connect, one that fails on purpose.
    $script:OwnFolder = Join-Path $TestDrive 'my-checks'
    $null = New-Item -ItemType Directory -Path $OwnFolder
    @'
param($Config)
Describe 'My own checks' {
    It 'connects with the kit''s settings and finds tenant Coke' {
        $s = Connect-MsxServer -Server $Config.Server -ClientCredential $Config.ClientCredential -Credential $Config.Credential -NotDefault
        try { @(Get-MsxTenant -Session $s -Name 'Coke').Count | Should -Be 1 } finally { Disconnect-MsxSession -Session $s }
    }
}
'@ | Set-Content -LiteralPath (Join-Path $OwnFolder 'Connects.Tests.ps1')
    $script:FailingFile = Join-Path $TestDrive 'Failing.Tests.ps1'
    @'
Describe 'My failing check' {
    It 'wants a tenant that is not there' { 'missing' | Should -Be 'present' -Because 'my own check failed' }
}
'@ | Set-Content -LiteralPath $FailingFile
}

AfterAll {
    if ($script:KitRunspace) { $KitRunspace.Dispose() }
    $Emulator, $script:HttpsEmulator | Where-Object { $_ } | Stop-MsxEmulator
}

Describe 'The check kit''s device check' {
    It 'reports a tenant without devices as skipped, with the reason, instead of passing' {
        $r = Invoke-Kit "-Config '$(New-KitConfig "DevicesUpTenants = @('$($EmptyTenant.Name)')")'"
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match ([regex]::Escape("[!] every device of tenant '$($EmptyTenant.Name)' is up"))
        $r.Text | Should -Not -Match ([regex]::Escape("[+] every device of tenant '$($EmptyTenant.Name)' is up"))
        $r.Text | Should -Match ([regex]::Escape("skipped: Device health / every device of tenant '$($EmptyTenant.Name)' is up: ") + ".*has no devices")
    }
}

Describe 'The check kit runs the user''s own checks' {
    It 'runs a folder given with -Path, passing it the kit''s settings' {
        $r = Invoke-Kit "-Config '$(New-KitConfig)' -Path '$OwnFolder'"
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match '\[\+\] connects with the kit''s settings and finds tenant Coke'
        $r.Text | Should -Match "\[\+\] tenant 'Coke' exists" -Because 'the kit''s own checks still run'
    }

    It 'counts a failing file of its own in the exit code and the failure lines' {
        $r = Invoke-Kit "-Config '$(New-KitConfig)' -Path '$OwnFolder', '$FailingFile'"
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match 'My failing check / wants a tenant that is not there'
        $r.Text | Should -Match '\[\+\] connects with the kit''s settings'
    }

    It 'takes MSX_CHECK_PATH when -Path is not given' {
        $r = Invoke-Kit "-Config '$(New-KitConfig)'" -Environment @{ MSX_CHECK_PATH = $FailingFile }
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match 'My failing check'
    }

    It 'exits 2 for a -Path that does not exist' {
        $r = Invoke-Kit "-Config '$(New-KitConfig)' -Path '$(Join-Path $TestDrive 'nowhere')'"
        $r.ExitCode | Should -Be 2 -Because $r.Text
        $r.Text | Should -Match 'does not exist'
    }
}

Describe 'The check kit with a private certificate authority' {
    BeforeAll {
        $script:CaFile = Join-Path $TestDrive 'kit-emulator.pem'
        $script:HttpsEmulator = Start-MsxEmulator -Https -ArgumentList '--certificate-out', $CaFile
    }

    It 'trusts the server through CertificateAuthorityFile: the TLS check and the login pass, verification on' {
        $r = Invoke-Kit "-Config '$(New-KitConfig -On $HttpsEmulator -Extra "CertificateAuthorityFile = '$CaFile'")'"
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match '\[\+\] presents a trusted TLS certificate'
    }

    It 'fails the TLS check without it, naming CertificateAuthorityFile as a way out' {
        $r = Invoke-Kit "-Config '$(New-KitConfig -On $HttpsEmulator)'"
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match '\[-\] presents a trusted TLS certificate'
        $r.Text | Should -Match 'set CertificateAuthorityFile'
    }
}
