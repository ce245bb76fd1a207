# An unreachable server fails at once at login; a connection that had worked is retried; a refused renewal
# says which session failed and what to do.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-MsxEmulator -ArgumentList '--control', '--manual-clock'

    function Get-RefusedPort {
        # A loopback port that was free a moment ago and that nothing listens on now.
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    function Invoke-Capturing([scriptblock] $ScriptBlock) {
        # Runs a call that ends in a terminating error; returns the error and the verbose lines written before it.
        $lines = [Collections.Generic.List[string]]::new()
        $caught = $null
        try { & $ScriptBlock 4>&1 | ForEach-Object { $lines.Add("$_") } } catch { $caught = $_ }
        [pscustomobject]@{ Error = $caught; Lines = $lines }
    }
}

AfterAll {
    $Emulator | Stop-MsxEmulator
}

Describe 'An unreachable server' {
    It 'fails the login at once with MsxConnectionFailed: <Case> is not retried' -ForEach @(
        @{ Case = 'a refused port'; Address = { "http://127.0.0.1:$(Get-RefusedPort)" } }
        # .invalid never resolves (RFC 2606).
        @{ Case = 'an unknown host'; Address = { 'http://msx-nowhere.invalid' } }
    ) {
        $server = & $Address
        # Retries are allowed and their wait is long: every retry would write its 'retry N of 3' line on Verbose.
        $r = Invoke-Capturing { Get-MsxAccessToken -Server $server -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $SeedCredential -NotDefault -MaximumRetryCount 3 -RetryIntervalSec 60 -Verbose }

        $r.Error | Should -Not -BeNullOrEmpty
        $r.Error.FullyQualifiedErrorId | Should -BeLike 'MsxConnectionFailed*'
        $r.Error.CategoryInfo.Category | Should -Be 'ConnectionError'
        $r.Error.ErrorDetails.Message | Should -Match 'was not retried'
        ($r.Lines -join "`n") | Should -Not -Match 'retry \d of' -Because 'a server that never answered is not tried again'
    }

    It 'retries a connection that had worked, and fails with MsxConnectionFailed once the retries are spent' {
        $own = Start-MsxEmulator
        try {
            $session = New-TestSession -Emulator $own -Options @{ MaximumRetryCount = 2; RetryIntervalSec = 0.01 }
            @(Get-MsxTenant -Session $session -First 1).Count | Should -Be 1
        }
        finally { $own | Stop-MsxEmulator }

        $r = Invoke-Capturing { Get-MsxTenant -Session $session -Verbose }
        $r.Error.FullyQualifiedErrorId | Should -BeLike 'MsxConnectionFailed*'
        $text = $r.Lines -join "`n"
        $text | Should -Match 'retry 1 of 2'
        $text | Should -Match 'retry 2 of 2'
        $r.Error.ErrorDetails.Message | Should -Not -Match 'was not retried'
    }
}

Describe 'A refused token renewal' {
    BeforeAll {
        $admin = New-TestSession -Emulator $Emulator
        $coke = [guid]'133815cb-2335-474d-8c10-3e635aba94fd'
        $initialText = 'Initial-Pa55!'
    }

    It "says which session failed, that renewing its token failed, and to run Connect-MsxServer again (<Case>)" -ForEach @(
        @{ Case = 'the password was changed' }
        @{ Case = 'the user was removed' }
    ) {
        $name = "renew-$(Get-Random)"
        $null = New-MsxUser -Session $admin -UserName $name -FirstName 'Re' -LastName 'New' -Email "$name@example.com" -Role 'OPERATOR' -TenantId $coke -Password (ConvertTo-SecureString $initialText -AsPlainText -Force)
        $user = New-TestSession -Emulator $Emulator -Credential ([pscredential]::new($name, (ConvertTo-SecureString $initialText -AsPlainText -Force)))
        (Get-MsxCurrentUser -Session $user).UserName | Should -Be $name

        if ($Case -eq 'the password was changed') {
            Set-MsxUserPassword -Session $admin -UserName $name -NewPassword (ConvertTo-SecureString 'Changed-Pa55!' -AsPlainText -Force) -Confirm:$false
        }
        else {
            Get-MsxUser -Session $admin -UserName $name | Remove-MsxUser -Session $admin -Force
        }
        # Past the token's lifetime on the server: the next call meets 401 and the session renews.
        Move-EmulatorClock $Emulator (($user.ExpiresOn - [DateTimeOffset]::UtcNow).TotalMilliseconds + 60000)

        $caught = $null
        try { Get-MsxCurrentUser -Session $user -ErrorAction Stop } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'MsxSessionRenewalFailed*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $message = $caught.ErrorDetails.Message
        $message | Should -Match "Session $($user.Id) \($name at $([regex]::Escape($Emulator.Uri.GetLeftPart('Authority')))\)"
        $message | Should -Match 'could not renew its access token'
        $message | Should -Match 'Connect-MsxServer'
        $message | Should -Match 'invalid_grant'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'Connect-MsxServer'
    }
}
