BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control', '--seed-tenants', '2500'
    $session = New-TestSession -Emulator $emulator -Default
    function Get-PageRequests { @(Get-EmulatorRequests $emulator | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/idm/api/v8/tenants' }) }
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'Get-MsxTenant over 2,500 tenants' {
    It 'returns all of them, in the server''s order' {
        $all = @(Get-MsxTenant)
        $all.Count | Should -Be 2504
        $load = @($all | Where-Object Name -like 'load-*')
        $load.Count | Should -Be 2500
        $load[0].Name | Should -Be 'load-00001'
        $load[-1].Name | Should -Be 'load-02500'
        $expected = 1..2500 | ForEach-Object { 'load-{0:D5}' -f $_ }
        ($load.Name -join ',') | Should -Be ($expected -join ',')
    }

    It '-First 5 sends exactly one page request, of size 5' {
        Clear-EmulatorRequests $emulator
        $five = @(Get-MsxTenant -First 5)
        $five.Count | Should -Be 5
        $pages = Get-PageRequests
        $pages.Count | Should -Be 1
        $pages[0].query | Should -Match 'pageSize=5(&|$)'
        $pages[0].query | Should -Match 'page=0(&|$)'
    }

    It '-Skip 1000 -First 10 returns the right ten, in one request' {
        # The whole listing comes after the log is read: pages it fetched ahead may still reach the server later.
        Clear-EmulatorRequests $emulator
        $ten = @(Get-MsxTenant -Skip 1000 -First 10)
        (Get-PageRequests).Count | Should -Be 1
        $all = @(Get-MsxTenant)
        ($ten.Id -join ',') | Should -Be (($all[1000..1009].Id) -join ',')
    }

    It '-Name with a wildcard returns exactly the matches, case-insensitively' {
        $matches = @(Get-MsxTenant -Name 'LOAD-00*')
        $matches.Count | Should -Be 999
        @($matches | Where-Object { $_.Name -notlike 'load-00*' }).Count | Should -Be 0
        @(Get-MsxTenant -Name 'load-00*' -First 3 -Skip 2).Name | Should -Be @('load-00003', 'load-00004', 'load-00005')
    }

    It 'an exact name that matches nothing is a non-terminating MsxTenantNotFound; a wildcard is silent' {
        $found = @(Get-MsxTenant -Name 'coke', 'no-such-tenant' -ErrorVariable errors -ErrorAction SilentlyContinue)
        $found.Name | Should -Be @('Coke')
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxTenantNotFound,*'
        $errors[0].TargetObject | Should -Be 'no-such-tenant'

        @(Get-MsxTenant -Name 'nothing-like-this-*' -ErrorVariable silent -ErrorAction SilentlyContinue).Count | Should -Be 0
        $silent.Count | Should -Be 0
    }

    It 'Select-Object -First 3 stops the paging at once' {
        Clear-EmulatorRequests $emulator
        @(Get-MsxTenant -PageSize 100 | Select-Object -First 3).Count | Should -Be 3
        (Get-PageRequests).Count | Should -Be 1
    }

    It 'sorts by name, createdOn and modifiedOn, both ways' {
        $desc = @(Get-MsxTenant -SortBy name -Descending -First 3)
        $desc.Name | Should -Be @('Sprite', 'Pepsi', 'load-02500')
        $asc = @(Get-MsxTenant -SortBy name -First 2)
        $asc.Name | Should -Be @('Coke', 'Dandelion and Burdock')
        (@(Get-MsxTenant -SortBy createdOn -Descending -First 1)).Name | Should -Be 'load-02500'
        $null = Set-MsxTenant -Id (Get-MsxTenant -Name 'load-00010').Id -Description 'touched'
        (@(Get-MsxTenant -SortBy modifiedOn -Descending -First 1)).Name | Should -Be 'load-00010'
    }

    It '-IncludeTotalCount reports the exact total once the listing has reached the end' {
        $out = @(Get-MsxTenant -IncludeTotalCount -PageSize 1000)
        $total = $out | Where-Object { $_ -isnot [MsxPowerShell.Client.Models.MsxTenant] }
        "$total" | Should -Match '2504'
    }

    It 'shows progress on listings longer than a few pages, and completes it' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$s) Import-Module '$ModuleManifest'; Get-MsxTenant -PageSize 200 -Session `$s").AddArgument($session)
        $tenants = $ps.Invoke()
        $progress = @($ps.Streams.Progress)
        $ps.Dispose()
        $tenants.Count | Should -Be 2504
        $progress.Count | Should -BeGreaterThan 5 -Because '13 pages were read, progress starts after the third'
        $progress[0].Activity | Should -Be 'Get-MsxTenant'
        $progress[0].StatusDescription | Should -Match '^\d+ tenants, page 4$'
        $progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'shows no progress for a listing of a few pages' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$s) Import-Module '$ModuleManifest'; Get-MsxTenant -First 10 -Session `$s").AddArgument($session)
        $null = $ps.Invoke()
        @($ps.Streams.Progress).Count | Should -Be 0
        $ps.Dispose()
    }
}

Describe 'Get-MsxTenant by id and external id' {
    It 'fetches many ids in one list call; an unknown id is a non-terminating MsxTenantNotFound' {
        $ids = @(Get-MsxTenant -First 5).Id
        $unknown = [guid]::NewGuid()
        Clear-EmulatorRequests $emulator
        $found = @(Get-MsxTenant -Id ($ids + $unknown) -ErrorVariable errors -ErrorAction SilentlyContinue)
        $found.Count | Should -Be 5
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxTenantNotFound,*'
        $errors[0].TargetObject | Should -Be $unknown
        $requests = @(Get-EmulatorRequests $emulator)
        $requests.Count | Should -Be 1
        $requests[0].path | Should -Be '/idm/api/v8/tenants/list'
    }

    It 'binds ids from the pipeline by property name' {
        $two = @(Get-MsxTenant -Name 'Coke', 'Pepsi')
        @($two | Get-MsxTenant).Name | Should -Be @('Coke', 'Pepsi')
    }

    It 'finds a tenant by external id' {
        $name = "ext-$(Get-Random)"
        $null = New-MsxTenant -Name $name -ExternalId "ext-$name"
        (Get-MsxTenant -ExternalId "ext-$name").Name | Should -Be $name
        { Get-MsxTenant -ExternalId 'no-such-external-id' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxTenantNotFound,*'
    }
}

Describe 'New-MsxTenant from a CSV' {
    It 'creates 50 tenants from 50 rows; the same file again gives 50 MsxTenantExists and creates none' {
        $prefix = "csv$(Get-Random)"
        $csv = Join-Path ([IO.Path]::GetTempPath()) "$prefix.csv"
        1..50 | ForEach-Object {
            [pscustomobject]@{ Name = "$prefix-$_"; Description = "row $_"; Email = "row$_@example.com"; Url = ''; ParentId = ''; ExternalId = '' }
        } | Export-Csv -Path $csv -NoTypeInformation

        $created = @(Import-Csv $csv | New-MsxTenant)
        $created.Count | Should -Be 50
        $created[0].Email | Should -Be 'row1@example.com'
        @(Get-MsxTenant -Name "$prefix-*").Count | Should -Be 50

        $again = @(Import-Csv $csv | New-MsxTenant -ErrorVariable errors -ErrorAction SilentlyContinue)
        $again.Count | Should -Be 0
        $errors.Count | Should -Be 50
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'MsxTenantExists,*' }).Count | Should -Be 50
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errors[0].TargetObject | Should -Be "$prefix-1"
        @(Get-MsxTenant -Name "$prefix-*").Count | Should -Be 50

        Get-MsxTenant -Name "$prefix-*" | Remove-MsxTenant -Force
        Remove-Item $csv
    }

    It '-WhatIf creates nothing' {
        $name = "whatif-new-$(Get-Random)"
        New-MsxTenant -Name $name -WhatIf
        @(Get-MsxTenant -Name $name -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'shows the server''s code and message and keeps them in ErrorDetails' {
        $err = $null
        try { New-MsxTenant -Name 'Coke' -ErrorAction Stop } catch { $err = $_ }
        $err.Exception.ServerCode | Should -Be 'TENANT_ALREADY_EXISTS'
        $err.Exception.Message | Should -BeLike '*TENANT_ALREADY_EXISTS*'
        $err.ErrorDetails.Message | Should -BeLike '*TENANT_ALREADY_EXISTS*'
    }
}

Describe 'Set-MsxTenant' {
    It '-Description x leaves Name, Email and Url untouched' {
        $t = New-MsxTenant -Name "set-$(Get-Random)" -Description 'old' -Email 'keep@example.com' -Url 'https://keep.example.com'
        $updated = Set-MsxTenant -Id $t.Id -Description 'x' -PassThru
        $updated.Description | Should -Be 'x'
        $fetched = Get-MsxTenant -Id $t.Id
        $fetched.Name | Should -Be $t.Name
        $fetched.Email | Should -Be 'keep@example.com'
        $fetched.Url | Should -Be 'https://keep.example.com'
        $fetched.Description | Should -Be 'x'
        $fetched.ModifiedOn | Should -BeGreaterOrEqual $t.ModifiedOn
    }

    It 'renames through the pipeline, and a taken name is MsxTenantExists' {
        $t = New-MsxTenant -Name "rename-$(Get-Random)"
        $t | Set-MsxTenant -Name "$($t.Name)-new"
        (Get-MsxTenant -Id $t.Id).Name | Should -Be "$($t.Name)-new"
        { Set-MsxTenant -Id $t.Id -Name 'Coke' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxTenantExists,*'
    }

    It '-WhatIf changes nothing and an unknown id is MsxTenantNotFound' {
        $t = New-MsxTenant -Name "setwhatif-$(Get-Random)" -Description 'same'
        Set-MsxTenant -Id $t.Id -Description 'changed' -WhatIf
        (Get-MsxTenant -Id $t.Id).Description | Should -Be 'same'
        { Set-MsxTenant -Id ([guid]::NewGuid()) -Description 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxTenantNotFound,*'
    }
}

Describe 'Remove-MsxTenant, complete' {
    It 'refuses a tenant with children (MsxTenantHasChildren) and removes nothing else' {
        $parent = New-MsxTenant -Name "parent-$(Get-Random)"
        $child = New-MsxTenant -Name "$($parent.Name)-child" -ParentId $parent.Id
        $countBefore = @(Get-MsxTenant).Count
        $err = $null
        try { Remove-MsxTenant -Id $parent.Id -Force -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxTenantHasChildren,*'
        $err.TargetObject | Should -Be $parent.Id
        @(Get-MsxTenant).Count | Should -Be $countBefore
        (Get-MsxTenant -Id $child.Id).ParentId | Should -Be $parent.Id
        Remove-MsxTenant -InputObject $child, $parent -Force
    }

    It 'takes -InputObject and -PassThru' {
        $t = New-MsxTenant -Name "passthru-$(Get-Random)"
        $removed = $t | Remove-MsxTenant -Force -PassThru
        $removed.Id | Should -Be $t.Id
        $removedById = New-MsxTenant -Name "passthru2-$(Get-Random)" | Select-Object -ExpandProperty Id | ForEach-Object { Remove-MsxTenant -Id $_ -Force -PassThru }
        $removedById.Name | Should -BeLike 'passthru2-*'
    }
}

Describe 'Formatting' {
    It 'shows tenants as a table of Id, Name, Description' {
        $text = Get-MsxTenant -Name 'Coke', 'Pepsi', 'Sprite' | Format-Table | Out-String -Width 200
        $header = ($text -split "`n" | Where-Object { $_ -match '\S' })[0]
        $header | Should -Match '^Id\s+Name\s+Description'
        $text | Should -Match 'Coke'
    }

    It 'keeps the tenant table within <Width> columns whatever a description holds' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $long = New-MsxTenant -Name "wide-$(Get-Random)" -Description ('a long description ' * 13)
        try {
            $lines = ($long | Format-Table | Out-String -Width $Width) -split "`n" | Where-Object { $_ -match '\S' }
            $lines.Count | Should -Be 3 -Because 'a header, a rule and one row: nothing wraps'
            foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual $Width }
        }
        finally { $long | Remove-MsxTenant -Force }
    }

    It 'shows sessions as a table of Id, Server, UserName, ExpiresOn, Default that fits 80 columns' {
        $text = Get-MsxSession | Format-Table | Out-String -Width 80
        $text | Should -Match 'Id\s+Server\s+UserName\s+ExpiresOn \(UTC\)\s+Default'
        foreach ($line in ($text -split "`n")) { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
        @($text -split "`n" | Where-Object { $_ -match '^\s*\d+ ' }).Count | Should -Be @(Get-MsxSession).Count -Because 'one line per session, ExpiresOn does not wrap'
    }
}

Describe 'Tab completion' {
    It 'completes -Name from the default session, quoting names with spaces' {
        $line = 'Get-MsxTenant -Name Dand'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $names | Should -Be @("'Dandelion and Burdock'")
    }

    It 'completes -Id from the start of an id, with the name as the tooltip' {
        $line = 'Remove-MsxTenant -Id 133815'
        $matches = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $matches.CompletionText | Should -Be @('133815cb-2335-474d-8c10-3e635aba94fd')
        $matches[0].ToolTip | Should -Be 'Coke'
    }

    It 'completes from the whole list, not only the first page of 1,000' {
        $line = 'Get-MsxTenant -Name load-0249'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $names | Should -Contain 'load-02499' -Because 'the 2,499th load tenant is on the third page'
    }

    It 'completes a tenant made a moment ago through the session, and forgets one removed' {
        $line = 'Get-MsxTenant -Name fresh-compl'
        $null = TabExpansion2 -inputScript $line -cursorColumn $line.Length   # fills the cache
        $t = New-MsxTenant -Name "fresh-completion-$(Get-Random)"
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText) | Should -Contain $t.Name
        $t | Remove-MsxTenant -Force
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText) | Should -Not -Contain $t.Name
    }

    It 'completes -ParentId with tenant ids and their names' {
        $line = 'Get-MsxTenant -ParentId 133815'
        $matches = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $matches.CompletionText | Should -Be @('133815cb-2335-474d-8c10-3e635aba94fd')
        $matches[0].ToolTip | Should -Be 'Coke'
    }

    It 'offers nothing, quietly, without a session' {
        $r = Invoke-ChildPwsh -Script @"
Import-Module '$ModuleManifest'
`$line = 'Get-MsxTenant -Name Co'
@((TabExpansion2 -inputScript `$line -cursorColumn `$line.Length).CompletionMatches | Where-Object ResultType -eq ParameterValue).Count
`$Error.Count
"@
        $r.Output | Should -Be @('0', '0')
    }
}
