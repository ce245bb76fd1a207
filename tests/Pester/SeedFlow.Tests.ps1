BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'The seed guide''s flow' {
    It 'gets a token, creates a tenant, lists a page, deletes the tenant (examples/SeedFlow.ps1)' {
        $null = Get-MsxAccessToken -Server $emulator.Uri -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $SeedCredential
        $lines = @(& (Join-Path $RepoRoot 'examples/SeedFlow.ps1') -Server $emulator.Uri -ClientSecret $SeedClientSecret -Credential $SeedCredential)

        $lines[0] | Should -Be 'Got Access Token'
        $lines[1] | Should -Match '^Created Tenant: [0-9a-f-]{36}$'
        $id = $lines[1].Substring('Created Tenant: '.Length)
        $lines[2] | Should -Be 'Got Tenants Page'
        $tenantLines = $lines[3..($lines.Count - 2)]
        $tenantLines | Should -Contain '1817ec68-e182-4865-8d83-fc13035b4811: Dandelion and Burdock'
        $tenantLines | Should -Contain '838a148f-1175-4a11-8ac2-4e4ee0a8e048: Pepsi'
        $tenantLines | Where-Object { $_ -like "${id}: my_unique_tenant_name_*" } | Should -HaveCount 1
        $lines[-1] | Should -Be "Deleted Tenant: $id"

        # It is really gone on the server.
        { Get-MsxTenant -Id $id -ErrorAction Stop } | Should -Throw -ErrorId 'MsxTenantNotFound,*'
    }

    It 'returns a session with the server, user, tenant, scopes and expiry, and makes it the default' {
        $session = Get-MsxAccessToken -Server $emulator.Uri -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $SeedCredential
        $session.Server | Should -Be $emulator.Uri
        $session.UserName | Should -Be 'superuser'
        $session.TenantId | Should -Be '1817ec68-e182-4865-8d83-fc13035b4811'
        $session.Scopes | Should -Contain 'token_details'
        $session.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::Now.AddSeconds(8000))
        $session.Default | Should -BeTrue
        $session.PSObject.Properties.Name | Should -Not -Contain 'AccessToken'
    }

    It 'creates a tenant with all the fields and returns it typed' {
        $name = "seed-new-$([guid]::NewGuid())"
        $tenant = New-MsxTenant -Name $name -Description 'd' -Email 'a@example.com' -Url 'https://cisco.com'
        $tenant | Should -BeOfType 'MsxPowerShell.Client.Models.MsxTenant'
        $tenant.Name | Should -Be $name
        $tenant.Description | Should -Be 'd'
        $tenant.Email | Should -Be 'a@example.com'
        $tenant.Url | Should -Be 'https://cisco.com'
        $tenant.Suspended | Should -BeFalse
        $tenant.CreatedOn | Should -BeOfType [datetimeoffset]
        $tenant.CreatedOn.Offset | Should -Be ([timespan]::Zero)
        $child = New-MsxTenant -Name "$name-child" -ParentId $tenant.Id
        $child.ParentId | Should -Be $tenant.Id
        (Get-MsxTenant -Id $tenant.Id).NumberOfChildren | Should -Be 1
        Remove-MsxTenant -Id $child.Id, $tenant.Id -Force
    }

    It 'lists every tenant, streamed page by page' {
        $all = @(Get-MsxTenant)
        $all.Name | Should -Contain 'Coke'
        $all.Name | Should -Contain 'Sprite'
        ($all.Id | Select-Object -Unique).Count | Should -Be $all.Count
    }
}

Describe 'Remove-MsxTenant' {
    BeforeAll {
        $null = Get-MsxAccessToken -Server $emulator.Uri -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $SeedCredential
    }

    It 'removes what Get-MsxTenant | Where-Object pipes into it (binding Id by property name)' {
        $prefix = "tmp$(Get-Random)"
        1..3 | ForEach-Object { $null = New-MsxTenant -Name "$prefix-$_" }
        (Get-MsxTenant | Where-Object Name -like "$prefix*").Count | Should -Be 3

        Get-MsxTenant | Where-Object Name -like "$prefix*" | Remove-MsxTenant -Force

        @(Get-MsxTenant | Where-Object Name -like "$prefix*").Count | Should -Be 0
        @(Get-MsxTenant).Name | Should -Contain 'Coke'
    }

    It 'binds Id from any object with an Id property' {
        $tenant = New-MsxTenant -Name "byprop-$(Get-Random)"
        [pscustomobject]@{ Id = $tenant.Id } | Remove-MsxTenant -Force
        { Get-MsxTenant -Id $tenant.Id -ErrorAction Stop } | Should -Throw -ErrorId 'MsxTenantNotFound,*'
    }

    It 'leaves the tenant in place with -WhatIf, and sends no DELETE' {
        $tenant = New-MsxTenant -Name "whatif-$(Get-Random)"
        Clear-EmulatorRequests $emulator
        Remove-MsxTenant -Id $tenant.Id -WhatIf
        Remove-MsxTenant -Id $tenant.Id -WhatIf -Force
        (Get-MsxTenant -Id $tenant.Id).Name | Should -Be $tenant.Name
        @(Get-EmulatorRequests $emulator | Where-Object method -eq 'DELETE').Count | Should -Be 0
        Remove-MsxTenant -Id $tenant.Id -Force
    }

    It 'is high impact, so it would ask without -Force' {
        (Get-Command Remove-MsxTenant).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $result = Invoke-ChildPwsh -Script @"
Import-Module '$ModuleManifest'
`$s = ConvertTo-SecureString '$SeedClientSecretText' -AsPlainText -Force
`$c = [pscredential]::new('superuser', (ConvertTo-SecureString '$($SeedPasswordText.Replace("'", "''"))' -AsPlainText -Force))
`$null = Get-MsxAccessToken -Server '$($emulator.Uri)' -ClientId '$SeedClientId' -ClientSecret `$s -Credential `$c
try { Remove-MsxTenant -Id 838a148f-1175-4a11-8ac2-4e4ee0a8e048 -ErrorAction Stop; 'removed' } catch { 'refused: ' + `$_.FullyQualifiedErrorId }
"@
        # Non-interactive pwsh cannot prompt: the removal is refused, not done.
        ($result.Output -join "`n") | Should -Not -Match 'removed'
        (Get-MsxTenant -Id 838a148f-1175-4a11-8ac2-4e4ee0a8e048).Name | Should -Be 'Pepsi'
    }

    It 'writes MsxTenantNotFound for an unknown id and goes on with the others' {
        $tenant = New-MsxTenant -Name "partial-$(Get-Random)"
        $unknown = [guid]::NewGuid()
        Remove-MsxTenant -Id $unknown, $tenant.Id -Force -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxTenantNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $unknown
        { Get-MsxTenant -Id $tenant.Id -ErrorAction Stop } | Should -Throw -ErrorId 'MsxTenantNotFound,*'
    }
}

Describe 'Login failures' {
    It 'names the cause of a wrong password as an authentication error, not a stack trace' {
        $bad = [pscredential]::new('superuser', (ConvertTo-SecureString 'wrong-password' -AsPlainText -Force))
        $err = $null
        try { Get-MsxAccessToken -Server $emulator.Uri -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $bad -NotDefault -ErrorAction Stop }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxAuthenticationFailed,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ErrorDetails.Message | Should -BeLike "*Authentication failed for user 'superuser'*invalid_grant*"
        $err.ErrorDetails.Message | Should -Not -Match 'wrong-password'
    }

    It 'reports a bad client secret as MsxInvalidClient' {
        $bad = ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force
        { Get-MsxAccessToken -Server $emulator.Uri -ClientId $SeedClientId -ClientSecret $bad -Credential $SeedCredential -NotDefault -ErrorAction Stop } |
            Should -Throw -ErrorId 'MsxInvalidClient,*'
    }

    It 'reports an unreachable server as MsxConnectionFailed' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        { Get-MsxAccessToken -Server "http://127.0.0.1:$port" -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $SeedCredential -NotDefault -MaximumRetryCount 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'MsxConnectionFailed,*'
    }

    It 'rejects a server address that is neither a host name nor an http(s) URI before sending anything' {
        { Get-MsxAccessToken -Server 'ftp://msx.example.com' -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $SeedCredential -NotDefault -ErrorAction Stop } |
            Should -Throw -ErrorId 'MsxInvalidServer,*'
    }
}
