# tools/Emulator.psm1's Start-MsxEmulator: start-up through the url file, nothing left running after a failed start.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Get-ProcessIdFromError([string] $Message) {
        if ($Message -notmatch 'process (\d+)') { throw "No process id in: $Message" }
        [int] $Matches[1]
    }
}

Describe 'Start-MsxEmulator' {
    It 'stops the emulator it started when no address comes in time' {
        $message = $null
        try { $null = Start-MsxEmulator -TimeoutSec 0 } catch { $message = $_.Exception.Message }
        $message | Should -BeLike '*did not write its url file within 0 s*'
        $id = Get-ProcessIdFromError $message
        Get-Process -Id $id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reports the emulator''s own message for a bad data file and leaves no process behind' {
        $bad = Join-Path $TestDrive 'bad data.json'
        Set-Content -LiteralPath $bad -Value "{`n  `"tenant`": []`n}"
        $message = $null
        try { $null = Start-MsxEmulator -ArgumentList '--data', $bad } catch { $message = $_.Exception.Message }
        $message | Should -BeLike '*exited with code 2*bad data*:2:3: unknown property ''tenant'' at the top level*'
        $id = Get-ProcessIdFromError $message
        Get-Process -Id $id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'passes an argument with spaces whole, and records exchanges under MSX_EXCHANGE_DIR' {
        $data = Join-Path $TestDrive 'data with spaces.json'
        @{
            clients = @(@{ clientId = $SeedClientId; clientSecret = $SeedClientSecretText; grantTypes = @('password'); scopes = @('read') })
            users   = @(@{ username = 'superuser'; password = $SeedPasswordText; lastName = 'User'; email = 'superuser@example.com'; roles = @('SUPERUSER'); tenantIds = @('aaaaaaaa-0000-4000-8000-000000000001') })
            tenants = @(@{ id = 'aaaaaaaa-0000-4000-8000-000000000001'; name = 'Solo' })
        } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $data
        $saved = $env:MSX_EXCHANGE_DIR
        $env:MSX_EXCHANGE_DIR = Join-Path $TestDrive 'exchanges'
        $emu = $null
        try {
            $emu = Start-MsxEmulator -ArgumentList '--data', $data
            $emu.ExchangeLog | Should -BeLike "$($env:MSX_EXCHANGE_DIR)*.jsonl"
            $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${SeedClientId}:$SeedClientSecretText"))
            $response = Invoke-WebRequest -Uri ([Uri]::new($emu.Uri, 'idm/v2/token')) -Method Post -Headers @{ Authorization = "Basic $basic" } `
                -ContentType 'application/x-www-form-urlencoded' -Body ([ordered]@{ grant_type = 'password'; username = 'superuser'; password = $SeedPasswordText })
            $response.StatusCode | Should -Be 200
            (Get-Content -Raw -LiteralPath $emu.LogPath) | Should -BeLike '*loaded*data with spaces.json: clients: 1, users: 1, tenants: 1*'
            $lines = @(Get-Content -LiteralPath $emu.ExchangeLog | ForEach-Object { $_ | ConvertFrom-Json })
            $lines.Count | Should -Be 1
            $lines[0].path | Should -Be '/idm/v2/token'
            $lines[0].status | Should -Be 200
            $lines[0].requestBody | Should -Be 'grant_type=password&username=superuser&password=REDACTED'
            $lines[0].responseBody | Should -BeLike '*"access_token":"REDACTED"*'
        }
        finally {
            $emu | Stop-MsxEmulator
            $env:MSX_EXCHANGE_DIR = $saved
        }
    }
}
