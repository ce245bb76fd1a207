# Devices, their configuration and health: the cmdlets against the emulator, checked on the server and in its request log.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ManageTestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default -Options @{ RetryIntervalSec = 0.2 }
    $pepsiId = (Get-MsxTenant -Name Pepsi).Id
    function Set-DeviceStatus([string] $Id, [hashtable] $Status) {
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path "_emulator/devices/$Id/status" -Method PUT -Body $Status
    }
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'New-MsxDevice' {
    It 'creates a device with every field of DeviceCreate, as Get-MsxDevice reads it back' {
        $name = "full-$(Get-Random)"
        $device = New-MsxDevice -TenantId $CokeId -Name $name -Model 'CISCO CSR 1000v' -Type 'CISCO CSR 1000v' -OnboardType pnp -SubType ISR -SerialKey "SN-$name" -Version '16.9.5' `
            -ServiceType manageddevice -ServiceInstanceId 'svc-1' -SubscriptionId 'sub-1' -ComplianceState compliant -Managed `
            -Tag @{ resourceProvider = 'nso' } -Attribute @{ rack = 4; site = @{ floor = 'B' } } -OnboardInformation @{ 'ned-id' = 'cisco-ios'; port = '22' }

        $device | Should -BeOfType 'MsxPowerShell.Client.Models.MsxDevice'
        $device.Id | Should -Match '^CPE-'
        $read = Get-MsxDevice -Id $device.Id
        $read.Name | Should -Be $name
        $read.TenantId | Should -Be $CokeId
        $read.Model | Should -Be 'CISCO CSR 1000v'
        $read.OnboardType | Should -Be 'pnp'
        $read.SubType | Should -Be 'ISR'
        $read.SerialKey | Should -Be "SN-$name"
        $read.Version | Should -Be '16.9.5'
        $read.ServiceType | Should -Be 'manageddevice'
        $read.ServiceInstanceId | Should -Be 'svc-1'
        $read.SubscriptionId | Should -Be 'sub-1'
        $read.ComplianceState | Should -Be 'COMPLIANT'
        $read.Managed | Should -BeTrue
        $read.Tags['resourceProvider'] | Should -Be 'nso'
        $read.Attributes['rack'] | Should -Be 4
        $read.Attributes['site']['floor'] | Should -Be 'B'
        $read.OnboardInformation['ned-id'] | Should -Be 'cisco-ios'
        $read.Status.Value | Should -Be 'UNKNOWN'
        $read.StatusDetails.LifeCycleStatus.Value | Should -Be 'UNREGISTERED'
        $read.CreatedOn | Should -BeOfType [DateTimeOffset]
    }

    It 'creates devices from CSV rows with -ThrottleLimit, in input order; bad rows are errors and create nothing' {
        $p = "csvdev$(Get-Random)"
        $csv = Join-Path $TestDrive 'devices.csv'
        @"
TenantId,Name,Model,Type,OnboardType,SerialKey,Managed,Tag,ComplianceState
$CokeId,$p-1,ISR 4331,ISR,pnp,$p-S1,true,role=wan;zone=a,compliant
$CokeId,$p-2,ISR 4331,ISR,pnp,$p-S2,false,,
$CokeId,$p-3,,ISR,pnp,$p-S3,no,,
$CokeId,$p-4,ISR 4331,ISR,pnp,,yes,,NOT_COMPLIANT
$([guid]::NewGuid()),$p-5,ISR 4331,ISR,pnp,$p-S5,no,,
Coke,$p-6,ISR 4331,ISR,pnp,$p-S6,no,,
$CokeId,$p-7,ISR 4331,ISR,pnp,$p-S7,no,,sometimes
$CokeId,$p-8,ISR 4331,ISR,pnp,$p-S1,no,,
"@ | Set-Content -LiteralPath $csv

        $created = @(Import-Csv $csv | New-MsxDevice -ThrottleLimit 4 -ErrorVariable errors -ErrorAction SilentlyContinue)
        $created.Name | Should -Be @("$p-1", "$p-2", "$p-4")
        $created.Managed | Should -Be @($true, $false, $true)
        $created[0].Tags['zone'] | Should -Be 'a'
        $created[0].ComplianceState | Should -Be 'COMPLIANT'
        $created[2].SerialKey | Should -BeNullOrEmpty
        $ids = @($errors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
        $ids | Sort-Object | Should -Be (@('MsxInvalidDeviceModel', 'MsxTenantNotFound', 'MsxInvalidTenantId', 'MsxInvalidComplianceState', 'MsxDeviceExists') | Sort-Object)
        "$($errors | Where-Object { $_.FullyQualifiedErrorId -like 'MsxInvalidDeviceModel*' })" | Should -Match "Device '$p-3' has no model"
        "$($errors | Where-Object { $_.FullyQualifiedErrorId -like 'MsxDeviceExists*' })" | Should -Match "'$p-1'"
        (Get-MsxDevice -Name "$p-*").Name | Sort-Object | Should -Be @("$p-1", "$p-2", "$p-4")
    }

    It 'with -WhatIf sends nothing' {
        Clear-EmulatorRequests $emulator
        New-MsxDevice -TenantId $CokeId -Name "whatif-$(Get-Random)" -Model m -Type t -OnboardType direct -WhatIf
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }

    It 'refuses a blank model from the command line too (MsxInvalidDeviceModel) and sends nothing' {
        Clear-EmulatorRequests $emulator
        { New-MsxDevice -TenantId $CokeId -Name "nomodel-$(Get-Random)" -Model '' -Type t -OnboardType direct -ErrorAction Stop } | Should -Throw -ErrorId 'MsxInvalidDeviceModel,*'
        { New-MsxDevice -TenantId $CokeId -Name "longtype-$(Get-Random)" -Model m -Type ('t' * 129) -OnboardType direct -ErrorAction Stop } | Should -Throw -ErrorId 'MsxInvalidDeviceType,*'
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }

    It 'a create whose answer is lost after it took effect is found again by its serial key, and made once' {
        $name = "lost-$(Get-Random)"
        Add-EmulatorFault $emulator @{ method = 'POST'; path = '/manage/api/v8/devices'; drop = $true; afterCommit = $true; count = 1 }
        Clear-EmulatorRequests $emulator
        $device = New-MsxDevice -TenantId $CokeId -Name $name -Model m -Type t -OnboardType direct -SerialKey "SN-$name"
        $device.Name | Should -Be $name
        @(Get-ManageRequests $emulator -Method POST) | Should -HaveCount 1
        $lookup = @(Get-ManageRequests $emulator -Method GET)
        $lookup[0].query | Should -Match "serialKeys=SN-$name"
        @(Get-MsxDevice -Name $name) | Should -HaveCount 1
        @(Get-EmulatorFaults $emulator).Count | Should -Be 0
    }
}

Describe 'Get-MsxDevice' {
    BeforeAll {
        $p = "getdev$(Get-Random)"
        $a = New-TestDevice -Session $session -Prefix "$p-a" -With @{ ComplianceState = 'COMPLIANT' }
        $b = New-TestDevice -Session $session -Prefix "$p-b"
        $c = New-MsxDevice -TenantId $pepsiId -Name "$p-c" -Model 'ISR 4331' -Type ISR -OnboardType pnp -SerialKey "SN-$p-c"
        Set-DeviceStatus $b.Id @{ value = 'CRITICAL'; severity = '5' }
    }

    It 'sends exact names to the server''s names filter and matches wildcards on the client' {
        Clear-EmulatorRequests $emulator
        (Get-MsxDevice -Name $a.Name, $c.Name).Id | Should -Be @($a.Id, $c.Id)
        $exact = @(Get-ManageRequests $emulator -Method GET)
        $exact | Should -HaveCount 1
        $exact[0].query | Should -Match ([regex]::Escape("names=$($a.Name)&names=$($c.Name)"))

        Clear-EmulatorRequests $emulator
        (Get-MsxDevice -Name "$($p.ToUpperInvariant())-*").Id | Should -Be @($a.Id, $b.Id, $c.Id)
        (Get-ManageRequests $emulator -Method GET)[0].query | Should -Not -Match 'names='
    }

    It 'an exact name that matches nothing is MsxDeviceNotFound' {
        $found = @(Get-MsxDevice -Name $a.Name, "$p-none" -ErrorVariable errors -ErrorAction SilentlyContinue)
        $found.Id | Should -Be $a.Id
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxDeviceNotFound,*'
        $errors[0].TargetObject | Should -Be "$p-none"
    }

    It 'filters by <Filter> on the server' -ForEach @(
        @{ Filter = 'tenant'; Parameters = { @{ TenantId = $pepsiId; Name = "$p-*" } }; Query = 'tenantIds='; Expected = { @($c.Id) } }
        @{ Filter = 'model'; Parameters = { @{ Model = 'ISR 4331'; Name = "$p-*" } }; Query = 'models=ISR%204331'; Expected = { @($c.Id) } }
        @{ Filter = 'serial key'; Parameters = { @{ SerialKey = $b.SerialKey } }; Query = 'serialKeys='; Expected = { @($b.Id) } }
        @{ Filter = 'compliance state'; Parameters = { @{ ComplianceState = 'compliant'; Name = "$p-*" } }; Query = 'complianceStates=COMPLIANT'; Expected = { @($a.Id) } }
        @{ Filter = 'severity'; Parameters = { @{ Severity = '5'; Name = "$p-*" } }; Query = 'severities=5'; Expected = { @($b.Id) } }
        @{ Filter = 'type'; Parameters = { @{ Type = 'ISR'; Name = "$p-*" } }; Query = 'types=ISR'; Expected = { @($c.Id) } }
    ) {
        $params = & $Parameters
        Clear-EmulatorRequests $emulator
        (Get-MsxDevice @params).Id | Should -Be (& $Expected)
        (Get-ManageRequests $emulator -Method GET)[0].query | Should -Match $Query
    }

    It 'sorts on the server, both ways' {
        (Get-MsxDevice -Name "$p-*" -SortBy name).Name | Should -Be @($a.Name, $b.Name, $c.Name)
        (Get-MsxDevice -Name "$p-*" -SortBy name -Descending).Name | Should -Be @($c.Name, $b.Name, $a.Name)
        Clear-EmulatorRequests $emulator
        $null = Get-MsxDevice -SortBy serialkey -Descending -First 1
        (Get-ManageRequests $emulator -Method GET)[0].query | Should -Match 'sortBy=serialKey&sortOrder=desc'
    }

    It 'gets many ids in one request through the deviceIds filter, in the order given; an unknown id is MsxDeviceNotFound' {
        Clear-EmulatorRequests $emulator
        $found = @(Get-MsxDevice -Id $c.Id, 'CPE-unknown', $a.Id -ErrorVariable errors -ErrorAction SilentlyContinue)
        $found.Id | Should -Be @($c.Id, $a.Id)
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxDeviceNotFound,*'
        $errors[0].TargetObject | Should -Be 'CPE-unknown'
        $requests = @(Get-ManageRequests $emulator)
        $requests | Should -HaveCount 1
        $requests[0].query | Should -Match 'deviceIds='
        { Get-MsxDevice -Id 'CPE-unknown' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxDeviceNotFound,*'
    }

    It 'reads the devices of a piped site' {
        $site = New-MsxSite -TenantId $CokeId -Name "$p-site" -DeviceId $b.Id, $a.Id
        ($site | Get-MsxDevice).Id | Should -Be @($b.Id, $a.Id)
    }

    It 'shows devices as a table of Name, Id, Model, Status that fits <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $lines = (Get-MsxDevice -Id $b.Id | Format-Table | Out-String -Width $Width) -split "`n" | Where-Object { $_ -match '\S' }
        $lines[0] | Should -Match '^Name\s+Id\s+Model\s+Status'
        $lines.Count | Should -Be 3
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual $Width }
        $lines[2] | Should -Match ([regex]::Escape($b.Id))
        $lines[2] | Should -Match 'CRITICAL'
    }

    It 'completes -Name and -Id from the default session' {
        $line = "Get-MsxDevice -Name $($a.Name.Substring(0, $a.Name.Length - 3))"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @($a.Name)
        $line = "Remove-MsxDevice -Id $($c.Id.Substring(0, 14))"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @($c.Id)
    }
}

Describe 'Set-MsxDevice' {
    BeforeEach {
        $device = New-TestDevice -Session $session -With @{ Version = '1.0'; Tag = @{ keep = 'me' }; Attribute = @{ rack = 1 }; OnboardInformation = @{ port = '22' } }
        Clear-EmulatorRequests $emulator
    }

    It 'changes PATCH fields with one PATCH of only those fields' {
        $updated = $device | Set-MsxDevice -Version '2.0' -ComplianceState not_compliant -PassThru
        $updated.Version | Should -Be '2.0'
        @(Get-ManageWrites $emulator).method | Should -Be @('PATCH')
        $read = Get-MsxDevice -Id $device.Id
        $read.ComplianceState | Should -Be 'NOT_COMPLIANT'
        $read.Tags['keep'] | Should -Be 'me'
        $read.Attributes['rack'] | Should -Be 1
        $read.OnboardInformation['port'] | Should -Be '22'
    }

    It 'changes tags, attributes, managed or the service type with one PUT that keeps everything else' {
        Set-MsxDevice -Id $device.Id -Tag @{ role = 'wan' } -Managed -ServiceType managed -Version '3.0'
        @(Get-ManageWrites $emulator).method | Should -Be @('PUT')
        $read = Get-MsxDevice -Id $device.Id
        $read.Tags.Keys | Should -Be @('role')
        $read.Managed | Should -BeTrue
        $read.ServiceType | Should -Be 'managed'
        $read.Version | Should -Be '3.0'
        $read.SerialKey | Should -Be $device.SerialKey
        $read.Attributes['rack'] | Should -Be 1
        $read.OnboardInformation['port'] | Should -Be '22'
        Set-MsxDevice -Id $device.Id -Managed:$false
        (Get-MsxDevice -Id $device.Id).Managed | Should -BeFalse
    }

    It 'clears a serial key with an empty string and the attributes with an empty hashtable' {
        $device | Set-MsxDevice -SerialKey ''
        (Get-MsxDevice -Id $device.Id).SerialKey | Should -BeNullOrEmpty
        Set-MsxDevice -Id $device.Id -Attribute @{}
        (Get-MsxDevice -Id $device.Id).Attributes | Should -BeNullOrEmpty
    }

    It 'sends nothing when nothing would change, or with -WhatIf; a blank name is MsxInvalidDeviceName' {
        $device | Set-MsxDevice -Version '1.0' -Tag @{ keep = 'me' }
        $device | Set-MsxDevice -Version '9.9' -WhatIf
        Set-MsxDevice -Id $device.Id -Tag @{ x = 'y' } -WhatIf
        { $device | Set-MsxDevice -Name ' ' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxInvalidDeviceName,*'
        @(Get-ManageWrites $emulator).Count | Should -Be 0
    }

    It 'an unknown id is MsxDeviceNotFound; a serial key of another device is MsxDeviceExists' {
        { Set-MsxDevice -Id 'CPE-unknown' -Version x -ErrorAction Stop } | Should -Throw -ErrorId 'MsxDeviceNotFound,*'
        { Set-MsxDevice -Id 'CPE-unknown' -Tag @{ a = 'b' } -ErrorAction Stop } | Should -Throw -ErrorId 'MsxDeviceNotFound,*'
        $other = New-TestDevice -Session $session
        { $device | Set-MsxDevice -SerialKey $other.SerialKey -ErrorAction Stop } | Should -Throw -ErrorId 'MsxDeviceExists,*'
    }

    It 'changes many devices with -ThrottleLimit, in input order' {
        $many = 1..8 | ForEach-Object { New-TestDevice -Session $session -Prefix thr }
        $out = @($many | Set-MsxDevice -Version 'thr' -ThrottleLimit 4 -PassThru)
        $out.Id | Should -Be $many.Id
        @($many | Get-MsxDevice | Where-Object Version -eq 'thr') | Should -HaveCount 8
    }
}

Describe 'Remove-MsxDevice' {
    It 'removes devices and takes them off their sites; -WhatIf sends nothing; an unknown id is MsxDeviceNotFound' {
        $device = New-TestDevice -Session $session
        $site = New-MsxSite -TenantId $CokeId -Name "rmdev-$(Get-Random)" -DeviceId $device.Id
        Clear-EmulatorRequests $emulator
        $device | Remove-MsxDevice -WhatIf
        @(Get-ManageWrites $emulator).Count | Should -Be 0
        ($device | Remove-MsxDevice -Force -PassThru).Id | Should -Be $device.Id
        { Get-MsxDevice -Id $device.Id -ErrorAction Stop } | Should -Throw -ErrorId 'MsxDeviceNotFound,*'
        (Get-MsxSite -Id $site.Id).DeviceIds | Should -BeNullOrEmpty
        { Remove-MsxDevice -Id 'CPE-unknown' -Force -ErrorAction Stop } | Should -Throw -ErrorId 'MsxDeviceNotFound,*'
    }

    It 'removes many with -ThrottleLimit' {
        $many = 1..6 | ForEach-Object { New-TestDevice -Session $session -Prefix rmthr }
        $many | Remove-MsxDevice -Force -ThrottleLimit 3
        @(Get-MsxDevice -Name 'rmthr-*').Count | Should -Be 0
    }
}

Describe 'A blank string id' {
    It '<Command> refuses it with <ErrorId>, sends nothing for it, and goes on with the next id' -ForEach @(
        @{ Command = 'Remove-MsxDevice'; ErrorId = 'MsxInvalidDeviceId'; Unknown = 'CPE-unknown-after-blank' }
        @{ Command = 'Invoke-MsxDeviceRedeploy'; ErrorId = 'MsxInvalidDeviceId'; Unknown = 'CPE-unknown-after-blank' }
        # A well-formed KSUID that names nothing.
        @{ Command = 'Remove-MsxWorkflow'; ErrorId = 'MsxInvalidWorkflowId'; Unknown = '0ujsswThIGTUYm2K8FjOOfXtY1K' }
        @{ Command = 'Remove-MsxWorkflowInstance'; ErrorId = 'MsxInvalidWorkflowInstanceId'; Unknown = '0ujsswThIGTUYm2K8FjOOfXtY1K' }
    ) {
        Clear-EmulatorRequests $emulator
        $errors = $null
        & $Command -Id ' ', $Unknown -Force -ErrorAction SilentlyContinue -ErrorVariable errors
        @($errors).Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $errors[0].TargetObject | Should -Be ' '
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        # The next id was sent (and is unknown); the blank one never reached the server.
        $errors[1].FullyQualifiedErrorId | Should -BeLike 'Msx*NotFound,*'
        $errors[1].TargetObject | Should -Be $Unknown
        $paths = @(Get-EmulatorRequests $emulator | ForEach-Object { $_.path })
        $paths | Should -Not -BeNullOrEmpty
        $paths | ForEach-Object { $_ | Should -BeLike "*/$Unknown*" }
    }
}

Describe 'Device configuration and redeploy' {
    BeforeEach {
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/config-approval' -Method PUT -Body @{ enabled = $false }
        $device = New-TestDevice -Session $session -With @{ Managed = $true }
    }

    It 'reads the running configuration as text' {
        $config = $device | Get-MsxDeviceConfig
        $config | Should -BeOfType [string]
        $config | Should -Be "hostname $($device.Name)`n!`nend`n"
        Get-MsxDeviceConfig -Id $device.Id | Should -Be $config
    }

    It 'pushes a configuration from -Content or -Path; applied at once, it writes nothing' {
        $out = @(Set-MsxDeviceConfig -Id $device.Id -Content "hostname a`nend`n" -Force)
        $out.Count | Should -Be 0
        Get-MsxDeviceConfig -Id $device.Id | Should -Be "hostname a`nend`n"
        $file = Join-Path $TestDrive 'config.txt'
        [IO.File]::WriteAllText($file, "hostname from-file`nend`n")
        $device | Set-MsxDeviceConfig -Path $file -Force
        Get-MsxDeviceConfig -Id $device.Id | Should -Be "hostname from-file`nend`n"
    }

    It 'writes the change request when the server waits for approval, and the configuration stays' {
        $before = Get-MsxDeviceConfig -Id $device.Id
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/config-approval' -Method PUT -Body @{ enabled = $true }
        $pending = $device | Set-MsxDeviceConfig -Content 'hostname pending' -Force
        $pending | Should -BeOfType 'MsxPowerShell.Client.Models.MsxDeviceChangeRequest'
        $pending.DeviceId | Should -Be $device.Id
        $pending.DeviceName | Should -Be $device.Name
        $pending.ChangeRequestId | Should -Match '^[0-9a-f-]{36}$'
        $pending.ChangeRequestUrl | Should -BeLike "*/incident/api/v8/changerequests/$($pending.ChangeRequestId)"
        Get-MsxDeviceConfig -Id $device.Id | Should -Be $before
    }

    It 'sends nothing for -WhatIf, an empty configuration (MsxInvalidDeviceConfig) or a missing file (MsxConfigFileNotFound)' {
        Clear-EmulatorRequests $emulator
        Set-MsxDeviceConfig -Id $device.Id -Content 'hostname x' -WhatIf
        { Set-MsxDeviceConfig -Id $device.Id -Content '' -Force -ErrorAction Stop } | Should -Throw -ErrorId 'MsxInvalidDeviceConfig,*'
        { Set-MsxDeviceConfig -Id $device.Id -Path (Join-Path $TestDrive 'none.txt') -Force -ErrorAction Stop } | Should -Throw -ErrorId 'MsxConfigFileNotFound,*'
        @(Get-ManageWrites $emulator).Count | Should -Be 0
    }

    It 'an unknown device is MsxDeviceNotFound for reading and pushing' {
        { Get-MsxDeviceConfig -Id 'CPE-unknown' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxDeviceNotFound,*'
        { Set-MsxDeviceConfig -Id 'CPE-unknown' -Content 'x' -Force -ErrorAction Stop } | Should -Throw -ErrorId 'MsxDeviceNotFound,*'
    }

    It 'redeploys a managed device; an unmanaged one is MsxDeviceNotManaged; -WhatIf sends nothing' {
        Clear-EmulatorRequests $emulator
        $device | Invoke-MsxDeviceRedeploy -WhatIf
        @(Get-ManageWrites $emulator).Count | Should -Be 0
        ($device | Invoke-MsxDeviceRedeploy -Force -PassThru).Id | Should -Be $device.Id
        @(Get-ManageWrites $emulator).path | Should -Be @("/manage/api/v8/devices/$($device.Id)/redeploy")
        $unmanaged = New-TestDevice -Session $session
        $err = $null
        try { Invoke-MsxDeviceRedeploy -Id $unmanaged.Id -Force -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxDeviceNotManaged,*'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Set-MsxDevice -Id .* -Managed'
        { Invoke-MsxDeviceRedeploy -Id 'CPE-unknown' -Force -ErrorAction Stop } | Should -Throw -ErrorId 'MsxDeviceNotFound,*'
    }
}

Describe 'Get-MsxDeviceHealth' {
    BeforeAll {
        $tenant = New-MsxTenant -Name "health-$(Get-Random)"
        $fleet = @(1..150 | ForEach-Object { New-MsxDevice -TenantId $tenant.Id -Name ('r{0:D3}' -f $_) -Model m -Type t -OnboardType direct -ThrottleLimit 1 })
        foreach ($d in $fleet) { Set-DeviceHealth $emulator $d.Id up }
    }

    It 'asks for the piped devices 100 ids per request, and names each device' {
        Clear-EmulatorRequests $emulator
        $health = @(Get-MsxDevice -TenantId $tenant.Id | Get-MsxDeviceHealth)
        $health | Should -HaveCount 150
        $health[0] | Should -BeOfType 'MsxPowerShell.Client.Models.MsxDeviceHealth'
        $health.Id | Should -Be $fleet.Id
        $health[0].DeviceName | Should -Be 'r001'
        @($health | Where-Object Status -ne 'up') | Should -HaveCount 0
        $lists = @(Get-ManageRequests $emulator -Method GET | Where-Object path -eq '/monitor/api/v8/health/devices/list')
        $lists | Should -HaveCount 2
        ([regex]::Matches($lists[0].query, 'ids=')).Count | Should -Be 100
        ([regex]::Matches($lists[1].query, 'ids=')).Count | Should -Be 50
    }

    It 'is a one-line report of the devices that are not up' {
        Set-DeviceHealth $emulator $fleet[41].Id down 'unreachable since 02:00'
        Set-DeviceHealth $emulator $fleet[99].Id unknown
        $report = @(Get-MsxDevice -TenantId $tenant.Id | Get-MsxDeviceHealth | Where-Object Status -ne up)
        $report.DeviceName | Should -Be @('r042', 'r100')
        $report.Status | Should -Be @('down', 'unknown')
        $report[0].Description | Should -Be 'unreachable since 02:00'
        $text = $report | Format-Table | Out-String -Width 80
        $text | Should -Match 'DeviceName\s+Id\s+Status\s+Description'
        foreach ($line in ($text -split "`n")) { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }

    It 'takes ids; an id the monitor does not know is MsxDeviceNotFound; an empty id list is refused' {
        $health = @(Get-MsxDeviceHealth -Id $fleet[0].Id, 'CPE-unknown' -ErrorVariable errors -ErrorAction SilentlyContinue)
        $health.Id | Should -Be @($fleet[0].Id)
        $health[0].DeviceName | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxDeviceNotFound,*'
        $errors[0].TargetObject | Should -Be 'CPE-unknown'
        Clear-EmulatorRequests $emulator
        { Get-MsxDeviceHealth -Id @() -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        @() | Get-MsxDeviceHealth | Should -BeNullOrEmpty
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }
}

Describe 'Devices act through their own session' {
    BeforeAll {
        $other = Start-MsxEmulator -ArgumentList '--control'
        $otherSession = New-TestSession -Emulator $other
    }

    AfterAll {
        $other | Stop-MsxEmulator
    }

    It 'a device read through another session is changed, asked for, redeployed and removed there' {
        $device = New-TestDevice -Session $otherSession -With @{ Managed = $true }
        Set-DeviceHealth $other $device.Id down
        Clear-EmulatorRequests $emulator
        Clear-EmulatorRequests $other
        $device | Set-MsxDevice -Version 'there'
        ($device | Get-MsxDeviceHealth).Status | Should -Be 'down'
        $device | Get-MsxDeviceConfig | Should -Match 'hostname'
        $device | Invoke-MsxDeviceRedeploy -Force
        $device | Set-MsxDeviceConfig -Content 'hostname there' -Force
        $device | Remove-MsxDevice -Force
        @(Get-ManageRequests $emulator).Count | Should -Be 0
        (Get-ManageRequests $other).method | Should -Be @('PATCH', 'GET', 'GET', 'POST', 'POST', 'DELETE')
    }
}
