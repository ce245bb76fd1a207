# What a 409 means depends on the operation: only a create or a rename can say "already exists". A delete,
# an action or another update that the server refuses with 409 gets Msx<Noun>Conflict, with words that fit.
# The conflicts are injected with the emulator's faults (a 409 with the emulator's FAULT_INJECTED code or a
# body of our own), so each test names the request it refuses and checks that the fault fired.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default

    function Add-Fault([hashtable] $Fault) {
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body $Fault
    }

    # Runs a command that must fail once, and answers its one error record; every fault must have fired.
    function Get-OneError([scriptblock] $Command) {
        # The suite may run with ErrorActionPreference Stop: here the one error is collected, not thrown.
        $ErrorActionPreference = 'Continue'
        $errors = @(& $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @(Get-EmulatorFaults $emulator).Count | Should -Be 0 -Because 'the injected 409 was taken'
        @($errors).Count | Should -Be 1
        $errors[0]
    }

    function Test-NotExists($Record, [string] $ErrorId) {
        $Record.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $Record.FullyQualifiedErrorId | Should -Not -BeLike '*Exists*'
        $Record.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $Record.ErrorDetails.RecommendedAction | Should -Not -BeLike '*another name*'
        $Record.ErrorDetails.RecommendedAction | Should -Not -BeLike '*already exists*'
        $Record.ErrorDetails.Message | Should -BeLike '*409*'
    }

    $conflictBody = '{"code":"RESOURCE_BUSY","message":"The item is being changed by another request."}'
}

AfterAll {
    $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE
    $emulator | Stop-MsxEmulator
}

Describe 'A 409 on a delete, an action or an update is a conflict, not "exists"' {
    AfterEach { $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE }

    It 'a delete answered 409 is MsxTenantConflict, and the tenant is still there' {
        $tenant = New-MsxTenant -Name "conflict-del-$(Get-Random)"
        Add-Fault @{ method = 'DELETE'; path = "/idm/api/v8/tenants/$($tenant.Id)"; status = 409; body = $conflictBody; contentType = 'application/json' }
        $err = Get-OneError { Remove-MsxTenant -Id $tenant.Id -Force }
        Test-NotExists $err 'MsxTenantConflict'
        $err.TargetObject | Should -Be $tenant.Id
        $err.ErrorDetails.Message | Should -BeLike '*RESOURCE_BUSY*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Get-MsxTenant*'
        (Get-MsxTenant -Id $tenant.Id).Name | Should -Be $tenant.Name
    }

    It 'a delete answered 409 with the emulator''s own fault body (no exists code) is still no MsxTenantExists' {
        $tenant = New-MsxTenant -Name "conflict-del2-$(Get-Random)"
        Add-Fault @{ method = 'DELETE'; path = "/idm/api/v8/tenants/$($tenant.Id)"; status = 409 }
        Test-NotExists (Get-OneError { Remove-MsxTenant -Id $tenant.Id -Force }) 'MsxTenantConflict'
    }

    It 'a cancel answered 409 without a code of its own is MsxWorkflowInstanceConflict' {
        $id = "inst-$(Get-Random)"
        Add-Fault @{ method = 'POST'; path = "/workflow/api/v8/workflows/instances/$id/cancel"; status = 409; body = $conflictBody; contentType = 'application/json' }
        $err = Get-OneError { Stop-MsxWorkflowInstance -Id $id }
        Test-NotExists $err 'MsxWorkflowInstanceConflict'
        $err.TargetObject | Should -Be $id
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Get-MsxWorkflowInstance*'
    }

    It 'a cancel answered 409 WORKFLOW_INSTANCE_FINISHED keeps its own ErrorId' {
        $id = "inst-$(Get-Random)"
        Add-Fault @{ method = 'POST'; path = "/workflow/api/v8/workflows/instances/$id/cancel"; status = 409; contentType = 'application/json'
            body = '{"code":"WORKFLOW_INSTANCE_FINISHED","message":"The instance has ended."}' }
        $err = Get-OneError { Stop-MsxWorkflowInstance -Id $id }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceFinished,*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*nothing to cancel*'
    }

    It 'an action (redeploy) answered 409 is MsxDeviceConflict' {
        $id = "device-$(Get-Random)"
        Add-Fault @{ method = 'POST'; path = "/manage/api/v8/devices/$id/redeploy"; status = 409; body = $conflictBody; contentType = 'application/json' }
        $err = Get-OneError { Invoke-MsxDeviceRedeploy -Id $id -Force }
        Test-NotExists $err 'MsxDeviceConflict'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Get-MsxDevice*'
    }

    It 'an update that keeps the name, answered 409, is MsxTenantConflict' {
        $tenant = New-MsxTenant -Name "conflict-upd-$(Get-Random)"
        Add-Fault @{ method = 'PUT'; path = "/idm/api/v8/tenants/$($tenant.Id)"; status = 409; body = $conflictBody; contentType = 'application/json' }
        Test-NotExists (Get-OneError { Set-MsxTenant -Id $tenant.Id -Description 'changed' }) 'MsxTenantConflict'
    }
}

Describe 'Only a create or a rename says "exists"' {
    AfterEach { $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE }

    It 'a create of a taken name is still MsxTenantExists, naming the tenant that has it' {
        $err = Get-OneError { New-MsxTenant -Name 'Coke' }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxTenantExists,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        $err.ErrorDetails.Message | Should -BeLike "*tenant 'Coke'*already exists*"
    }

    It 'a create answered with a bare 409 (no exists code) is MsxTenantExists' {
        $name = "conflict-new-$(Get-Random)"
        Add-Fault @{ method = 'POST'; path = '/idm/api/v8/tenants'; status = 409 }
        $err = Get-OneError { New-MsxTenant -Name $name }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxTenantExists,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Get-MsxTenant*'
    }

    It 'a rename answered with a bare 409 is MsxTenantExists' {
        $tenant = New-MsxTenant -Name "conflict-ren-$(Get-Random)"
        Add-Fault @{ method = 'PUT'; path = "/idm/api/v8/tenants/$($tenant.Id)"; status = 409 }
        $err = Get-OneError { Set-MsxTenant -Id $tenant.Id -Name "$($tenant.Name)-renamed" }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxTenantExists,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
    }
}

Describe 'Generic paths keep generic ErrorIds' {
    AfterEach { $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE }

    It 'Invoke-MsxRestMethod -All on a missing path is MsxNotFound and names no cmdlet that does not exist' {
        Add-Fault @{ method = 'GET'; path = '/manage/api/v8/devices'; status = 404 }
        $err = Get-OneError { Invoke-MsxRestMethod /manage/api/v8/devices -All }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxNotFound,*'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeLike '*Get-MsxItem*'
    }
}
