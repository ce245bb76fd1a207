# CSV rows with the wrong columns piped to the New-* cmdlets: one MsxInvalidInputColumns error per distinct set of
# columns (naming the columns expected and those the row has), nothing sent for them, and the good rows created
# and read back from the emulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ManageTestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default

    function Get-Writes { @(Get-EmulatorRequests $emulator | Where-Object method -NE 'GET') }
    function Get-ErrorIds($Records) { @($Records | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) }
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe '200 CSV rows with the wrong columns piped to New-MsxTenant' {
    It 'writes one error that names the columns expected and the ones the rows have, and sends nothing' {
        $csv = Join-Path $TestDrive 'wrong.csv'
        $lines = @('Nom,Beschreibung') + @(1..200 | ForEach-Object { "wrong-$_,row $_" })
        Set-Content -LiteralPath $csv -Value $lines
        Clear-EmulatorRequests $emulator

        $created = @(Import-Csv $csv | New-MsxTenant -ErrorVariable errors -ErrorAction SilentlyContinue)

        $created | Should -HaveCount 0
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'MsxInvalidInputColumns,MsxPowerShell.Commands.NewMsxTenantCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].Exception.Message | Should -Match 'columns Nom, Beschreibung'
        $errors[0].Exception.Message | Should -Match 'needs the column\(s\) Name'
        $errors[0].Exception.Message | Should -Match 'Description'
        $errors[0].TargetObject.Nom | Should -Be 'wrong-1'
        Get-Writes | Should -HaveCount 0
        @(Get-MsxTenant -Name 'wrong-*') | Should -HaveCount 0
    }
}

Describe 'Good and bad rows mixed, piped to <Command>' -ForEach @(
    @{ Command = 'New-MsxTenant'; Key = 'Name'; Read = { param($n) Get-MsxTenant -Name $n -ErrorAction SilentlyContinue }
        Good = { param($n) [pscustomobject]@{ Name = $n; Description = 'from csv' } }
        BadA = { param($n) [pscustomobject]@{ Nom = $n } }
        BadB = { param($n) [pscustomobject]@{ Description = $n; Email = 'a@example.com' } } }
    @{ Command = 'New-MsxUser'; Key = 'UserName'; Read = { param($n) Get-MsxUser -UserName $n -ErrorAction SilentlyContinue }
        Good = { param($n) [pscustomobject]@{ UserName = $n; LastName = 'Csv'; Email = "$n@example.com" } }
        BadA = { param($n) [pscustomobject]@{ Login = $n; LastName = 'Csv'; Email = "$n@example.com" } }
        BadB = { param($n) [pscustomobject]@{ UserName = $n; Surname = 'Csv' } } }
    @{ Command = 'New-MsxSite'; Key = 'Name'; Read = { param($n) Get-MsxSite -Name $n -ErrorAction SilentlyContinue }
        Good = { param($n) [pscustomobject]@{ TenantId = "$CokeId"; Name = $n; Type = 'branch' } }
        BadA = { param($n) [pscustomobject]@{ Tenant = 'Coke'; Name = $n } }
        BadB = { param($n) [pscustomobject]@{ TenantId = "$CokeId"; SiteName = $n } } }
    @{ Command = 'New-MsxDevice'; Key = 'Name'; Read = { param($n) Get-MsxDevice -Name $n -ErrorAction SilentlyContinue }
        Good = { param($n) [pscustomobject]@{ TenantId = "$CokeId"; Name = $n; Model = 'ISR 4331'; Type = 'ISR'; OnboardType = 'pnp' } }
        BadA = { param($n) [pscustomobject]@{ TenantId = "$CokeId"; Name = $n; Model = 'ISR 4331' } }
        BadB = { param($n) [pscustomobject]@{ Hostname = $n } } }
    @{ Command = 'New-MsxWorkflowTarget'; Key = 'Name'; Read = { param($n) Get-MsxWorkflowTarget -Name $n -ErrorAction SilentlyContinue }
        Good = { param($n) [pscustomobject]@{ Name = $n; Type = 'ssh.endpoint'; UniqueName = $n } }
        BadA = { param($n) [pscustomobject]@{ TargetName = $n; Type = 'ssh.endpoint' } }
        BadB = { param($n) [pscustomobject]@{ Title = $n } } }
) {
    It 'creates the good rows (read back from the emulator) and writes one error per distinct set of columns' {
        $prefix = "csv$(Get-Random)"
        $rows = @(
            & $Good "$prefix-g1"
            & $BadA "$prefix-a1"
            & $BadB "$prefix-b1"
            & $Good "$prefix-g2"
            & $BadA "$prefix-a2"
            & $BadB "$prefix-b2"
            & $Good "$prefix-g3"
            & $BadA "$prefix-a3"
        )

        $created = @($rows | & $Command -ErrorVariable errors -ErrorAction SilentlyContinue)

        @($created | ForEach-Object $Key) | Should -Be @("$prefix-g1", "$prefix-g2", "$prefix-g3")
        Get-ErrorIds $errors | Should -Be @('MsxInvalidInputColumns', 'MsxInvalidInputColumns')
        $columnsA = (& $BadA 'x').PSObject.Properties.Name -join ', '
        $columnsB = (& $BadB 'x').PSObject.Properties.Name -join ', '
        $errors[0].Exception.Message | Should -BeLike "$Command cannot use rows with the columns $columnsA*"
        $errors[1].Exception.Message | Should -BeLike "$Command cannot use rows with the columns $columnsB*"
        foreach ($n in "$prefix-g1", "$prefix-g2", "$prefix-g3") {
            @(& $Read $n) | Should -HaveCount 1 -Because "$n was created"
        }

        foreach ($n in "$prefix-a1", "$prefix-b1") {
            @(& $Read $n) | Should -HaveCount 0 -Because "$n was in a bad row"
        }
    }
}

Describe 'A New-* call without a required value' {
    It 'stops with MsxMissingParameter naming it, and sends nothing' {
        Clear-EmulatorRequests $emulator
        { New-MsxSite -Name 'no-tenant' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxMissingParameter,*'
        { New-MsxSite -Name 'no-tenant' -ErrorAction Stop } | Should -Throw '*-TenantId*'
        Get-Writes | Should -HaveCount 0
    }

    It 'takes the missing column from the command line for every row' {
        $name = "csv-site-$(Get-Random)"
        $site = [pscustomobject]@{ Name = $name } | New-MsxSite -TenantId $CokeId -ErrorAction Stop
        $site.Name | Should -Be $name
        (Get-MsxSite -Name $name).TenantId | Should -Be $CokeId
    }
}
