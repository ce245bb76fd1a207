# The MSX environment checks: a Pester 5 container that takes its configuration as data.
#   $c = New-PesterContainer -Path ./checks/MsxEnvironment.Tests.ps1 -Data @{ Config = './msx-check.psd1' }
#   Invoke-Pester -Container $c -Output Detailed
# Config is a .psd1 path, a hashtable (see msx-check.example.psd1), or $null for MSX_* environment variables only.
# Normally run through Invoke-MsxCheck.ps1, which imports Pester and the module and sets the exit code.
param($Config)

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'MsxCheckConfig.ps1')
    # Discovery only needs the names (for the report); a bad configuration fails in BeforeAll below.
    try { $discovered = Get-MsxCheckSettings -Config $Config } catch { $discovered = @{ ExpectedTenants = @(); ExpectedRoles = @(); LatencySamples = '?'; LatencyBudgetMs = @{ MedianMs = '?'; P95Ms = '?' }; Server = '(bad configuration)' } }
    $tenantCases = @($discovered.ExpectedTenants | ForEach-Object { @{ Name = [string] $_ } })
    $userCases = @($discovered['ExpectedUsers'] | Where-Object { $_ } | ForEach-Object { @{ UserName = $_.UserName; Roles = @($_.Roles) } })
    $deviceTenantCases = @(@(try { Get-MsxCheckDeviceTenants -Settings $discovered } catch { }) | Where-Object { $_ } | ForEach-Object { @{ Tenant = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'MsxCheckConfig.ps1')
    if (-not (Get-Command Get-MsxAccessToken -ErrorAction SilentlyContinue)) { Import-Module MsxModule -ErrorAction Stop }

    $script:Settings = Get-MsxCheckSettings -Config $Config
    $script:Session = $null
    $script:LoginError = $null
    $script:LoginStartedOn = [DateTimeOffset]::Now
    try {
        $creds = Get-MsxCheckCredentials -Settings $Settings
        $login = @{
            Server           = $Settings.Server
            ClientCredential = $creds.ClientCredential
            Credential       = $creds.Credential
            TimeoutSec       = $Settings.TimeoutSec
            NotDefault       = $true
            ErrorAction      = 'Stop'
        }
        if ($Settings.AllowUntrustedCertificate) { $login.SkipCertificateCheck = $true; $login.WarningAction = 'SilentlyContinue' }
        $script:LoginStartedOn = [DateTimeOffset]::Now
        $script:Session = Get-MsxAccessToken @login
    }
    catch { $script:LoginError = "$($_.Exception.Message)" }

    function Assert-Session {
        # Skips the calling It when there is no session: the login check already reports why.
        if (-not $script:Session) { Set-ItResult -Skipped -Because 'no token could be obtained (see Login)' }
    }
}

AfterAll {
    if ($script:Session) { Disconnect-MsxSession -Session $script:Session -ErrorAction SilentlyContinue }
}

Describe "MSX server $($discovered.Server)" {
    BeforeAll {
        $script:Probe = Test-MsxConnection -Server $Settings.Server -TimeoutSec $Settings.TimeoutSec
    }

    It 'answers HTTP requests' {
        $Probe.Reachable | Should -BeTrue -Because "the server should answer ($($Probe.Error))"
    }

    It 'presents a trusted TLS certificate' {
        if (([Uri] $Settings.Server).Scheme -ne 'https') { Set-ItResult -Skipped -Because 'the server is plain http, there is no TLS to check' }
        if (-not $Probe.Reachable) { Set-ItResult -Skipped -Because "the server did not answer ($($Probe.Error))" }
        if (-not $Probe.TlsValid -and $Settings.AllowUntrustedCertificate) {
            Set-ItResult -Skipped -Because "the certificate ($($Probe.CertificateSubject)) is not trusted but AllowUntrustedCertificate is set: $($Probe.TlsError)"
        }
        $Probe.TlsValid | Should -BeTrue -Because "the certificate $($Probe.CertificateSubject) should be trusted ($($Probe.TlsError))"
    }
}

Describe 'Login' {
    It 'obtains an access token' {
        $LoginError | Should -BeNullOrEmpty -Because 'the login should succeed'
        $Session | Should -Not -BeNullOrEmpty
    }

    It 'issues a token that lives as long as configured' {
        Assert-Session
        if (-not $Settings.ExpectedTokenLifetimeSec) { Set-ItResult -Skipped -Because 'ExpectedTokenLifetimeSec is not configured' }
        $lifetime = ($Session.ExpiresOn - $LoginStartedOn).TotalSeconds
        $expected = [double] $Settings.ExpectedTokenLifetimeSec
        $tolerance = [double] $Settings.TokenLifetimeToleranceSec
        [Math]::Abs($lifetime - $expected) | Should -BeLessOrEqual $tolerance -Because "the token should live $expected s (±$tolerance s), it lives $([Math]::Round($lifetime)) s (expires $($Session.ExpiresOn))"
    }

    It 'logs in a user with the expected roles' {
        Assert-Session
        if (-not $Settings.ExpectedRoles) { Set-ItResult -Skipped -Because 'ExpectedRoles is not configured' }
        $user = Get-MsxCurrentUser -Session $Session -ErrorAction Stop
        $missing = @($Settings.ExpectedRoles | Where-Object { $_ -notin @($user.Roles) })
        $missing | Should -BeNullOrEmpty -Because "user $($user.UserName) has roles [$(@($user.Roles) -join ', ')] but lacks [$($missing -join ', ')]"
    }
}

Describe 'Expected tenants' {
    BeforeAll {
        $script:AllTenants = $null
        $script:TenantListError = $null
        if ($Session -and $Settings.ExpectedTenants) {   # one listing for every expected tenant
            try { $script:AllTenants = @(Get-MsxTenant -Session $Session -ErrorAction Stop) }
            catch { $script:TenantListError = "$($_.Exception.Message)" }
        }
    }

    foreach ($case in $tenantCases) {
    It "tenant '$($case.Name)' exists" -ForEach $case {
        Assert-Session
        $TenantListError | Should -BeNullOrEmpty -Because 'the tenant list should be readable'
        $found = @($AllTenants | Where-Object Name -EQ $Name)
        $found.Count | Should -BeGreaterThan 0 -Because "a tenant named '$Name' should exist on $($Settings.Server)"
    }
    }

    if ($tenantCases.Count -eq 0) {
        It 'has expected tenants configured' { Set-ItResult -Skipped -Because 'ExpectedTenants is not configured' }
    }
}

Describe 'Expected users' {
    BeforeAll {
        $script:AllUsers = $null
        $script:UserListError = $null
        if ($Session -and $Settings.ExpectedUsers) {   # one listing (with role names) for every expected user
            try { $script:AllUsers = @(Get-MsxUser -Session $Session -ErrorAction Stop) }
            catch { $script:UserListError = "$($_.Exception.Message)" }
        }
    }

    foreach ($case in $userCases) {
    It "user '$($case.UserName)' exists$(if ($case.Roles) { " with roles $($case.Roles -join ', ')" })" -ForEach $case {
        Assert-Session
        $UserListError | Should -BeNullOrEmpty -Because 'the user list should be readable (the check needs a user that may list users)'
        $found = @($AllUsers | Where-Object UserName -EQ $UserName)
        $found.Count | Should -BeGreaterThan 0 -Because "a user named '$UserName' should exist on $($Settings.Server)"
        $missing = @($Roles | Where-Object { $_ -notin @($found[0].Roles) })
        $missing | Should -BeNullOrEmpty -Because "user $UserName has roles [$(@($found[0].Roles) -join ', ')] but lacks [$($missing -join ', ')]"
    }
    }

    if ($userCases.Count -eq 0) {
        It 'has expected users configured' { Set-ItResult -Skipped -Because 'ExpectedUsers is not configured' }
    }
}

Describe 'Tenant round-trip' {
    BeforeAll {
        $script:TripName = "msx-check-$([guid]::NewGuid())"
        $script:TripTenant = $null
    }

    AfterAll {
        # Whatever failed above, no throwaway tenant of this run stays behind (also one whose create answer was lost).
        if ($Session -and $Settings.TenantRoundTrip) {
            $left = @()
            if ($TripTenant) { $left += @(Get-MsxTenant -Id $TripTenant.Id -Session $Session -ErrorAction SilentlyContinue) }
            $left += @(Get-MsxTenant -Name $TripName -Session $Session -ErrorAction SilentlyContinue)
            foreach ($id in @($left | Where-Object { $_ -and $_.Name -like 'msx-check-*' } | ForEach-Object Id | Select-Object -Unique)) {
                Remove-MsxTenant -Id $id -Force -Session $Session -ErrorAction SilentlyContinue
            }
        }
    }

    BeforeEach {
        Assert-Session
        if (-not $Settings.TenantRoundTrip) { Set-ItResult -Skipped -Because 'TenantRoundTrip is $false' }
    }

    It 'creates a throwaway tenant' {
        $script:TripTenant = New-MsxTenant -Name $TripName -Description 'Created by the MSX environment check; safe to delete.' -Session $Session -ErrorAction Stop
        $TripTenant.Name | Should -Be $TripName
    }

    It 'reads the throwaway tenant back' {
        if (-not $TripTenant) { Set-ItResult -Skipped -Because 'the tenant was not created' }
        (Get-MsxTenant -Id $TripTenant.Id -Session $Session -ErrorAction Stop).Name | Should -Be $TripName
    }

    It "updates the throwaway tenant's description" {
        if (-not $TripTenant) { Set-ItResult -Skipped -Because 'the tenant was not created' }
        $description = "Updated by the MSX environment check at $([DateTimeOffset]::UtcNow.ToString('o'))."
        Set-MsxTenant -Id $TripTenant.Id -Description $description -Session $Session -ErrorAction Stop
        (Get-MsxTenant -Id $TripTenant.Id -Session $Session -ErrorAction Stop).Description | Should -Be $description
    }

    It 'deletes the throwaway tenant' {
        if (-not $TripTenant) { Set-ItResult -Skipped -Because 'the tenant was not created' }
        Remove-MsxTenant -Id $TripTenant.Id -Force -Session $Session -ErrorAction Stop
        $after = Get-MsxTenant -Id $TripTenant.Id -Session $Session -ErrorAction SilentlyContinue -ErrorVariable notFound
        $after | Should -BeNullOrEmpty -Because 'the deleted tenant should be gone'
        "$($notFound.FullyQualifiedErrorId)" | Should -BeLike 'MsxTenantNotFound*'
    }
}

Describe "Latency ($($discovered.LatencySamples) calls)" {
    BeforeAll {
        $script:Latency = $null
        $script:LatencyError = $null
        if ($Session) {
            # A cheap read: a known tenant by id, else the current user.
            $known = @($AllTenants | Where-Object { $_ -and $_.Name -in @($Settings.ExpectedTenants) }) | Select-Object -First 1
            if ($known) {
                $script:ProbeName = "Get-MsxTenant -Id $($known.Id) ($($known.Name))"
                $call = { $null = Get-MsxTenant -Id $known.Id -Session $Session -ErrorAction Stop }
            }
            else {
                $script:ProbeName = 'Get-MsxCurrentUser'
                $call = { $null = Get-MsxCurrentUser -Session $Session -ErrorAction Stop }
            }
            try {
                & $call   # warm-up, not measured
                $timings = foreach ($i in 1..$Settings.LatencySamples) {
                    $sw = [Diagnostics.Stopwatch]::StartNew(); & $call; $sw.Stop(); $sw.Elapsed.TotalMilliseconds
                }
                $script:Latency = Get-MsxCheckLatencyStats -Samples $timings
            }
            catch { $script:LatencyError = "$($_.Exception.Message)" }
        }
    }

    BeforeEach {
        Assert-Session
        if ($LatencyError) { throw "The latency probe $ProbeName failed: $LatencyError" }
    }

    It "median latency is within the budget ($($discovered.LatencyBudgetMs.MedianMs) ms)" {
        if (-not $Settings.LatencyBudgetMs.MedianMs) { Set-ItResult -Skipped -Because 'LatencyBudgetMs.MedianMs is not configured' }
        $Latency.MedianMs | Should -BeLessOrEqual $Settings.LatencyBudgetMs.MedianMs -Because "the median of $($Latency.Count) calls of $ProbeName was $($Latency.MedianMs) ms (p95 $($Latency.P95Ms) ms, max $($Latency.MaxMs) ms; budget $($Settings.LatencyBudgetMs.MedianMs) ms)"
    }

    It "95th percentile latency is within the budget ($($discovered.LatencyBudgetMs.P95Ms) ms)" {
        if (-not $Settings.LatencyBudgetMs.P95Ms) { Set-ItResult -Skipped -Because 'LatencyBudgetMs.P95Ms is not configured' }
        $Latency.P95Ms | Should -BeLessOrEqual $Settings.LatencyBudgetMs.P95Ms -Because "the 95th percentile of $($Latency.Count) calls of $ProbeName was $($Latency.P95Ms) ms (median $($Latency.MedianMs) ms, max $($Latency.MaxMs) ms; budget $($Settings.LatencyBudgetMs.P95Ms) ms)"
    }
}

Describe 'Device health' {
    foreach ($case in $deviceTenantCases) {
    It "every device of tenant '$($case.Tenant)' is up" -ForEach $case {
        Assert-Session
        $id = [guid]::Empty
        $found = if ([guid]::TryParse($Tenant, [ref] $id)) { Get-MsxTenant -Session $Session -Id $id -ErrorAction SilentlyContinue }
                  else { @(Get-MsxTenant -Session $Session -Name ([WildcardPattern]::Escape($Tenant)) -ErrorAction SilentlyContinue) | Select-Object -First 1 }
        $found | Should -Not -BeNullOrEmpty -Because "tenant '$Tenant' should exist on $($Settings.Server)"
        $devices = @(Get-MsxDevice -Session $Session -TenantId $found.Id -ErrorAction Stop)
        $unknown = $null
        $health = @($devices | Get-MsxDeviceHealth -ErrorAction SilentlyContinue -ErrorVariable unknown)
        # A device the monitor knows nothing about is not up either.
        $problems = @($health | Where-Object Status -ne 'up' | ForEach-Object { "device '$($_.DeviceName)' ($($_.Id)) is $($_.Status)$(if ($_.Description) { ": $($_.Description)" })" }) +
            @($unknown | Where-Object { $_ } | ForEach-Object { "device $($_.TargetObject) has no health: $($_.Exception.Message)" })
        $problems | Should -BeNullOrEmpty -Because "every device of tenant '$($found.Name)' should be up ($($devices.Count) device(s)), but $($problems -join '; ')"
    }
    }

    if ($deviceTenantCases.Count -eq 0) {
        It 'has tenants configured whose devices must be up' { Set-ItResult -Skipped -Because 'DevicesUpTenants is not configured' }
    }
}
