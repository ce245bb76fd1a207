BeforeDiscovery {
    # Each case: a command that must fail on its input alone, the ErrorId it must fail with, and no request sent.
    $cases = @(
        @{ Case = 'empty tenant name'; Script = { New-MsxTenant -Name '' }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'tenant name of 129 characters'; Script = { New-MsxTenant -Name ('n' * 129) }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'blank tenant name'; Script = { New-MsxTenant -Name '   ' }; ErrorId = 'MsxInvalidTenantName,*' }
        @{ Case = 'invalid e-mail'; Script = { New-MsxTenant -Name 'ok-name' -Email 'not-an-email' }; ErrorId = 'MsxInvalidEmail,*' }
        @{ Case = 'e-mail without a domain'; Script = { New-MsxTenant -Name 'ok-name' -Email 'someone@' }; ErrorId = 'MsxInvalidEmail,*' }
        @{ Case = 'e-mail over 254 characters'; Script = { New-MsxTenant -Name 'ok-name' -Email (('a' * 250) + '@example.com') }; ErrorId = 'MsxInvalidEmail,*' }
        @{ Case = 'description over 256 characters'; Script = { New-MsxTenant -Name 'ok-name' -Description ('d' * 257) }; ErrorId = 'MsxInvalidDescription,*' }
        @{ Case = 'external id with a space'; Script = { New-MsxTenant -Name 'ok-name' -ExternalId 'bad id' }; ErrorId = 'MsxInvalidExternalId,*' }
        @{ Case = 'parent id that is not a GUID'; Script = { New-MsxTenant -Name 'ok-name' -ParentId 'not-a-guid' }; ErrorId = 'MsxInvalidParentId,*' }
        @{ Case = 'parent id that is not a GUID, from a CSV row'; Script = { [pscustomobject]@{ Name = 'csv-row'; ParentId = 'not-a-guid' } | New-MsxTenant }; ErrorId = 'MsxInvalidParentId,*' }
        @{ Case = 'tenant id that is not a GUID (Get)'; Script = { Get-MsxTenant -Id 'xyz' }; ErrorId = 'CannotConvertArgumentNoMessage,*' }
        @{ Case = 'tenant id that is not a GUID (Remove)'; Script = { Remove-MsxTenant -Id 'nope' -Force }; ErrorId = 'CannotConvertArgumentNoMessage,*' }
        @{ Case = 'tenant id that is not a GUID (Set)'; Script = { Set-MsxTenant -Id '1234' -Description 'x' }; ErrorId = 'CannotConvertArgumentNoMessage,*' }
        @{ Case = 'page size 0'; Script = { Get-MsxTenant -PageSize 0 }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'page size 1001'; Script = { Get-MsxTenant -PageSize 1001 }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'unknown sort field'; Script = { Get-MsxTenant -SortBy 'colour' }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'external id lookup with a slash'; Script = { Get-MsxTenant -ExternalId 'a/b' }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'empty new name on Set'; Script = { Set-MsxTenant -Id ([guid]::NewGuid()) -Name '' }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'invalid e-mail on Set'; Script = { Set-MsxTenant -Id ([guid]::NewGuid()) -Email 'x@y' }; ErrorId = 'MsxInvalidEmail,*' }
        @{ Case = 'empty tenant to switch to'; Script = { Switch-MsxTenant -TenantId '' }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'empty user to switch to'; Script = { Switch-MsxUser -UserName '' }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'server that is not a host name'; Script = { Get-MsxAccessToken -Server 'msx example com' -ClientId c -ClientSecret (ConvertTo-SecureString s -AsPlainText -Force) -Credential ([pscredential]::new('u', (ConvertTo-SecureString p -AsPlainText -Force))) }; ErrorId = 'MsxInvalidServer,*' }
        @{ Case = 'server with an ftp scheme'; Script = { Get-MsxAccessToken -Server 'ftp://msx.example.com' -ClientId c -ClientSecret (ConvertTo-SecureString s -AsPlainText -Force) -Credential ([pscredential]::new('u', (ConvertTo-SecureString p -AsPlainText -Force))) }; ErrorId = 'MsxInvalidServer,*' }
        @{ Case = 'server with a query'; Script = { Get-MsxAccessToken -Server 'https://msx.example.com/?x=1' -ClientId c -ClientSecret (ConvertTo-SecureString s -AsPlainText -Force) -Credential ([pscredential]::new('u', (ConvertTo-SecureString p -AsPlainText -Force))) }; ErrorId = 'MsxInvalidServer,*' }
        @{ Case = 'timeout of 0 seconds'; Script = { Get-MsxAccessToken -Server 'https://msx.example.com' -ClientId c -ClientSecret (ConvertTo-SecureString s -AsPlainText -Force) -Credential ([pscredential]::new('u', (ConvertTo-SecureString p -AsPlainText -Force))) -TimeoutSec 0 }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'negative retry count'; Script = { Get-MsxAccessToken -Server 'https://msx.example.com' -ClientId c -ClientSecret (ConvertTo-SecureString s -AsPlainText -Force) -Credential ([pscredential]::new('u', (ConvertTo-SecureString p -AsPlainText -Force))) -MaximumRetryCount -1 }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'empty client id'; Script = { Get-MsxAccessToken -Server 'https://msx.example.com' -ClientId '' -ClientSecret (ConvertTo-SecureString s -AsPlainText -Force) -Credential ([pscredential]::new('u', (ConvertTo-SecureString p -AsPlainText -Force))) }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'unknown session id'; Script = { Get-MsxSession -Id 987654 }; ErrorId = 'MsxSessionNotFound,*' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default
    $tenantsBefore = @(Get-MsxTenant | ForEach-Object { "$($_.Id)|$($_.Name)|$($_.Description)|$($_.Email)" }) | Sort-Object
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'Bad input is refused before any request' {
    It '<Case> fails with <ErrorId> and sends nothing' -ForEach $cases {
        Clear-EmulatorRequests $emulator
        $err = $null
        $ErrorActionPreference = 'Stop'
        try { & $Script } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike $ErrorId
        $err.Exception.Message | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0 -Because 'the input alone was wrong'
    }

    It 'gives a CSV row''s bad value a module ErrorId with the value itself as target, and goes on with the other rows' {
        Clear-EmulatorRequests $emulator
        $rows = @(
            [pscustomobject]@{ Name = "csv-bad-$(Get-Random)"; Email = 'not-an-email' }
            [pscustomobject]@{ Name = "csv-bad2-$(Get-Random)"; Email = 'also@bad' }
        )
        $errors = $null
        $rows | New-MsxTenant -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors).Count | Should -Be 2
        @($errors | Group-Object FullyQualifiedErrorId).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxInvalidEmail,*'
        $errors[0].TargetObject | Should -Be 'not-an-email'
        $errors[1].TargetObject | Should -Be 'also@bad'
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }

    It 'names the parameter in the message' {
        $err = $null
        try { New-MsxTenant -Name 'ok' -Email 'nope' -ErrorAction Stop } catch { $err = $_ }
        $err.Exception.Message | Should -BeLike "*'Email'*not a valid e-mail address*"
    }

    It 'leaves the server unchanged after all of them' {
        @(Get-MsxTenant | ForEach-Object { "$($_.Id)|$($_.Name)|$($_.Description)|$($_.Email)" }) | Sort-Object | Should -Be $tenantsBefore
    }
}
