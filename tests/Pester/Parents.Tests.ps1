# Parents against the emulator: a tenant piped to Get-MsxUser, Get-MsxSite, Get-MsxDevice or Get-MsxWorkflow lists that
# tenant's children (its Id is no child's -Id), a piped site's devices are read fresh, and -TenantId / -SiteId take an
# id, an object or a name. The request log shows what was sent, and what was not.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default
    $password = ConvertTo-SecureString 'Parents-Pa55word!' -AsPlainText -Force
    $run = Get-Random

    function Get-Requests([string] $Method, [string] $Like) {
        @(Get-EmulatorRequests $emulator | Where-Object { $_.method -eq $Method -and $_.path -like $Like })
    }

    # Two tenants, each with a user, a site, a device and a workflow of its own.
    $family = @{}
    foreach ($letter in 'a', 'b') {
        $tenant = New-MsxTenant -Name "parent-$letter-$run" -ErrorAction Stop
        $name = "$letter$run"
        $definition = @{ workflow = @{ unique_name = "wf-$name"; name = "Workflow $name"; variables = @(); actions = @() } }
        $family[$letter] = [pscustomobject]@{
            Tenant   = $tenant
            User     = New-MsxUser -UserName "user-$name" -FirstName 'Parent' -LastName 'Test' -Email "user-$name@example.com" -Role 'OPERATOR' -TenantId $tenant.Id -Password $password -ErrorAction Stop
            Site     = New-MsxSite -TenantId $tenant.Id -Name "site-$name" -ErrorAction Stop
            Device   = New-MsxDevice -TenantId $tenant.Id -Name "device-$name" -Model 'ISR 4331' -Type 'ISR' -OnboardType pnp -ErrorAction Stop
            Workflow = Import-MsxWorkflow -Definition $definition -TenantId $tenant.Id -ErrorAction Stop
        }
    }
    $a = $family['a']
    $b = $family['b']
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'A piped tenant lists its children' {
    It '<Command> lists exactly the piped tenant''s <What>, and never reads the tenant''s id as a child''s' -ForEach @(
        @{ Command = 'Get-MsxUser'; What = 'users'; Key = 'User'; Path = '/idm/api/v8/users*'; Query = 'tenantId=' }
        @{ Command = 'Get-MsxSite'; What = 'sites'; Key = 'Site'; Path = '/manage/api/v8/sites*'; Query = 'tenantId=' }
        @{ Command = 'Get-MsxDevice'; What = 'devices'; Key = 'Device'; Path = '/manage/api/v8/devices*'; Query = 'tenantIds=' }
    ) {
        foreach ($own in $a, $b) {
            Clear-EmulatorRequests $emulator
            $children = @($own.Tenant | & $Command -ErrorVariable failed -ErrorAction SilentlyContinue)
            $failed | Should -BeNullOrEmpty -Because 'no 404: the tenant''s Id does not bind to the child''s -Id'
            $children.Id | Should -Be @($own.$Key.Id)
            $requests = @(Get-Requests GET $Path)
            $requests | Should -HaveCount 1
            $requests[0].path | Should -Not -BeLike "*$($own.Tenant.Id)*"
            $requests[0].query | Should -Match "$Query$($own.Tenant.Id)"
        }
    }

    It 'Get-MsxWorkflow lists the piped tenant''s own workflow (and the global ones), not the other tenant''s' {
        Clear-EmulatorRequests $emulator
        $workflows = @($a.Tenant | Get-MsxWorkflow -ErrorAction Stop)
        $workflows.Id | Should -Contain $a.Workflow.Id
        $workflows.Id | Should -Not -Contain $b.Workflow.Id
        (Get-Requests GET '/workflow/api/v8/workflows*')[0].query | Should -Be "?tenantId=$($a.Tenant.Id)"
    }

    It 'several piped tenants list each one''s children in turn, and -Name narrows them' {
        (@($a.Tenant, $b.Tenant) | Get-MsxSite).Id | Should -Be @($a.Site.Id, $b.Site.Id)
        (@($a.Tenant, $b.Tenant) | Get-MsxDevice -Name 'device-b*').Id | Should -Be @($b.Device.Id)
    }

    It 'a copy of a tenant (Select-Object, Export-Clixml) lists its children as the tenant does' {
        ($a.Tenant | Select-Object * | Get-MsxUser).Id | Should -Be @($a.User.Id)
        $file = Join-Path $TestDrive 'tenant.xml'
        $b.Tenant | Export-Clixml -LiteralPath $file
        (Import-Clixml -LiteralPath $file | Get-MsxSite).Id | Should -Be @($b.Site.Id)
    }
}

Describe '-Id binds only from objects of its own type' {
    It 'a piped user, site or device is read by its id' {
        Clear-EmulatorRequests $emulator
        ($a.User | Get-MsxUser).Id | Should -Be $a.User.Id
        ($b.Site | Get-MsxSite).Id | Should -Be $b.Site.Id
        ($a.Tenant | Get-MsxTenant).Id | Should -Be $a.Tenant.Id
        (Get-Requests GET "/idm/api/v8/users/$($a.User.Id)") | Should -HaveCount 1
        (Get-Requests GET "/manage/api/v8/sites/$($b.Site.Id)") | Should -HaveCount 1
    }

    It 'another resource''s object piped to <Command> is MsxInvalidTenantId, and its id is never sent as a <What> id' -ForEach @(
        @{ Command = 'Get-MsxSite'; What = 'site'; Path = '/manage/api/v8/sites*' }
        @{ Command = 'Get-MsxUser'; What = 'user'; Path = '/idm/api/v8/users*' }
    ) {
        $foreign = if ($Command -eq 'Get-MsxSite') { $a.User, $a.Device, ($a.Workflow | Select-Object *) } else { $a.Site, $a.Device, ($a.Site | Select-Object *) }
        foreach ($item in $foreign) {
            Clear-EmulatorRequests $emulator
            $out = @($item | & $Command -ErrorVariable refused -ErrorAction SilentlyContinue)
            $out | Should -HaveCount 0
            $refused | Should -HaveCount 1
            $refused[0].Exception.InnerException.ErrorRecord.FullyQualifiedErrorId | Should -Be 'MsxInvalidTenantId'
            $refused[0].Exception.Message | Should -Match 'is not a tenant'
            @(Get-Requests GET $Path) | Should -HaveCount 0
        }
    }

    It 'in one pipeline a foreign object is refused on its own, and the next objects are still read' {
        $out = @($a.Tenant, $a.User, $b.Tenant | Get-MsxSite -ErrorVariable refused -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @($a.Site.Id, $b.Site.Id)
        $refused | Should -HaveCount 1
    }

    It 'a row with an Id column still binds -Id (CSV input)' {
        ([pscustomobject]@{ Id = "$($a.Site.Id)" } | Get-MsxSite).Id | Should -Be $a.Site.Id
    }
}

Describe '-TenantId takes an id, an object or a name' {
    It 'the id, the tenant and its name list the same sites, with one lookup for the name' {
        (Get-MsxSite -TenantId $b.Tenant.Id).Id | Should -Be @($b.Site.Id)
        (Get-MsxSite -TenantId $b.Tenant).Id | Should -Be @($b.Site.Id)
        Clear-EmulatorRequests $emulator
        (Get-MsxSite -TenantId $b.Tenant.Name).Id | Should -Be @($b.Site.Id)
        (Get-Requests GET '/manage/api/v8/sites*')[0].query | Should -Match "tenantId=$($b.Tenant.Id)"
        @(Get-Requests GET '/idm/api/v8/tenants*').Count | Should -BeGreaterOrEqual 1 -Because 'the name is looked up in the tenant listing'
        @(Get-Requests GET "/idm/api/v8/tenants/*") | Should -HaveCount 0 -Because 'a name is never sent as an id'
    }

    It 'names and objects work on every -TenantId of the listings: users, devices, workflows, subtenants' {
        (Get-MsxUser -TenantId $a.Tenant.Name.ToUpperInvariant()).Id | Should -Be @($a.User.Id)
        (Get-MsxDevice -TenantId $a.Tenant.Name, $b.Tenant).Id | Sort-Object | Should -Be (@($a.Device.Id, $b.Device.Id) | Sort-Object)
        (Get-MsxWorkflow -TenantId $b.Tenant.Name).Id | Should -Contain $b.Workflow.Id
        @(Get-MsxTenant -ParentId $a.Tenant.Name) | Should -HaveCount 0
    }

    It 'names and objects work beyond the listings: Set-MsxUser -AddTenantId, Import-MsxWorkflow -TenantId' {
        $user = Set-MsxUser -Id $a.User.Id -AddTenantId $b.Tenant.Name -PassThru -Confirm:$false -ErrorAction Stop
        $user.TenantIds | Sort-Object | Should -Be (@($a.Tenant.Id, $b.Tenant.Id) | Sort-Object)
        (Get-MsxUser -TenantId $b.Tenant).Id | Sort-Object | Should -Be (@($a.User.Id, $b.User.Id) | Sort-Object)
        $definition = @{ workflow = @{ unique_name = "wf-named-$run"; name = 'Named'; variables = @(); actions = @() } }
        $named = Import-MsxWorkflow -Definition $definition -TenantId $b.Tenant.Name -ErrorAction Stop
        (Get-MsxWorkflow -TenantId $b.Tenant).Id | Should -Contain $named.Id
        (Get-MsxWorkflow -TenantId $a.Tenant).Id | Should -Not -Contain $named.Id
    }

    It 'an unknown name is MsxTenantNotFound naming the name, and nothing is sent for it' {
        Clear-EmulatorRequests $emulator
        $missing = "no-such-tenant-$run"
        $thrown = $null
        try { Get-MsxSite -TenantId $missing -ErrorAction Stop } catch { $thrown = $_ }
        $thrown | Should -Not -BeNullOrEmpty
        $thrown.Exception.Message | Should -Match ([regex]::Escape("No tenant is named '$missing'"))
        $record = $thrown.Exception.InnerException.ErrorRecord
        $record.FullyQualifiedErrorId | Should -Be 'MsxTenantNotFound'
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $record.TargetObject | Should -Be $missing
        @(Get-Requests GET '/manage/api/v8/sites*') | Should -HaveCount 0
    }
}

Describe '-SiteId takes an id, an object or a name; a piped site is read fresh' {
    It 'a device added to a site by the site''s name is listed by the site piped from before the change' {
        $site = New-MsxSite -TenantId $a.Tenant -Name "fresh-$run"
        $site.DeviceIds | Should -BeNullOrEmpty
        $null = Add-MsxSiteDevice -SiteId $site.Name -DeviceId $a.Device.Id -Confirm:$false -ErrorAction Stop
        Clear-EmulatorRequests $emulator
        ($site | Get-MsxDevice -ErrorAction Stop).Id | Should -Be @($a.Device.Id) -Because 'the stale DeviceIds of the piped site are not used'
        (Get-Requests GET "/manage/api/v8/sites/$($site.Id)") | Should -HaveCount 1
        $null = Remove-MsxSiteDevice -SiteId $site -DeviceId $a.Device -Confirm:$false -ErrorAction Stop
        @($site | Get-MsxDevice) | Should -HaveCount 0
    }

    It 'a site name held by sites of two tenants is MsxSiteNameAmbiguous, and nothing is changed' {
        $twin = "twin-$run"
        $one = New-MsxSite -TenantId $a.Tenant -Name $twin
        $two = New-MsxSite -TenantId $b.Tenant -Name $twin
        Clear-EmulatorRequests $emulator
        $thrown = $null
        try { Add-MsxSiteDevice -SiteId $twin -DeviceId $a.Device.Id -Confirm:$false -ErrorAction Stop } catch { $thrown = $_ }
        $record = $thrown.Exception.InnerException.ErrorRecord
        $record.FullyQualifiedErrorId | Should -Be 'MsxSiteNameAmbiguous'
        $record.TargetObject | Should -Be $twin
        $thrown.Exception.Message | Should -Match $one.Id
        $thrown.Exception.Message | Should -Match $two.Id
        @(Get-Requests POST '/manage/api/v8/sites/*') | Should -HaveCount 0
    }
}

Describe 'A piped parent is read through the session it came from' {
    BeforeAll {
        $other = Start-MsxEmulator -ArgumentList '--control'
        $otherSession = New-TestSession -Emulator $other
        $elsewhere = New-MsxTenant -Session $otherSession -Name "elsewhere-$run" -ErrorAction Stop
        $elsewhereSite = New-MsxSite -Session $otherSession -TenantId $elsewhere.Id -Name "site-elsewhere-$run" -ErrorAction Stop
        $elsewhereDevice = New-MsxDevice -Session $otherSession -TenantId $elsewhere.Id -Name "device-elsewhere-$run" -Model 'ISR 4331' -Type 'ISR' -OnboardType pnp -ErrorAction Stop
    }

    AfterAll {
        $other | Stop-MsxEmulator
    }

    It 'a tenant of another session lists its children there, not through the default session' {
        Clear-EmulatorRequests $emulator
        Clear-EmulatorRequests $other
        ($elsewhere | Get-MsxSite -ErrorAction Stop).Id | Should -Be @($elsewhereSite.Id)
        ($elsewhere | Get-MsxDevice -ErrorAction Stop).Id | Should -Be @($elsewhereDevice.Id)
        (Get-MsxSite -TenantId $elsewhere -ErrorAction Stop).Id | Should -Be @($elsewhereSite.Id)
        @(Get-EmulatorRequests $emulator) | Should -HaveCount 0 -Because 'the default session is to another server'
        @(Get-EmulatorRequests $other | Where-Object { $_.method -eq 'GET' -and $_.path -like '/manage/api/v8/*' }) | Should -HaveCount 3
    }

    It 'an id given after the object goes to the default session, as any id does' {
        $null = Get-MsxSite -TenantId $elsewhere -ErrorAction Stop
        Clear-EmulatorRequests $emulator
        Clear-EmulatorRequests $other
        # The default server does not know that tenant (and says so); what matters is where it was asked.
        $null = Get-MsxSite -TenantId $elsewhere.Id -ErrorAction SilentlyContinue
        @(Get-EmulatorRequests $emulator | Where-Object path -EQ '/manage/api/v8/sites') | Should -HaveCount 1
        @(Get-EmulatorRequests $other) | Should -HaveCount 0
    }

    It 'an explicit -Session to another server than the piped tenant''s is MsxSessionMismatch, and nothing is sent' {
        Clear-EmulatorRequests $emulator
        Clear-EmulatorRequests $other
        $elsewhere | Get-MsxSite -Session $session -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.FullyQualifiedErrorId | Should -BeLike 'MsxSessionMismatch,*'
        @(Get-EmulatorRequests $emulator) | Should -HaveCount 0
        @(Get-EmulatorRequests $other) | Should -HaveCount 0
    }
}
