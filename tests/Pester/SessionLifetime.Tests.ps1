# Per-session state lives and dies with the session: after Disconnect-MsxSession, Tab offers none of the
# session's cached names, and what the session read still masks its secrets (its redactor outlives the
# disconnect for as long as anything reaches the session). The heap side is in the xunit SessionLifetimeTests.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $default = New-TestSession -Emulator $emulator -Default
    $run = Get-Random

    function Get-CompletionText([string] $Line) {
        # What Tab offers at the end of the line.
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object { $_.CompletionText.Trim("'") })
    }
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'Tab after Disconnect-MsxSession' {
    It 'offers none of a disconnected session''s tenant and role names, by object or by id' {
        $old = New-TestSession -Emulator $emulator
        $tenant = New-MsxTenant -Name "lifetime-$run" -Session $old -ErrorAction Stop
        Get-CompletionText "Get-MsxTenant -Session $($old.Id) -Name lifetime-" | Should -Contain "lifetime-$run"
        Get-CompletionText 'Get-MsxTenant -Session $old -Name lifetime-' | Should -Contain "lifetime-$run"
        Get-CompletionText "Get-MsxRole -Session $($old.Id) -Name " | Should -Contain 'SUPERUSER'

        # Removed through the default session: the old session's cache is not told.
        Remove-MsxTenant -Id $tenant.Id -Force -ErrorAction Stop
        Disconnect-MsxSession -Session $old

        Get-CompletionText 'Get-MsxTenant -Session $old -Name ' | Should -BeNullOrEmpty
        Get-CompletionText "Get-MsxTenant -Session $($old.Id) -Name " | Should -BeNullOrEmpty
        Get-CompletionText "Get-MsxRole -Session $($old.Id) -Name " | Should -BeNullOrEmpty
        Get-CompletionText 'Get-MsxTenant -Name lifetime-' | Should -Not -Contain "lifetime-$run"
        Get-CompletionText 'Get-MsxTenant -Name ' | Should -Contain 'Coke'
    }

    It 'offers nothing once the default session is disconnected' {
        $own = New-TestSession -Emulator $emulator -Default
        Get-CompletionText 'Get-MsxTenant -Name ' | Should -Contain 'Coke'
        Disconnect-MsxSession
        Get-CompletionText 'Get-MsxTenant -Name ' | Should -BeNullOrEmpty
        $own.Connected | Should -BeFalse
    }
}

Describe 'Secrets after Disconnect-MsxSession' {
    It 'still masks a secret the session was given, in an object it read, after the disconnect' {
        # A SecureString under a name that does not look secret is masked by value only: by the session's redactor.
        $secret = "Lifetime-Secret-$run"
        $own = New-TestSession -Emulator $emulator
        $target = New-MsxWorkflowTarget -Session $own -Name "lifetime-$run" -Type ssh.endpoint -UniqueName "lifetime-$run" `
            -Property @{ host = '10.0.0.9'; note = (ConvertTo-SecureString $secret -AsPlainText -Force) } -ErrorAction Stop
        $before = ($target | Format-List * | Out-String) + $target.PropertiesText

        Disconnect-MsxSession -Session $own

        $after = @(
            $target | Format-List * | Out-String
            $target | Format-Table * | Out-String
            $target.PropertiesText
            $target | ConvertTo-Json -Depth 10
        ) -join "`n"
        $before | Should -Not -BeLike "*$secret*"
        $after | Should -Match ([regex]::Escape('note=***'))
        $after | Should -Not -BeLike "*$secret*"
        Remove-MsxWorkflowTarget -Id $target.Id -Force -Session $default -ErrorAction Stop
    }
}
