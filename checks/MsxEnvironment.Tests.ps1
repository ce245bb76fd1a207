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
    if (-not (Get-Command Connect-MsxServer -ErrorAction SilentlyContinue)) { Import-Module MsxModule -ErrorAction Stop }

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
        $login += Get-MsxCheckCertificateTrust -Settings $Settings
        $script:LoginStartedOn = [DateTimeOffset]::Now
        $script:Session = Connect-MsxServer @login
    }
    catch { $script:LoginError = Format-MsxCheckError $_ }

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
        # With AllowUntrustedCertificate the probe, like the session, skips the certificate check: TlsCheck says Skipped.
        # With CertificateAuthorityFile or CertificateThumbprint the probe trusts what the session trusts.
        $trust = Get-MsxCheckCertificateTrust -Settings $Settings
        $script:Probe = Test-MsxConnection -Server $Settings.Server -TimeoutSec $Settings.TimeoutSec -SkipCertificateCheck:([bool] $Settings.AllowUntrustedCertificate) @trust
    }

    It 'answers HTTP requests' {
        Assert-MsxCheck $Probe.Reachable "The server $($Settings.Server) did not answer: $($Probe.Error) Check the address (Server), the network and the proxy."
    }

    It 'presents a trusted TLS certificate' {
        if (([Uri] $Settings.Server).Scheme -ne 'https') { Set-ItResult -Skipped -Because 'the server is plain http, there is no TLS to check' }
        if (-not $Probe.Reachable) { Set-ItResult -Skipped -Because "the server did not answer ($($Probe.Error))" }
        if ("$($Probe.TlsCheck)" -eq 'Skipped') { Set-ItResult -Skipped -Because "AllowUntrustedCertificate is set. $($Probe.TlsError)" }
        Assert-MsxCheck ($Probe.TlsValid -eq $true) "The certificate $($Probe.CertificateSubject) of $($Settings.Server) is not trusted ($($Probe.TlsError)). Check the server's certificate and its chain, set CertificateAuthorityFile to the certificate authority that issued it, or set AllowUntrustedCertificate = `$true for a lab server."
    }
}

Describe 'Login' {
    It 'obtains an access token' {
        Assert-MsxCheck (-not $LoginError) "The login to $($Settings.Server) failed: $LoginError"
        Assert-MsxCheck ($null -ne $Session) "The login to $($Settings.Server) returned no session."
    }

    It 'issues a token that lives as long as configured' {
        Assert-Session
        if (-not $Settings.ExpectedTokenLifetimeSec) { Set-ItResult -Skipped -Because 'ExpectedTokenLifetimeSec is not configured' }
        $lifetime = ($Session.ExpiresOn - $LoginStartedOn).TotalSeconds
        $expected = [double] $Settings.ExpectedTokenLifetimeSec
        $tolerance = [double] $Settings.TokenLifetimeToleranceSec
        Assert-MsxCheck ([Math]::Abs($lifetime - $expected) -le $tolerance) "The token lives $([Math]::Round($lifetime)) s, not $expected s (+/-$tolerance s; it expires $($Session.ExpiresOn.ToString('u'))). Check accessTokenValiditySeconds of the security client '$($Session.ClientId)' on MSX, or ExpectedTokenLifetimeSec in the configuration."
    }

    It 'logs in a user with the expected roles' {
        Assert-Session
        if (-not $Settings.ExpectedRoles) { Set-ItResult -Skipped -Because 'ExpectedRoles is not configured' }
        $user = Invoke-MsxCheckStep 'Reading the current user' 'that the user may read its own account.' { Get-MsxCurrentUser -Session $Session -ErrorAction Stop }
        $missing = @($Settings.ExpectedRoles | Where-Object { $_ -notin @($user.Roles) })
        Assert-MsxCheck ($missing.Count -eq 0) "The user $($user.UserName) lacks the role(s) $($missing -join ', ') (it has: $(@($user.Roles) -join ', ')). Check the user's roles on MSX, or ExpectedRoles in the configuration."
    }
}

Describe 'Expected tenants' {
    BeforeAll {
        $script:AllTenants = $null
        $script:TenantListError = $null
        if ($Session -and $Settings.ExpectedTenants) {   # one listing for every expected tenant
            try { $script:AllTenants = @(Get-MsxTenant -Session $Session -ErrorAction Stop) }
            catch { $script:TenantListError = Format-MsxCheckError $_ }
        }
    }

    foreach ($case in $tenantCases) {
    It "tenant '$($case.Name)' exists" -ForEach $case {
        Assert-Session
        Assert-MsxCheck (-not $TenantListError) "The tenants of $($Settings.Server) could not be listed: $TenantListError"
        $found = @($AllTenants | Where-Object Name -EQ $Name)
        Assert-MsxCheck ($found.Count -gt 0) "No tenant named '$Name' on $($Settings.Server). Check that the tenant exists and the user may see it, or ExpectedTenants in the configuration."
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
        $script:RoundTripHint = 'that the user may create, change and delete tenants, or set TenantRoundTrip = $false for a read-only account.'
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
        $script:TripTenant = Invoke-MsxCheckStep 'Creating the throwaway tenant' $RoundTripHint { New-MsxTenant -Name $TripName -Description 'Created by the MSX environment check; safe to delete.' -Session $Session -ErrorAction Stop }
        Assert-MsxCheck ($TripTenant.Name -eq $TripName) "The created tenant is named '$($TripTenant.Name)', not '$TripName'. Check the server's tenant API."
    }

    It 'reads the throwaway tenant back' {
        if (-not $TripTenant) { Set-ItResult -Skipped -Because 'the tenant was not created' }
        $read = Invoke-MsxCheckStep 'Reading the throwaway tenant back' $RoundTripHint { Get-MsxTenant -Id $TripTenant.Id -Session $Session -ErrorAction Stop }
        Assert-MsxCheck ($read.Name -eq $TripName) "The tenant $($TripTenant.Id) reads back as '$($read.Name)', not '$TripName'. Check the server's tenant API."
    }

    It "updates the throwaway tenant's description" {
        if (-not $TripTenant) { Set-ItResult -Skipped -Because 'the tenant was not created' }
        $description = "Updated by the MSX environment check at $([DateTimeOffset]::UtcNow.ToString('o'))."
        Invoke-MsxCheckStep 'Updating the throwaway tenant' $RoundTripHint { Set-MsxTenant -Id $TripTenant.Id -Description $description -Session $Session -ErrorAction Stop }
        $read = Invoke-MsxCheckStep 'Reading the updated tenant' $RoundTripHint { Get-MsxTenant -Id $TripTenant.Id -Session $Session -ErrorAction Stop }
        Assert-MsxCheck ($read.Description -eq $description) "The update of tenant $($TripTenant.Id) did not stick: its description is '$($read.Description)'. Check the server's tenant API."
    }

    It 'deletes the throwaway tenant' {
        if (-not $TripTenant) { Set-ItResult -Skipped -Because 'the tenant was not created' }
        Invoke-MsxCheckStep 'Deleting the throwaway tenant' $RoundTripHint { Remove-MsxTenant -Id $TripTenant.Id -Force -Session $Session -ErrorAction Stop }
        $after = Get-MsxTenant -Id $TripTenant.Id -Session $Session -ErrorAction SilentlyContinue -ErrorVariable notFound
        Assert-MsxCheck ($null -eq $after -and "$($notFound.FullyQualifiedErrorId)" -like 'MsxTenantNotFound*') "The deleted tenant $($TripTenant.Id) can still be read ($("$($notFound.FullyQualifiedErrorId)".Split(',')[0])). Check the server's tenant API."
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
            catch { $script:LatencyError = Format-MsxCheckError $_ }
        }
    }

    BeforeEach {
        Assert-Session
        Assert-MsxCheck (-not $LatencyError) "The latency probe $ProbeName failed: $LatencyError"
    }

    It "median latency is within the budget ($($discovered.LatencyBudgetMs.MedianMs) ms)" {
        if (-not $Settings.LatencyBudgetMs.MedianMs) { Set-ItResult -Skipped -Because 'LatencyBudgetMs.MedianMs is not configured' }
        Assert-MsxCheck ($Latency.MedianMs -le $Settings.LatencyBudgetMs.MedianMs) "The median of $($Latency.Count) calls of $ProbeName was $($Latency.MedianMs) ms, over the budget of $($Settings.LatencyBudgetMs.MedianMs) ms (p95 $($Latency.P95Ms) ms, max $($Latency.MaxMs) ms). Check the server's load and the network, or LatencyBudgetMs.MedianMs in the configuration."
    }

    It "95th percentile latency is within the budget ($($discovered.LatencyBudgetMs.P95Ms) ms)" {
        if (-not $Settings.LatencyBudgetMs.P95Ms) { Set-ItResult -Skipped -Because 'LatencyBudgetMs.P95Ms is not configured' }
        Assert-MsxCheck ($Latency.P95Ms -le $Settings.LatencyBudgetMs.P95Ms) "The 95th percentile of $($Latency.Count) calls of $ProbeName was $($Latency.P95Ms) ms, over the budget of $($Settings.LatencyBudgetMs.P95Ms) ms (median $($Latency.MedianMs) ms, max $($Latency.MaxMs) ms). Check the server's load and the network, or LatencyBudgetMs.P95Ms in the configuration."
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
        # No device is not "every device is up": nothing was checked, so say so instead of passing.
        if ($devices.Count -eq 0) { Set-ItResult -Skipped -Because "tenant '$($found.Name)' has no devices, so there is nothing to check (remove it from DevicesUpTenants, or onboard its devices)" }
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
