# The platform core: objects remember their session, dry runs name what they change and send nothing,
# errors are built from redacted text and recommend what fits, and nothing is sent that need not be.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $prod = Start-MsxEmulator -ArgumentList '--control'
    $staging = Start-MsxEmulator -ArgumentList '--control'
    $prodSession = New-TestSession -Emulator $prod -Default
    $stagingSession = New-TestSession -Emulator $staging
    $sprite = '8b06bda7-61a0-41cf-9aaa-61af86aeaec5'
    $coke = '133815cb-2335-474d-8c10-3e635aba94fd'
}

AfterAll {
    $prod, $staging | Stop-MsxEmulator
}

Describe 'An object remembers the session it came from' {
    BeforeEach {
        Invoke-MsxEmulatorControl -Emulator $prod -Path '_emulator/reset' -Method POST
        Invoke-MsxEmulatorControl -Emulator $staging -Path '_emulator/reset' -Method POST
    }

    It 'a tenant read through a non-default session is removed there, and nothing changes on the default server' {
        Clear-EmulatorRequests $prod
        Get-MsxTenant -Name 'Sprite' -Session $stagingSession | Remove-MsxTenant -Force
        @(Get-MsxTenant -Name 'Sprite' -Session $stagingSession -ErrorAction SilentlyContinue).Count | Should -Be 0 -Because 'staging lost Sprite'
        (Get-MsxTenant -Id $sprite -Session $prodSession).Name | Should -Be 'Sprite' -Because 'prod kept it'
        @(Get-EmulatorRequests $prod | Where-Object method -ne 'GET').Count | Should -Be 0
    }

    It 'a tenant read through a non-default session is changed there' {
        Get-MsxTenant -Id $coke -Session $stagingSession | Set-MsxTenant -Description 'staging only'
        (Get-MsxTenant -Id $coke -Session $stagingSession).Description | Should -Be 'staging only'
        (Get-MsxTenant -Id $coke -Session $prodSession).Description | Should -Not -Be 'staging only'
    }

    It 'an explicit -Session naming another session is an error, and nothing is sent anywhere' {
        $tenant = Get-MsxTenant -Id $sprite -Session $stagingSession
        Clear-EmulatorRequests $prod; Clear-EmulatorRequests $staging
        $err = $null
        try { $tenant | Remove-MsxTenant -Force -Session $prodSession -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxSessionMismatch,*'
        $err.Exception.Message | Should -BeLike '*nothing was sent*'
        @(Get-EmulatorRequests $prod).Count | Should -Be 0
        @(Get-EmulatorRequests $staging).Count | Should -Be 0
    }

    It 'an explicit -Session that is the object''s own is fine' {
        $tenant = Get-MsxTenant -Id $coke -Session $stagingSession
        $tenant | Set-MsxTenant -Description 'same session' -Session $stagingSession
        (Get-MsxTenant -Id $coke -Session $stagingSession).Description | Should -Be 'same session'
    }
}

Describe 'Dry runs and confirmations name the item and the server, and no extra GET is made' {
    It 'Remove-MsxTenant -WhatIf on piped tenants names each one and its server, and sends nothing' {
        $tenants = Get-MsxTenant -Name 'Coke', 'Pepsi' -Session $stagingSession
        Clear-EmulatorRequests $staging
        $lines = Get-HostOutput { $tenants | Remove-MsxTenant -WhatIf }
        $lines | Should -BeLike "*Tenant 'Coke' ($coke) on $($staging.Uri)*"
        $lines | Should -BeLike "*Tenant 'Pepsi' (*) on $($staging.Uri)*"
        @(Get-EmulatorRequests $staging).Count | Should -Be 0
    }

    It 'Set-MsxTenant on a piped tenant sends one PUT and no GET' {
        $tenant = Get-MsxTenant -Id $coke -Session $stagingSession
        Clear-EmulatorRequests $staging
        $tenant | Set-MsxTenant -Description "one put $(Get-Random)"
        @(Get-EmulatorRequests $staging | ForEach-Object method) | Should -Be @('PUT')
    }

    It 'Remove-MsxTenant on a piped tenant sends one DELETE and no GET' {
        $t = New-MsxTenant -Name "one-delete-$(Get-Random)" -Session $stagingSession
        Clear-EmulatorRequests $staging
        $t | Remove-MsxTenant -Force
        @(Get-EmulatorRequests $staging | ForEach-Object method) | Should -Be @('DELETE')
    }
}

Describe 'Nothing is sent that need not be' {
    It 'Set-MsxTenant with no field to change sends nothing and says so on Verbose' {
        Clear-EmulatorRequests $staging
        $verbose = Set-MsxTenant -Id $coke -Session $stagingSession -Verbose 4>&1 | Out-String
        $verbose | Should -BeLike '*nothing was sent*'
        @(Get-EmulatorRequests $staging).Count | Should -Be 0
    }

    It 'Set-MsxTenant with the values the tenant already has sends no PUT and says so on Verbose' {
        $tenant = Get-MsxTenant -Id $coke -Session $stagingSession
        Clear-EmulatorRequests $staging
        $verbose = $tenant | Set-MsxTenant -Name $tenant.Name -Description $tenant.Description -Verbose 4>&1 | Out-String
        $verbose | Should -BeLike '*already has the given values*'
        @(Get-EmulatorRequests $staging | Where-Object method -eq 'PUT').Count | Should -Be 0
    }
}

Describe 'Conflicts name the existing item' {
    It 'a name taken in another case names the existing tenant, its id and the server''s code' {
        $err = $null
        try { New-MsxTenant -Name 'COKE' -Session $stagingSession -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxTenantExists,*'
        $err.TargetObject | Should -Be 'COKE'
        $err.Exception.Message | Should -BeLike "*'Coke' ($coke) already exists*'COKE'*TENANT_ALREADY_EXISTS*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike "*$coke*"
    }
}

Describe 'Retries honour Retry-After on every path' {
    AfterEach { Invoke-MsxEmulatorControl -Emulator $staging -Path '_emulator/faults' -Method DELETE }

    It 'a create refused with 429 and Retry-After waits that long, then succeeds with one tenant made' {
        $name = "retry-after-$(Get-Random)"
        # The session's waits move its own clock and return at once: the wait asked for is what counts.
        $clock = New-EmulatorClockDriver
        $timed = New-TestSession -Emulator $staging -ClockDriver $clock
        $null = Invoke-MsxEmulatorControl -Emulator $staging -Path '_emulator/faults' -Method POST -Body @{ method = 'POST'; path = '/idm/api/v8/tenants'; status = 429; retryAfterSeconds = 1; count = 1 }
        $verbose = New-MsxTenant -Name $name -Session $timed -Verbose 4>&1 | Out-String
        $verbose | Should -Match '429.*retry 1 of \d+ in 1\.0 s'
        @($clock.Waits.TotalMilliseconds) | Should -Be @(1000)
        @(Get-MsxTenant -Name $name -Session $stagingSession).Count | Should -Be 1
        @(Get-EmulatorFaults $staging).Count | Should -Be 0 -Because 'the fault fired'
    }
}

Describe 'Recommendations fit the failure' {
    It 'a refused tenant switch does not advise checking the password' {
        $err = $null
        $own = (Get-MsxSession -Id $stagingSession.Id).TenantId
        try { Switch-MsxTenant -TenantId $own -Session $stagingSession -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxSwitchTenantFailed,*'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeLike '*password*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*tenant*'
    }

    It 'a server address with a wrong path advises checking -Server, not an id' {
        $err = $null
        $wrong = [Uri]::new($staging.Uri, 'not/msx/')
        try { New-TestSession -Emulator ([pscustomobject]@{ Uri = $wrong }) -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxInvalidServer,*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-Server*'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeLike '*Check the id*'
    }

    It 'HTTPS to a plain-HTTP port does not advise -SkipCertificateCheck' {
        $err = $null
        $https = [Uri]::new(($staging.Uri.AbsoluteUri -replace '^http:', 'https:'))
        try { New-TestSession -Emulator ([pscustomobject]@{ Uri = $https }) -ErrorAction Stop } catch { $err = $_ }
        $err.ErrorDetails.RecommendedAction | Should -Not -BeLike '*SkipCertificateCheck*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*http*'
    }

    It 'a name conflict does not say "Resolve the conflict named in the message"' {
        $err = $null
        try { New-MsxTenant -Name 'Pepsi' -Session $stagingSession -ErrorAction Stop } catch { $err = $_ }
        $err.ErrorDetails.RecommendedAction | Should -Not -BeLike '*Resolve the conflict*'
    }
}

Describe 'Messages and ErrorDetails are built from redacted text only' {
    AfterEach { Invoke-MsxEmulatorControl -Emulator $staging -Path '_emulator/faults' -Method DELETE }

    It 'a proxy page that echoes the password and the token shows neither, in the message, ErrorDetails or Verbose/Debug' {
        $session = New-TestSession -Emulator $staging -Options @{ RetryIntervalSec = 0.01; MaximumRetryCount = 1 }
        $token = Get-MsxAccessToken -Session $session -AsPlainText
        $page = "<html><head><title>Proxy error</title></head><body>user superuser password $SeedPasswordText token $token client secret $SeedClientSecretText</body></html>"
        $null = Invoke-MsxEmulatorControl -Emulator $staging -Path '_emulator/faults' -Method POST -Body @{ method = 'GET'; path = "/idm/api/v8/tenants/$coke"; status = 200; body = $page; contentType = 'text/html'; count = 1 }
        $null = Invoke-MsxEmulatorControl -Emulator $staging -Path '_emulator/faults' -Method POST -Body @{ method = 'GET'; path = "/idm/api/v8/tenants/$sprite"; status = 502; body = $page; contentType = 'text/html'; count = 2 }
        $DebugPreference = 'Continue'
        $text = & {
            try { Get-MsxTenant -Id $coke -Session $session -Verbose -ErrorAction Stop } catch { $_ | Format-List * -Force | Out-String; $_.ErrorDetails | Out-String; $_.Exception.ResponseBody }
            try { Get-MsxTenant -Id $sprite -Session $session -Verbose -ErrorAction Stop } catch { $_ | Format-List * -Force | Out-String; $_.ErrorDetails | Out-String; $_.Exception.ResponseBody }
        } *>&1 | Out-String
        @(Get-EmulatorFaults $staging).Count | Should -Be 0 -Because 'both faults fired'
        $text | Should -BeLike '*Proxy error*'
        $text | Should -Not -BeLike "*$SeedPasswordText*"
        $text | Should -Not -BeLike "*$token*"
        $text | Should -Not -BeLike "*$SeedClientSecretText*"
    }
}
