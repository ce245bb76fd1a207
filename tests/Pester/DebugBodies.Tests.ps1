# -Debug shows the request and answer bodies (JSON indented, long ones shortened), through the same redaction
# as every other line: a password, a client secret and a token sent through it never appear.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-MsxEmulator -ArgumentList '--control', '--seed-tenants', '60'

    function Get-DebugText([scriptblock] $ScriptBlock) {
        # The debug lines a call writes, as one text (its output is dropped).
        (@(& $ScriptBlock 5>&1 | Where-Object { $_ -is [Management.Automation.DebugRecord] } | ForEach-Object Message) -join "`n")
    }
}

AfterAll {
    $Emulator | Stop-MsxEmulator
}

Describe '-Debug shows bodies' {
    BeforeAll {
        $script:LoginDebug = Get-DebugText { $script:Session = New-TestSession -Emulator $Emulator -ClientId $RefreshClientId -ClientSecret $RefreshClientSecretText -Options @{ Debug = $true } }
        $script:Token = Get-MsxAccessToken -Session $Session -AsPlainText
        $script:UserPasswordText = 'Debug-Pa55!-' + (Get-Random)
        $name = "debug-$(Get-Random)"
        $script:UserDebug = Get-DebugText {
            New-MsxUser -Session $Session -UserName $name -FirstName 'De' -LastName 'Bug' -Email "$name@example.com" -Role 'OPERATOR' -TenantId '133815cb-2335-474d-8c10-3e635aba94fd' -Password (ConvertTo-SecureString $UserPasswordText -AsPlainText -Force) -Debug
        }
        $script:ListDebug = Get-DebugText { Get-MsxTenant -Session $Session -Debug }
        $script:AllDebug = $LoginDebug, $UserDebug, $ListDebug -join "`n"
    }

    It 'shows the token request''s form body and the token answer, masked' {
        $LoginDebug | Should -Match 'Request body \(application/x-www-form-urlencoded, \d+ bytes\)'
        $LoginDebug | Should -Match 'grant_type=password&username=superuser&password=\*\*\*'
        $LoginDebug | Should -Match 'Response body of POST .*idm/v2/token.* \(200, application/json'
        $LoginDebug | Should -Match '"access_token": "\*\*\*"'
        $LoginDebug | Should -Match '"refresh_token": "\*\*\*"'
        $LoginDebug | Should -Match 'Authorization: Basic \*\*\*'
    }

    It 'shows a JSON request body indented, its password masked, and the answer' {
        $UserDebug | Should -Match 'Request body \(application/json'
        $UserDebug | Should -Match '\n  "password": "\*\*\*"'
        $UserDebug | Should -Match 'Response body of POST .*idm/api/v8/users'
        $UserDebug | Should -Match 'Authorization: Bearer \*\*\*'
    }

    It 'shortens a long answer past 4096 characters and says how much was left out' {
        $ListDebug | Should -Match 'Response body of GET .*idm/api/v8/tenants'
        $ListDebug | Should -Match '\.\.\. \(\d+ more characters not shown\)'
        $ListDebug | Should -Match '"name": "load-00001"'
    }

    It 'shows none of the password, the client secret, the token or the new user''s password' {
        $Token.Length | Should -BeGreaterThan 8
        foreach ($secret in $SeedPasswordText, $RefreshClientSecretText, $Token, $UserPasswordText, [uri]::EscapeDataString($SeedPasswordText)) {
            $AllDebug.Contains($secret) | Should -BeFalse -Because 'a secret must never reach the debug stream'
        }
    }

    It 'adds no body lines without -Debug (-Verbose alone)' {
        $verbose = @(Get-MsxTenant -Session $Session -First 1 -Verbose 4>&1 5>&1 | Where-Object { $_ -is [Management.Automation.InformationalRecord] } | ForEach-Object Message) -join "`n"
        $verbose | Should -Match 'GET .*tenants'
        $verbose | Should -Not -Match 'Response body'
    }
}
