# The Set-* cmdlets share one update: the fields are checked before any request, -WhatIf sends nothing (not even
# the read), the read-merge-write runs inside the queued work, nothing is sent when nothing would change, and a
# body leaves out a field that has no value. Asserted on what the emulator received.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ManageTestSetup.ps1')
    # The bodies the emulator received come from its exchange log: the suite's own (MSX_EXCHANGE_DIR), else one here.
    $saved = $env:MSX_EXCHANGE_DIR
    if (-not $saved) { $env:MSX_EXCHANGE_DIR = Join-Path $TestDrive 'exchanges' }
    try { $emulator = Start-MsxEmulator -ArgumentList '--control' }
    finally { $env:MSX_EXCHANGE_DIR = $saved }
    $session = New-TestSession -Emulator $emulator -Default

    function Get-Writes {
        @(Get-EmulatorRequests $emulator | Where-Object method -ne 'GET')
    }
    function Get-SentBodies([string] $Method, [string] $Like) {
        # The request bodies the emulator received for a method and path, newest last, as objects.
        @(Get-Content -LiteralPath $emulator.ExchangeLog | ForEach-Object { $_ | ConvertFrom-Json } |
                Where-Object { $_.method -eq $Method -and $_.path -like $Like } | ForEach-Object { $_.requestBody | ConvertFrom-Json })
    }
    function New-Name([string] $Prefix) { "$Prefix-$([guid]::NewGuid().ToString('N').Substring(0, 10))" }

    $tenant = New-MsxTenant -Name (New-Name 'upd-tenant') -Description 'before' -ErrorAction Stop
    $userName = New-Name 'upd-user'
    $user = New-MsxUser -UserName $userName -LastName 'Only' -Email "$userName@example.com" -Role 'OPERATOR' -TenantId $CokeId `
        -Password (ConvertTo-SecureString 'Initial-Pa55!' -AsPlainText -Force) -ErrorAction Stop
    $site = New-MsxSite -TenantId $CokeId -Name (New-Name 'upd-site') -Description 'before' -ErrorAction Stop
    $device = New-TestDevice -Session $session -Prefix 'upd'
    $target = New-MsxWorkflowTarget -Name (New-Name 'upd-target') -Type ssh.endpoint -UniqueName (New-Name 'upd-target') -Property @{ host = '10.0.0.1' } -ErrorAction Stop

    # Each Set-* with an item of its own, the id that names it, and a change of one field.
    $cases = @(
        @{ Command = 'Set-MsxTenant'; Item = { $tenant }; Change = @{ Description = 'after' } }
        @{ Command = 'Set-MsxUser'; Item = { $user }; Change = @{ AddRole = 'TENANT_ADMIN' } }
        @{ Command = 'Set-MsxSite'; Item = { $site }; Change = @{ Description = 'after' } }
        @{ Command = 'Set-MsxDevice'; Item = { $device }; Change = @{ Version = '9.9' } }
        @{ Command = 'Set-MsxWorkflowTarget'; Item = { $target }; Change = @{ Title = 'after' } }
    )
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'Set-* -WhatIf' {
    It '<Command> -Id -WhatIf sends no request at all (not even the read)' -ForEach @(
        @{ Command = 'Set-MsxTenant' }, @{ Command = 'Set-MsxUser' }, @{ Command = 'Set-MsxSite' }, @{ Command = 'Set-MsxDevice' }, @{ Command = 'Set-MsxWorkflowTarget' }
    ) {
        $case = $cases | Where-Object Command -eq $Command
        $item = & $case.Item
        Clear-EmulatorRequests $emulator
        $change = $case.Change
        $said = Get-HostOutput { & $Command -Id $item.Id @change -WhatIf }
        $said | Should -Match 'What if:'
        @(Get-EmulatorRequests $emulator) | Should -HaveCount 0
    }

    It '<Command> with a piped item and -WhatIf sends no request at all' -ForEach @(
        @{ Command = 'Set-MsxTenant' }, @{ Command = 'Set-MsxUser' }, @{ Command = 'Set-MsxSite' }, @{ Command = 'Set-MsxDevice' }, @{ Command = 'Set-MsxWorkflowTarget' }
    ) {
        $case = $cases | Where-Object Command -eq $Command
        $item = & $case.Item
        Clear-EmulatorRequests $emulator
        $change = $case.Change
        $item | & $Command @change -WhatIf
        @(Get-EmulatorRequests $emulator) | Should -HaveCount 0
    }
}

Describe 'Set-* when nothing would change' {
    It '<Command> -Id reads the item once and writes nothing when it already has the values' -ForEach @(
        @{ Command = 'Set-MsxTenant'; Same = { @{ Name = $tenant.Name; Description = $tenant.Description } } }
        @{ Command = 'Set-MsxUser'; Same = { @{ LastName = $user.LastName; Role = 'OPERATOR' } } }
        @{ Command = 'Set-MsxSite'; Same = { @{ Name = $site.Name; Description = $site.Description } } }
        @{ Command = 'Set-MsxDevice'; Same = { @{ Name = $device.Name; Version = $device.Version; Managed = [switch]$device.Managed } } }
        @{ Command = 'Set-MsxWorkflowTarget'; Same = { @{ Name = $target.Name; Property = @{ host = '10.0.0.1' } } } }
    ) {
        $case = $cases | Where-Object Command -eq $Command
        $item = & $case.Item
        $same = & $Same
        Clear-EmulatorRequests $emulator
        $verbose = & $Command -Id $item.Id @same -Verbose 4>&1 | ForEach-Object Message
        Get-Writes | Should -HaveCount 0
        $verbose -join "`n" | Should -Match 'already has the given values; nothing was sent'
    }

    It '<Command> with a piped item that already has the values sends <Reads> read(s) and no write' -ForEach @(
        @{ Command = 'Set-MsxTenant'; Reads = 0; Same = { @{ Description = $tenant.Description } } }
        # A site read without its image is read again with it, so that a write could never lose the image.
        @{ Command = 'Set-MsxSite'; Reads = 1; Same = { @{ Description = $site.Description } } }
        @{ Command = 'Set-MsxDevice'; Reads = 0; Same = { @{ Version = $device.Version } } }
        @{ Command = 'Set-MsxWorkflowTarget'; Reads = 0; Same = { @{ Name = $target.Name } } }
    ) {
        $case = $cases | Where-Object Command -eq $Command
        $item = & $case.Item
        $same = & $Same
        Clear-EmulatorRequests $emulator
        $item | & $Command @same
        @(Get-EmulatorRequests $emulator | Where-Object method -eq 'GET') | Should -HaveCount $Reads
        Get-Writes | Should -HaveCount 0
    }
}

Describe 'Set-MsxUser bodies' {
    It '-AddRole on a user without a first name sends a UserUpdate without firstName, and succeeds' {
        $user.FirstName | Should -BeNullOrEmpty
        $updated = Set-MsxUser -Id $user.Id -AddRole 'TENANT_ADMIN' -PassThru -ErrorAction Stop
        $updated.Roles | Should -Contain 'TENANT_ADMIN'
        $body = @(Get-SentBodies PUT "/idm/api/v8/users/$($user.Id)")[-1]
        $body.PSObject.Properties.Name | Should -Not -Contain 'firstName'
        $body.PSObject.Properties.Name | Should -Contain 'lastName'
        $body.lastName | Should -Be 'Only'
        (Get-MsxUser -Id $user.Id).FirstName | Should -BeNullOrEmpty
    }

    It 'an empty -FirstName clears it by leaving it out' {
        Set-MsxUser -Id $user.Id -FirstName 'Given' -ErrorAction Stop
        (Get-MsxUser -Id $user.Id).FirstName | Should -Be 'Given'
        Set-MsxUser -Id $user.Id -FirstName '' -ErrorAction Stop
        @(Get-SentBodies PUT "/idm/api/v8/users/$($user.Id)")[-1].PSObject.Properties.Name | Should -Not -Contain 'firstName'
        (Get-MsxUser -Id $user.Id).FirstName | Should -BeNullOrEmpty
    }
}

Describe 'Set-* -ThrottleLimit' {
    It 'reads many tenants given by id inside the queued work, all changed in input order' {
        $many = 1..6 | ForEach-Object { New-MsxTenant -Name (New-Name 'upd-many') -ErrorAction Stop }
        Clear-EmulatorRequests $emulator
        $out = @($many.Id | ForEach-Object { [pscustomobject]@{ Id = $_ } } | Set-MsxTenant -Description 'many' -ThrottleLimit 4 -PassThru)
        $out.Id | Should -Be $many.Id
        @($out | Where-Object Description -eq 'many') | Should -HaveCount 6
        @(Get-EmulatorRequests $emulator | Where-Object method -eq 'GET') | Should -HaveCount 6
        @(Get-Writes) | Should -HaveCount 6
    }
}

Describe 'Set-* field rules' {
    It '<Command> -<Field> <Value> is <ErrorId> before any request, the value as target' -ForEach @(
        @{ Command = 'Set-MsxTenant'; Field = 'Name'; Value = ' '; ErrorId = 'MsxInvalidTenantName' }
        @{ Command = 'Set-MsxTenant'; Field = 'Description'; Value = 'd' * 257; ErrorId = 'MsxInvalidDescription' }
        @{ Command = 'Set-MsxTenant'; Field = 'Email'; Value = 'x@y'; ErrorId = 'MsxInvalidEmail' }
        @{ Command = 'Set-MsxUser'; Field = 'LastName'; Value = ''; ErrorId = 'MsxMissingField' }
        @{ Command = 'Set-MsxUser'; Field = 'Email'; Value = ' '; ErrorId = 'MsxMissingField' }
        @{ Command = 'Set-MsxUser'; Field = 'Email'; Value = 'not-an-email'; ErrorId = 'MsxInvalidEmail' }
        @{ Command = 'Set-MsxUser'; Field = 'Locale'; Value = 'x'; ErrorId = 'MsxInvalidLocale' }
        @{ Command = 'Set-MsxUser'; Field = 'Locale'; Value = 'x' * 17; ErrorId = 'MsxInvalidLocale' }
        @{ Command = 'Set-MsxDevice'; Field = 'Name'; Value = 'n' * 129; ErrorId = 'MsxInvalidDeviceName' }
        @{ Command = 'Set-MsxDevice'; Field = 'Model'; Value = ' '; ErrorId = 'MsxInvalidDeviceModel' }
        @{ Command = 'Set-MsxDevice'; Field = 'OnboardType'; Value = ''; ErrorId = 'MsxInvalidDeviceField' }
        @{ Command = 'Set-MsxDevice'; Field = 'Version'; Value = 'v' * 129; ErrorId = 'MsxInvalidDeviceField' }
    ) {
        $item = & ($cases | Where-Object Command -eq $Command).Item
        Clear-EmulatorRequests $emulator
        $change = @{ $Field = $Value }
        $err = $null
        & $Command -Id $item.Id @change -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err[0].TargetObject | Should -Be $Value
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-EmulatorRequests $emulator) | Should -HaveCount 0
    }

    It 'an empty value clears a field the spec lets go (description, locale) and is sent' {
        Set-MsxTenant -Id $tenant.Id -Description '' -ErrorAction Stop
        (Get-MsxTenant -Id $tenant.Id).Description | Should -BeNullOrEmpty
        Set-MsxUser -Id $user.Id -Locale 'fr_FR' -ErrorAction Stop
        Set-MsxUser -Id $user.Id -Locale '' -ErrorAction Stop
        (Get-MsxUser -Id $user.Id).Locale | Should -BeNullOrEmpty
    }
}
