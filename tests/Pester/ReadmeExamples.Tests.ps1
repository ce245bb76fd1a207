# Every Invoke-MsxRestMethod example of the README runs against the emulator: the lines are read from
# README.md itself, so an example that stops working (or an endpoint the emulator stops serving) fails here.
BeforeDiscovery {
    function Get-ReadmeExample {
        $readme = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../../README.md')
        $blocks = [regex]::Matches($readme, '(?ms)^```powershell\r?\n(.*?)^```').ForEach({ $_.Groups[1].Value })
        @($blocks | ForEach-Object { $_ -split '\r?\n' } | Where-Object { $_ -match '^\s*Invoke-MsxRestMethod\s' } | ForEach-Object { @{ Line = $_.Trim() } })
    }
    $examples = Get-ReadmeExample
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ManageTestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default
    # The variables the examples use: tenants and a device of the built-in data.
    $t = Get-MsxTenant -Name Coke
    $a = $t
    $b = Get-MsxTenant -Name Sprite
    $deviceId = (New-TestDevice -Session $session).Id
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'The README''s Invoke-MsxRestMethod examples' {
    It 'finds the examples in README.md' -ForEach @{ Count = $examples.Count } {
        $Count | Should -BeGreaterOrEqual 5
    }

    It 'runs <Line>' -ForEach $examples {
        Clear-EmulatorRequests $emulator
        $errors = $null
        $null = Invoke-Expression $Line -ErrorVariable errors -ErrorAction Stop
        $errors | Should -BeNullOrEmpty
        $requests = @(Get-EmulatorRequests $emulator | Where-Object { $_.path -notlike '/idm/v2/*' })
        if ($Line -match '-WhatIf') {
            $requests | Should -BeNullOrEmpty -Because '-WhatIf sends nothing'
            # Without -WhatIf the same call is served.
            $null = Invoke-Expression ($Line -replace '\s-WhatIf\b', '') -ErrorAction Stop
            $requests = @(Get-EmulatorRequests $emulator | Where-Object { $_.path -notlike '/idm/v2/*' })
        }

        $requests | Should -Not -BeNullOrEmpty
        foreach ($request in $requests) {
            $request.status | Should -BeGreaterOrEqual 200 -Because "$($request.method) $($request.path)$($request.query) must succeed"
            $request.status | Should -BeLessThan 300 -Because "$($request.method) $($request.path)$($request.query) must succeed"
        }
    }
}
