BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # Set first, so that AfterAll stops the first emulator when the second fails to start.
    $emulator = $https = $null
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $https = Start-MsxEmulator -Https
}

AfterAll {
    $emulator, $https | Stop-MsxEmulator
}

Describe 'Test-MsxConnection' {
    It 'passes for a working session, with every check filled in' {
        $session = New-TestSession -Emulator $emulator
        $r = Test-MsxConnection -Session $session
        $r | Should -BeOfType 'MsxPowerShell.Client.MsxConnectionTestResult'
        $r.Reachable | Should -BeTrue
        $r.TlsValid | Should -BeNullOrEmpty -Because 'plain http has no certificate'
        $r.TokenValid | Should -BeTrue
        $r.TokenExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::Now)
        $r.StatusCode | Should -Be 401 -Because 'the probe carries no token'
        $r.TimeToFirstByteMs | Should -BeGreaterThan 0
        $r.Error | Should -BeNullOrEmpty
        $r.Passed | Should -BeTrue
    }

    It 'checks every session piped in' {
        $a = New-TestSession -Emulator $emulator
        $b = New-TestSession -Emulator $emulator
        @($a, $b | Test-MsxConnection).Passed | Should -Be @($true, $true)
    }

    It 'reports a token that can no longer be renewed, without throwing' {
        $session = New-TestSession -Emulator $emulator
        Disconnect-MsxSession -Session $session
        $r = Test-MsxConnection -Session $session -ErrorAction Stop
        $r.Reachable | Should -BeTrue
        $r.TokenValid | Should -BeFalse
        $r.Error | Should -BeLike '*disconnected*'
        $r.Passed | Should -BeFalse
    }

    It 'reports a server that does not answer, without throwing' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $r = Test-MsxConnection -Server "http://127.0.0.1:$port" -ErrorAction Stop
        $r.Reachable | Should -BeFalse
        $r.Error | Should -Not -BeNullOrEmpty
        $r.Passed | Should -BeFalse
    }

    It 'reports an untrusted certificate with its details, and still measures the server' {
        $r = Test-MsxConnection -Server $https.Uri
        $r.Reachable | Should -BeTrue
        $r.TlsValid | Should -BeFalse
        $r.TlsError | Should -Not -BeNullOrEmpty
        $r.CertificateSubject | Should -BeLike '*localhost*'
        $r.CertificateExpiresOn | Should -BeGreaterThan ([DateTime]::UtcNow)
        $r.TokenValid | Should -BeNullOrEmpty -Because 'no login was asked for'
        $r.Passed | Should -BeFalse
    }

    It 'tests a login with credentials, and revokes the token it made' {
        Clear-EmulatorRequests $emulator
        $r = Test-MsxConnection -Server $emulator.Uri -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $SeedCredential
        $r.TokenValid | Should -BeTrue
        $r.Passed | Should -BeTrue
        @(Get-EmulatorRequests $emulator | Where-Object { $_.path -eq '/idm/v2/logout' }).Count | Should -Be 1
    }

    It 'reports a refused login without throwing, and without the password' {
        $bad = [pscredential]::new('superuser', (ConvertTo-SecureString 'Not-The-Pa55word' -AsPlainText -Force))
        $r = Test-MsxConnection -Server $emulator.Uri -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $bad -ErrorAction Stop
        $r.TokenValid | Should -BeFalse
        $r.Error | Should -BeLike '*invalid_grant*'
        $r.Error | Should -Not -BeLike '*Not-The-Pa55word*'
        $r.Passed | Should -BeFalse
    }

    It 'reports a server error (5xx) as a failed check' {
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{ path = '/idm/api/v8/users/current'; status = 503; count = 1 }
        $r = Test-MsxConnection -Server $emulator.Uri
        $r.Reachable | Should -BeTrue
        $r.StatusCode | Should -Be 503
        $r.Passed | Should -BeFalse
    }

    It 'shows a one-line table' {
        $text = Test-MsxConnection -Server $emulator.Uri | Format-Table | Out-String -Width 200
        $text | Should -Match 'Server\s+Reachable\s+TlsValid\s+TokenValid\s+TimeToFirstByteMs\s+Passed'
    }
}
