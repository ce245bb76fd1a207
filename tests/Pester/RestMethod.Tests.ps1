# Invoke-MsxRestMethod: any endpoint through a session, with everything the session gives.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control', '--seed-tenants', '2500'
    $session = New-TestSession -Emulator $emulator -Default
    $coke = '133815cb-2335-474d-8c10-3e635aba94fd'
    $pepsi = '838a148f-1175-4a11-8ac2-4e4ee0a8e048'
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'Invoke-MsxRestMethod' {
    It 'reads one object as a PSCustomObject with the wire''s field names' {
        $tenant = Invoke-MsxRestMethod "/idm/api/v8/tenants/$coke"
        $tenant | Should -BeOfType [pscustomobject]
        $tenant.name | Should -Be 'Coke'
        $tenant.id | Should -Be $coke
    }

    It '-All streams every tenant of a seeded emulator, page by page' {
        Clear-EmulatorRequests $emulator
        $all = @(Invoke-MsxRestMethod /idm/api/v8/tenants -All)
        $pages = @(Get-EmulatorRequests $emulator | Where-Object { $_.path -eq '/idm/api/v8/tenants' })
        $pages.Count | Should -BeGreaterOrEqual 3
        $pages[0].query | Should -BeLike '*page=0*pageSize=1000*'
        # The reference listing comes after the log is read: pages it fetches ahead may reach the server later.
        $all.Count | Should -Be @(Get-MsxTenant).Count
        $all.Count | Should -BeGreaterThan 2500
        @($all.id | Sort-Object -Unique).Count | Should -Be $all.Count
    }

    It '-All with -First and -Skip returns that window, and a pageSize from -Query is kept' {
        $window = @(Invoke-MsxRestMethod /idm/api/v8/tenants -All -Query @{ pageSize = 50; sortBy = 'name' } -Skip 10 -First 5)
        $reference = @(Get-MsxTenant -SortBy name -Skip 10 -First 5)
        $window.Count | Should -Be 5
        $window.id | Should -Be ([string[]]$reference.Id)
    }

    It '-Query @{ ids = $a, $b } repeats the key and reaches /idm/api/v8/tenants/list' {
        Clear-EmulatorRequests $emulator
        $found = @(Invoke-MsxRestMethod /idm/api/v8/tenants/list -Query @{ ids = $coke, $pepsi })
        $found.name | Should -Be @('Coke', 'Pepsi')
        $request = Get-EmulatorRequests $emulator | Select-Object -Last 1
        $request.path | Should -Be '/idm/api/v8/tenants/list'
        $request.query | Should -Be "?ids=$coke&ids=$pepsi"
    }

    It 'URL-escapes query values' {
        Clear-EmulatorRequests $emulator
        $null = Invoke-MsxRestMethod /idm/api/v8/tenants -Query @{ page = 0; pageSize = 1; sortBy = 'name'; x = 'a b&c' }
        (Get-EmulatorRequests $emulator | Select-Object -Last 1).query | Should -BeLike '*x=a%20b%26c*'
    }

    It 'a POST with a hashtable body creates a tenant, and a DELETE removes it' {
        $name = "rest-$(Get-Random)"
        $created = Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body @{ name = $name; description = 'made by REST' }
        $created.name | Should -Be $name
        (Get-MsxTenant -Id $created.id).Description | Should -Be 'made by REST'
        $none = Invoke-MsxRestMethod "/idm/api/v8/tenants/$($created.id)" -Method DELETE
        $none | Should -BeNullOrEmpty -Because 'an empty answer writes nothing'
        @(Get-MsxTenant -Name $name -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'a string body is sent as it is' {
        $name = "rest-text-$(Get-Random)"
        $created = Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body "{""name"":""$name""}"
        $created.name | Should -Be $name
        Remove-MsxTenant -Id $created.id -Force
    }

    It 'a 404 is MsxNotFound with the category ObjectNotFound and the server''s code' {
        $err = $null
        try { Invoke-MsxRestMethod "/idm/api/v8/tenants/$([guid]::NewGuid())" -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.ErrorDetails.Message | Should -BeLike '*NOT_FOUND*'
    }

    It 'a 409 is MsxConflict and a 400 is MsxInvalidRequest' {
        $err = $null
        try { Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body @{ name = 'Coke' } -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxConflict,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        # A body the spec allows that the server refuses (no such parent): the contract tests check every body sent.
        try { Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body @{ name = "orphan-$(Get-Random)"; parentId = [guid]::NewGuid() } -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxInvalidRequest,*'
        $err.ErrorDetails.Message | Should -Match 'parentId'
    }

    It '-WhatIf sends nothing' {
        Clear-EmulatorRequests $emulator
        Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body @{ name = "whatif-$(Get-Random)" } -WhatIf
        Invoke-MsxRestMethod "/idm/api/v8/tenants/$coke" -Method DELETE -WhatIf
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }

    It 'an absolute URL on another server is refused before any request, and one on the session''s server works' {
        Clear-EmulatorRequests $emulator
        $err = $null
        try { Invoke-MsxRestMethod "http://203.0.113.7:9/idm/api/v8/tenants/$coke" -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxForeignServer,*'
        $err.Exception.Message | Should -BeLike '*nothing was sent*'
        $other = [Uri]::new(($emulator.Uri.AbsoluteUri -replace '127\.0\.0\.1', 'localhost'))
        try { Invoke-MsxRestMethod ([Uri]::new($other, "idm/api/v8/tenants/$coke")).AbsoluteUri -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxForeignServer,*' -Because 'another host name is another server'
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
        (Invoke-MsxRestMethod ([Uri]::new($emulator.Uri, "idm/api/v8/tenants/$coke")).AbsoluteUri).name | Should -Be 'Coke'
    }

    It 'a text answer is written as a string, and -Raw writes JSON unparsed' {
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{ method = 'GET'; path = "/idm/api/v8/tenants/$pepsi"; status = 200; body = 'hostname cpe-1'; contentType = 'text/plain'; count = 1 }
        Invoke-MsxRestMethod "/idm/api/v8/tenants/$pepsi" | Should -Be 'hostname cpe-1'
        $raw = Invoke-MsxRestMethod "/idm/api/v8/tenants/$coke" -Raw
        $raw | Should -BeOfType [string]
        ($raw | ConvertFrom-Json).name | Should -Be 'Coke'
    }

    It 'retries a GET after 503s but never repeats a POST' {
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{ method = 'GET'; path = "/idm/api/v8/tenants/$coke"; status = 503; count = 1 }
        (Invoke-MsxRestMethod "/idm/api/v8/tenants/$coke").name | Should -Be 'Coke'
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{ method = 'POST'; path = '/idm/api/v8/tenants'; status = 503; count = 1 }
        Clear-EmulatorRequests $emulator
        $err = $null
        try { Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body @{ name = "never-twice-$(Get-Random)" } -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxServerError,*'
        @(Get-EmulatorRequests $emulator | Where-Object method -eq 'POST').Count | Should -Be 1
    }

    It 'a -Verbose -Debug transcript of all of it holds no secret or token' {
        $token = Get-MsxAccessToken -Session $session -AsPlainText
        $DebugPreference = 'Continue'
        $text = & {
            Invoke-MsxRestMethod /idm/api/v8/tenants -All -First 3 -Verbose
            Invoke-MsxRestMethod /idm/api/v8/tenants/list -Query @{ ids = $coke, $pepsi } -Verbose
            $t = Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body @{ name = "transcript-$(Get-Random)" } -Verbose
            Invoke-MsxRestMethod "/idm/api/v8/tenants/$($t.id)" -Method DELETE -Verbose
            try { Invoke-MsxRestMethod "/idm/api/v8/tenants/$([guid]::NewGuid())" -Verbose -ErrorAction Stop } catch { $_ | Format-List * -Force | Out-String }
        } *>&1 | Out-String
        $text | Should -BeLike '*GET*idm/api/v8/tenants*200*'
        $text | Should -BeLike '*Bearer ***'
        $text | Should -Not -BeLike "*$token*"
        $text | Should -Not -BeLike "*$SeedPasswordText*"
        $text | Should -Not -BeLike "*$SeedClientSecretText*"
    }
}
