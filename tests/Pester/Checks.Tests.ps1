# The environment-check kit in checks/: run in a fresh runspace (it imports Pester itself) against emulators.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:CheckScript = Join-Path $RepoRoot 'checks/Invoke-MsxCheck.ps1'

    # An emulator whose data lacks the tenant Pepsi (the kit's own default expectation is Coke and Pepsi).
    $dataFile = Join-Path $TestDrive 'no-pepsi.json'
    @{
        clients = @(@{ clientId = $SeedClientId; clientSecret = $SeedClientSecretText; grantTypes = @('password'); scopes = @('read', 'write') })
        users   = @(@{ username = 'superuser'; password = $SeedPasswordText; lastName = 'User'; email = 'superuser@example.com'; roles = @('SUPERUSER'); tenantIds = @('133815cb-2335-474d-8c10-3e635aba94fd') })
        tenants = @(@{ id = '133815cb-2335-474d-8c10-3e635aba94fd'; name = 'Coke' }, @{ name = 'Sprite' })
    } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $dataFile
    # Set first, so that AfterAll stops the first emulator when the second fails to start.
    $script:NoPepsi = $script:Faulty = $null
    $script:NoPepsi = Start-MsxEmulator -ArgumentList '--control', '--data', $dataFile
    $script:Faulty = Start-MsxEmulator -ArgumentList '--control'
    $script:Https = Start-MsxEmulator -Https
    # One runspace for every run of the kit: it imports Pester and the module once.
    $script:KitRunspace = New-TestRunspace

    function Invoke-Check {
        # Runs the kit in a fresh runspace with no MSX_* variables but those of -Environment; -Config when given.
        param([string] $Config, [hashtable] $Environment = @{})
        $line = "& '$CheckScript'" + $(if ($Config) { " -Config '$Config'" } else { '' })
        $env = @{}
        foreach ($name in 'MSX_SERVER', 'MSX_CLIENT_ID', 'MSX_CLIENT_SECRET', 'MSX_USERNAME', 'MSX_PASSWORD') { $env[$name] = $null }
        foreach ($name in $Environment.Keys) { $env[$name] = $Environment[$name] }
        $r = Invoke-InRunspace -Script "$line`nexit `$LASTEXITCODE" -Environment $env -Runspace $KitRunspace
        $r | Add-Member -NotePropertyName Text -NotePropertyValue ($r.Output -join "`n") -PassThru
    }

    function Get-CheckTenantsLeft {
        param([Parameter(Mandatory)] $Emulator)
        $session = New-TestSession -Emulator $Emulator
        try { @(Get-MsxTenant -Name 'msx-check-*' -Session $session) } finally { Disconnect-MsxSession -Session $session }
    }
}

AfterAll {
    if ($script:KitRunspace) { $KitRunspace.Dispose() }
    $NoPepsi, $Faulty, $Https | Where-Object { $_ } | Stop-MsxEmulator
}

Describe 'The environment-check kit' {
    It 'passes against a fresh emulator when there is no configuration' {
        $r = Invoke-Check
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match 'checking a fresh MSX emulator'
        $r.Text | Should -Match "\[\+\] tenant 'Pepsi' exists"
        $r.Text | Should -Match '\[\+\] deletes the throwaway tenant'
        $r.Text | Should -Match '\[\+\] median latency is within the budget'
        $r.Text | Should -Match 'Tests Passed: \d+, Failed: 0'
    }

    It 'fails naming a missing tenant, and leaves no throwaway tenant behind' {
        $r = Invoke-Check -Config (New-CheckConfig -Emulator $NoPepsi)
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match "\[-\] tenant 'Pepsi' exists"
        $r.Text | Should -Match "No tenant named 'Pepsi' on "
        $r.Text | Should -Match "\[\+\] tenant 'Coke' exists"
        $r.Text | Should -Match 'Failed: 1,'
        Get-CheckTenantsLeft -Emulator $NoPepsi | Should -BeNullOrEmpty
    }

    It 'fails naming the latency check when calls are slower than the budget' {
        $null = Invoke-MsxEmulatorControl -Emulator $Faulty -Path '_emulator/reset' -Method POST
        $null = Invoke-MsxEmulatorControl -Emulator $Faulty -Path '_emulator/faults' -Method POST -Body @{ method = 'GET'; path = '/idm/api/v8/tenants/*'; delayMs = 250; probability = 1; count = 1000 }
        $r = Invoke-Check -Config (New-CheckConfig -Emulator $Faulty -Budget '@{ MedianMs = 100; P95Ms = 150 }')
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match '\[-\] median latency is within the budget \(100 ms\)'
        $r.Text | Should -Match '\[-\] 95th percentile latency is within the budget \(150 ms\)'
        $r.Text | Should -Match 'the median of 5 calls of Get-MsxTenant -Id \S+ \(Coke\) was \d+(\.\d+)? ms'
        $r.Text | Should -Match "\[\+\] tenant 'Pepsi' exists"
        Get-CheckTenantsLeft -Emulator $Faulty | Should -BeNullOrEmpty
    }

    It 'removes the throwaway tenant when the round-trip fails mid-way' {
        $null = Invoke-MsxEmulatorControl -Emulator $Faulty -Path '_emulator/reset' -Method POST
        $null = Invoke-MsxEmulatorControl -Emulator $Faulty -Path '_emulator/faults' -Method POST -Body @{ method = 'PUT'; path = '/idm/api/v8/tenants/*'; status = 500; count = 1000 }
        $r = Invoke-Check -Config (New-CheckConfig -Emulator $Faulty)
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match '\[\+\] creates a throwaway tenant'
        $r.Text | Should -Match "\[-\] updates the throwaway tenant's description"
        $requests = Get-EmulatorRequests -Emulator $Faulty
        @($requests | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/idm/api/v8/tenants' -and $_.status -eq 201 }).Count | Should -Be 1
        @($requests | Where-Object { $_.method -eq 'DELETE' -and $_.path -like '/idm/api/v8/tenants/*' -and $_.status -eq 204 }).Count | Should -Be 1
        Get-CheckTenantsLeft -Emulator $Faulty | Should -BeNullOrEmpty
    }

    It 'exits 2, naming the variable, when the checks cannot run for a missing MSX_PASSWORD' {
        Clear-EmulatorRequests $Faulty
        $r = Invoke-Check -Environment @{ MSX_SERVER = "$($Faulty.Uri)"; MSX_CLIENT_ID = $SeedClientId; MSX_CLIENT_SECRET = $SeedClientSecretText; MSX_USERNAME = 'superuser' }
        $r.ExitCode | Should -Be 2 -Because $r.Text
        $r.Text | Should -Match 'could not run: .*MSX_PASSWORD'
        @(Get-EmulatorRequests $Faulty).Count | Should -Be 0 -Because 'nothing was checked'
    }

    It 'exits 2 when the configuration file cannot be found' {
        $r = Invoke-Check -Config (Join-Path $TestDrive 'no-such-check.psd1')
        $r.ExitCode | Should -Be 2 -Because $r.Text
        $r.Text | Should -Match "could not run: The check configuration '.*no-such-check\.psd1' does not exist"
    }

    It 'exits 1 for a refused login, naming MsxAuthenticationFailed and what to check, not the request line' {
        $r = Invoke-Check -Config (New-CheckConfig -Emulator $NoPepsi -Password 'Not-The-Pa55word')
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match "(?m)^  - Login / obtains an access token: .*MsxAuthenticationFailed: Authentication failed for user 'superuser'.*Check the user name and password"
        $r.Text | Should -Not -Match 'POST http\S+/idm/v2/token'
        $r.Text | Should -Not -Match 'Not-The-Pa55word'
    }

    It 'says in one line how long the token lives and what to check, without Should''s wording or stack lines' {
        $r = Invoke-Check -Config (New-CheckConfig -Emulator $NoPepsi -Tenants "'Coke'" -TokenLifetimeSec 3600)
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $summary = @($r.Output | Where-Object { $_ -like '  - *' })
        $summary | Should -HaveCount 1 -Because $r.Text
        $summary[0] | Should -Match "^  - Login / issues a token that lives as long as configured: The token lives 9000 s, not 3600 s .*Check accessTokenValiditySeconds of the security client '$SeedClientId'.*ExpectedTokenLifetimeSec"
        $r.Text | Should -Not -Match 'but got'
        $r.Text | Should -Not -Match '(?m)^\s*at .*(\.ps1|<ScriptBlock>)'
    }

    It 'reports the TLS check as skipped with AllowUntrustedCertificate, as Test-MsxConnection does' {
        $r = Invoke-Check -Config (New-CheckConfig -Emulator $Https -Tenants "'Coke'" -Extra 'AllowUntrustedCertificate = $true')
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match '\[!\] presents a trusted TLS certificate is skipped, because AllowUntrustedCertificate is set\. Skipped: certificate checks are off'
    }
}

Describe 'The environment-check kit: expected users' {
    BeforeAll {
        # The file's built-in-data emulator, back to its starting data (faults and request log cleared).
        Reset-Emulator $Faulty
        $script:UsersEmulator = $Faulty

        function New-UsersCheckConfig {
            # A check configuration with ExpectedUsers (none when $Users is empty), without the tenant round-trip.
            param([string] $Users)
            New-CheckConfig -Emulator $UsersEmulator -Tenants "'Coke'" -LatencySamples 2 -Extra 'TenantRoundTrip = $false', $(if ($Users) { "ExpectedUsers = $Users" })
        }
    }

    It 'passes when each expected user exists with its roles' {
        $r = Invoke-Check -Config (New-UsersCheckConfig "@{ 'tenantadmin' = @('TENANT_ADMIN'); 'CONSUMER' = 'CONSUMER'; 'superuser' = @() }")
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match "\[\+\] user 'tenantadmin' exists with roles TENANT_ADMIN"
        $r.Text | Should -Match "\[\+\] user 'CONSUMER' exists with roles CONSUMER"
        $r.Text | Should -Match "\[\+\] user 'superuser' exists"
    }

    It 'fails naming a missing user and a missing role' {
        $r = Invoke-Check -Config (New-UsersCheckConfig "@{ 'tenantadmin' = @('TENANT_ADMIN', 'SUPERUSER'); 'ghost' = @() }")
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match "\[-\] user 'ghost' exists"
        $r.Text | Should -Match "a user named 'ghost' should exist"
        $r.Text | Should -Match "\[-\] user 'tenantadmin' exists with roles TENANT_ADMIN, SUPERUSER"
        $r.Text | Should -Match 'lacks \[SUPERUSER\]'
        $r.Text | Should -Match 'Failed: 2,'
    }

    It 'skips the user checks when ExpectedUsers is not configured' {
        $r = Invoke-Check -Config (New-UsersCheckConfig '')
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match '\[!\] has expected users configured'
        $r.Text | Should -Not -Match "user '.*' exists"
    }
}

Describe 'The environment-check kit: device health' {
    BeforeAll {
        # The file's built-in-data emulator, reset: the control API takes a device down between two runs of the kit.
        Reset-Emulator $Faulty
        $DevicesEmulator = $Faulty
        $admin = New-TestSession -Emulator $DevicesEmulator
        $healthTenant = New-MsxTenant -Session $admin -Name "Health check $(Get-Random)"
        $edges = @(1..3 | ForEach-Object { New-MsxDevice -Session $admin -TenantId $healthTenant.Id -Name "edge-$_" -Model ISR -Type ISR -OnboardType pnp -SerialKey "HC-$(Get-Random)-$_" })
        function Set-Health([string] $Id, [string] $Status, [string] $Description) {
            $null = Invoke-MsxEmulatorControl -Emulator $DevicesEmulator -Path "_emulator/devices/$Id/health" -Method PUT -Body @{ status = $Status; description = $Description }
        }
        function New-DevicesCheckConfig([string] $Tenants) {
            # The kit's usual configuration for this emulator, plus DevicesUpTenants when given.
            New-CheckConfig -Emulator $DevicesEmulator -Extra $(if ($Tenants) { "DevicesUpTenants = @($Tenants)" })
        }
    }

    It 'passes while every device of the tenant is up, and fails naming the device the control API took down' {
        foreach ($edge in $edges) { Set-Health $edge.Id up }
        $config = New-DevicesCheckConfig "'$($healthTenant.Name)'"
        $r = Invoke-Check -Config $config
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match ([regex]::Escape("[+] every device of tenant '$($healthTenant.Name)' is up"))

        Set-Health $edges[1].Id down 'no answer to keepalives'
        $r = Invoke-Check -Config $config
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match ([regex]::Escape("[-] every device of tenant '$($healthTenant.Name)' is up"))
        $r.Text | Should -Match ([regex]::Escape("device 'edge-2' ($($edges[1].Id)) is down: no answer to keepalives"))
        $r.Text | Should -Not -Match "device 'edge-1'"
        $r.Text | Should -Match 'Failed: 1,'
    }

    It 'takes a tenant id, counts a device of unknown health as not up, and fails naming a tenant that does not exist' {
        foreach ($edge in $edges) { Set-Health $edge.Id up }
        Set-Health $edges[2].Id unknown
        $r = Invoke-Check -Config (New-DevicesCheckConfig "'$($healthTenant.Id)', 'No such tenant'")
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match ([regex]::Escape("device 'edge-3' ($($edges[2].Id)) is unknown"))
        $r.Text | Should -Match ([regex]::Escape("tenant 'No such tenant' should exist"))
        $r.Text | Should -Match 'Failed: 2,'
    }

    It 'skips the device check when DevicesUpTenants is not configured' {
        $r = Invoke-Check -Config (New-DevicesCheckConfig '')
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match '\[!\] has tenants configured whose devices must be up'
    }
}
