# examples/New-CustomerOnboarding.ps1 shows "What if" lines for the changes it would make and for nothing else:
# its own checks of the input files never print one, in a dry run or a real run.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Example = Join-Path $RepoRoot 'examples/New-CustomerOnboarding.ps1'
    $script:Emulator = Start-MsxEmulator -ArgumentList '--control'
    $first = ConvertTo-SecureString 'Onboard-Pa55!' -AsPlainText -Force
    $script:Connect = @{ Server = $Emulator.Uri; ClientId = $SeedClientId; ClientSecret = $SeedClientSecret; Credential = $SeedCredential; InitialPassword = $first }
    $script:Operators = @(Import-Csv -LiteralPath (Join-Path $RepoRoot 'examples/customer-operators.csv'))
    $script:Sites = @(Import-Csv -LiteralPath (Join-Path $RepoRoot 'examples/customer-sites.csv'))
    $script:Devices = @(Import-Csv -LiteralPath (Join-Path $RepoRoot 'examples/customer-devices.csv'))
    function New-Customer { $n = Get-Random; @{ TenantName = "WhatIf $n"; AdminUserName = "whatif-admin-$n"; AdminEmail = 'admin@whatif.example' } }
    function Get-WhatIfLines([string] $Text) { @($Text -split '\r?\n' | Where-Object { $_ -match '^What if:' }) }
}

AfterAll {
    $Emulator | Stop-MsxEmulator
}

Describe 'New-CustomerOnboarding.ps1 and What if' {
    It 'with -WhatIf shows one line per change it would make, and nothing else' {
        $customer = New-Customer
        $text = Get-HostOutput { & $Example @Connect @customer -WhatIf 6>$null }
        $lines = Get-WhatIfLines $text
        $text | Should -Not -Match 'Invoke-method' -Because 'a method called by name must not go through ShouldProcess'
        $text | Should -Not -Match '00000000-0000-0000-0000-000000000000' -Because 'the checks of the input files are not changes'
        $lines.Count | Should -Be (2 + $Operators.Count + $Sites.Count + $Devices.Count) -Because ($lines -join "`n")
        @($lines | Where-Object { $_ -notmatch 'Performing the operation "Create (tenant|user|site|device)"' }) | Should -BeNullOrEmpty
        @($lines -match [regex]::Escape("Create tenant"" on target ""tenant '$($customer.TenantName)'")).Count | Should -Be 1
        foreach ($o in $Operators) { @($lines -match [regex]::Escape("user '$($o.UserName)'")).Count | Should -Be 1 }
        foreach ($d in $Devices) { @($lines -match [regex]::Escape("device '$($d.Name)'")).Count | Should -Be 1 }
        @(Get-MsxTenant -Session (New-TestSession -Emulator $Emulator) -Name $customer.TenantName -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'prints no What if line in a real run' {
        $customer = New-Customer
        $text = Get-HostOutput { & $Example @Connect @customer -Confirm:$false 3>$null 6>$null }
        Get-WhatIfLines $text | Should -BeNullOrEmpty
        $text | Should -Not -Match 'What if'
        (Get-MsxTenant -Session (New-TestSession -Emulator $Emulator) -Name $customer.TenantName).Name | Should -Be $customer.TenantName -Because 'the run did onboard the customer'
    }
}
