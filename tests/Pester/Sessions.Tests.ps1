BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # Clients whose tokens live 2 seconds, one with and one without the refresh_token grant, and one whose
    # tokens live 10 minutes (expired only by moving the manual clock, never by the real one during a test).
    $grants = @('password', 'urn:cisco:nfv:oauth:grant-type:switch-tenant', 'urn:cisco:nfv:oauth:grant-type:switch-user')
    $scopes = @('read', 'write', 'openid', 'profile', 'email', 'tenant_hierarchy', 'token_details')
    $data = @{
        clients = @(
            @{ clientId = 'short-client'; clientSecret = 'short-client-secret-0001'; grantTypes = $grants; scopes = $scopes; accessTokenValiditySeconds = 2; refreshTokenValiditySeconds = 60 }
            @{ clientId = 'short-refresh-client'; clientSecret = 'short-refresh-secret-0002'; grantTypes = $grants + 'refresh_token'; scopes = $scopes; accessTokenValiditySeconds = 2; refreshTokenValiditySeconds = 60 }
            @{ clientId = 'ten-minute-client'; clientSecret = 'ten-minute-client-secret-0003'; grantTypes = $grants; scopes = $scopes; accessTokenValiditySeconds = 600; refreshTokenValiditySeconds = 1200 }
            @{ clientId = $SeedClientId; clientSecret = $SeedClientSecretText; grantTypes = $grants; scopes = $scopes; accessTokenValiditySeconds = 9000; refreshTokenValiditySeconds = 18000 }
        )
        users   = @(
            @{ username = 'superuser'; password = $SeedPasswordText; firstName = 'Super'; lastName = 'User'; email = 'superuser@example.com'; roles = @('SUPERUSER'); tenantIds = @('1817ec68-e182-4865-8d83-fc13035b4811') }
            @{ username = 'tenantadmin'; password = 'Tenant-Admin-Pa55!'; firstName = 'Tenant'; lastName = 'Admin'; email = 'ta@example.com'; roles = @('TENANT_ADMIN'); tenantIds = @('133815cb-2335-474d-8c10-3e635aba94fd') }
            @{ username = 'consumer'; password = 'Consumer-Pa55!'; firstName = 'Con'; lastName = 'Sumer'; email = 'c@example.com'; roles = @('CONSUMER'); tenantIds = @('838a148f-1175-4a11-8ac2-4e4ee0a8e048') }
        )
        tenants = @(
            @{ id = '1817ec68-e182-4865-8d83-fc13035b4811'; name = 'Dandelion and Burdock' }
            @{ id = '133815cb-2335-474d-8c10-3e635aba94fd'; name = 'Coke' }
            @{ id = '838a148f-1175-4a11-8ac2-4e4ee0a8e048'; name = 'Pepsi' }
        )
    }
    $dataFile = Join-Path ([IO.Path]::GetTempPath()) "msx-sessions-$([guid]::NewGuid()).json"
    $data | ConvertTo-Json -Depth 5 | Set-Content $dataFile
    $emulator = Start-MsxEmulator -ArgumentList '--control', '--data', $dataFile
    # The same data on a clock that moves only when a test moves it: tokens expire without waiting.
    $clocked = Start-MsxEmulator -ArgumentList '--control', '--manual-clock', '--data', $dataFile
    $coke = [guid]'133815cb-2335-474d-8c10-3e635aba94fd'

    function Get-TokenRequests { @(Get-EmulatorRequests $emulator | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/idm/v2/token' }) }
}

AfterAll {
    $emulator, $clocked | Stop-MsxEmulator
    Remove-Item $dataFile -ErrorAction SilentlyContinue
}

Describe 'A session outlives its token' -ForEach @(
    @{ Client = 'short-client'; Secret = 'short-client-secret-0001'; Refresh = $false }
    @{ Client = 'short-refresh-client'; Secret = 'short-refresh-secret-0002'; Refresh = $true }
) {
    It 'keeps working across many lifetimes of 2-second tokens (refresh token: <Refresh>)' {
        $session = New-TestSession -Emulator $clocked -ClientId $Client -ClientSecret $Secret
        $session.HasRefreshToken | Should -Be $Refresh
        Clear-EmulatorRequests $clocked
        $calls = 6
        for ($i = 0; $i -lt $calls; $i++) {
            (Get-MsxTenant -Id $coke -Session $session -ErrorAction Stop).Name | Should -Be 'Coke'
            Move-EmulatorClock $clocked 2500   # the token the session holds is now expired on the server
        }

        $requests = Get-EmulatorRequests $clocked
        @($requests | Where-Object { $_.path -like '/idm/api/v8/*' -and $_.status -eq 200 }).Count | Should -Be $calls
        $tokenRequests = @($requests | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/idm/v2/token' })
        $tokenRequests.Count | Should -BeGreaterOrEqual ($calls - 1) -Because 'each call after the first finds its token expired and renews it'
        @($tokenRequests | Where-Object status -ne 200).Count | Should -Be 0
        if ($Refresh) { $session.HasRefreshToken | Should -BeTrue -Because 'the refresh grant keeps issuing refresh tokens' }
    }
}

Describe 'Several sessions side by side' {
    It 'uses two sessions to two emulators alternately, each seeing its own tenants' {
        $other = Start-MsxEmulator
        try {
            $a = New-TestSession -Emulator $emulator
            $b = New-TestSession -Emulator $other
            $nameA = "only-in-a-$(Get-Random)"; $nameB = "only-in-b-$(Get-Random)"
            $null = New-MsxTenant -Name $nameA -Session $a
            $null = New-MsxTenant -Name $nameB -Session $b
            foreach ($i in 1..3) {
                (Get-MsxTenant -Session $a).Name | Should -Contain $nameA
                (Get-MsxTenant -Session $a).Name | Should -Not -Contain $nameB
                (Get-MsxTenant -Session $b).Name | Should -Contain $nameB
                (Get-MsxTenant -Session $b).Name | Should -Not -Contain $nameA
            }
            (Get-MsxTenant -Session $b).Name | Should -Contain 'Sprite' -Because 'the second emulator has the built-in data'
            (Get-MsxTenant -Session $a).Name | Should -Not -Contain 'Sprite' -Because 'the first emulator has the data file'
        }
        finally { $other | Stop-MsxEmulator }
    }

    It '-NotDefault leaves the default session alone; Get-MsxSession marks the default' {
        $default = New-TestSession -Emulator $emulator -Default
        $extra = New-TestSession -Emulator $emulator
        (Get-MsxSession -Default).Id | Should -Be $default.Id
        $sessions = Get-MsxSession
        $sessions.Id | Should -Contain $default.Id
        $sessions.Id | Should -Contain $extra.Id
        @($sessions | Where-Object Default).Id | Should -Be @($default.Id)
        (Get-MsxSession -Id $extra.Id).Default | Should -BeFalse
    }

    It 'Disconnect-MsxSession revokes the token (DELETE /idm/v2/logout) and later use fails clearly' {
        $session = New-TestSession -Emulator $emulator
        $token = Get-MsxAccessToken -Session $session -AsPlainText
        Clear-EmulatorRequests $emulator

        Disconnect-MsxSession -Session $session

        @(Get-EmulatorRequests $emulator | Where-Object { $_.method -eq 'DELETE' -and $_.path -eq '/idm/v2/logout' }).Count | Should -Be 1
        (Get-MsxSession).Id | Should -Not -Contain $session.Id
        $session.Connected | Should -BeFalse
        { Get-MsxTenant -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'MsxSessionDisconnected,*'
        $status = $null
        try { Invoke-RestMethod -Uri "$($emulator.Uri)idm/api/v8/tenants/$coke" -Headers @{ Authorization = "Bearer $token" } } catch { $status = $_.Exception.Response.StatusCode.value__ }
        $status | Should -Be 401
    }
}

Describe 'Eight runspaces share one session through an expiry' {
    It 'sends exactly one token request per renewal' {
        # 10-minute tokens on the manual clock: each round moves the clock past the token's expiry, so the
        # eight runspaces' first calls all meet a 401 together, and the session renews once for all of them.
        $session = New-TestSession -Emulator $clocked -ClientId 'ten-minute-client' -ClientSecret 'ten-minute-client-secret-0003'
        $before = $session.TokenRequestCount
        Clear-EmulatorRequests $clocked
        $manifest = $ModuleManifest
        $rounds = 3
        for ($round = 0; $round -lt $rounds; $round++) {
            Move-EmulatorClock $clocked 601000   # the token the session holds is now expired on the server
            $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:manifest
                $s = $using:session
                $n = 0; $errors = 0
                foreach ($i in 1..5) {
                    try { $null = Get-MsxTenant -Id '133815cb-2335-474d-8c10-3e635aba94fd' -Session $s -ErrorAction Stop; $n++ } catch { $errors++ }
                }
                [pscustomobject]@{ Calls = $n; Errors = $errors }
            }
            ($results.Errors | Measure-Object -Sum).Sum | Should -Be 0
            ($results.Calls | Measure-Object -Sum).Sum | Should -Be 40
        }

        $tokenRequests = @(Get-EmulatorRequests $clocked | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/idm/v2/token' })
        $renewals = $session.TokenRequestCount - $before
        $renewals | Should -Be $rounds -Because 'single flight: one renewal per expiry, however many runspaces met it'
        $tokenRequests.Count | Should -Be $renewals -Because 'the server saw exactly the renewals the session made'
        @($tokenRequests | Where-Object status -ne 200).Count | Should -Be 0
        $api = @(Get-EmulatorRequests $clocked | Where-Object { $_.path -like '/idm/api/v8/*' })
        @($api | Where-Object status -eq 200).Count | Should -Be (40 * $rounds)
        @($api | Where-Object { $_.status -notin 200, 401 }).Count | Should -Be 0 -Because 'a call that met the expired token is replayed after the renewal'
    }
}

Describe 'Tenant and user context' {
    It 'Switch-MsxTenant moves the session to another tenant' {
        $session = New-TestSession -Emulator $emulator
        $session.TenantId | Should -Be '1817ec68-e182-4865-8d83-fc13035b4811'
        Switch-MsxTenant -TenantId $coke -Session $session
        $session.TenantId | Should -Be $coke
        (Switch-MsxTenant -TenantId '838a148f-1175-4a11-8ac2-4e4ee0a8e048' -Session $session -PassThru).TenantId | Should -Be '838a148f-1175-4a11-8ac2-4e4ee0a8e048'
    }

    It 'fails clearly for the same tenant, an unknown tenant and a user without permission' {
        $session = New-TestSession -Emulator $emulator
        $err = $null
        try { Switch-MsxTenant -TenantId $session.TenantId -Session $session -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxSwitchTenantFailed,*'
        $err.ErrorDetails.Message | Should -BeLike '*same tenant*'

        { Switch-MsxTenant -TenantId ([guid]::NewGuid()) -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'MsxSwitchTenantFailed,*'

        $consumer = New-TestSession -Emulator $emulator -Credential ([pscredential]::new('consumer', (ConvertTo-SecureString 'Consumer-Pa55!' -AsPlainText -Force)))
        $err = $null
        try { Switch-MsxTenant -TenantId $coke -Session $consumer -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxSwitchTenantFailed,*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $consumer.TenantId | Should -Be '838a148f-1175-4a11-8ac2-4e4ee0a8e048' -Because 'a failed switch changes nothing'
    }

    It 'Switch-MsxUser works for a permitted user and Get-MsxCurrentUser shows the switched user' {
        $session = New-TestSession -Emulator $emulator
        (Get-MsxCurrentUser -Session $session).UserName | Should -Be 'superuser'
        Switch-MsxUser -UserName 'consumer' -Session $session
        $session.UserName | Should -Be 'consumer'
        $user = Get-MsxCurrentUser -Session $session
        $user.UserName | Should -Be 'consumer'
        $user.Roles | Should -Contain 'CONSUMER'
    }

    It 'Switch-MsxUser fails clearly for a user without permission' {
        $admin = New-TestSession -Emulator $emulator -Credential ([pscredential]::new('tenantadmin', (ConvertTo-SecureString 'Tenant-Admin-Pa55!' -AsPlainText -Force)))
        $err = $null
        try { Switch-MsxUser -UserName 'consumer' -Session $admin -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxSwitchUserFailed,*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.ErrorDetails.Message | Should -BeLike "*user 'consumer'*"
        $admin.UserName | Should -Be 'tenantadmin'
    }
}

Describe 'Credentials without prompts' {
    BeforeAll {
        $preamble = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
"@
    }

    It 'logs in from a non-interactive script with -ClientSecret and -Credential' {
        $r = Invoke-ChildPwsh -Script ($preamble + @"

`$s = ConvertTo-SecureString '$SeedClientSecretText' -AsPlainText -Force
`$c = [pscredential]::new('superuser', (ConvertTo-SecureString '$($SeedPasswordText.Replace("'", "''"))' -AsPlainText -Force))
(Get-MsxAccessToken -Server '$($emulator.Uri)' -ClientId '$SeedClientId' -ClientSecret `$s -Credential `$c).UserName
(Get-MsxTenant -Id $coke).Name
"@)
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Be @('superuser', 'Coke')
    }

    It 'logs in with -ClientCredential (client id as the user name)' {
        $r = Invoke-ChildPwsh -Script ($preamble + @"

`$cc = [pscredential]::new('$SeedClientId', (ConvertTo-SecureString '$SeedClientSecretText' -AsPlainText -Force))
`$c = [pscredential]::new('superuser', (ConvertTo-SecureString '$($SeedPasswordText.Replace("'", "''"))' -AsPlainText -Force))
(Get-MsxAccessToken '$($emulator.Uri)' -ClientCredential `$cc -Credential `$c).ClientId
"@)
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Be @($SeedClientId)
    }

    It 'logs in from the MSX_* environment variables' {
        $r = Invoke-ChildPwsh -Script ($preamble + @"

`$s = Get-MsxAccessToken -FromEnvironment
"`$(`$s.UserName)@`$(`$s.Server)"
"@) -Environment @{
            MSX_SERVER = "$($emulator.Uri)"; MSX_CLIENT_ID = $SeedClientId; MSX_CLIENT_SECRET = $SeedClientSecretText
            MSX_USERNAME = 'superuser'; MSX_PASSWORD = $SeedPasswordText
        }
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Be @("superuser@$($emulator.Uri)")
    }

    It 'names the missing environment variable instead of prompting' {
        $r = Invoke-ChildPwsh -Script ($preamble + @"

try { Get-MsxAccessToken -FromEnvironment } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
"@) -Environment @{ MSX_SERVER = "$($emulator.Uri)"; MSX_CLIENT_ID = $SeedClientId; MSX_CLIENT_SECRET = $null; MSX_USERNAME = 'superuser'; MSX_PASSWORD = 'x' }
        $r.Output[0] | Should -BeLike 'MsxEnvironmentVariableMissing,*'
        $r.Output[1] | Should -BeLike '*MSX_CLIENT_SECRET*'
    }
}

Describe 'No secret in any output' {
    It 'shows no password, client secret, access or refresh token with -Verbose -Debug, in Format-List * or in errors' {
        $secretText = 'short-refresh-secret-0002'
        $session = New-TestSession -Emulator $clocked -ClientId 'short-refresh-client' -ClientSecret $secretText -Options @{ Verbose = $true; Debug = $true }
        $tokens = @(Get-MsxAccessToken -Session $session -AsPlainText)
        $DebugPreference = 'Continue'
        $output = & {
            $session | Format-List * | Out-String
            Get-MsxSession | Format-List * | Out-String
            $t = New-MsxTenant -Name "secret-$(Get-Random)" -Session $session -Verbose -Debug
            Get-MsxTenant -Id $t.Id -Session $session -Verbose -Debug
            Move-EmulatorClock $clocked 3000   # the token expires on the server, so renewal (refresh grant) is logged too
            Set-MsxTenant -Id $t.Id -Description 'x' -Session $session -Verbose -Debug
            Remove-MsxTenant -Id $t.Id -Force -Session $session -Verbose -Debug
            Get-MsxTenant -Id $t.Id -Session $session -Verbose -Debug -ErrorAction Continue
            try { Get-MsxAccessToken -Server $clocked.Uri -ClientId 'short-refresh-client' -ClientSecret (ConvertTo-SecureString $secretText -AsPlainText -Force) -Credential ([pscredential]::new('superuser', (ConvertTo-SecureString 'Wrong-Pa55word!' -AsPlainText -Force))) -NotDefault -Verbose -Debug -ErrorAction Stop }
            catch { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() }
        } *>&1 | Out-String
        $tokens += Get-MsxAccessToken -Session $session -AsPlainText
        $output | Should -Not -BeNullOrEmpty
        $output | Should -Match 'POST .*idm/v2/token'
        foreach ($secret in @($SeedPasswordText, $secretText, 'Wrong-Pa55word!') + $tokens) {
            $output.Contains($secret) | Should -BeFalse -Because "no secret may be printed"
        }
        $tokens.Count | Should -BeGreaterOrEqual 2
    }
}
