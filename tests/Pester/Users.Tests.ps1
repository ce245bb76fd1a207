# Users and roles against the emulator: the cmdlets, the wire they send, and what the server holds afterwards.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default
    $coke = [guid]'133815cb-2335-474d-8c10-3e635aba94fd'
    $sprite = [guid]'8b06bda7-61a0-41cf-9aaa-61af86aeaec5'
    $pepsi = [guid]'838a148f-1175-4a11-8ac2-4e4ee0a8e048'
    $initialText = 'Initial-Pa55!'
    $initial = ConvertTo-SecureString $initialText -AsPlainText -Force

    function New-Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    function New-UserSession([string] $UserName, [string] $Password, $On = $emulator) {
        New-TestSession -Emulator $On -Credential ([pscredential]::new($UserName, (New-Secure $Password)))
    }
    function Get-Writes([string] $Like = '/idm/api/v8/users*') {
        @(Get-EmulatorRequests $emulator | Where-Object { $_.method -in 'POST', 'PUT', 'DELETE' -and $_.path -like $Like })
    }
    function Get-Requests([string] $Method, [string] $Like) {
        @(Get-EmulatorRequests $emulator | Where-Object { $_.method -eq $Method -and $_.path -like $Like })
    }
    function New-Name([string] $Prefix = 'u') { "$Prefix-$(Get-Random)" }
    function New-TestUser {
        # Advanced, so that -ErrorAction Stop reaches New-MsxUser whatever the runner's preference.
        [CmdletBinding()]
        param([string] $UserName = (New-Name), [string[]] $Role = @('OPERATOR'), [guid[]] $TenantId = @($coke), $On = $session)
        New-MsxUser -UserName $UserName -FirstName 'Test' -LastName 'User' -Email "$UserName@example.com" -Role $Role -TenantId $TenantId -Password $initial -Session $On
    }
    function Reset-Emulator($On = $emulator) { Invoke-MsxEmulatorControl -Emulator $On -Path '_emulator/reset' -Method POST }
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'Get-MsxUser' {
    It 'lists the users with booleans for status and deleted, and role names beside the role ids' {
        $all = @(Get-MsxUser)
        $all.UserName | Should -Contain 'superuser'
        $admin = $all | Where-Object UserName -eq 'tenantadmin'
        $admin | Should -BeOfType 'MsxPowerShell.Client.Models.MsxUser'
        $admin.Enabled | Should -BeOfType [bool]
        $admin.Enabled | Should -BeTrue
        $admin.Deleted | Should -BeFalse
        $admin.Roles | Should -Be @('TENANT_ADMIN')
        $admin.RoleIds.Count | Should -Be 1
        ($admin.TenantIds | Sort-Object) | Should -Be (@($coke, $sprite) | Sort-Object)
        $admin.PasswordPolicyName | Should -Be 'ppolicy_default'
    }

    It '-UserName matches wildcards and exact names in any case; an exact name that matches nothing is MsxUserNotFound' {
        (Get-MsxUser -UserName 'TENANT*').UserName | Should -Be 'tenantadmin'
        (Get-MsxUser -UserName 'CONSUMER').UserName | Should -Be 'consumer'
        $found = @(Get-MsxUser -UserName 'superuser', 'no-such-user' -ErrorVariable errors -ErrorAction SilentlyContinue)
        $found.UserName | Should -Be 'superuser'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxUserNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'no-such-user'
        @(Get-MsxUser -UserName 'nobody-like-this-*' -ErrorVariable silent -ErrorAction SilentlyContinue).Count | Should -Be 0
        $silent.Count | Should -Be 0
    }

    It '-Id reads each user; an unknown id is a non-terminating MsxUserNotFound with the id as target' {
        $two = @(Get-MsxUser -UserName 'superuser', 'consumer')
        $unknown = [guid]::NewGuid()
        $found = @(Get-MsxUser -Id ($two.Id + $unknown) -ErrorVariable errors -ErrorAction SilentlyContinue)
        $found.UserName | Should -Be @('superuser', 'consumer')
        $found[1].Roles | Should -Be @('CONSUMER')
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxUserNotFound,*'
        $errors[0].TargetObject | Should -Be $unknown
        @($two | Get-MsxUser).UserName | Should -Be @('superuser', 'consumer') -Because 'ids bind from the pipeline by property name'
    }

    It '-TenantId is the server''s filter' {
        Clear-EmulatorRequests $emulator
        (Get-MsxUser -TenantId $pepsi).UserName | Should -Be 'consumer'
        (Get-Requests GET '/idm/api/v8/users')[0].query | Should -Match "tenantId=$pepsi"
    }

    It '-First 1 asks for one page of one user' {
        Clear-EmulatorRequests $emulator
        @(Get-MsxUser -First 1).Count | Should -Be 1
        $pages = Get-Requests GET '/idm/api/v8/users'
        $pages.Count | Should -Be 1
        $pages[0].query | Should -Match 'pageSize=1(&|$)'
    }

    It 'names roles through a per-session cache: a second listing asks for no role' {
        $fresh = New-TestSession -Emulator $emulator
        Clear-EmulatorRequests $emulator
        $null = Get-MsxUser -Session $fresh
        @(Get-Requests GET '/idm/api/v8/roles/*').Count | Should -BeGreaterThan 0
        Clear-EmulatorRequests $emulator
        $again = @(Get-MsxUser -Session $fresh)
        @(Get-Requests GET '/idm/api/v8/roles/*').Count | Should -Be 0
        ($again | Where-Object UserName -eq 'consumer').Roles | Should -Be @('CONSUMER')
        Disconnect-MsxSession -Session $fresh
    }
}

Describe 'New-MsxUser' {
    AfterEach { Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE }

    It 'creates a user with roles by name, tenants and a password; the user can log in' {
        $name = New-Name 'new'
        $user = New-MsxUser -UserName $name -FirstName 'Nia' -LastName 'Ng' -Email "$name@example.com" -Role 'OPERATOR', 'CONSUMER' -TenantId $coke, $sprite -Password $initial -Locale 'fr_FR'
        $user.UserName | Should -Be $name
        $user.Roles | Should -Be @('OPERATOR', 'CONSUMER')

        $read = Get-MsxUser -Id $user.Id
        $read.FirstName | Should -Be 'Nia'
        $read.Email | Should -Be "$name@example.com"
        $read.Locale | Should -Be 'fr_FR'
        ($read.TenantIds | Sort-Object) | Should -Be (@($coke, $sprite) | Sort-Object)
        ($read.Roles | Sort-Object) | Should -Be @('CONSUMER', 'OPERATOR')
        $read.RoleIds.Count | Should -Be 2

        $own = New-UserSession $name $initialText
        $me = Get-MsxCurrentUser -Session $own
        $me.UserName | Should -Be $name
        ($me.Roles | Sort-Object) | Should -Be @('CONSUMER', 'OPERATOR')
        $me.TenantIds | Should -Contain $coke
        Disconnect-MsxSession -Session $own
    }

    It 'without -TenantId the server puts the user in the session''s tenant; the body leaves tenantIds out' {
        $user = New-MsxUser -UserName (New-Name 'home') -LastName 'Home' -Email 'home@example.com'
        $user.TenantIds | Should -Be @($session.TenantId)
        $user.Roles.Count | Should -Be 0
    }

    It 'creates one user per CSV row, several roles and tenants per cell split on ";"; the same file again gives MsxUserExists for each row and creates none' {
        $prefix = New-Name 'csv'
        $csv = Join-Path $TestDrive "$prefix.csv"
        1..6 | ForEach-Object {
            [pscustomobject]@{
                UserName = "$prefix-$_"; FirstName = "First$_"; LastName = "Last$_"; Email = "$prefix-$_@example.com"
                Role = if ($_ % 2) { 'OPERATOR;CONSUMER' } else { 'OPERATOR' }
                TenantId = if ($_ % 2) { "$coke;$sprite" } else { "$coke" }
                Locale = ''
            }
        } | Export-Csv -LiteralPath $csv -NoTypeInformation

        $created = @(Import-Csv $csv | New-MsxUser -Password $initial)
        $created.UserName | Should -Be (1..6 | ForEach-Object { "$prefix-$_" })
        $onServer = @(Get-MsxUser -UserName "$prefix-*")
        $onServer.Count | Should -Be 6
        $first = $onServer | Where-Object UserName -eq "$prefix-1"
        ($first.Roles | Sort-Object) | Should -Be @('CONSUMER', 'OPERATOR')
        $first.TenantIds.Count | Should -Be 2
        $first.Locale | Should -BeNullOrEmpty
        ($onServer | Where-Object UserName -eq "$prefix-2").Roles | Should -Be @('OPERATOR')

        $again = @(Import-Csv $csv | New-MsxUser -ErrorVariable errors -ErrorAction SilentlyContinue)
        $again.Count | Should -Be 0
        $errors.Count | Should -Be 6
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'MsxUserExists,*' }).Count | Should -Be 6
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errors[0].TargetObject | Should -Be "$prefix-1"
        $errors[0].Exception.Message | Should -BeLike "*'$prefix-1' ($($first.Id)) already exists*"
        @(Get-MsxUser -UserName "$prefix-*").Count | Should -Be 6
    }

    It 'looks a role name up once per session, however many rows name it' {
        $fresh = New-TestSession -Emulator $emulator
        $prefix = New-Name 'cache'
        Clear-EmulatorRequests $emulator
        $rows = 1..4 | ForEach-Object { [pscustomobject]@{ UserName = "$prefix-$_"; LastName = 'Cache'; Email = "c$_@example.com"; Role = 'OPERATOR' } }
        @($rows | New-MsxUser -Session $fresh -ThrottleLimit 4).Count | Should -Be 4
        @(Get-Requests GET '/idm/api/v8/roles/name/*').path | Should -Be @('/idm/api/v8/roles/name/OPERATOR')
        @(Get-Requests POST '/idm/api/v8/users').Count | Should -Be 4
        Disconnect-MsxSession -Session $fresh
    }

    It 'finds "operator" as OPERATOR (role names are upper-case on MSX), and asks once per session' {
        $fresh = New-TestSession -Emulator $emulator
        Clear-EmulatorRequests $emulator
        (New-TestUser -Role 'operator' -On $fresh).Roles | Should -Be @('OPERATOR')
        (New-TestUser -Role 'operator' -On $fresh).Roles | Should -Be @('OPERATOR')
        @(Get-Requests GET '/idm/api/v8/roles/name/*').path | Should -Be @('/idm/api/v8/roles/name/operator', '/idm/api/v8/roles/name/OPERATOR')
        Disconnect-MsxSession -Session $fresh
    }

    It 'a create whose answer is lost returns the user the first attempt made, and makes no second' {
        $name = New-Name 'lost'
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{ method = 'POST'; path = '/idm/api/v8/users'; drop = $true; afterCommit = $true; count = 1 }
        $user = New-MsxUser -UserName $name -LastName 'Lost' -Email 'lost@example.com' -Role OPERATOR
        $user.UserName | Should -Be $name
        $user.Roles | Should -Be @('OPERATOR')
        @(Get-EmulatorFaults $emulator).Count | Should -Be 0 -Because 'the fault fired'
        @(Get-MsxUser -UserName $name).Id | Should -Be $user.Id
    }

    It '-WhatIf sends nothing (not even a role lookup) and names the user and the server' {
        Clear-EmulatorRequests $emulator
        $name = New-Name 'whatif'
        $text = Get-HostOutput { New-MsxUser -UserName $name -LastName 'W' -Email 'w@example.com' -Role OPERATOR -WhatIf }
        $text | Should -BeLike "*User '$name' with roles OPERATOR in the session's tenant on $($emulator.Uri)*"
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }
}

Describe 'Bad input to New-MsxUser is a clear error, sent nowhere the module can tell' {
    AfterEach { Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE }

    It '<Case>: <ErrorId> with the offending value as target, and no request' -ForEach @(
        @{ Case = 'a bad e-mail'; Row = @{ UserName = 'bad-mail'; LastName = 'L'; Email = 'not-an-email' }; ErrorId = 'MsxInvalidEmail'; Target = 'not-an-email' }
        @{ Case = 'a blank e-mail'; Row = @{ UserName = 'no-mail'; LastName = 'L'; Email = ' ' }; ErrorId = 'MsxMissingField'; Target = 'no-mail' }
        @{ Case = 'a blank last name'; Row = @{ UserName = 'no-last'; LastName = ''; Email = 'a@example.com' }; ErrorId = 'MsxMissingField'; Target = 'no-last' }
        @{ Case = 'a blank user name'; Row = @{ UserName = ''; LastName = 'L'; Email = 'a@example.com' }; ErrorId = 'MsxMissingField'; Target = '' }
        @{ Case = 'a user name with a space'; Row = @{ UserName = 'has space'; LastName = 'L'; Email = 'a@example.com' }; ErrorId = 'MsxInvalidUserName'; Target = 'has space' }
        @{ Case = 'a user name of 129 characters'; Row = @{ UserName = ('n' * 129); LastName = 'L'; Email = 'a@example.com' }; ErrorId = 'MsxInvalidUserName'; Target = ('n' * 129) }
        @{ Case = 'a locale of one character'; Row = @{ UserName = 'short-locale'; LastName = 'L'; Email = 'a@example.com'; Locale = 'x' }; ErrorId = 'MsxInvalidLocale'; Target = 'x' }
        @{ Case = 'a tenant id that is not a GUID'; Row = @{ UserName = 'bad-tenant'; LastName = 'L'; Email = 'a@example.com'; TenantId = "$coke;acme" }; ErrorId = 'MsxInvalidTenantId'; Target = 'acme' }
        @{ Case = 'a role id that is not a GUID'; Row = @{ UserName = 'bad-role-id'; LastName = 'L'; Email = 'a@example.com'; RoleId = 'OPERATOR' }; ErrorId = 'MsxInvalidRoleId'; Target = 'OPERATOR' }
    ) {
        Clear-EmulatorRequests $emulator
        $errors = $null
        $out = @([pscustomobject]$Row | New-MsxUser -ErrorVariable errors -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $errors[0].TargetObject | Should -Be $Target
        $errors[0].Exception.Message | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }

    It 'a user name repeated in the input (any case) is refused before its POST; the first is created' {
        $name = New-Name 'dup'
        Clear-EmulatorRequests $emulator
        $rows = @([pscustomobject]@{ UserName = $name; LastName = 'One'; Email = 'one@example.com' }, [pscustomobject]@{ UserName = $name.ToUpperInvariant(); LastName = 'Two'; Email = 'two@example.com' })
        $created = @($rows | New-MsxUser -ErrorVariable errors -ErrorAction SilentlyContinue)
        $created.UserName | Should -Be $name
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxDuplicateUserName,*'
        $errors[0].TargetObject | Should -Be $name.ToUpperInvariant()
        @(Get-Requests POST '/idm/api/v8/users').Count | Should -Be 1
    }

    It 'an unknown role name is refused after the lookup and before the POST (MsxRoleNotFound, the role as target)' {
        $name = New-Name 'norole'
        Clear-EmulatorRequests $emulator
        $err = $null
        try { New-MsxUser -UserName $name -LastName 'L' -Email 'l@example.com' -Role 'OPERATOR', 'NO_SUCH_ROLE' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxRoleNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be 'NO_SUCH_ROLE'
        $err.Exception.Message | Should -BeLike "*NO_SUCH_ROLE*'$name' was not created*"
        @(Get-Requests GET '/idm/api/v8/roles/name/*').Count | Should -BeGreaterThan 0
        @(Get-Writes).Count | Should -Be 0
        @(Get-MsxUser -UserName $name -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'a password the policy refuses is MsxPasswordRejected, and the user is not created' {
        $name = New-Name 'weak'
        $err = $null
        try { New-MsxUser -UserName $name -LastName 'L' -Email 'l@example.com' -Password (New-Secure 'weakpass') -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxPasswordRejected,*'
        $err.TargetObject | Should -Be $name
        $err.Exception.ServerCode | Should -Be 'PASSWORD_POLICY_VIOLATION'
        $err.Exception.Message | Should -BeLike '*ppolicy_default*'
        $err.Exception.Message | Should -Not -BeLike '*weakpass*'
        @(Get-MsxUser -UserName $name -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'a password the server echoes in an error is masked in the message, ErrorDetails and Verbose/Debug' {
        $secretText = 'Echoed-Secret-Pa55!'
        $body = '{"code":"BAD_REQUEST","message":"password: ' + $secretText + ' is not allowed"}'
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{ method = 'POST'; path = '/idm/api/v8/users'; status = 400; body = $body; contentType = 'application/json'; count = 1 }
        $DebugPreference = 'Continue'
        $text = & {
            try { New-MsxUser -UserName (New-Name 'echo') -LastName 'L' -Email 'l@example.com' -Password (New-Secure $secretText) -Verbose -ErrorAction Stop }
            catch { $_ | Format-List * -Force | Out-String; $_.ErrorDetails | Out-String; $_.Exception.ResponseBody }
        } *>&1 | Out-String
        @(Get-EmulatorFaults $emulator).Count | Should -Be 0 -Because 'the fault fired'
        $text | Should -BeLike '*is not allowed*'
        $text | Should -Not -BeLike "*$secretText*"
    }
}

Describe 'Set-MsxUser' {
    It 'changes only the given fields' {
        $user = New-MsxUser -UserName (New-Name 'set') -FirstName 'Old' -LastName 'Keep' -Email 'keep@example.com' -Role OPERATOR -TenantId $coke, $sprite -Locale en_GB
        $updated = Set-MsxUser -Id $user.Id -FirstName 'New' -PassThru
        $updated.FirstName | Should -Be 'New'
        $read = Get-MsxUser -Id $user.Id
        $read.FirstName | Should -Be 'New'
        $read.LastName | Should -Be 'Keep'
        $read.Email | Should -Be 'keep@example.com'
        $read.Locale | Should -Be 'en_GB'
        $read.Roles | Should -Be @('OPERATOR')
        ($read.TenantIds | Sort-Object) | Should -Be (@($coke, $sprite) | Sort-Object)
    }

    It 'adds and removes roles and tenants, and -Role replaces the roles' {
        $user = New-TestUser -Role OPERATOR -TenantId $coke
        $user | Set-MsxUser -AddRole CONSUMER -AddTenantId $sprite
        $read = Get-MsxUser -Id $user.Id
        ($read.Roles | Sort-Object) | Should -Be @('CONSUMER', 'OPERATOR')
        ($read.TenantIds | Sort-Object) | Should -Be (@($coke, $sprite) | Sort-Object)

        $read | Set-MsxUser -RemoveRole OPERATOR -RemoveTenantId $coke
        $read = Get-MsxUser -Id $user.Id
        $read.Roles | Should -Be @('CONSUMER')
        $read.TenantIds | Should -Be @($sprite)

        Set-MsxUser -Id $user.Id -Role 'TENANT_ADMIN;OPERATOR' -TenantId $coke
        $read = Get-MsxUser -Id $user.Id
        ($read.Roles | Sort-Object) | Should -Be @('OPERATOR', 'TENANT_ADMIN')
        $read.TenantIds | Should -Be @($coke)
    }

    It 'a piped user is written with one PUT and no GET, whole (roles and tenants kept)' {
        $user = New-TestUser -TenantId $coke, $sprite
        Clear-EmulatorRequests $emulator
        $user | Set-MsxUser -Email 'moved@example.com'
        @(Get-EmulatorRequests $emulator | ForEach-Object method) | Should -Be @('PUT')
        $read = Get-MsxUser -Id $user.Id
        $read.Email | Should -Be 'moved@example.com'
        $read.Roles | Should -Be @('OPERATOR')
        $read.TenantIds.Count | Should -Be 2
    }

    It 'sends no PUT when nothing would change, and says so on Verbose' {
        $user = New-TestUser
        Clear-EmulatorRequests $emulator
        $verbose = $user | Set-MsxUser -LastName $user.LastName -AddRole OPERATOR -Verbose 4>&1 | Out-String
        $verbose | Should -BeLike '*already has the given values*'
        @(Get-Requests PUT '/idm/api/v8/users/*').Count | Should -Be 0
    }

    It '-WhatIf sends nothing at all, even by -Id, and names the user and the server' {
        $user = New-TestUser
        Clear-EmulatorRequests $emulator
        $text = Get-HostOutput { Set-MsxUser -Id $user.Id -AddRole CONSUMER -WhatIf; $user | Set-MsxUser -FirstName 'X' -WhatIf }
        $text | Should -BeLike "*User $($user.Id) on $($emulator.Uri)*"
        $text | Should -BeLike "*User '$($user.UserName)' ($($user.Id)) on $($emulator.Uri)*"
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
        (Get-MsxUser -Id $user.Id).Roles | Should -Be @('OPERATOR')
    }

    It 'an unknown id is MsxUserNotFound; an unknown role is MsxRoleNotFound with no PUT; a blank last name is refused unsent' {
        $missing = [guid]::NewGuid()
        { Set-MsxUser -Id $missing -FirstName 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxUserNotFound,*'
        $user = New-TestUser
        Clear-EmulatorRequests $emulator
        $err = $null
        try { $user | Set-MsxUser -AddRole 'NOT_A_ROLE' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxRoleNotFound,*'
        $err.TargetObject | Should -Be 'NOT_A_ROLE'
        @(Get-Writes).Count | Should -Be 0
        Clear-EmulatorRequests $emulator
        { $user | Set-MsxUser -LastName ' ' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxMissingField,*'
        { $user | Set-MsxUser -Email 'x@y' -ErrorAction Stop } | Should -Throw -ErrorId 'MsxInvalidEmail,*'
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }
}

Describe 'Remove-MsxUser and deleted users' {
    BeforeAll {
        Reset-Emulator
    }

    It 'deletes softly: the user leaves the listing, shows with -IncludeDeleted as Deleted, and keeps its name' {
        $user = New-TestUser -UserName (New-Name 'gone')
        $user | Remove-MsxUser -Force
        @(Get-MsxUser -UserName $user.UserName -ErrorAction SilentlyContinue).Count | Should -Be 0
        $deleted = Get-MsxUser -UserName $user.UserName -IncludeDeleted
        $deleted.Id | Should -Be $user.Id
        $deleted.Deleted | Should -BeTrue
        (Get-MsxUser -Id $user.Id).Deleted | Should -BeTrue

        $err = $null
        try { New-MsxUser -UserName $user.UserName -LastName 'Again' -Email 'a@example.com' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxUserExists,*'
        $err.Exception.Message | Should -BeLike "*deleted user '$($user.UserName)' ($($user.Id))*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-IncludeDeleted*'
    }

    It '-IncludeDeleted lists the live users then the deleted ones; -Skip, -First and -IncludeTotalCount count across both' {
        Reset-Emulator
        $gone = @(1..3 | ForEach-Object { New-TestUser -UserName "z-gone-$_" })
        $gone | Remove-MsxUser -Force
        $live = @(Get-MsxUser)
        $all = @(Get-MsxUser -IncludeDeleted)
        $all.Count | Should -Be ($live.Count + 3)
        ($all | Select-Object -Last 3).UserName | Should -Be @('z-gone-1', 'z-gone-2', 'z-gone-3')
        @($all | Where-Object Deleted).Count | Should -Be 3

        $window = @(Get-MsxUser -IncludeDeleted -Skip ($live.Count - 1) -First 3)
        $window.UserName | Should -Be @($live[-1].UserName, 'z-gone-1', 'z-gone-2')

        $counted = @(Get-MsxUser -IncludeDeleted -IncludeTotalCount)
        "$($counted | Where-Object { $_ -isnot [MsxPowerShell.Client.Models.MsxUser] })" | Should -Match "\b$($all.Count)\b"
        (Get-MsxUser -UserName 'Z-GONE-2' -IncludeDeleted).Deleted | Should -BeTrue
    }

    It '-WhatIf sends nothing and names each user and the server' {
        $user = New-TestUser
        Clear-EmulatorRequests $emulator
        $text = Get-HostOutput { $user | Remove-MsxUser -WhatIf; Remove-MsxUser -Id $user.Id -WhatIf -Force }
        $text | Should -BeLike "*User '$($user.UserName)' ($($user.Id)) on $($emulator.Uri)*"
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
        (Get-MsxUser -Id $user.Id).Deleted | Should -BeFalse
    }

    It 'takes ids and -PassThru; an unknown id is MsxUserNotFound with the id as target' {
        $user = New-TestUser
        $removed = Remove-MsxUser -Id $user.Id -Force -PassThru
        $removed.UserName | Should -Be $user.UserName
        $removed.Roles | Should -Be @('OPERATOR')
        $missing = [guid]::NewGuid()
        $err = $null
        try { Remove-MsxUser -Id $missing -Force -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxUserNotFound,*'
        $err.TargetObject | Should -Be $missing
    }
}

Describe 'Set-MsxUserPassword' {
    AfterEach { Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE }

    It 'an administrator resets a user''s password: the new one logs in, the old one no longer' {
        $user = New-TestUser
        Set-MsxUserPassword -UserName $user.UserName -NewPassword (New-Secure 'Reset-Pa55word!')
        $new = New-UserSession $user.UserName 'Reset-Pa55word!'
        (Get-MsxCurrentUser -Session $new).UserName | Should -Be $user.UserName
        Disconnect-MsxSession -Session $new
        { New-UserSession $user.UserName $initialText } | Should -Throw -ErrorId 'MsxAuthenticationFailed,*'
    }

    It 'a user changes its own password with -OldPassword; a wrong old one is MsxOldPasswordMismatch' {
        $user = New-TestUser
        $own = New-UserSession $user.UserName $initialText
        $err = $null
        try { Set-MsxUserPassword -UserName $user.UserName -OldPassword (New-Secure 'Not-The-Pa55!') -NewPassword (New-Secure 'Own-New-Pa55!') -Session $own -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxOldPasswordMismatch,*'
        $err.TargetObject | Should -Be $user.UserName
        Set-MsxUserPassword -UserName $user.UserName -OldPassword $initial -NewPassword (New-Secure 'Own-New-Pa55!') -Session $own
        Disconnect-MsxSession -Session $own
        $again = New-UserSession $user.UserName 'Own-New-Pa55!'
        $again.UserName | Should -Be $user.UserName
        Disconnect-MsxSession -Session $again
    }

    It 'a password the policy refuses is MsxPasswordRejected; an empty or unchanged one is refused before sending' {
        $user = New-TestUser
        { Set-MsxUserPassword -UserName $user.UserName -NewPassword (New-Secure 'short') -ErrorAction Stop } | Should -Throw -ErrorId 'MsxPasswordRejected,*'
        Clear-EmulatorRequests $emulator
        { Set-MsxUserPassword -UserName $user.UserName -NewPassword ([securestring]::new()) -ErrorAction Stop } | Should -Throw -ErrorId 'MsxPasswordRejected,*'
        { Set-MsxUserPassword -UserName $user.UserName -OldPassword $initial -NewPassword (New-Secure $initialText) -ErrorAction Stop } | Should -Throw -ErrorId 'MsxPasswordRejected,*'
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }

    It '-WhatIf sends nothing; a piped user is changed through its own session' {
        $user = New-TestUser
        Clear-EmulatorRequests $emulator
        $text = Get-HostOutput { $user | Set-MsxUserPassword -NewPassword (New-Secure 'Whatif-Pa55!') -WhatIf }
        $text | Should -BeLike "*Password of user '$($user.UserName)' on $($emulator.Uri)*"
        $text | Should -Not -BeLike '*Whatif-Pa55!*'
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
        $user | Set-MsxUserPassword -NewPassword (New-Secure 'Piped-Pa55!')
        (New-UserSession $user.UserName 'Piped-Pa55!').UserName | Should -Be $user.UserName
    }

    It 'never shows the passwords, even when the server echoes them, in the message, ErrorDetails, Verbose or Debug' {
        $user = New-TestUser
        $newText = 'Echo-New-Pa55!'
        $body = '{"code":"PASSWORD_POLICY_VIOLATION","message":"newPassword: ' + $newText + ' was seen before; old ' + $initialText + '"}'
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{ method = 'PUT'; path = '/idm/api/v8/users/updatepassword'; status = 400; body = $body; contentType = 'application/json'; count = 1 }
        $DebugPreference = 'Continue'
        $text = & {
            try { Set-MsxUserPassword -UserName $user.UserName -OldPassword (New-Secure $initialText) -NewPassword (New-Secure $newText) -Verbose -ErrorAction Stop }
            catch { $_.FullyQualifiedErrorId; $_ | Format-List * -Force | Out-String; $_.ErrorDetails | Out-String; $_.Exception.ResponseBody }
        } *>&1 | Out-String
        @(Get-EmulatorFaults $emulator).Count | Should -Be 0 -Because 'the fault fired'
        $text | Should -BeLike '*MsxPasswordRejected*'
        $text | Should -BeLike '*was seen before*'
        $text | Should -Not -BeLike "*$newText*"
        $text | Should -Not -BeLike "*$initialText*"
    }
}

Describe 'Get-MsxRole' {
    It 'gets roles by name with their permissions; an unknown name is MsxRoleNotFound with the name as target' {
        $roles = @(Get-MsxRole -Name 'OPERATOR', 'TENANT_ADMIN', 'NO_SUCH_ROLE' -ErrorVariable errors -ErrorAction SilentlyContinue)
        $roles.Name | Should -Be @('OPERATOR', 'TENANT_ADMIN')
        $roles[0] | Should -BeOfType 'MsxPowerShell.Client.Models.MsxRole'
        $roles[0].Permissions.Count | Should -Be 117
        $roles[0].Permissions | Should -Contain 'MANAGE_DEVICES'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxRoleNotFound,*'
        $errors[0].TargetObject | Should -Be 'NO_SUCH_ROLE'
    }

    It 'gets roles by ids in one request; a piped user gives its roles' {
        $fresh = New-TestSession -Emulator $emulator
        $ids = @(Get-MsxRole -Name OPERATOR, CONSUMER -Session $fresh).Id
        $other = New-TestSession -Emulator $emulator
        Clear-EmulatorRequests $emulator
        $unknown = [guid]::NewGuid()
        $byId = @(Get-MsxRole -Id ($ids + $unknown) -Session $other -ErrorVariable errors -ErrorAction SilentlyContinue)
        $byId.Name | Should -Be @('OPERATOR', 'CONSUMER')
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxRoleNotFound,*'
        $errors[0].TargetObject | Should -Be $unknown
        @(Get-Requests GET '/idm/api/v8/roles/*').path | Should -Be @('/idm/api/v8/roles/list')

        (Get-MsxUser -UserName tenantadmin -Session $other | Get-MsxRole -Session $other).Name | Should -Be 'TENANT_ADMIN'
        $fresh, $other | ForEach-Object { Disconnect-MsxSession -Session $_ }
    }

    It 'hands out copies: changing a role object does not change the session''s cache' {
        $role = Get-MsxRole -Name CONSUMER
        $role.Permissions = @('NOTHING')
        (Get-MsxRole -Name CONSUMER).Permissions.Count | Should -BeGreaterThan 1
    }
}

Describe 'Objects act through the session they came from' {
    BeforeAll {
        $staging = Start-MsxEmulator -ArgumentList '--control'
        $stagingSession = New-TestSession -Emulator $staging
    }

    AfterAll {
        $staging | Stop-MsxEmulator
    }

    It 'a user read from a non-default session is changed, has its password set and is removed there; the default server sees no write' {
        $user = New-TestUser -UserName 'staging-only' -On $stagingSession
        $null = New-TestUser -UserName 'staging-only'   # the same name on the default server
        Clear-EmulatorRequests $emulator

        Get-MsxUser -UserName 'staging-only' -Session $stagingSession | Set-MsxUser -FirstName 'Staged'
        (Get-MsxUser -Id $user.Id -Session $stagingSession).FirstName | Should -Be 'Staged'
        Get-MsxUser -UserName 'staging-only' -Session $stagingSession | Set-MsxUserPassword -NewPassword (New-Secure 'Staging-Pa55!')
        Get-MsxUser -UserName 'staging-only' -Session $stagingSession | Remove-MsxUser -Force
        (Get-MsxUser -Id $user.Id -Session $stagingSession).Deleted | Should -BeTrue

        @(Get-Writes).Count | Should -Be 0
        (Get-MsxUser -UserName 'staging-only').FirstName | Should -Be 'Test'
    }

    It 'an explicit -Session naming another session is MsxSessionMismatch, and nothing is sent' {
        $user = Get-MsxUser -UserName superuser -Session $stagingSession
        Clear-EmulatorRequests $emulator
        { $user | Set-MsxUser -FirstName 'x' -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'MsxSessionMismatch,*'
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }
}

Describe 'A TENANT_ADMIN session' {
    BeforeAll {
        Reset-Emulator
        $admin = New-UserSession 'tenantadmin' 'Tenant-Admin-Pa55!'
    }

    AfterAll {
        Disconnect-MsxSession -Session $admin
    }

    It 'lists only the users of its own tenants' {
        $operator = New-TestUser -UserName 'coke-operator' -TenantId $coke
        $names = @(Get-MsxUser -Session $admin).UserName
        $names | Should -Contain 'coke-operator'
        $names | Should -Contain 'tenantadmin'
        $names | Should -Not -Contain 'consumer'
        $names | Should -Not -Contain 'superuser'
    }

    It 'creates, changes and removes users of its own tenant' {
        $user = New-TestUser -UserName 'sprite-operator' -TenantId $sprite -On $admin
        $user.TenantIds | Should -Be @($sprite)
        $user | Set-MsxUser -AddRole CONSUMER
        (Get-MsxUser -Id $user.Id -Session $admin).Roles | Should -Contain 'CONSUMER'
        $user | Remove-MsxUser -Force
        (Get-MsxUser -Id $user.Id -Session $admin).Deleted | Should -BeTrue
    }

    It 'gets MsxPermissionDenied for another tenant''s users' {
        $consumer = Get-MsxUser -UserName consumer
        { Get-MsxUser -TenantId $pepsi -Session $admin -ErrorAction Stop } | Should -Throw -ErrorId 'MsxPermissionDenied,*'
        { Get-MsxUser -Id $consumer.Id -Session $admin -ErrorAction Stop } | Should -Throw -ErrorId 'MsxPermissionDenied,*'
        { Set-MsxUser -Id $consumer.Id -FirstName 'x' -Session $admin -ErrorAction Stop } | Should -Throw -ErrorId 'MsxPermissionDenied,*'
        { Set-MsxUserPassword -UserName consumer -NewPassword (New-Secure 'Other-Pa55!') -Session $admin -ErrorAction Stop } | Should -Throw -ErrorId 'MsxPermissionDenied,*'
        $err = $null
        try { New-TestUser -UserName 'pepsi-operator' -TenantId $pepsi -On $admin -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxPermissionDenied,*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.TargetObject | Should -Be 'pepsi-operator'
        (Get-MsxUser -UserName consumer).FirstName | Should -Be 'Consumer'
    }
}

Describe '-ThrottleLimit on New, Set and Remove-MsxUser' {
    BeforeAll {
        function Assert-FourInFlight([string] $Method, [string] $Path, [string] $Command, $InputObject) {
            # Five requests are held far longer than any test runs (10 minutes): -ThrottleLimit 4 lets exactly
            # four of them in at once (the event: four took the fault), and the fifth is not sent meanwhile.
            $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{ method = $Method; path = $Path; delayMs = 600000; count = 5 }
            $ps = [powershell]::Create()
            $null = $ps.AddScript("param(`$in, `$s) Import-Module '$ModuleManifest'; `$in | $Command -ThrottleLimit 4").AddArgument($InputObject).AddArgument($session)
            $handle = $ps.BeginInvoke()
            try {
                Wait-EmulatorFaultCount $emulator -Remaining 1
                $handle.IsCompleted | Should -BeFalse
            }
            finally { $ps.Stop(); $ps.Dispose() }
            Get-EmulatorFaultCount $emulator | Should -Be 1 -Because 'the fifth is not sent while four are in flight'
            $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE
        }
    }

    AfterEach { Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE }

    It 'creates, changes and removes four at once and no more, results in input order' {
        $null = Get-MsxRole -Name OPERATOR   # cached: only the writes are held
        $prefix = New-Name 'par'
        $rows = 1..8 | ForEach-Object { [pscustomobject]@{ UserName = "$prefix-$_"; LastName = "L$_"; Email = "p$_@example.com"; Role = 'OPERATOR' } }

        Assert-FourInFlight POST '/idm/api/v8/users' 'New-MsxUser -Session $s' $rows
        @(Get-MsxUser -UserName "$prefix-*" -ErrorAction SilentlyContinue).Count | Should -Be 0 -Because 'the held creates were dropped before they took effect'
        $created = @($rows | New-MsxUser -ThrottleLimit 4)
        $created.UserName | Should -Be $rows.UserName

        Assert-FourInFlight PUT '/idm/api/v8/users/*' 'Set-MsxUser -FirstName Parallel' $created
        $changed = @($created | Set-MsxUser -FirstName 'Parallel' -ThrottleLimit 4 -PassThru)
        $changed.UserName | Should -Be $rows.UserName
        @(Get-MsxUser -UserName "$prefix-*" | Where-Object FirstName -eq 'Parallel').Count | Should -Be 8

        Assert-FourInFlight DELETE '/idm/api/v8/users/*' 'Remove-MsxUser -Force' $created
        $created | Remove-MsxUser -Force -ThrottleLimit 4
        @(Get-MsxUser -UserName "$prefix-*" -ErrorAction SilentlyContinue).Count | Should -Be 0
    }
}

Describe 'Get-MsxCurrentUser shares the user type' {
    It 'shows booleans, role names from the token and the tenants' {
        $me = Get-MsxCurrentUser
        $me | Should -BeOfType 'MsxPowerShell.Client.Models.MsxUser'
        $me.UserName | Should -Be 'superuser'
        $me.Enabled | Should -BeTrue
        $me.Deleted | Should -BeFalse
        $me.Roles | Should -Be @('SUPERUSER')
        $me.TenantIds | Should -Contain ([guid]'1817ec68-e182-4865-8d83-fc13035b4811')
    }
}

Describe 'Formatting' {
    It 'keeps the user table within <Width> columns, one line per user' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $long = New-MsxUser -UserName ('a-very-long-user-name-' + (Get-Random)) -FirstName ('First' * 6) -LastName ('Last' * 8) -Email "$('e' * 60)@example.com" -Role OPERATOR, CONSUMER, TENANT_ADMIN
        $lines = ($long | Format-Table | Out-String -Width $Width) -split "`n" | Where-Object { $_ -match '\S' }
        $lines.Count | Should -Be 3 -Because 'a header, a rule and one row: nothing wraps'
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual $Width }
        $lines[0] | Should -Match '^UserName\s+Name\s+Email\s+Roles\s+Status'
        $lines[2] | Should -Match 'enabled\s*$'
    }

    It 'keeps the role table within 80 columns' {
        $lines = (Get-MsxRole -Name OPERATOR, TENANT_ADMIN | Format-Table | Out-String -Width 80) -split "`n" | Where-Object { $_ -match '\S' }
        $lines.Count | Should -Be 4
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $lines[2] | Should -Match '^OPERATOR\s+[0-9a-f-]{36}\s+117\b'
    }
}

Describe 'Tab completion' {
    It 'completes <Line>' -ForEach @(
        @{ Line = 'Get-MsxUser -UserName tenanta'; Expected = 'tenantadmin' }
        @{ Line = 'Switch-MsxUser -UserName cons'; Expected = 'consumer' }
        @{ Line = 'New-MsxUser -Role OPER'; Expected = 'OPERATOR' }
        @{ Line = 'Set-MsxUser -AddRole TENANT_'; Expected = 'TENANT_ADMIN' }
        @{ Line = 'Get-MsxRole -Name SUPER'; Expected = 'SUPERUSER' }
    ) {
        $texts = (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
        $texts | Should -Contain $Expected
    }

    It 'completes -Id of Get-MsxUser with the user name as the tooltip' {
        $consumer = Get-MsxUser -UserName consumer
        $line = "Remove-MsxUser -Id $("$($consumer.Id)".Substring(0, 8))"
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $found.CompletionText | Should -Be @("$($consumer.Id)")
        $found[0].ToolTip | Should -Be 'consumer'
    }
}
