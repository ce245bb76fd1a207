BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $coke = [guid]'133815cb-2335-474d-8c10-3e635aba94fd'
    $options = @{ RetryIntervalSec = 0.2 }
    $session = New-TestSession -Emulator $emulator -Default -Options $options

    $script:added = [Collections.Generic.List[object]]::new()
    function Add-Fault([hashtable] $Fault) { $script:added.Add((Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body $Fault)) }
    function Clear-Faults {
        # Every counted fault a test added must have fired at least once: a fault that never fired tested nothing.
        $left = @(Get-EmulatorFaults $emulator)
        $unfired = @($script:added | Where-Object { $f = $_; ($null -eq $f.probability -or $f.probability -ge 1) -and @($left | Where-Object { $_.id -eq $f.id -and $_.count -eq $f.count }).Count -gt 0 })
        $script:added.Clear()
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE
        $unfired.Count | Should -Be 0 -Because "every fault the test added fires ($(($unfired | ForEach-Object { "$($_.method) $($_.path)" }) -join ', '))"
    }
    function Get-Names { @(Get-MsxTenant).Name }
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'Transient faults are retried' {
    AfterEach { Clear-Faults }

    It 'a GET answered 503 twice then succeeds, with the retries on Verbose' {
        Add-Fault @{ method = 'GET'; path = "/idm/api/v8/tenants/$coke"; status = 503; count = 2 }
        Clear-EmulatorRequests $emulator
        $out = Get-MsxTenant -Id $coke -Verbose 4>&1
        ($out | Where-Object { $_ -is [MsxPowerShell.Client.Models.MsxTenant] }).Name | Should -Be 'Coke'
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        @($verbose | Where-Object { $_ -match '503.*retry 1 of 3' }).Count | Should -Be 1
        @($verbose | Where-Object { $_ -match '503.*retry 2 of 3' }).Count | Should -Be 1
        @(Get-EmulatorRequests $emulator).status | Should -Be @(503, 503, 200)
    }

    It 'a DELETE answered 503 twice then succeeds, and the tenant is gone' {
        $t = New-MsxTenant -Name "del503-$(Get-Random)"
        Add-Fault @{ method = 'DELETE'; path = '/idm/api/v8/tenants/*'; status = 503; count = 2 }
        Remove-MsxTenant -Id $t.Id -Force -Verbose 4>&1 | Out-Null
        Get-Names | Should -Not -Contain $t.Name
    }

    It 'a DELETE whose answer is lost after it took effect is not reported as not found' {
        $t = New-MsxTenant -Name "dellost-$(Get-Random)"
        Add-Fault @{ method = 'DELETE'; path = '/idm/api/v8/tenants/*'; drop = $true; afterCommit = $true; count = 1 }
        { Remove-MsxTenant -Id $t.Id -Force -ErrorAction Stop } | Should -Not -Throw
        Get-Names | Should -Not -Contain $t.Name
    }

    It 'honours 429 with Retry-After: 1 (waits one second, on the session''s clock)' {
        # The session's waits move its own clock and return at once: the wait asked for is what counts.
        $clock = New-EmulatorClockDriver
        $timed = New-TestSession -Emulator $emulator -Options $options -ClockDriver $clock
        Add-Fault @{ method = 'GET'; path = "/idm/api/v8/tenants/$coke"; status = 429; retryAfterSeconds = 1; count = 1 }
        Clear-EmulatorRequests $emulator
        (Get-MsxTenant -Id $coke -Session $timed).Name | Should -Be 'Coke'
        @($clock.Waits.TotalMilliseconds) | Should -Be @(1000) -Because 'Retry-After wins over the 0.2 s interval'
        @(Get-EmulatorRequests $emulator | Where-Object path -like "*/tenants/$coke").status | Should -Be @(429, 200)
    }

    It 'a create whose connection drops after commit leaves exactly one tenant and returns it' {
        $name = "dropped-$(Get-Random)"
        Add-Fault @{ method = 'POST'; path = '/idm/api/v8/tenants'; drop = $true; afterCommit = $true; count = 1 }
        $t = New-MsxTenant -Name $name
        $t.Name | Should -Be $name
        @(Get-Names | Where-Object { $_ -eq $name }).Count | Should -Be 1
    }

    It 'a create answered 503 before it took effect is sent again and made once' {
        $name = "create503-$(Get-Random)"
        Add-Fault @{ method = 'POST'; path = '/idm/api/v8/tenants'; status = 503; count = 1 }
        (New-MsxTenant -Name $name).Name | Should -Be $name
        @(Get-Names | Where-Object { $_ -eq $name }).Count | Should -Be 1
    }

    It 'a fault that outlasts the retry budget is a clear terminating error and changes nothing' {
        $t = New-MsxTenant -Name "budget-$(Get-Random)"
        Add-Fault @{ method = 'DELETE'; path = '/idm/api/v8/tenants/*'; status = 503; count = 10 }
        $err = $null
        try { Remove-MsxTenant -Id $t.Id -Force -ErrorAction Continue } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty -Because 'a server that keeps failing stops the cmdlet'
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxServerError,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $err.Exception.Message | Should -BeLike "*$($emulator.Uri.Authority)*503*"
        Clear-Faults
        (Get-MsxTenant -Id $t.Id).Name | Should -Be $t.Name
    }

    It 'a non-JSON 502 page from a proxy gives a readable error' {
        Add-Fault @{ method = 'GET'; path = "/idm/api/v8/tenants/$coke"; status = 502; count = 10; contentType = 'text/html'; body = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>' }
        $err = $null
        try { Get-MsxTenant -Id $coke -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxServerError,*'
        $err.Exception.Message | Should -BeLike '*502*Bad Gateway*'
        $err.Exception.Message | Should -Not -BeLike '*<html>*'
    }

    It 'an HTML page answered with 200 (a login page) is an MsxInvalidResponse' {
        Add-Fault @{ method = 'GET'; path = "/idm/api/v8/tenants/$coke"; status = 200; count = 1; contentType = 'text/html'; body = '<html><head><title>Sign in</title></head><body>proxy login</body></html>' }
        $err = $null
        try { Get-MsxTenant -Id $coke -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxInvalidResponse,*'
        $err.Exception.Message | Should -BeLike "*text/html*instead of JSON*Sign in*"
    }

    It 'a truncated JSON answer is an MsxInvalidResponse' {
        Add-Fault @{ method = 'GET'; path = "/idm/api/v8/tenants/$coke"; status = 200; count = 1; contentType = 'application/json'; body = '{"id":"133815cb-2335-474d-8c10-3e635aba94fd","name":"Co' }
        { Get-MsxTenant -Id $coke -ErrorAction Stop } | Should -Throw -ErrorId 'MsxInvalidResponse,*'
    }
}

Describe 'Timeouts and cancellation' {
    AfterEach { Clear-Faults }

    It 'a 10-second delay with -TimeoutSec 2 fails within about 2 seconds with MsxOperationTimeout' {
        $short = New-TestSession -Emulator $emulator -Options @{ TimeoutSec = 2 }
        Add-Fault @{ method = 'GET'; path = "/idm/api/v8/tenants/$coke"; delayMs = 10000; count = 1 }
        $err = $null
        Clear-EmulatorRequests $emulator
        try { Get-MsxTenant -Id $coke -Session $short -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxOperationTimeout,*'
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err.Exception.Message | Should -BeLike '*within 2 s*'
        # The event: the one request took the delay fault; a timed-out GET is not sent again.
        @(Get-EmulatorFaults $emulator).Count | Should -Be 0
        @(Get-EmulatorRequests $emulator | Where-Object { $_.path -eq "/idm/api/v8/tenants/$coke" }).Count | Should -BeLessOrEqual 1
    }

    It 'stopping the pipeline (Ctrl+C) cancels an in-flight request the server still holds' {
        # The emulator holds the request far longer than any test runs (10 minutes): Stop returning at all
        # means it did not wait for the answer, and the request log shows the request dropped by the client.
        Add-Fault @{ method = 'GET'; path = "/idm/api/v8/tenants/$coke"; delayMs = 600000; count = 1 }
        Clear-EmulatorRequests $emulator
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$s) Import-Module '$ModuleManifest'; Get-MsxTenant -Id $coke -Session `$s").AddArgument($session)
        $handle = $ps.BeginInvoke()
        Wait-FaultTaken $emulator
        $handle.IsCompleted | Should -BeFalse
        $ps.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        $held = Wait-EmulatorRequest $emulator { $_.path -eq "/idm/api/v8/tenants/$coke" }
        @($held.status) | Should -Be @(0) -Because 'the client dropped the request the server still held'
    }

    It 'stopping the pipeline cancels a backoff wait' {
        # Retry-After asks for the longest wait the module takes (120 s): had Stop waited it out, the retry
        # would have been sent and answered. The server sees the one request only.
        Add-Fault @{ method = 'GET'; path = "/idm/api/v8/tenants/$coke"; status = 503; retryAfterSeconds = 3600; count = 1 }
        Clear-EmulatorRequests $emulator
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$s) Import-Module '$ModuleManifest'; Get-MsxTenant -Id $coke -Session `$s").AddArgument($session)
        $handle = $ps.BeginInvoke()
        Wait-FaultTaken $emulator
        $handle.IsCompleted | Should -BeFalse
        $ps.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        @(Get-EmulatorRequests $emulator | Where-Object { $_.path -eq "/idm/api/v8/tenants/$coke" }).status | Should -Be @(503)
    }
}

Describe 'TLS and proxy' {
    AfterEach { Clear-Faults }

    BeforeAll {
        $https = Start-MsxEmulator -Https
    }
    AfterAll {
        $https | Stop-MsxEmulator
    }

    It 'refuses the self-signed certificate by default' {
        $err = $null
        try { New-TestSession -Emulator $https -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxCertificateInvalid,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -BeLike '*not trusted*-SkipCertificateCheck*'
    }

    It '-SkipCertificateCheck works for that session only, with one warning, and a second session still verifies' {
        $out = @(New-TestSession -Emulator $https -Options @{ SkipCertificateCheck = $true } 3>&1)
        $warnings = @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $trusting = $out | Where-Object { $_ -is [MsxPowerShell.Session.MsxSession] }
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*Certificate checks are off*'
        $trusting.SkipCertificateCheck | Should -BeTrue
        (Get-MsxTenant -Id $coke -Session $trusting).Name | Should -Be 'Coke'
        (Get-MsxTenant -Id $coke -Session $trusting).Name | Should -Be 'Coke'

        { New-TestSession -Emulator $https -ErrorAction Stop } | Should -Throw -ErrorId 'MsxCertificateInvalid,*'
        # And the process as a whole still verifies.
        { Invoke-RestMethod -Uri "$($https.Uri)idm/v2/token" -Method Post } | Should -Throw
    }

    It 'sends requests through -Proxy when one is given' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $err = $null
        try { New-TestSession -Emulator $emulator -Options @{ Proxy = "http://127.0.0.1:$port"; MaximumRetryCount = 0 } -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxConnectionFailed,*' -Because 'the (absent) proxy, not the emulator, was dialled'
    }
}

Describe 'Secrets in a transcript' {
    AfterEach { Clear-Faults }

    It 'the whole lifecycle with -Verbose -Debug under Start-Transcript shows no password, secret or token' {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "msx-transcript-$([guid]::NewGuid()).txt"
        $errors = @()
        $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'
        Start-Transcript -Path $transcript | Out-Null
        try {
            $s = New-TestSession -Emulator $emulator -ClientId $RefreshClientId -ClientSecret $RefreshClientSecretText
            $s | Format-List * | Out-Host
            $t = New-MsxTenant -Name "transcript-$(Get-Random)" -Session $s
            Get-MsxTenant -Id $t.Id -Session $s | Out-Host
            Set-MsxTenant -Id $t.Id -Description 'changed' -Session $s
            Remove-MsxTenant -Id $t.Id -Force -Session $s
            Get-MsxTenant -Id $t.Id -Session $s -ErrorAction SilentlyContinue -ErrorVariable +errors
            try { New-TestSession -Emulator $emulator -Credential ([pscredential]::new('superuser', (ConvertTo-SecureString 'Not-The-Pa55word' -AsPlainText -Force))) -ErrorAction Stop } catch { $errors += $_; $_ | Out-Host }
            Get-MsxCurrentUser -Session $s | Format-List * | Out-Host
            Disconnect-MsxSession -Session $s
        }
        finally {
            Stop-Transcript | Out-Null
            $DebugPreference = 'SilentlyContinue'; $VerbosePreference = 'SilentlyContinue'
        }
        $text = Get-Content -Raw $transcript
        $text | Should -Match 'idm/v2/token'
        $text | Should -Match 'Authorization: Bearer \*\*\*'
        $errorText = ($errors | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() }) -join "`n"
        foreach ($secret in $SeedPasswordText, $RefreshClientSecretText, 'Not-The-Pa55word') {
            $text.Contains($secret) | Should -BeFalse
            $errorText.Contains($secret) | Should -BeFalse
        }
        $text | Should -Not -Match 'access_token=|refresh_token=|password=[^*]'
        Remove-Item $transcript
    }
}

Describe 'Sixteen runspaces through one session, with faults' {
    AfterEach { Clear-Faults }

    It 'create and delete 50 tenants each with 5% of requests faulted; the emulator ends with exactly the expected tenants, none twice' {
        $shared = New-TestSession -Emulator $emulator -Options @{ RetryIntervalSec = 0.05; MaximumRetryCount = 6 }
        $before = @(Get-MsxTenant -Session $shared).Count
        Clear-EmulatorRequests $emulator
        $manifest = $ModuleManifest
        $prefix = "conc$(Get-Random)"
        # About 5% of the creates and 5% of the deletes get a fault: lost answers after commit, 503s, 429s.
        foreach ($fault in @(
                @{ method = 'POST'; path = '/idm/api/v8/tenants'; status = 503; probability = 0.02 }
                @{ method = 'POST'; path = '/idm/api/v8/tenants'; drop = $true; afterCommit = $true; probability = 0.02 }
                @{ method = 'POST'; path = '/idm/api/v8/tenants'; status = 429; retryAfterSeconds = 0; probability = 0.01 }
                @{ method = 'DELETE'; path = '/idm/api/v8/tenants/*'; status = 503; probability = 0.025 }
                @{ method = 'DELETE'; path = '/idm/api/v8/tenants/*'; drop = $true; afterCommit = $true; probability = 0.025 }
            )) {
            $fault.count = 10000
            Add-Fault $fault
        }
        $job = 1..16 | ForEach-Object -ThrottleLimit 16 -AsJob -Parallel {
            Import-Module $using:manifest
            $s = $using:shared; $p = $using:prefix; $r = $_
            # A cmdlet's terminating error only ends its statement: make every failure end the block, and say so.
            $ErrorActionPreference = 'Stop'
            try {
                $made = foreach ($i in 1..50) { New-MsxTenant -Name "$p-$r-$i" -Session $s }
                # Keep the odd ones, delete the even ones.
                $made | Where-Object { [int]($_.Name.Split('-')[-1]) % 2 -eq 0 } | Remove-MsxTenant -Force -Session $s
                'done'
            }
            catch { "failed: $_" }
        }
        $results = $job | Wait-Job -Timeout 300 | Receive-Job
        $job.State | Should -Be 'Completed'
        @($results | Where-Object { $_ -ne 'done' }) | Should -BeNullOrEmpty -Because 'no runspace may fail'
        @($results | Where-Object { $_ -eq 'done' }).Count | Should -Be 16
        Clear-Faults

        $faulted = @(Get-EmulatorRequests $emulator | Where-Object { $_.status -in 0, 429, 503 })
        # About 5% of ~1,200 creates and deletes; far more than 20 unless faults were not applied at all.
        $faulted.Count | Should -BeGreaterThan 20 -Because 'faults really happened during the run'
        $names = @(Get-MsxTenant -Session $shared).Name
        $mine = @($names | Where-Object { $_ -like "$prefix-*" })
        @($mine | Where-Object { [int]($_.Split('-')[-1]) % 2 -eq 0 }) | Should -BeNullOrEmpty -Because 'every even tenant was deleted'
        ($mine | Select-Object -Unique).Count | Should -Be $mine.Count -Because 'no tenant was created twice'
        $mine.Count | Should -Be 400
        $names.Count | Should -Be ($before + 16 * 25)
    }
}

Describe '-ThrottleLimit 16 through one session, with faults' {
    AfterEach { Clear-Faults }

    It 'creates 200 and removes 100 tenants with 5% of requests faulted; none lost, none twice, output in input order' {
        $shared = New-TestSession -Emulator $emulator -Options @{ RetryIntervalSec = 0.05; MaximumRetryCount = 6 }
        $before = @(Get-MsxTenant -Session $shared).Count
        Clear-EmulatorRequests $emulator
        $prefix = "thr$(Get-Random)"
        foreach ($fault in @(
                @{ method = 'POST'; path = '/idm/api/v8/tenants'; status = 503; probability = 0.025 }
                @{ method = 'POST'; path = '/idm/api/v8/tenants'; drop = $true; afterCommit = $true; probability = 0.025 }
                @{ method = 'DELETE'; path = '/idm/api/v8/tenants/*'; status = 503; probability = 0.025 }
                @{ method = 'DELETE'; path = '/idm/api/v8/tenants/*'; drop = $true; afterCommit = $true; probability = 0.025 }
            )) {
            $fault.count = 10000
            Add-Fault $fault
        }
        $rows = 1..200 | ForEach-Object { [pscustomobject]@{ Name = "$prefix-$_" } }
        $made = @($rows | New-MsxTenant -Session $shared -ThrottleLimit 16 -ErrorAction Stop)
        $made.Name | Should -Be ([string[]]$rows.Name) -Because 'results come out in input order'
        $made | Where-Object { [int]($_.Name.Split('-')[-1]) % 2 -eq 0 } | Remove-MsxTenant -Force -ThrottleLimit 16 -ErrorAction Stop
        Clear-Faults

        @(Get-EmulatorRequests $emulator | Where-Object { $_.status -in 0, 503 }).Count | Should -BeGreaterThan 5 -Because 'faults really happened during the run'
        $names = @(Get-MsxTenant -Session $shared).Name
        $mine = @($names | Where-Object { $_ -like "$prefix-*" })
        ($mine | Select-Object -Unique).Count | Should -Be $mine.Count -Because 'no tenant was created twice'
        @($mine | Where-Object { [int]($_.Split('-')[-1]) % 2 -eq 0 }) | Should -BeNullOrEmpty -Because 'every even tenant was removed'
        $mine.Count | Should -Be 100
        $names.Count | Should -Be ($before + 100)
    }
}
