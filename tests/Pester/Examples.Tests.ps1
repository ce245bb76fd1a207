# The scripts in examples/, run against freshly started emulators; each effect is checked on the server.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $examples = Join-Path $RepoRoot 'examples'
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator
    $cokeId = [guid]'133815cb-2335-474d-8c10-3e635aba94fd'

    function Get-ServerTenants([string] $Like = '*', $On = $session) { @(Get-MsxTenant -Session $On | Where-Object Name -like $Like) }
    function Split-Output {
        # What a script wrote to its output and to its error stream (2>&1): the errors a user sees,
        # not the ones the script caught inside (which -ErrorVariable would also collect).
        param([object[]] $All)
        # (-ErrorAction Continue on the call: the build runs the tests with $ErrorActionPreference = 'Stop'.)
        $isError = { $_ -is [System.Management.Automation.ErrorRecord] }
        [pscustomobject]@{ Output = @($All | Where-Object { -not (& $isError) }); Errors = @($All | Where-Object $isError) }
    }
    function Get-TenantWrites { @(Get-EmulatorRequests $emulator | Where-Object { $_.method -in 'POST', 'PUT', 'DELETE' -and $_.path -like '/idm/api/v8/tenants*' }) }
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'examples/Import-TenantsFromCsv.ps1' {
    BeforeAll {
        $example = Join-Path $examples 'Import-TenantsFromCsv.ps1'
        $prefix = "csv$(Get-Random)"
        $csv = Join-Path $TestDrive 'tenants.csv'
        @(
            [pscustomobject]@{ Name = "$prefix-full"; Description = 'All the fields'; Email = 'ops@acme.example'; Url = 'https://acme.example'; ParentId = ''; ExternalId = "$prefix-ext" }
            [pscustomobject]@{ Name = "$prefix-child"; Description = ''; Email = ''; Url = ''; ParentId = "$cokeId"; ExternalId = '' }
            [pscustomobject]@{ Name = "$prefix-bare"; Description = ''; Email = ''; Url = ''; ParentId = ''; ExternalId = '' }
            [pscustomobject]@{ Name = 'Coke'; Description = 'exists already'; Email = ''; Url = ''; ParentId = ''; ExternalId = '' }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation
    }

    It 'with -WhatIf is a pure dry run: reports the plan, creates nothing, sends no write' {
        Clear-EmulatorRequests $emulator
        $result = @(& $example -Path $csv -Session $session -WhatIf -InformationVariable info -WarningVariable warnings 3>$null 6>$null)

        $result.Count | Should -Be 0
        @(Get-TenantWrites).Count | Should -Be 0
        @(Get-ServerTenants "$prefix*").Count | Should -Be 0
        ($info -join "`n") | Should -Match '3 to create, 1 to skip, 0 invalid'
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -Match "'Coke' exists on the server"
    }

    It 'creates the new rows with their fields, skips the existing name with a warning, and returns the created tenants' {
        $result = @(& $example -Path $csv -Session $session -WarningVariable warnings 3>$null 6>$null)

        $result | Should -HaveCount 3
        $result | ForEach-Object { $_ | Should -BeOfType 'MsxPowerShell.Client.Models.MsxTenant' }
        ($result.Name | Sort-Object) | Should -Be (@("$prefix-bare", "$prefix-child", "$prefix-full") | Sort-Object)
        "$($warnings[0])" | Should -Match "'Coke' exists"

        $onServer = Get-ServerTenants "$prefix*"
        $onServer | Should -HaveCount 3
        $full = $onServer | Where-Object Name -eq "$prefix-full"
        $full.Description | Should -Be 'All the fields'
        $full.Email | Should -Be 'ops@acme.example'
        $full.Url | Should -Be 'https://acme.example'
        $full.ExternalId | Should -Be "$prefix-ext"
        $full.ParentId | Should -BeNullOrEmpty
        ($onServer | Where-Object Name -eq "$prefix-child").ParentId | Should -Be $cokeId
        ($onServer | Where-Object Name -eq "$prefix-bare").Description | Should -BeNullOrEmpty
        @(Get-ServerTenants 'Coke')[0].Description | Should -Not -Be 'exists already'
    }

    It 'a second run skips every row, creates nothing and returns nothing' {
        Clear-EmulatorRequests $emulator
        $result = @(& $example -Path $csv -Session $session -WarningVariable warnings 3>$null 6>$null)

        $result.Count | Should -Be 0
        $warnings | Should -HaveCount 4
        @(Get-TenantWrites).Count | Should -Be 0
        Get-ServerTenants "$prefix*" | Should -HaveCount 3
    }

    It 'reports invalid rows as errors, skips names repeated in the file, and creates the valid rows' {
        $p = "csvbad$(Get-Random)"
        $bad = Join-Path $TestDrive 'bad.csv'
        @"
Name,Email,ParentId
$p-ok,,
$p-email,not-an-email,
$p-parent,,not-a-guid
$p-ok,,
"@ | Set-Content -LiteralPath $bad

        $run = Split-Output (& $example -Path $bad -Session $session -WarningVariable warnings -ErrorAction Continue 2>&1 3>$null 6>$null)
        $result = $run.Output; $errors = $run.Errors

        $result.Name | Should -Be "$p-ok"
        $errors | Should -HaveCount 2
        $errors.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'InvalidCsvRow*' }
        ($errors.Exception.Message -join "`n") | Should -Match 'Line 3 .*Email'
        ($errors.Exception.Message -join "`n") | Should -Match "Line 4 .*'not-a-guid'"
        "$warnings" | Should -Match 'appears earlier in the file'
        (Get-ServerTenants "$p*").Name | Should -Be "$p-ok"
    }

    It 'uses the default session when -Session is not given' {
        $p = "csvdef$(Get-Random)"
        $file = Join-Path $TestDrive 'default.csv'
        "Name`n$p-one" | Set-Content -LiteralPath $file
        $null = New-TestSession -Emulator $emulator -Default
        $result = @(& $example -Path $file 6>$null)
        $result.Name | Should -Be "$p-one"
        Get-ServerTenants "$p*" | Should -HaveCount 1
    }
}

Describe 'examples/Remove-TenantsByPattern.ps1' {
    BeforeAll {
        $example = Join-Path $examples 'Remove-TenantsByPattern.ps1'
    }

    BeforeEach {
        $p = "rm$(Get-Random)"
        $parent = New-MsxTenant -Session $session -Name "$p-parent"
        $child = New-MsxTenant -Session $session -Name "$p-child" -ParentId $parent.Id
        $grandchild = New-MsxTenant -Session $session -Name "$p-grandchild" -ParentId $child.Id
        $solo = New-MsxTenant -Session $session -Name "$p-solo"
        $other = New-MsxTenant -Session $session -Name "keep-$p-solo"
    }

    AfterEach {
        # Whatever a test left: the script itself, which knows the order.
        $null = & $example -Name "*$p*" -Session $session -Force -ErrorAction SilentlyContinue
    }

    It 'with -WhatIf (even with -Force) removes nothing and sends no DELETE' {
        Clear-EmulatorRequests $emulator
        $result = @(& $example -Name "$p-*" -Session $session -WhatIf -Force)
        $result.Count | Should -Be 0
        @(Get-EmulatorRequests $emulator | Where-Object method -eq 'DELETE').Count | Should -Be 0
        Get-ServerTenants "$p-*" | Should -HaveCount 4
    }

    It 'removes exactly the matching tenants, children before parents, and returns them' {
        $before = @(Get-ServerTenants).Count
        $result = @(& $example -Name "$p-*" -Session $session -Force)

        $result | Should -HaveCount 4
        $order = @($result.Name)
        $order.IndexOf("$p-grandchild") | Should -BeLessThan $order.IndexOf("$p-child")
        $order.IndexOf("$p-child") | Should -BeLessThan $order.IndexOf("$p-parent")
        ($result.Id | Sort-Object) | Should -Be (@($parent.Id, $child.Id, $grandchild.Id, $solo.Id) | Sort-Object)

        @(Get-ServerTenants "$p-*").Count | Should -Be 0
        @(Get-ServerTenants).Count | Should -Be ($before - 4)
        (Get-ServerTenants "keep-$p-solo").Id | Should -Be $other.Id
        Get-ServerTenants 'Coke' | Should -HaveCount 1
    }

    It 'takes several patterns and exact names' {
        $result = @(& $example -Name "$p-solo", "keep-$p-*" -Session $session -Force)
        ($result.Name | Sort-Object) | Should -Be (@("$p-solo", "keep-$p-solo") | Sort-Object)
        Get-ServerTenants "$p-*" | Should -HaveCount 3
    }

    It 'leaves a matching parent whose child does not match, with MsxTenantHasChildren, and removes the rest' {
        $outsider = New-MsxTenant -Session $session -Name "outside-$p" -ParentId $solo.Id
        $run = Split-Output (& $example -Name "$p-solo", "$p-grandchild" -Session $session -Force -ErrorAction Continue 2>&1)
        $result = $run.Output; $errors = $run.Errors

        $result.Name | Should -Be "$p-grandchild"
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxTenantHasChildren*'
        (Get-ServerTenants "$p-solo").Id | Should -Be $solo.Id
    }

    It 'never removes the session''s own tenant' {
        $own = Get-MsxTenant -Session $session -Id $session.TenantId
        $result = @(& $example -Name $own.Name -Session $session -Force -WarningVariable warnings 3>$null)
        $result.Count | Should -Be 0
        "$warnings" | Should -Match 'own tenant'
        (Get-MsxTenant -Session $session -Id $session.TenantId).Name | Should -Be $own.Name
    }

    It 'asks before removing: a non-interactive run without -Force removes nothing' {
        $result = Invoke-ChildPwsh -Script @"
Import-Module '$ModuleManifest'
`$s = ConvertTo-SecureString '$SeedClientSecretText' -AsPlainText -Force
`$c = [pscredential]::new('superuser', (ConvertTo-SecureString '$($SeedPasswordText.Replace("'", "''"))' -AsPlainText -Force))
`$null = Get-MsxAccessToken -Server '$($emulator.Uri)' -ClientId '$SeedClientId' -ClientSecret `$s -Credential `$c
try { & '$example' -Name '$p-solo' -ErrorAction Stop | ForEach-Object { 'removed ' + `$_.Name } } catch { 'refused' }
"@
        ($result.Output -join "`n") | Should -Not -Match 'removed'
        (Get-ServerTenants "$p-solo").Id | Should -Be $solo.Id
    }
}

Describe 'examples/Export-TenantReport.ps1' {
    BeforeAll {
        $example = Join-Path $examples 'Export-TenantReport.ps1'
        $p = "rep$(Get-Random)"
        $parent = New-MsxTenant -Session $session -Name "$p-parent" -Description 'The parent, "quoted", with a comma' -Email 'p@example.com' -Url 'https://p.example.com'
        $child = New-MsxTenant -Session $session -Name "$p-child" -ParentId $parent.Id
        $columns = 'Id', 'Name', 'Description', 'Email', 'Url', 'ParentId', 'ParentName', 'NumberOfChildren', 'CreatedOn', 'ModifiedOn'
    }

    It 'writes one row per tenant with the columns and values of the server, and returns the file' {
        $path = Join-Path $TestDrive 'report.csv'
        $file = & $example -Path $path -Session $session

        $file | Should -BeOfType [System.IO.FileInfo]
        $file.FullName | Should -Be $path
        $rows = @(Import-Csv -LiteralPath $path)
        $rows[0].PSObject.Properties.Name | Should -Be $columns

        $tenants = Get-ServerTenants
        $rows | Should -HaveCount $tenants.Count
        ($rows.Id | Sort-Object) | Should -Be ($tenants.Id.Guid | Sort-Object)
        foreach ($tenant in $tenants) {
            $row = $rows | Where-Object Id -eq $tenant.Id
            $row.Name | Should -Be $tenant.Name
            $row.Description | Should -Be "$($tenant.Description)"
            $row.NumberOfChildren | Should -Be "$($tenant.NumberOfChildren)"
            [datetime]::Parse($row.CreatedOn, [cultureinfo]::InvariantCulture, 'RoundtripKind') | Should -Be $tenant.CreatedOn
        }

        $p1 = $rows | Where-Object Name -eq "$p-parent"
        $p1.Description | Should -Be 'The parent, "quoted", with a comma'
        $p1.Email | Should -Be 'p@example.com'
        $p1.Url | Should -Be 'https://p.example.com'
        $p1.ParentId | Should -Be ''
        $p1.ParentName | Should -Be ''
        $p1.NumberOfChildren | Should -Be '1'
        $c1 = $rows | Where-Object Name -eq "$p-child"
        $c1.ParentId | Should -Be $parent.Id
        $c1.ParentName | Should -Be "$p-parent"
        $c1.NumberOfChildren | Should -Be '0'
        $c1.CreatedOn | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d'
    }

    It 'with -Name writes only the matching tenants, with the parent name of a parent not in the report' {
        $path = Join-Path $TestDrive 'sub/filtered.csv'
        $null = New-Item -ItemType Directory (Split-Path $path)
        $null = & $example -Path $path -Name "$p-ch*" -Session $session
        $rows = @(Import-Csv -LiteralPath $path)
        $rows | Should -HaveCount 1
        $rows[0].Id | Should -Be $child.Id
        $rows[0].ParentName | Should -Be "$p-parent"
    }

    It 'writes the header only when nothing matches, and -WhatIf writes nothing' {
        $path = Join-Path $TestDrive 'empty.csv'
        $null = & $example -Path $path -Name "nothing-$p-*" -Session $session
        (Get-Content -LiteralPath $path) | Should -Be ((($columns | ForEach-Object { "`"$_`"" }) -join ','))

        $whatIf = Join-Path $TestDrive 'whatif.csv'
        & $example -Path $whatIf -Session $session -WhatIf | Should -BeNullOrEmpty
        Test-Path $whatIf | Should -BeFalse
    }
}

Describe 'examples/Get-TenantsAcrossServers.ps1' {
    BeforeAll {
        $example = Join-Path $examples 'Get-TenantsAcrossServers.ps1'
        $emulator2 = Start-MsxEmulator -ArgumentList '--control'
        $session2 = New-TestSession -Emulator $emulator2
        $only2 = New-MsxTenant -Session $session2 -Name "only-on-2-$(Get-Random)"
        $only1 = New-MsxTenant -Session $session -Name "only-on-1-$(Get-Random)"
        $client = [pscredential]::new($SeedClientId, $SeedClientSecret)

        function Assert-EachServerOwnTenants($result) {
            foreach ($pair in @(@($emulator, $session), @($emulator2, $session2))) {
                $emu, $own = $pair
                $tagged = @($result | Where-Object { $_.Server -eq $emu.Uri })
                ($tagged.Id | Sort-Object) | Should -Be ((Get-MsxTenant -Session $own).Id | Sort-Object)
            }
        }
    }

    AfterAll {
        $emulator2 | Stop-MsxEmulator
    }

    It 'returns each server''s own tenants tagged with its Server, leaves the default session alone, and disconnects its sessions' {
        $default = Get-MsxSession -Default
        $sessionsBefore = @(Get-MsxSession).Count
        Clear-EmulatorRequests $emulator; Clear-EmulatorRequests $emulator2

        $result = @(& $example -Server $emulator.Uri, $emulator2.Uri -ClientCredential $client -Credential $SeedCredential)

        Assert-EachServerOwnTenants $result
        ($result | Where-Object Id -eq $only2.Id).Server | Should -Be $emulator2.Uri
        ($result | Where-Object Id -eq $only1.Id).Server | Should -Be $emulator.Uri
        $result | Where-Object { $_.Server -notin $emulator.Uri, $emulator2.Uri } | Should -BeNullOrEmpty
        $result[0] | Should -BeOfType 'MsxPowerShell.Client.Models.MsxTenant'

        @(Get-MsxSession).Count | Should -Be $sessionsBefore
        (Get-MsxSession -Default).Id | Should -Be $default.Id
        foreach ($emu in $emulator, $emulator2) {
            @(Get-EmulatorRequests $emu | Where-Object { $_.method -eq 'DELETE' -and $_.path -eq '/idm/v2/logout' }) | Should -HaveCount 1
        }
    }

    It 'takes per-server entries (hashtables or CSV rows) and -Name' {
        $fromHash = @(& $example -ServerList @(@{ Server = $emulator.Uri; ClientCredential = $client; Credential = $SeedCredential }, @{ Server = "$($emulator2.Uri)" }) `
                -ClientCredential $client -Credential $SeedCredential -Name 'only-on-*', 'Coke')
        ($fromHash | Where-Object Server -eq $emulator.Uri).Name | Sort-Object | Should -Be (@('Coke', $only1.Name) | Sort-Object)
        ($fromHash | Where-Object Server -eq $emulator2.Uri).Name | Sort-Object | Should -Be (@('Coke', $only2.Name) | Sort-Object)

        $csv = Join-Path $TestDrive 'servers.csv'
        @([pscustomobject]@{ Server = $emulator.Uri; SkipCertificateCheck = 'false' }, [pscustomobject]@{ Server = $emulator2.Uri; SkipCertificateCheck = 'false' }) |
            Export-Csv -LiteralPath $csv -NoTypeInformation
        $fromCsv = @(& $example -ServerList (Import-Csv $csv) -ClientCredential $client -Credential $SeedCredential)
        Assert-EachServerOwnTenants $fromCsv
    }

    It 'reports a server that refuses the login, naming it, and still walks the others' {
        $bad = @{ Server = $emulator2.Uri; Credential = [pscredential]::new('superuser', (ConvertTo-SecureString 'wrong' -AsPlainText -Force)) }
        $sessionsBefore = @(Get-MsxSession).Count
        $run = Split-Output (& $example -ServerList @($bad, @{ Server = $emulator.Uri }) -ClientCredential $client -Credential $SeedCredential -ErrorAction Continue 2>&1)
        $result = $run.Output; $errors = $run.Errors

        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxAuthenticationFailed*'
        "$($errors[0])" | Should -BeLike "$($emulator2.Uri)*"
        @($result | Where-Object Server -ne $emulator.Uri) | Should -HaveCount 0
        ($result.Id | Sort-Object) | Should -Be ((Get-MsxTenant -Session $session).Id | Sort-Object)
        @(Get-MsxSession).Count | Should -Be $sessionsBefore
    }
}

Describe 'examples/Connect-FromEnvironment.ps1' {
    BeforeAll {
        $example = Join-Path $examples 'Connect-FromEnvironment.ps1'
        # A CI job finds the module on PSModulePath; here, the built one.
        $environment = @{
            MSX_SERVER        = "$($emulator.Uri)"
            MSX_CLIENT_ID     = $SeedClientId
            MSX_CLIENT_SECRET = $SeedClientSecretText
            MSX_USERNAME      = 'superuser'
            MSX_PASSWORD      = $SeedPasswordText
            PSModulePath      = (Join-Path $RepoRoot 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
        }
        $child = "& '$example'; exit `$LASTEXITCODE"
    }

    It 'logs in from the environment, prints the user and the tenant count, and exits 0' {
        Clear-EmulatorRequests $emulator
        $result = Invoke-ChildPwsh -Script $child -Environment $environment
        $text = $result.Output -join "`n"

        $result.ExitCode | Should -Be 0 -Because $text
        $text | Should -Match "Logged in to $([regex]::Escape($emulator.Uri)) as superuser"
        $text | Should -Match "Tenants: $(@(Get-ServerTenants).Count)\b"
        $text | Should -Not -Match ([regex]::Escape($SeedPasswordText))
        $text | Should -Not -Match ([regex]::Escape($SeedClientSecretText))
        @(Get-EmulatorRequests $emulator | Where-Object { $_.method -eq 'DELETE' -and $_.path -eq '/idm/v2/logout' }) | Should -HaveCount 1
    }

    It 'exits non-zero, naming the missing variable, when <Name> is not set' -ForEach @(
        @{ Name = 'MSX_SERVER' }, @{ Name = 'MSX_CLIENT_SECRET' }, @{ Name = 'MSX_PASSWORD' }
    ) {
        Clear-EmulatorRequests $emulator
        $env2 = $environment.Clone(); $env2[$Name] = $null
        $result = Invoke-ChildPwsh -Script $child -Environment $env2
        $text = $result.Output -join "`n"

        $result.ExitCode | Should -Be 2 -Because $text
        $text | Should -Match "missing environment variable\(s\): $Name\."
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }

    It 'exits non-zero with the reason when the login fails' {
        $env2 = $environment.Clone(); $env2.MSX_PASSWORD = 'not-the-password'
        $result = Invoke-ChildPwsh -Script $child -Environment $env2
        $text = $result.Output -join "`n"

        $result.ExitCode | Should -Be 3 -Because $text
        $text | Should -Match 'login to .* as superuser failed \(MsxAuthenticationFailed\)'
        $text | Should -Not -Match 'not-the-password'
    }
}

Describe 'examples/New-CustomerOnboarding.ps1' {
    BeforeAll {
        $example = Join-Path $examples 'New-CustomerOnboarding.ps1'
        $sampleCsv = Join-Path $examples 'customer-operators.csv'
        $firstText = 'Onboard-Pa55!'
        $first = ConvertTo-SecureString $firstText -AsPlainText -Force
        $connect = @{ Server = $emulator.Uri; ClientId = $SeedClientId; ClientSecret = $SeedClientSecret; Credential = $SeedCredential }
        $tenantName = "Acme $(Get-Random)"
        $adminName = "acme-admin-$(Get-Random)"
        $customer = @{ TenantName = $tenantName; AdminUserName = $adminName; AdminEmail = 'admin@acme.example'; InitialPassword = $first }
        $sample = @(Import-Csv -LiteralPath $sampleCsv)
        function Get-Writes { @(Get-EmulatorRequests $emulator | Where-Object { $_.method -in 'POST', 'PUT', 'DELETE' -and $_.path -like '/idm/api/v8/*' }) }
        function Get-Logouts { @(Get-EmulatorRequests $emulator | Where-Object { $_.method -eq 'DELETE' -and $_.path -eq '/idm/v2/logout' }) }
        # The network part (steps 9-11): its sample files, and the writes of the sites and devices routes.
        $sampleSites = @(Import-Csv -LiteralPath (Join-Path $examples 'customer-sites.csv'))
        $sampleDevices = @(Import-Csv -LiteralPath (Join-Path $examples 'customer-devices.csv'))
        function Get-NetworkWrites { @(Get-EmulatorRequests $emulator | Where-Object { $_.method -in 'POST', 'PUT', 'PATCH', 'DELETE' -and $_.path -like '/manage/api/v8/*' }) }
        function Invoke-Onboarding([hashtable] $Arguments) {
            # Everything the script writes (errors included) and what it threw, if it threw.
            & { try { & $example @Arguments 2>&1 3>$null 6>$null } catch { $_ } }
        }
        function New-UserSession([string] $UserName) {
            New-TestSession -Emulator $emulator -Credential ([pscredential]::new($UserName, $first))
        }
    }

    It 'with -WhatIf checks the operators and changes nothing' {
        Clear-EmulatorRequests $emulator
        $result = @(& $example @connect @customer -WhatIf 6>$null)
        $result.Count | Should -Be 0
        @(Get-Writes).Count | Should -Be 0
        @(Get-NetworkWrites).Count | Should -Be 0
        Get-ServerTenants $tenantName | Should -BeNullOrEmpty
        @(Get-Logouts).Count | Should -Be 1 -Because 'its own session was disconnected'
    }

    It 'onboards the customer: the tenant, its TENANT_ADMIN, the sample operators; every new user logs in with its roles and tenant; the admin reaches its own tenant only' {
        $sessionsBefore = @(Get-MsxSession).Count
        Clear-EmulatorRequests $emulator
        $result = & $example @connect @customer 3>$null 6>$null

        # The server holds what the script says it made.
        $tenant = Get-MsxTenant -Session $session -Name $tenantName
        $result.Tenant.Id | Should -Be $tenant.Id
        $admin = Get-MsxUser -Session $session -UserName $adminName
        $admin.Roles | Should -Be @('TENANT_ADMIN')
        $admin.TenantIds | Should -Be @($tenant.Id)
        $operators = @(Get-MsxUser -Session $session -TenantId $tenant.Id | Where-Object UserName -ne $adminName)
        ($operators.UserName | Sort-Object) | Should -Be ($sample.UserName | Sort-Object)
        foreach ($row in $sample) {
            $user = $operators | Where-Object UserName -eq $row.UserName
            ($user.Roles | Sort-Object) | Should -Be (@($row.Role -split ';') | Sort-Object)
            $user.TenantIds | Should -Be @($tenant.Id)
            $user.Email | Should -Be $row.Email
        }

        # Each new user logged in, and logs in now, with the first password.
        $result.Logins | Should -HaveCount 4
        $result.Logins | ForEach-Object { $_.LoggedIn | Should -BeTrue; $_.RolesOk | Should -BeTrue; $_.InTenant | Should -BeTrue }
        $grace = New-UserSession 'acme-grace'
        $me = Get-MsxCurrentUser -Session $grace
        ($me.Roles | Sort-Object) | Should -Be @('CONSUMER', 'OPERATOR')
        $me.TenantIds | Should -Be @($tenant.Id)
        $grace.TenantId | Should -Be $tenant.Id

        # The TENANT_ADMIN manages its own tenant's users and no one else's.
        $result.AdminScope.OtherTenantDenied | Should -BeTrue
        ($result.AdminScope.OwnTenantUsers | Sort-Object) | Should -Be (@($sample.UserName) + $adminName | Sort-Object)
        $asAdmin = New-UserSession $adminName
        (@(Get-MsxUser -Session $asAdmin).UserName | Sort-Object) | Should -Be (@($sample.UserName) + $adminName | Sort-Object)
        Set-MsxUser -Session $asAdmin -Id ($operators | Where-Object UserName -eq 'acme-ada').Id -FirstName 'Augusta'
        (Get-MsxUser -Session $session -UserName 'acme-ada').FirstName | Should -Be 'Augusta'
        $consumer = Get-MsxUser -Session $session -UserName 'consumer'
        { Set-MsxUser -Session $asAdmin -Id $consumer.Id -FirstName 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxPermissionDenied,*'

        # The network: the sample's two sites, its four devices placed at them, and a health report of them.
        $sites = @(Get-MsxSite -Session $session -TenantId $tenant.Id)
        ($sites.Name | Sort-Object) | Should -Be ($sampleSites.Name | Sort-Object)
        $devices = @(Get-MsxDevice -Session $session -TenantId $tenant.Id)
        ($devices.SerialKey | Sort-Object) | Should -Be ($sampleDevices.SerialKey | Sort-Object)
        foreach ($row in $sampleSites) {
            $site = $sites | Where-Object Name -eq $row.Name
            $site.Address.FormattedAddress | Should -Be $row.Address
            $site.Contact.Email | Should -Be $row.ContactEmail
            $site.Location.Latitude | Should -Be ([double] $row.Latitude)
            $placed = @($sampleDevices | Where-Object Site -eq $row.Name | ForEach-Object { $sn = $_.SerialKey; ($devices | Where-Object SerialKey -eq $sn).Id })
            ($site.DeviceIds | Sort-Object) | Should -Be ($placed | Sort-Object)
            (@(Get-MsxSite -Session $session -DeviceId $placed[0]).Name) | Should -Be @($row.Name)
        }
        foreach ($row in $sampleDevices) {
            $device = $devices | Where-Object SerialKey -eq $row.SerialKey
            $device.Name | Should -Be $row.Name
            $device.Model | Should -Be $row.Model
            $device.Managed | Should -Be ($row.Managed -eq 'true')
            $device.Tags['role'] | Should -Be ($row.Tag -replace '^role=')
        }
        ($result.Sites.Name | Sort-Object) | Should -Be ($sampleSites.Name | Sort-Object)
        $result.Health | Should -HaveCount 4
        ($result.Health.Id | Sort-Object) | Should -Be ($devices.Id | Sort-Object)
        ($result.NotUp.DeviceName | Sort-Object) | Should -Be ($sampleDevices.Name | Sort-Object) -Because 'a new device is of unknown health until the monitor hears from it'
        foreach ($device in $devices) { $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path "_emulator/devices/$($device.Id)/health" -Method PUT -Body @{ status = 'up' } }
        @(Get-MsxDevice -Session $session -TenantId $tenant.Id | Get-MsxDeviceHealth | Where-Object Status -ne up) | Should -HaveCount 0

        # Every session the script made was disconnected: the platform one, the admin's, one per login check.
        @(Get-Logouts).Count | Should -Be 6
        @(Get-MsxSession).Count | Should -Be ($sessionsBefore + 2) -Because 'only the two sessions of this test were added'
        $grace, $asAdmin | ForEach-Object { Disconnect-MsxSession -Session $_ }
    }

    It 'a second run onboards into the existing tenant, leaves the existing users, sites and devices alone with a warning each, and creates nothing' {
        $down = Get-MsxDevice -Session $session -SerialKey $sampleDevices[2].SerialKey
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path "_emulator/devices/$($down.Id)/health" -Method PUT -Body @{ status = 'down'; description = 'no answer' }
        Clear-EmulatorRequests $emulator
        $result = & $example @connect @customer -WarningVariable warnings 3>$null 6>$null
        @(Get-Writes | Where-Object status -lt 300).Count | Should -Be 0
        @(Get-Writes | ForEach-Object status) | Should -Be @(409, 409, 409, 409) -Because 'each create was refused as existing'
        @(Get-NetworkWrites | Where-Object { $_.path -eq '/manage/api/v8/devices' } | ForEach-Object status) | Should -Be @(409, 409, 409, 409)
        @(Get-NetworkWrites | Where-Object { $_.path -eq '/manage/api/v8/sites' }).Count | Should -Be 0
        $warnings | Should -HaveCount 11
        "$($warnings[0])" | Should -Match "Tenant '$tenantName' exists already"
        @($warnings | Where-Object { "$_" -match '^Site .* exists already' }).Count | Should -Be 2
        @($warnings | Where-Object { "$_" -match '^Device .* exists already' }).Count | Should -Be 4
        @(Get-MsxSite -Session $session -TenantId $result.Tenant.Id).Count | Should -Be 2
        @(Get-MsxDevice -Session $session -TenantId $result.Tenant.Id).Count | Should -Be 4
        $result.NotUp.DeviceName | Should -Be @($sampleDevices[2].Name)
        $result.NotUp[0].Description | Should -Be 'no answer'
        ($result.Skipped | Sort-Object) | Should -Be (@($sample.UserName) + $adminName | Sort-Object)
        $result.Logins | Should -HaveCount 0
        @(Get-MsxUser -Session $session -TenantId $result.Tenant.Id).Count | Should -Be 4
    }

    It 'works with -Session; an operator without a role gets -OperatorRole' {
        $p = "solo$(Get-Random)"
        $csv = Join-Path $TestDrive 'solo.csv'
        "UserName,LastName,Email,Role`n$p-op,Solo,solo@example.com," | Set-Content -LiteralPath $csv
        $sitesCsv = Join-Path $TestDrive 'solo-sites.csv'
        "Name`n$p shop" | Set-Content -LiteralPath $sitesCsv
        $devicesCsv = Join-Path $TestDrive 'solo-devices.csv'
        "Name,Site,Model,Type,OnboardType,SerialKey`n$p-router,$p shop,ISR,ISR,pnp,$p-SN" | Set-Content -LiteralPath $devicesCsv
        $result = & $example -Session $session -ClientSecret $SeedClientSecret -TenantName "Solo $p" -AdminUserName "$p-admin" -AdminEmail 'a@example.com' `
            -OperatorCsv $csv -SiteCsv $sitesCsv -DeviceCsv $devicesCsv -InitialPassword $first 3>$null 6>$null
        $result.Logins | Should -HaveCount 2
        (Get-MsxSite -Session $session -TenantId $result.Tenant.Id).DeviceIds | Should -Be @((Get-MsxDevice -Session $session -SerialKey "$p-SN").Id)
        $result.Health.DeviceName | Should -Be @("$p-router")
        (Get-MsxUser -Session $session -UserName "$p-op").Roles | Should -Be @('OPERATOR')
        (Get-MsxUser -Session $session -UserName "$p-op").TenantIds | Should -Be @($result.Tenant.Id)
        (Get-MsxSession -Id $session.Id).Connected | Should -BeTrue -Because 'a session given to the script is not the script''s to close'
    }

    It 'an operator file with <Case> stops before anything is changed, naming the problem' -ForEach @(
        @{ Case = 'a bad e-mail address'; Row = 'bad-mail-op,Bad,not-an-email,OPERATOR'; ErrorId = 'MsxInvalidEmail' }
        @{ Case = 'an unknown role'; Row = 'bad-role-op,Bad,b@example.com,NO_SUCH_ROLE'; ErrorId = 'MsxRoleNotFound' }
        @{ Case = 'a blank last name'; Row = 'blank-op,,b@example.com,OPERATOR'; ErrorId = 'MsxMissingField' }
    ) {
        $csv = Join-Path $TestDrive 'bad.csv'
        "UserName,LastName,Email,Role`ngood-op,Good,g@example.com,OPERATOR`n$Row" | Set-Content -LiteralPath $csv
        Clear-EmulatorRequests $emulator
        $all = @(Invoke-Onboarding (@{ OperatorCsv = $csv; TenantName = "Bad $(Get-Random)"; AdminUserName = "bad-admin-$(Get-Random)"; AdminEmail = 'a@example.com'; InitialPassword = $first } + $connect))
        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like "$ErrorId,*" }).Count | Should -Be 1
        "$($errors[-1])" | Should -Match 'invalid value\(s\): nothing was changed'
        @(Get-Writes).Count | Should -Be 0
    }

    It 'a network file with <Case> stops before anything is changed, naming the problem' -ForEach @(
        @{ Case = 'a device without a model'; Sites = "Name`nShop"; Devices = "Name,Site,Model,Type,OnboardType`nr1,Shop,,ISR,pnp"; ErrorId = 'MsxInvalidDeviceModel' }
        @{ Case = 'a device at a site that is not in the site file'; Sites = "Name`nShop"; Devices = "Name,Site,Model,Type,OnboardType`nr1,Depot,ISR,ISR,pnp"; ErrorId = 'UnknownSite' }
        @{ Case = 'a site with half a location'; Sites = "Name,Latitude`nShop,45"; Devices = "Name,Site,Model,Type,OnboardType`nr1,Shop,ISR,ISR,pnp"; ErrorId = 'MsxInvalidSiteLocation' }
    ) {
        $sitesCsv = Join-Path $TestDrive 'bad-sites.csv'
        $devicesCsv = Join-Path $TestDrive 'bad-devices.csv'
        $Sites | Set-Content -LiteralPath $sitesCsv
        $Devices | Set-Content -LiteralPath $devicesCsv
        Clear-EmulatorRequests $emulator
        $all = @(Invoke-Onboarding (@{ SiteCsv = $sitesCsv; DeviceCsv = $devicesCsv; TenantName = "Bad $(Get-Random)"; AdminUserName = "bad-admin-$(Get-Random)"; AdminEmail = 'a@example.com'; InitialPassword = $first } + $connect))
        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like "$ErrorId*" }).Count | Should -Be 1
        "$($errors[-1])" | Should -Match 'invalid value\(s\): nothing was changed'
        @(Get-Writes).Count | Should -Be 0
        @(Get-NetworkWrites).Count | Should -Be 0
    }
}

Describe 'Every example' {
    BeforeDiscovery {
        $exampleFiles = @(Get-ChildItem (Join-Path $PSScriptRoot '../../examples') -Filter *.ps1 | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
    }

    It '<Name> is run by some Pester test' -ForEach $exampleFiles {
        $tests = Get-ChildItem (Join-Path $RepoRoot 'tests/Pester') -Filter *.Tests.ps1 | Get-Content -Raw
        # Named in a path, e.g. examples/Name.ps1 or Join-Path $examples 'Name.ps1'.
        ($tests -join "`n") | Should -Match ("['/\\]" + [regex]::Escape($Name) + "\b") -Because "every script in examples/ needs a test"
    }

    It '<Name> has comment-based help with a synopsis, a description or example, and its parameters documented' -ForEach $exampleFiles {
        $help = Get-Help $Path -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name*"   # not the generated stub
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        if ($Name -ne 'SeedFlow.ps1') {
            $help.Description | Should -Not -BeNullOrEmpty
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            foreach ($parameter in (Get-Command $Path).Parameters.Keys | Where-Object { $_ -notin $common }) {
                $documented = @($help.parameters.parameter | Where-Object name -eq $parameter)[0]
                "$($documented.description.Text)" | Should -Not -BeNullOrEmpty -Because "-$parameter needs a .PARAMETER entry"
            }
        }
    }

    It '<Name> is listed in the README with exactly its parameters' -ForEach $exampleFiles {
        # The README's Examples section: "- `examples/<Name>` (`-A`, `-B` or `-C`, ...): what it does".
        $readme = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'README.md')
        $entry = [regex]::Match($readme, "(?m)^- ``examples/$([regex]::Escape($Name))`` \(([^)]*)\):")
        $entry.Success | Should -BeTrue -Because "the README should list examples/$Name with its parameters in parentheses"
        $listed = @([regex]::Matches($entry.Groups[1].Value, '`-(\w+)`') | ForEach-Object { $_.Groups[1].Value } | Sort-Object)
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $actual = @((Get-Command $Path).Parameters.Keys | Where-Object { $_ -notin $common -or $_ -in 'WhatIf', 'Confirm' } | Sort-Object)
        $listed | Should -Be $actual -Because "the README's parameters of examples/$Name should be the script's"
    }

    It '<Name> holds no secret of the emulator''s data' -ForEach $exampleFiles {
        $text = Get-Content -Raw -LiteralPath $Path
        $text | Should -Not -Match ([regex]::Escape($SeedClientSecretText))
        $text | Should -Not -Match ([regex]::Escape($SeedPasswordText))
        $text | Should -Not -Match '127\.0\.0\.1|localhost'
    }

    It '<Name> supports -WhatIf when it changes tenants' -ForEach $exampleFiles {
        $text = Get-Content -Raw -LiteralPath $Path
        if ($text -match '\b(New|Set|Remove)-MsxTenant\b' -and $Name -ne 'SeedFlow.ps1') {
            (Get-Command $Path).Parameters.Keys | Should -Contain 'WhatIf'
        }
    }
}

Describe 'examples/Invoke-WorkflowPerDevice.ps1' {
    BeforeAll {
        $example = Join-Path $examples 'Invoke-WorkflowPerDevice.ps1'
        $columns = 'Device', 'Workflow', 'InstanceId', 'State', 'StartedOn', 'EndedOn', 'DurationSec', 'Outputs', 'Message'
        function Get-Starts { @(Get-EmulatorRequests $emulator | Where-Object { $_.method -eq 'POST' -and $_.path -like '/workflow/api/v8/workflows/*/start' }) }
    }

    It 'starts the workflow once per device with its id as input, waits for all, and reports the outputs' {
        $report = Join-Path $TestDrive 'backups.csv'
        Clear-EmulatorRequests $emulator
        $rows = @(& $example -WorkflowName backup-device -DeviceId 'CPE-1', 'CPE-2', 'CPE-3' -Parameters @{ destination = 'tftp://10.0.0.5' } -ReportPath $report -Session $session)

        $rows | Should -HaveCount 3
        $rows.Device | Should -Be @('CPE-1', 'CPE-2', 'CPE-3')
        $rows.State | Sort-Object -Unique | Should -Be 'success'
        $rows[1].Outputs | Should -Be 'result=backup of CPE-2 done; location=tftp://10.0.0.5/CPE-2.cfg'
        $rows[0].PSObject.Properties.Name | Should -Be $columns
        (Get-Starts) | Should -HaveCount 3

        # The real effect: three instances on the server, each started with its device, each a success.
        foreach ($row in $rows) {
            $instance = Get-MsxWorkflowInstance -Session $session -Id $row.InstanceId
            $instance.Inputs.device | Should -Be $row.Device
            $instance.Inputs.destination | Should -Be 'tftp://10.0.0.5'
            $instance.State | Should -Be 'success'
            [double]$row.DurationSec | Should -Be $instance.Duration.TotalSeconds
        }
        $csv = @(Import-Csv -LiteralPath $report)
        $csv | Should -HaveCount 3
        $csv[0].PSObject.Properties.Name | Should -Be $columns
        ($csv.InstanceId -join ',') | Should -Be ($rows.InstanceId -join ',')
        $csv[2].Outputs | Should -Be 'result=backup of CPE-3 done; location=tftp://10.0.0.5/CPE-3.cfg'
    }

    It 'reports each failure with the failing action''s message' {
        $rows = @(& $example -WorkflowName failing-check -DeviceId 'CPE-8', 'CPE-9' -Session $session)
        $rows.State | Should -Be @('failed', 'failed')
        $rows.Message | Should -Be @('device CPE-8 is not compliant', 'device CPE-9 is not compliant')
        (Get-MsxWorkflowInstance -Session $session -Id $rows[1].InstanceId).FailedAction.Name | Should -Be 'Check compliance'
    }

    It 'reports a refused start as ''not started'' and starts nothing for it' {
        Clear-EmulatorRequests $emulator
        $rows = @(& $example -WorkflowName backup-device -DeviceId 'CPE-1' -Parameters @{ destinaton = 'typo' } -Session $session)
        $rows.State | Should -Be 'not started'
        $rows.Message | Should -Match "'destinaton' is no input of the workflow"
        @(Get-Starts) | Should -HaveCount 0
    }

    It 'with -WhatIf starts nothing and writes no report' {
        Clear-EmulatorRequests $emulator
        $report = Join-Path $TestDrive 'whatif.csv'
        & $example -WorkflowName backup-device -DeviceId 'CPE-1' -ReportPath $report -Session $session -WhatIf | Should -BeNullOrEmpty
        @(Get-Starts) | Should -HaveCount 0
        Test-Path $report | Should -BeFalse
    }

    It 'without -DeviceId reads the tenant''s devices from the devices API' {
        Clear-EmulatorRequests $emulator
        $tenant = '133815cb-2335-474d-8c10-3e635aba94fd'
        $devices = try { @(Invoke-MsxRestMethod -Session $session /manage/api/v8/devices -All -Query @{ tenantIds = $tenant } -ErrorAction Stop | ForEach-Object id) } catch { $null }
        Clear-EmulatorRequests $emulator
        $run = { & $example -WorkflowName backup-device -TenantId $tenant -Session $session -TimeoutSec 60 }
        if ($null -eq $devices) {
            # This emulator has no devices API: a clear error, and nothing started.
            $run | Should -Throw "Could not list the devices of tenant ${tenant}:*Give the devices with -DeviceId instead."
            @(Get-Starts) | Should -HaveCount 0
        }
        else {
            $rows = @(& $run)
            ($rows.Device -join ',') | Should -Be ($devices -join ',')
            @(Get-Starts) | Should -HaveCount $devices.Count
        }
        $asked = @(Get-EmulatorRequests $emulator | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/manage/api/v8/devices' })
        $asked.Count | Should -BeGreaterThan 0
        $asked[0].query | Should -Match "tenantIds=$tenant"
    }
}
