# What Tab offers, through TabExpansion2 as a console would call it, against one emulator: closed sets from the
# spec, open sets from the values in use, session ids, workflow inputs, the spec's paths and methods; and the
# first-use fixes next to them (Switch-MsxTenant by name or object, Get-MsxRole without arguments).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ManageTestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default
    $specPath = if ($env:MSX_OPENAPI_SPEC) { $env:MSX_OPENAPI_SPEC } else { Join-Path $RepoRoot '../shared/msx-openapi/openapi.yaml' }

    function Get-Completion([string] $Line) {
        # What Tab offers at the end of the line.
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    function Get-CompletionText([string] $Line) { @(Get-Completion $Line | ForEach-Object CompletionText) }

    # Values in use for the open sets.
    $run = Get-Random
    $null = New-MsxSite -TenantId $CokeId -Name "tab-site-a-$run" -Type 'branch-office' -ErrorAction Stop
    $null = New-MsxSite -TenantId $CokeId -Name "tab-site-b-$run" -Type 'data-center' -ErrorAction Stop
    $device = New-TestDevice -Session $session -Prefix 'tab'
    $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path "_emulator/devices/$($device.Id)/status" -Method PUT -Body @{ value = 'CRITICAL'; severity = '5' }
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'Closed sets offer their values, never file names' {
    BeforeDiscovery {
        # Every parameter of the module with a ValidateSet, with its values.
        Import-Module (Join-Path $PSScriptRoot '../../out/MsxModule/MsxModule.psd1')
        # The spec beside the repository (as CI has it), or where MSX_OPENAPI_SPEC says.
        $specPresent = Test-Path $(if ($env:MSX_OPENAPI_SPEC) { $env:MSX_OPENAPI_SPEC } else { Join-Path $PSScriptRoot '../../../shared/msx-openapi/openapi.yaml' })
        $closed = foreach ($command in Get-Command -Module MsxModule) {
            foreach ($parameter in $command.Parameters.Values) {
                $set = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
                if ($set) { @{ Command = $command.Name; Parameter = $parameter.Name; Values = @($set.ValidValues) } }
            }
        }
    }

    It '<Command> -<Parameter> offers exactly its values' -ForEach $closed {
        $offered = Get-CompletionText "$Command -$Parameter "
        $offered | Sort-Object | Should -Be ($Values | Sort-Object)
    }

    It 'the device compliance and vulnerability states are the spec''s' -Skip:(-not $specPresent) {
        $text = Get-Content -Raw -LiteralPath $specPath
        $compliance = [regex]::Match($text, "name: complianceStates").Success
        $compliance | Should -BeTrue
        $specStates = @([regex]::Match($text, "Valid values: (COMPLIANT[^']*)'").Groups[1].Value -replace '\s+', ' ' -split ',\s*')
        Get-CompletionText 'Get-MsxDevice -ComplianceState ' | Sort-Object | Should -Be ($specStates | Sort-Object)
        Get-CompletionText 'New-MsxDevice -ComplianceState ' | Sort-Object | Should -Be ($specStates | Sort-Object)
        Get-CompletionText 'Set-MsxDevice -ComplianceState ' | Sort-Object | Should -Be ($specStates | Sort-Object)
        Get-CompletionText 'New-MsxDevice -ComplianceState NOT_' | Should -Be @('NOT_COMPLIANT', 'NOT_APPLICABLE')
        $vulnerability = @([regex]::Match($text, "Valid values: (VULNERABLE[^']*)'").Groups[1].Value -replace '\s+', ' ' -split ',\s*')
        $vulnerability.Count | Should -BeGreaterThan 2
        Get-CompletionText 'Get-MsxDevice -VulnerabilityState ' | Sort-Object | Should -Be ($vulnerability | Sort-Object)
    }
}

Describe 'Open sets offer the values in use' {
    It '<Line> offers <Expected>' -ForEach @(
        @{ Line = 'Get-MsxSite -Type '; Expected = 'branch-office', 'data-center' }
        @{ Line = 'New-MsxSite -Type '; Expected = 'branch-office', 'data-center' }
        @{ Line = 'Set-MsxSite -Type d'; Expected = 'data-center' }
        @{ Line = 'Get-MsxDevice -Severity '; Expected = '5' }
        @{ Line = 'Get-MsxDevice -Model CISCO'; Expected = "'CISCO CSR 1000v'" }
        @{ Line = 'New-MsxDevice -OnboardType '; Expected = 'direct' }
    ) {
        $matches = Get-Completion $Line
        foreach ($value in $Expected) { $matches.CompletionText | Should -Contain $value }
        $matches.ResultType | Sort-Object -Unique | Should -Be 'ParameterValue'
    }

    It 'says in the tooltip how many items use a value' {
        $branch = Get-Completion 'Get-MsxSite -Type branch'
        $branch | Should -HaveCount 1
        $branch[0].ToolTip | Should -BeLike 'branch-office: the Type of * sites read'
    }

    It 'offers what was created since the last Tab (a change drops the cached listing)' {
        $null = Get-CompletionText 'Get-MsxSite -Type '
        $null = New-MsxSite -TenantId $CokeId -Name "tab-site-c-$run" -Type 'kiosk' -ErrorAction Stop
        Get-CompletionText 'Get-MsxSite -Type ki' | Should -Be 'kiosk'
    }
}

Describe '-Session completes session ids' {
    It 'offers the id of every session, with its server in the tooltip' {
        $other = New-TestSession -Emulator $emulator
        $matches = Get-Completion 'Get-MsxTenant -Session '
        $matches.CompletionText | Should -Contain "$($session.Id)"
        $matches.CompletionText | Should -Contain "$($other.Id)"
        ($matches | Where-Object CompletionText -EQ "$($other.Id)").ToolTip | Should -BeLike "*$($emulator.Uri.Authority)*"
        $matches.ResultType | Sort-Object -Unique | Should -Be 'ParameterValue'
        Disconnect-MsxSession -Session $other
    }

    It 'takes the id it completes to' {
        $other = New-TestSession -Emulator $emulator
        Clear-EmulatorRequests $emulator
        $tenants = @(Get-MsxTenant -Session $other.Id)
        $tenants.Count | Should -BeGreaterThan 0
        { Get-MsxTenant -Session 987654 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*'
        Disconnect-MsxSession -Session "$($other.Id)"
        $other.Connected | Should -BeFalse
    }
}

Describe 'Start-MsxWorkflow -Input completes the workflow''s inputs' {
    It 'offers a hashtable with the inputs of the workflow named by -Name' {
        $matches = Get-Completion 'Start-MsxWorkflow -Name backup-device -Input '
        $matches | Should -HaveCount 1
        $matches[0].CompletionText | Should -Be "@{ device = ''; destination = '' }"
        $matches[0].ToolTip | Should -BeLike '*device (string, required*destination (string*'
    }

    It 'completes the keys inside -Input @{ with the input names not given yet' {
        $line = 'Start-MsxWorkflow -Name backup-device -Input @{ '
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Be @('device', 'destination')
        $result.CompletionMatches[0].ToolTip | Should -BeLike 'device (string, required*'
        $result.ReplacementIndex | Should -Be $line.Length
        $line = "Start-MsxWorkflow -Name backup-device -Input @{ device = 'CPE-1'; de"
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Be @('destination')
        $result.ReplacementIndex | Should -Be ($line.Length - 2)
        $result.ReplacementLength | Should -Be 2
        $line = 'Start-MsxWorkflow -Name backup-device -Input @{ device = '
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText) | Should -Not -Contain 'destination'
    }

    It 'leaves other hashtables and commands to PowerShell' {
        Get-CompletionText 'Get-MsxTen' | Should -Contain 'Get-MsxTenant'
        Get-CompletionText 'Get-Process | Select-Object -Property @{ Na' | Should -Be @('Name')
    }

    It 'puts the session''s own TabExpansion2 back when the module is removed' {
        $line = 'Start-MsxWorkflow -Name backup-device -Input @{ '
        $script = @"
Import-Module '$(Join-Path $RepoRoot 'out/MsxModule/MsxModule.psd1')'
`$wrapped = `${function:TabExpansion2}.ToString() -match 'MsxModule'
Remove-Module MsxModule
`$restored = (`${function:TabExpansion2}.ToString() -notmatch 'MsxModule') -and `$null -ne (TabExpansion2 -inputScript 'Get-Chil' -cursorColumn 8).CompletionMatches
"wrapped=`$wrapped restored=`$restored"
"@
        $run = Invoke-ChildPwsh -Script $script
        $run.Output | Should -Contain 'wrapped=True restored=True'
    }

    It 'offers nothing for a workflow it cannot tell' {
        Get-Completion 'Start-MsxWorkflow -Name no-such-workflow -Input ' | Should -HaveCount 0
    }
}

Describe 'Invoke-MsxRestMethod completes the spec''s paths and their methods' {
    It 'completes /manage/api/v8/dev to the device paths, with the summaries as tooltip' {
        $matches = Get-Completion 'Invoke-MsxRestMethod -Path /manage/api/v8/dev'
        $matches.ListItemText | Should -Contain '/manage/api/v8/devices'
        $matches.ListItemText | Should -Contain '/manage/api/v8/devices/{id}'
        @($matches.ListItemText | Where-Object { $_ -notlike '/manage/api/v8/dev*' }) | Should -HaveCount 0
        $devices = $matches | Where-Object ListItemText -EQ '/manage/api/v8/devices'
        $devices.CompletionText | Should -Be '/manage/api/v8/devices'
        $devices.ToolTip | Should -BeLike "GET: *`nPOST: *"
        ($matches | Where-Object ListItemText -EQ '/manage/api/v8/devices/{id}').CompletionText | Should -Be "'/manage/api/v8/devices/{id}'"
    }

    It 'every path of the spec is offered' -Skip:(-not (Test-Path $(if ($env:MSX_OPENAPI_SPEC) { $env:MSX_OPENAPI_SPEC } else { Join-Path $PSScriptRoot '../../../shared/msx-openapi/openapi.yaml' }))) {
        $specPaths = @(Select-String -LiteralPath $specPath -Pattern '^  (/[^:]+):\s*$' | ForEach-Object { $_.Matches[0].Groups[1].Value })
        $specPaths.Count | Should -BeGreaterThan 50
        $offered = @(Get-Completion 'Invoke-MsxRestMethod -Path /' | ForEach-Object ListItemText)
        $offered | Sort-Object | Should -Be ($specPaths | Sort-Object)
    }

    It 'keeps an id typed for a placeholder' {
        Get-CompletionText 'Invoke-MsxRestMethod -Path /manage/api/v8/devices/CPE-1/con' | Should -Contain '/manage/api/v8/devices/CPE-1/config'
    }

    It 'offers the methods the path has for -Method' {
        Get-CompletionText 'Invoke-MsxRestMethod -Path /manage/api/v8/devices -Method ' | Should -Be @('GET', 'POST')
        $methods = Get-Completion 'Invoke-MsxRestMethod /manage/api/v8/devices/CPE-1 -Method '
        $methods.CompletionText | Sort-Object | Should -Be @('DELETE', 'GET', 'PATCH', 'PUT')
        ($methods | Where-Object CompletionText -EQ 'PATCH').ToolTip | Should -BeLike 'PATCH /manage/api/v8/devices/{id}: *'
        Get-CompletionText 'Invoke-MsxRestMethod -Method ' | Should -Be @('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD')
    }
}

Describe 'Switch-MsxTenant takes a tenant name or object' {
    It 'switches by <Case>' -ForEach @(
        @{ Case = 'name'; Argument = { 'Coke' } }
        @{ Case = 'tenant object'; Argument = { Get-MsxTenant -Name Coke } }
        @{ Case = 'id'; Argument = { "$CokeId" } }
    ) {
        $own = New-TestSession -Emulator $emulator
        $own.TenantId | Should -Not -Be $CokeId
        Switch-MsxTenant -TenantId (& $Argument) -Session $own
        $own.TenantId | Should -Be $CokeId
        Disconnect-MsxSession -Session $own
    }

    It 'switches a piped tenant' {
        $own = New-TestSession -Emulator $emulator
        Get-MsxTenant -Name Coke | Switch-MsxTenant -Session $own
        $own.TenantId | Should -Be $CokeId
        Disconnect-MsxSession -Session $own
    }

    It 'fails with MsxTenantNotFound for an unknown name, and switches nothing' {
        $own = New-TestSession -Emulator $emulator
        $before = $own.TenantId
        { Switch-MsxTenant -TenantId 'no-such-tenant' -Session $own -ErrorAction Stop } | Should -Throw -ErrorId 'MsxTenantNotFound,*'
        $own.TenantId | Should -Be $before
        Disconnect-MsxSession -Session $own
    }

    It 'lets any -TenantId take a tenant object' {
        $coke = Get-MsxTenant -Name Coke
        $sites = @(Get-MsxSite -TenantId $coke)
        $sites.Count | Should -BeGreaterThan 0
        $sites.TenantId | Sort-Object -Unique | Should -Be $CokeId
    }
}

Describe 'Get-MsxRole without arguments' {
    It 'lists the roles the session can see, without prompting' {
        $roles = @(Get-MsxRole)
        $roles.Name | Should -Contain 'SUPERUSER'
        $roles.Name | Should -Contain 'TENANT_ADMIN'
        $roles.Name | Should -Be ($roles.Name | Sort-Object)
        @($roles.Name | Sort-Object -Unique).Count | Should -Be $roles.Count
    }

    It 'still takes the roles of piped users' {
        @(Get-MsxUser -UserName tenantadmin | Get-MsxRole).Name | Should -Be @('TENANT_ADMIN')
    }
}
