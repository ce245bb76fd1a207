# Sites: New/Get/Set/Remove-MsxSite and Add/Remove-MsxSiteDevice against the emulator, checked on the server and in its request log.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ManageTestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default -Options @{ RetryIntervalSec = 0.2 }
    $pepsiId = (Get-MsxTenant -Name Pepsi).Id
    function New-TestSite([string] $Prefix = 'site', [hashtable] $With = @{}, [guid] $TenantId = $CokeId) {
        New-MsxSite -TenantId $TenantId -Name "$Prefix-$(Get-Random)" @With -ErrorAction Stop
    }
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'New-MsxSite' {
    It 'creates a site with every typed field and devices at it, as Get-MsxSite reads it back' {
        $d1 = New-TestDevice -Session $session
        $d2 = New-TestDevice -Session $session
        $name = "full-$(Get-Random)"
        $site = New-MsxSite -TenantId $CokeId -Name $name -Description 'Head office' -Type head_office -Address '1 Main St, Springfield' -AddressName 'HQ building' -Company 'Coke' `
            -ContactName 'Ann Lee' -ContactPhone '+1 555 0100' -ContactEmail 'ann@example.com' -Latitude 45.5 -Longitude -73.25 -Attribute @{ region = 'east'; floors = 3 } -DeviceId $d1.Id, $d2.Id

        $site | Should -BeOfType 'MsxPowerShell.Client.Models.MsxSite'
        $read = Get-MsxSite -Id $site.Id
        $read.Name | Should -Be $name
        $read.TenantId | Should -Be $CokeId
        $read.Description | Should -Be 'Head office'
        $read.Type | Should -Be 'head_office'
        $read.Address.FormattedAddress | Should -Be '1 Main St, Springfield'
        $read.Address.Name | Should -Be 'HQ building'
        $read.Address.Company | Should -Be 'Coke'
        $read.Contact.Name | Should -Be 'Ann Lee'
        $read.Contact.Phone | Should -Be '+1 555 0100'
        $read.Contact.Email | Should -Be 'ann@example.com'
        $read.Location.Latitude | Should -Be 45.5
        $read.Location.Longitude | Should -Be -73.25
        $read.Attributes['region'] | Should -Be 'east'
        $read.Attributes['floors'] | Should -Be '3'
        $read.DeviceIds | Should -Be @($d1.Id, $d2.Id)
        $read.CreatedOn | Should -BeOfType [DateTimeOffset]
    }

    It 'with -WhatIf sends nothing' {
        Clear-EmulatorRequests $emulator
        $name = "whatif-$(Get-Random)"
        New-MsxSite -TenantId $CokeId -Name $name -WhatIf
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
        Get-MsxSite -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses <Case> with <ErrorId> and sends nothing' -ForEach @(
        @{ Case = 'a contact without a phone'; ErrorId = 'MsxInvalidSiteContact'; With = @{ ContactName = 'Ann' } }
        @{ Case = 'a location without a longitude'; ErrorId = 'MsxInvalidSiteLocation'; With = @{ Latitude = 10 } }
        @{ Case = 'a latitude out of range'; ErrorId = 'MsxInvalidSiteLocation'; With = @{ Latitude = 91; Longitude = 0 } }
        @{ Case = 'a type with a space'; ErrorId = 'MsxInvalidSiteType'; With = @{ Type = 'head office' } }
        @{ Case = 'a bad contact e-mail'; ErrorId = 'MsxInvalidEmail'; With = @{ ContactName = 'A'; ContactPhone = '1'; ContactEmail = 'not-an-email' } }
        @{ Case = 'a parent id that is not a GUID'; ErrorId = 'MsxInvalidParentId'; With = @{ ParentId = 'head-office' } }
        @{ Case = 'a description over 256 characters'; ErrorId = 'MsxInvalidDescription'; With = @{ Description = 'x' * 257 } }
    ) {
        Clear-EmulatorRequests $emulator
        $err = $null
        try { New-MsxSite -TenantId $CokeId -Name "bad-$(Get-Random)" @With -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }

    It 'refuses a tenant id that is not a GUID (MsxInvalidTenantId) and an unknown tenant (MsxTenantNotFound), creating nothing' {
        { New-MsxSite -TenantId 'Coke' -Name "x-$(Get-Random)" -ErrorAction Stop } | Should -Throw -ErrorId 'MsxInvalidTenantId,*'
        $unknown = [guid]::NewGuid()
        $err = $null
        $name = "nowhere-$(Get-Random)"
        try { New-MsxSite -TenantId $unknown -Name $name -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxTenantNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be $name
        "$err" | Should -Match "Tenant $unknown does not exist"
        @(Get-MsxSite -TenantId $CokeId | Where-Object Name -like 'nowhere-*').Count | Should -Be 0
    }

    It 'refuses a name taken in the tenant (MsxSiteExists, naming the site) but takes it in another tenant' {
        $site = New-TestSite 'taken'
        $err = $null
        try { New-MsxSite -TenantId $CokeId -Name $site.Name.ToUpperInvariant() -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxSiteExists,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        "$err" | Should -Match ([regex]::Escape("'$($site.Name)' ($($site.Id)) already exists"))
        (New-MsxSite -TenantId $pepsiId -Name $site.Name).TenantId | Should -Be $pepsiId
    }

    It 'creates sites from CSV rows with -ThrottleLimit, in input order, one error for the bad row' {
        $p = "csvsite$(Get-Random)"
        $rows = 1..10 | ForEach-Object {
            [pscustomobject]@{ TenantId = "$CokeId"; Name = "$p-$_"; Description = "row $_"; Type = 'branch'; Address = "$_ Main St"; ContactName = ''; ContactPhone = ''; Latitude = "$_.5"; Longitude = '-70'; Attribute = "row=$_;kind=csv" }
        }
        $rows[4].ContactName = 'only a name'
        $csv = Join-Path $TestDrive 'sites.csv'
        $rows | Export-Csv -LiteralPath $csv -NoTypeInformation

        $created = @(Import-Csv $csv | New-MsxSite -ThrottleLimit 4 -ErrorVariable errors -ErrorAction SilentlyContinue)
        $created.Name | Should -Be @(1..10 | Where-Object { $_ -ne 5 } | ForEach-Object { "$p-$_" })
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxInvalidSiteContact,*'
        $third = Get-MsxSite -Name "$p-3"
        $third.Location.Latitude | Should -Be 3.5
        $third.Attributes['kind'] | Should -Be 'csv'
        $third.Contact | Should -BeNullOrEmpty
        $third.Address.FormattedAddress | Should -Be '3 Main St'
    }

    It 'a create whose answer is lost after it took effect leaves exactly one site, and returns it' {
        $name = "lost-$(Get-Random)"
        Add-EmulatorFault $emulator @{ method = 'POST'; path = '/manage/api/v8/sites'; drop = $true; afterCommit = $true; count = 1 }
        Clear-EmulatorRequests $emulator
        $site = New-MsxSite -TenantId $CokeId -Name $name
        $site.Name | Should -Be $name
        @(Get-MsxSite -Name $name) | Should -HaveCount 1
        $posts = @(Get-ManageRequests $emulator -Method POST)
        $posts | Should -HaveCount 1 -Because 'the lost create is found again, not sent twice'
        @(Get-ManageRequests $emulator -Method GET | Where-Object { $_.path -eq '/manage/api/v8/sites' -and $_.query -match "tenantId=$CokeId" }).Count | Should -BeGreaterThan 0
        @(Get-EmulatorFaults $emulator).Count | Should -Be 0
    }
}

Describe 'Get-MsxSite' {
    BeforeAll {
        $p = "get$(Get-Random)"
        $childTenant = New-MsxTenant -Name "$p-child" -ParentId $CokeId
        $device = New-TestDevice -Session $session
        $hq = New-MsxSite -TenantId $CokeId -Name "$p-hq" -Type hq -DeviceId $device.Id
        $branch = New-MsxSite -TenantId $CokeId -Name "$p-branch" -Type branch -ParentId $hq.Id
        $other = New-MsxSite -TenantId $CokeId -Name "$p-other" -Type branch
        $sub = New-MsxSite -TenantId $childTenant.Id -Name "$p-sub" -Type branch
    }

    It '-Name matches wildcards case-insensitively; an exact name that matches nothing is MsxSiteNotFound' {
        (Get-MsxSite -Name "$($p.ToUpperInvariant())-*").Name | Sort-Object | Should -Be (@("$p-branch", "$p-hq", "$p-other", "$p-sub") | Sort-Object)
        $found = @(Get-MsxSite -Name "$p-hq", "$p-none" -ErrorVariable errors -ErrorAction SilentlyContinue)
        $found.Id | Should -Be $hq.Id
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxSiteNotFound,*'
        $errors[0].TargetObject | Should -Be "$p-none"
    }

    It 'sends one filter to the server (it takes one at a time) and checks the others itself' {
        Clear-EmulatorRequests $emulator
        $result = @(Get-MsxSite -TenantId $CokeId -Type branch -ParentId $hq.Id)
        $result.Id | Should -Be $branch.Id
        $pages = @(Get-ManageRequests $emulator -Method GET)
        $pages | Should -HaveCount 1
        $pages[0].query | Should -Match "tenantId=$CokeId"
        $pages[0].query | Should -Not -Match 'type=|parentId='
        $pages[0].status | Should -Be 200

        (Get-MsxSite -DeviceId $device.Id).Id | Should -Be $hq.Id
        (Get-MsxSite -ParentId $hq.Id).Id | Should -Be $branch.Id
        (Get-MsxSite -Type branch -Name "$p-*").Name | Sort-Object | Should -Be (@("$p-branch", "$p-other", "$p-sub") | Sort-Object)
        (Get-MsxSite -DeviceId $device.Id -Type branch) | Should -BeNullOrEmpty
    }

    It '-IncludeSubtenants adds the sites of child tenants' {
        (Get-MsxSite -TenantId $CokeId -Name "$p-*").Name | Should -Not -Contain "$p-sub"
        (Get-MsxSite -TenantId $CokeId -IncludeSubtenants -Name "$p-*").Name | Should -Contain "$p-sub"
    }

    It 'gets many ids, reports an unknown one as MsxSiteNotFound, and binds Id from the pipeline' {
        $unknown = [guid]::NewGuid()
        $found = @(Get-MsxSite -Id $hq.Id, $unknown, $branch.Id -ErrorVariable errors -ErrorAction SilentlyContinue)
        $found.Id | Should -Be @($hq.Id, $branch.Id)
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxSiteNotFound,*'
        $errors[0].TargetObject | Should -Be $unknown
        (@($hq, $branch) | Get-MsxSite).Name | Should -Be @("$p-hq", "$p-branch")
    }

    It '-First and -Skip count the sites that match' {
        $all = @(Get-MsxSite -Name "$p-*")
        (Get-MsxSite -Name "$p-*" -Skip 1 -First 2).Id | Should -Be $all[1..2].Id
    }

    It 'shows sites as a table of Name, Id, Type, Devices that fits <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $long = New-MsxSite -TenantId $CokeId -Name ("a-very-long-site-name-$(Get-Random)-" + 'x' * 60) -Type ('t' * 60) -DeviceId $device.Id
        $lines = ($long | Format-Table | Out-String -Width $Width) -split "`n" | Where-Object { $_ -match '\S' }
        $lines[0] | Should -Match '^Name\s+Id\s+Type\s+Devices'
        $lines.Count | Should -Be 3 -Because 'a header, a rule and one row: nothing wraps'
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual $Width }
        $lines[2] | Should -Match '\s1$'
    }

    It 'completes -Name and -Id from the default session' {
        $line = "Get-MsxSite -Name $p-h"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @("$p-hq")
        $line = "Remove-MsxSite -Id $($hq.Id.ToString().Substring(0, 12))"
        $matches = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $matches.CompletionText | Should -Be @("$($hq.Id)")
        $matches[0].ToolTip | Should -Be "$p-hq"
    }
}

Describe 'Set-MsxSite' {
    It 'changes only the given fields, and clears the contact e-mail with an empty string' {
        $site = New-TestSite 'set' @{ Description = 'old'; Type = 'hq'; Address = '1 Main St'; ContactName = 'Ann'; ContactPhone = '555'; ContactEmail = 'ann@example.com'; Latitude = 1; Longitude = 2; Attribute = @{ a = 'b' } }
        $updated = $site | Set-MsxSite -Description 'new' -ContactEmail '' -PassThru
        $updated.Description | Should -Be 'new'
        $read = Get-MsxSite -Id $site.Id
        $read.Description | Should -Be 'new'
        $read.Contact.Email | Should -BeNullOrEmpty
        $read.Contact.Name | Should -Be 'Ann'
        $read.Contact.Phone | Should -Be '555'
        $read.Type | Should -Be 'hq'
        $read.Address.FormattedAddress | Should -Be '1 Main St'
        $read.Location.Longitude | Should -Be 2
        $read.Attributes['a'] | Should -Be 'b'
    }

    It 'keeps the image that listings leave out (it reads the site with it before writing)' {
        $name = "img-$(Get-Random)"
        $raw = Invoke-MsxRestMethod -Path /manage/api/v8/sites -Method POST -Body @{ tenantId = "$CokeId"; name = $name; image = 'data:image/png;base64,AAAA' }
        $listed = Get-MsxSite -Name $name
        $listed.Image | Should -BeNullOrEmpty -Because 'the page leaves the image out'
        $listed | Set-MsxSite -Description 'with image'
        (Get-MsxSite -Id $raw.id -IncludeImage).Image | Should -Be 'data:image/png;base64,AAAA'
        (Get-MsxSite -Name $name -IncludeImage).Image | Should -Be 'data:image/png;base64,AAAA'
    }

    It 'moves a site under a parent and back to the top with -ParentId $null' {
        $parent = New-TestSite 'parent'
        $child = New-TestSite 'child'
        Set-MsxSite -Id $child.Id -ParentId $parent.Id
        (Get-MsxSite -Id $child.Id).ParentId | Should -Be $parent.Id
        Set-MsxSite -Id $child.Id -ParentId $null
        (Get-MsxSite -Id $child.Id).ParentId | Should -BeNullOrEmpty
    }

    It 'sends nothing when nothing would change, with -WhatIf, or for an incomplete contact (MsxInvalidSiteContact)' {
        $site = New-TestSite 'same' @{ Description = 'same' }
        Clear-EmulatorRequests $emulator
        $site | Set-MsxSite -Description 'same'
        $site | Set-MsxSite -Description 'changed' -WhatIf
        @(Get-ManageWrites $emulator).Count | Should -Be 0
        $err = $null
        try { $site | Set-MsxSite -ContactEmail 'a@example.com' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxInvalidSiteContact,*'
        @(Get-ManageWrites $emulator).Count | Should -Be 0
        (Get-MsxSite -Id $site.Id).Description | Should -Be 'same'
    }

    It 'an unknown id is MsxSiteNotFound; a name taken in the tenant is MsxSiteExists' {
        { Set-MsxSite -Id ([guid]::NewGuid()) -Description x -ErrorAction Stop } | Should -Throw -ErrorId 'MsxSiteNotFound,*'
        $a = New-TestSite 'ren'
        $b = New-TestSite 'ren'
        { Set-MsxSite -Id $b.Id -Name $a.Name -ErrorAction Stop } | Should -Throw -ErrorId 'MsxSiteExists,*'
    }

    It 'changes many sites with -ThrottleLimit, in input order' {
        $sites = 1..8 | ForEach-Object { New-TestSite 'thr' }
        $out = @($sites | Set-MsxSite -Description 'throttled' -ThrottleLimit 4 -PassThru)
        $out.Id | Should -Be $sites.Id
        @($sites | Get-MsxSite | Where-Object Description -eq 'throttled') | Should -HaveCount 8
    }
}

Describe 'Remove-MsxSite' {
    It 'removes sites (their devices stay); -WhatIf sends nothing; an unknown id is MsxSiteNotFound' {
        $device = New-TestDevice -Session $session
        $site = New-TestSite 'rm' @{ DeviceId = $device.Id }
        Clear-EmulatorRequests $emulator
        $site | Remove-MsxSite -WhatIf
        @(Get-ManageWrites $emulator).Count | Should -Be 0
        $removed = $site | Remove-MsxSite -Force -PassThru
        $removed.Id | Should -Be $site.Id
        { Get-MsxSite -Id $site.Id -ErrorAction Stop } | Should -Throw -ErrorId 'MsxSiteNotFound,*'
        (Get-MsxDevice -Id $device.Id).Id | Should -Be $device.Id
        { Remove-MsxSite -Id ([guid]::NewGuid()) -Force -ErrorAction Stop } | Should -Throw -ErrorId 'MsxSiteNotFound,*'
    }

    It 'removes many with -ThrottleLimit' {
        $sites = 1..6 | ForEach-Object { New-TestSite 'rmthr' }
        $sites | Remove-MsxSite -Force -ThrottleLimit 3
        @(Get-MsxSite -Name 'rmthr-*').Count | Should -Be 0
    }
}

Describe 'Add-MsxSiteDevice and Remove-MsxSiteDevice' {
    BeforeEach {
        $site = New-TestSite 'members'
        $devices = @(1..3 | ForEach-Object { New-TestDevice -Session $session })
    }

    It 'adds the piped devices in one request, and removes them in one' {
        Clear-EmulatorRequests $emulator
        $after = $devices | Add-MsxSiteDevice -SiteId $site.Id -PassThru
        $after.DeviceIds | Should -Be $devices.Id
        $writes = @(Get-ManageWrites $emulator)
        $writes | Should -HaveCount 1
        $writes[0].path | Should -Be "/manage/api/v8/sites/$($site.Id)/devices/add"
        (Get-MsxSite -Id $site.Id).DeviceIds | Should -Be $devices.Id

        Clear-EmulatorRequests $emulator
        Remove-MsxSiteDevice -SiteId $site.Id -DeviceId $devices[0].Id, $devices[2].Id
        @(Get-ManageWrites $emulator).path | Should -Be @("/manage/api/v8/sites/$($site.Id)/devices/remove")
        (Get-MsxSite -Id $site.Id).DeviceIds | Should -Be @($devices[1].Id)
    }

    It 'an unknown device among them is MsxDeviceNotFound and leaves the site as it was' {
        $devices[0] | Add-MsxSiteDevice -SiteId $site.Id
        $err = $null
        try { Add-MsxSiteDevice -SiteId $site.Id -DeviceId $devices[1].Id, 'CPE-does-not-exist' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxDeviceNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-MsxSite -Id $site.Id).DeviceIds | Should -Be @($devices[0].Id)
    }

    It 'a site that does not exist is MsxSiteNotFound' {
        $unknown = [guid]::NewGuid()
        $err = $null
        try { $devices | Add-MsxSiteDevice -SiteId $unknown -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxSiteNotFound,*'
        $err.TargetObject | Should -Be $unknown
    }

    It 'a device of another tenant is refused by the server and changes nothing' {
        $pepsiDevice = New-TestDevice -Session $session -TenantId $pepsiId
        $err = $null
        try { @($devices[0], $pepsiDevice) | Add-MsxSiteDevice -SiteId $site.Id -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxInvalidRequest,*'
        (Get-MsxSite -Id $site.Id).DeviceIds | Should -BeNullOrEmpty
    }

    It 'sends nothing for -WhatIf, an empty pipeline or a blank id' {
        Clear-EmulatorRequests $emulator
        $devices | Add-MsxSiteDevice -SiteId $site.Id -WhatIf
        @() | Add-MsxSiteDevice -SiteId $site.Id
        { Add-MsxSiteDevice -SiteId $site.Id -DeviceId $devices[0].Id, ' ' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxInvalidDeviceId,*'
        { Add-MsxSiteDevice -SiteId $site.Id -DeviceId @() -ErrorAction Stop } | Should -Throw
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
        (Get-MsxSite -Id $site.Id).DeviceIds | Should -BeNullOrEmpty
    }
}

Describe 'Objects act through their own session' {
    BeforeAll {
        $other = Start-MsxEmulator -ArgumentList '--control'
        $otherSession = New-TestSession -Emulator $other
        $otherSite = New-MsxSite -Session $otherSession -TenantId $CokeId -Name "elsewhere-$(Get-Random)"
        $otherDevice = New-TestDevice -Session $otherSession
    }

    AfterAll {
        $other | Stop-MsxEmulator
    }

    It 'a site read through another session is changed and removed there, not on the default server' {
        Clear-EmulatorRequests $emulator
        Clear-EmulatorRequests $other
        $read = Get-MsxSite -Session $otherSession -Id $otherSite.Id
        $read | Set-MsxSite -Description 'changed there'
        @(Get-ManageWrites $other).method | Should -Be @('PUT')
        (Get-MsxSite -Session $otherSession -Id $otherSite.Id).Description | Should -Be 'changed there'
        $otherDevice | Add-MsxSiteDevice -SiteId $otherSite.Id
        (Get-MsxSite -Session $otherSession -Id $otherSite.Id).DeviceIds | Should -Be @($otherDevice.Id)
        $read | Remove-MsxSite -Force
        @(Get-ManageWrites $emulator).Count | Should -Be 0
        @(Get-ManageWrites $other | Where-Object method -eq 'DELETE') | Should -HaveCount 1
    }

    It 'an explicit -Session naming another session is MsxSessionMismatch and sends nothing' {
        $site = New-MsxSite -Session $otherSession -TenantId $CokeId -Name "mismatch-$(Get-Random)"
        Clear-EmulatorRequests $emulator
        Clear-EmulatorRequests $other
        { $site | Set-MsxSite -Session $session -Description 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxSessionMismatch*'
        { $otherDevice | Add-MsxSiteDevice -SiteId ([guid]::NewGuid()) -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'MsxSessionMismatch*'
        @(Get-ManageWrites $emulator).Count + @(Get-ManageWrites $other).Count | Should -Be 0
    }
}

Describe 'The sites, devices and health cmdlets' {
    It '<Name> supports ShouldProcess' -ForEach @(
        'New-MsxSite', 'Set-MsxSite', 'Remove-MsxSite', 'Add-MsxSiteDevice', 'Remove-MsxSiteDevice',
        'New-MsxDevice', 'Set-MsxDevice', 'Remove-MsxDevice', 'Set-MsxDeviceConfig', 'Invoke-MsxDeviceRedeploy' | ForEach-Object { @{ Name = $_ } }
    ) {
        (Get-Command $Name).Parameters.Keys | Should -Contain 'WhatIf'
    }

    It '<Name> asks first (ConfirmImpact High) and takes -Force' -ForEach @(
        'Remove-MsxSite', 'Remove-MsxDevice', 'Set-MsxDeviceConfig', 'Invoke-MsxDeviceRedeploy' | ForEach-Object { @{ Name = $_ } }
    ) {
        $command = Get-Command $Name
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $command.Parameters.Keys | Should -Contain 'Force'
    }
}
