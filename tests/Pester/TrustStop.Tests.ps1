BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default
    $tenantsPath = '/idm/api/v8/tenants'

    function Add-Fault([hashtable] $Fault) { $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body $Fault }
    function Clear-Faults { $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE }
    function Get-FaultsLeft { [int](@(Get-EmulatorFaults $emulator) | ForEach-Object { $_.count } | Measure-Object -Sum).Sum }

    function Wait-FaultsLeft([int] $Left) {
        # The event: a fault's count goes down when a request reaches the emulator and takes it.
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Get-FaultsLeft) -ne $Left) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "The faults left did not reach $Left within 30 s (now $(Get-FaultsLeft))." }
        }
    }

    function Get-TenantPosts { @(Get-EmulatorRequests $emulator | Where-Object { $_.method -eq 'POST' -and $_.path -eq $tenantsPath }) }

    function Wait-PostsLogged([int] $Count) {
        # The event: the emulator logs a request once it ended (answered, or dropped when the client went away).
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Get-TenantPosts).Count -lt $Count) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "The emulator did not log $Count creates within 30 s." }
        }
    }

    function Wait-Listed([scriptblock] $List, [string] $NameOf, [string] $Prefix, [int] $Count) {
        # The event: the listing shows that many items of the run (made by creates whose answers the emulator holds).
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (@(& $List | Where-Object { $_.$NameOf -like "$Prefix-*" }).Count -lt $Count) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "The listing did not show $Count items of $Prefix within 30 s." }
        }
    }

    function Get-WarningLine([string] $Warning, [string] $Start) {
        @($Warning -split "`r?`n" | Where-Object { $_.StartsWith($Start) })
    }

    function Get-NamedTenants([string] $Line) {
        # "Tenant 'name' (id)" or "Tenant 'name'": the names a warning line gives.
        @([regex]::Matches($Line, "Tenant '([^']+)'") | ForEach-Object { $_.Groups[1].Value })
    }
}

AfterAll {
    Clear-Faults
    $emulator | Stop-MsxEmulator
}

Describe 'A bulk run stopped by Select-Object -First names everything it did' {
    AfterEach { Clear-Faults }

    It 'names every tenant made beyond the one returned, none that does not exist, and every other one it sent' {
        $prefix = "stop-$(Get-Random)"
        # Rows reach the emulator one by one (each row waits until its create arrived), so the faults fall on
        # them in input order: the first is answered after a while, the next three are made and their answers
        # held, the rest held before anything is made. The first answer ends the run through Select-Object.
        Add-Fault @{ method = 'POST'; path = $tenantsPath; delayMs = 5000; count = 1 }
        Add-Fault @{ method = 'POST'; path = $tenantsPath; afterCommit = $true; drop = $true; delayMs = 600000; count = 3 }
        Add-Fault @{ method = 'POST'; path = $tenantsPath; delayMs = 600000; count = 100 }
        Clear-EmulatorRequests $emulator
        $rows = {
            foreach ($i in 1..20) {
                [pscustomobject]@{ Name = "$prefix-$i" }
                if ($i -le 8) { Wait-FaultsLeft (104 - $i) }
                if ($i -eq 4) { Wait-Listed { Get-MsxTenant } 'Name' $prefix 3 }
            }
        }

        # Warnings by redirection and by -WarningVariable alike.
        $seen = @{}
        $out = @(& { & $rows | New-MsxTenant -ThrottleLimit 8 -WarningVariable warned | Select-Object -First 1; $seen.Warned = $warned } 3>&1)
        $warned = $seen.Warned

        $returned = @($out | Where-Object { $_ -is [MsxPowerShell.Client.Models.MsxTenant] })
        $returned.Name | Should -Be "$prefix-1"
        $redirected = @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $redirected.Count | Should -Be 1
        @($warned).Count | Should -Be 1
        $warning = $redirected[0].Message
        $warned[0].Message | Should -Be $warning
        $warning | Should -Match 'New-MsxTenant was stopped by a later command'

        $taken = 104 - (Get-FaultsLeft)
        Clear-Faults
        Wait-PostsLogged $taken
        $existing = @(Get-MsxTenant -Name "$prefix-*")
        $beyond = @($existing | Where-Object Name -ne "$prefix-1")
        $madeLine = Get-WarningLine $warning 'Made or done'
        $named = Get-NamedTenants ($madeLine -join ' ')
        # Every tenant that exists beyond the one returned is named as made, with its id; none named made is missing.
        foreach ($t in $beyond) { $madeLine -join ' ' | Should -BeLike "*Tenant '$($t.Name)' ($($t.Id))*" }
        @($named | Sort-Object) | Should -Be @($beyond.Name | Sort-Object)
        # Every create that reached the emulator but the first is named once (made, not made or unknown), and
        # none of them was answered: the stop cancelled them while the emulator held them.
        $posts = Get-TenantPosts
        $all = @(Get-NamedTenants $warning)
        $all.Count | Should -BeGreaterThan 0
        $all.Count | Should -BeGreaterOrEqual ($posts.Count - 1)
        @($all | Select-Object -Unique).Count | Should -Be $all.Count
        $all | Should -Not -Contain "$prefix-1"
        @($posts | Where-Object status -eq 201).Count | Should -Be 1
        # The rows after the ones in flight were never sent, and are not named.
        $all | Should -Not -Contain "$prefix-20"

        $existing | Remove-MsxTenant -Force
    }

    It 'writes no warning when the run finishes' {
        $prefix = "nostop-$(Get-Random)"
        $made = @(1..5 | ForEach-Object { [pscustomobject]@{ Name = "$prefix-$_" } } | New-MsxTenant -ThrottleLimit 4 -WarningVariable warned)
        $made.Count | Should -Be 5
        @($warned).Count | Should -Be 0
        $made | Remove-MsxTenant -Force -ThrottleLimit 4 -WarningVariable warned
        @($warned).Count | Should -Be 0
    }
}

Describe 'A bulk run stopped by a terminating error names everything it did' {
    AfterEach { Clear-Faults }

    It 'cancels all in flight at once at a 500, names the made tenants and the others, then throws the error' {
        $prefix = "stoperr-$(Get-Random)"
        # The first two creates are made and their answers held, the third (sent once both are listed) fails with 500
        # (terminating: the server is broken), the rest are held before anything is made.
        Add-Fault @{ method = 'POST'; path = $tenantsPath; afterCommit = $true; drop = $true; delayMs = 600000; count = 2 }
        Add-Fault @{ method = 'POST'; path = $tenantsPath; status = 500; count = 1 }
        Add-Fault @{ method = 'POST'; path = $tenantsPath; delayMs = 600000; count = 100 }
        Clear-EmulatorRequests $emulator
        $rows = {
            foreach ($i in 1..20) {
                [pscustomobject]@{ Name = "$prefix-$i" }
                if ($i -eq 2) { Wait-Listed { Get-MsxTenant } 'Name' $prefix 2 }
            }
        }

        $caught = $null
        try { & $rows | New-MsxTenant -ThrottleLimit 8 -WarningVariable warned -ErrorAction Stop }
        catch { $caught = $_ }

        $caught | Should -Not -BeNullOrEmpty
        $caught.Exception.Message | Should -Match '500|server'
        @($warned).Count | Should -Be 1
        $warning = $warned[0].Message
        $warning | Should -Match 'New-MsxTenant stopped at a terminating error'

        $taken = 103 - (Get-FaultsLeft)
        Clear-Faults
        Wait-PostsLogged $taken
        $existing = @(Get-MsxTenant -Name "$prefix-*")
        $existing.Count | Should -Be 2
        $madeLine = (Get-WarningLine $warning 'Made or done') -join ' '
        foreach ($t in $existing) { $madeLine | Should -BeLike "*Tenant '$($t.Name)' ($($t.Id))*" }
        @(Get-NamedTenants $madeLine).Count | Should -Be 2
        # The held creates were cancelled, not answered: every one the emulator logged ended dropped or failed.
        $posts = Get-TenantPosts
        @($posts | Where-Object status -eq 201).Count | Should -Be 0
        $all = @(Get-NamedTenants $warning)
        $all.Count | Should -BeGreaterOrEqual @($posts | Where-Object status -eq 0).Count
        @($posts | Where-Object status -eq 500).Count | Should -Be 1

        $existing | Remove-MsxTenant -Force
    }
}

Describe 'Every New- cmdlet with -ThrottleLimit accounts for its creates on a stop' {
    AfterEach { Clear-Faults }

    It '<Cmdlet>: the two made before a terminating error are named with their ids, no outcome is unknown' -ForEach @(
        @{ Cmdlet = 'New-MsxUser'; Path = '/idm/api/v8/users'; NameOf = 'UserName'
            Row = { param($n) [pscustomobject]@{ UserName = $n; LastName = 'Stop'; Email = "$n@example.com" } }
            List = { Get-MsxUser } }
        @{ Cmdlet = 'New-MsxSite'; Path = '/manage/api/v8/sites'; NameOf = 'Name'
            Row = { param($n) [pscustomobject]@{ TenantId = '133815cb-2335-474d-8c10-3e635aba94fd'; Name = $n } }
            List = { Get-MsxSite } }
        @{ Cmdlet = 'New-MsxDevice'; Path = '/manage/api/v8/devices'; NameOf = 'Name'
            Row = { param($n) [pscustomobject]@{ TenantId = '133815cb-2335-474d-8c10-3e635aba94fd'; Name = $n; Model = 'm'; Type = 't'; OnboardType = 'direct'; SerialKey = "sn-$n" } }
            List = { Get-MsxDevice } }
        @{ Cmdlet = 'New-MsxWorkflowTarget'; Path = '/workflow/api/v8/targets'; NameOf = 'UniqueName'
            Row = { param($n) [pscustomobject]@{ Name = "Target $n"; Type = 'ssh.endpoint'; UniqueName = $n; Property = @{ host = '10.0.0.1' } } }
            List = { Get-MsxWorkflowTarget } }
    ) {
        $prefix = "stopall$(Get-Random)"
        Add-Fault @{ method = 'POST'; path = $Path; afterCommit = $true; drop = $true; delayMs = 600000; count = 2 }
        Add-Fault @{ method = 'POST'; path = $Path; status = 500; count = 1 }
        Add-Fault @{ method = 'POST'; path = $Path; delayMs = 600000; count = 100 }
        # The third row is sent only once the first two were made (the event: they are listed), so the look-ups
        # after the 500 cannot come before the emulator made them.
        $rows = {
            foreach ($i in 1..12) {
                & $Row "$prefix-$i"
                if ($i -eq 2) { Wait-Listed $List $NameOf $prefix 2 }
            }
        }

        $caught = $null
        try { & $rows | & $Cmdlet -ThrottleLimit 6 -WarningVariable warned -ErrorAction Stop }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        @($warned).Count | Should -Be 1
        $warning = $warned[0].Message
        $warning | Should -Match "$Cmdlet stopped at a terminating error"

        Clear-Faults
        $existing = @(& $List | Where-Object { $_.$NameOf -like "$prefix-*" })
        $existing.Count | Should -Be 2
        $madeLine = (Get-WarningLine $warning 'Made or done (2)') -join ' '
        foreach ($item in $existing) { $madeLine | Should -BeLike "*'*' ($($item.Id))*" }
        # Each create has a unique key, so no outcome is left unknown: the rest were not found or not sent.
        @(Get-WarningLine $warning 'Outcome unknown').Count | Should -Be 0

        $existing | & ($Cmdlet -replace '^New-', 'Remove-') -Force
    }
}
