# An object acts only on the server it came from, also after a round trip: two emulators (staging and prod),
# objects read from staging, saved (Export-Clixml, ConvertTo-Json, Select-Object *) and piped back in while
# the default session is prod. The request logs of both emulators show what was (not) sent.
BeforeDiscovery {
    $script:Kinds = @(
        @{ Kind = 'Tenant'; Remove = 'Remove-MsxTenant' }
        @{ Kind = 'User'; Remove = 'Remove-MsxUser' }
        @{ Kind = 'Site'; Remove = 'Remove-MsxSite' }
        @{ Kind = 'Device'; Remove = 'Remove-MsxDevice' }
        @{ Kind = 'Workflow'; Remove = 'Remove-MsxWorkflow' }
        @{ Kind = 'WorkflowInstance'; Remove = 'Remove-MsxWorkflowInstance' }
        @{ Kind = 'WorkflowTarget'; Remove = 'Remove-MsxWorkflowTarget' }
    )
    $script:RoundTrips = 'Export-Clixml', 'ConvertTo-Json', 'Select-Object'
    $script:Table = foreach ($k in $Kinds) { foreach ($r in $RoundTrips) { $k + @{ RoundTrip = $r } } }

    # Every cmdlet that takes a piped object of an existing item, with what it is given (a copy made with
    # Export-Clixml/Import-Clixml from staging) and its other arguments.
    $script:Cmdlets = @(
        @{ Command = 'Get-MsxTenant'; Of = 'Tenant'; With = @{} }
        @{ Command = 'Set-MsxTenant'; Of = 'Tenant'; With = @{ Description = 'from staging' } }
        @{ Command = 'Remove-MsxTenant'; Of = 'Tenant'; With = @{ Force = $true } }
        @{ Command = 'Get-MsxUser'; Of = 'User'; With = @{} }
        @{ Command = 'Set-MsxUser'; Of = 'User'; With = @{ FirstName = 'Staging' } }
        @{ Command = 'Set-MsxUserPassword'; Of = 'User'; With = @{ NewPassword = (ConvertTo-SecureString 'Origin-Pa55word!2' -AsPlainText -Force) } }
        @{ Command = 'Remove-MsxUser'; Of = 'User'; With = @{ Force = $true } }
        @{ Command = 'Get-MsxRole'; Of = 'User'; With = @{} }
        @{ Command = 'Get-MsxSite'; Of = 'Site'; With = @{} }
        @{ Command = 'Set-MsxSite'; Of = 'Site'; With = @{ Description = 'from staging' } }
        @{ Command = 'Remove-MsxSite'; Of = 'Site'; With = @{ Force = $true } }
        @{ Command = 'Get-MsxDevice'; Of = 'Device'; With = @{} }
        @{ Command = 'Set-MsxDevice'; Of = 'Device'; With = @{ Version = '9.9' } }
        @{ Command = 'Remove-MsxDevice'; Of = 'Device'; With = @{ Force = $true } }
        @{ Command = 'Get-MsxDeviceConfig'; Of = 'Device'; With = @{} }
        @{ Command = 'Set-MsxDeviceConfig'; Of = 'Device'; With = @{ Content = "hostname x`n"; Force = $true } }
        @{ Command = 'Invoke-MsxDeviceRedeploy'; Of = 'Device'; With = @{ Force = $true } }
        @{ Command = 'Get-MsxDeviceHealth'; Of = 'Device'; With = @{} }
        @{ Command = 'Add-MsxSiteDevice'; Of = 'Device'; With = @{ SiteId = [guid]::NewGuid() } }
        @{ Command = 'Remove-MsxSiteDevice'; Of = 'Device'; With = @{ SiteId = [guid]::NewGuid() } }
        @{ Command = 'Get-MsxWorkflow'; Of = 'Workflow'; With = @{} }
        @{ Command = 'Start-MsxWorkflow'; Of = 'Workflow'; With = @{} }
        @{ Command = 'Export-MsxWorkflow'; Of = 'Workflow'; With = @{} }
        @{ Command = 'Remove-MsxWorkflow'; Of = 'Workflow'; With = @{ Force = $true } }
        @{ Command = 'Get-MsxWorkflowInstance'; Of = 'WorkflowInstance'; With = @{} }
        @{ Command = 'Stop-MsxWorkflowInstance'; Of = 'WorkflowInstance'; With = @{} }
        @{ Command = 'Wait-MsxWorkflowInstance'; Of = 'WorkflowInstance'; With = @{} }
        @{ Command = 'Remove-MsxWorkflowInstance'; Of = 'WorkflowInstance'; With = @{ Force = $true } }
        @{ Command = 'Get-MsxWorkflowTarget'; Of = 'WorkflowTarget'; With = @{} }
        @{ Command = 'Set-MsxWorkflowTarget'; Of = 'WorkflowTarget'; With = @{ Title = 'from staging' } }
        @{ Command = 'Remove-MsxWorkflowTarget'; Of = 'WorkflowTarget'; With = @{ Force = $true } }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $prod = Start-MsxEmulator -ArgumentList '--control'
    $staging = Start-MsxEmulator -ArgumentList '--control'
    $prodSession = New-TestSession -Emulator $prod -Default
    $coke = [guid]'133815cb-2335-474d-8c10-3e635aba94fd'
    $password = ConvertTo-SecureString 'Origin-Pa55word!' -AsPlainText -Force

    $workflowFile = Join-Path $TestDrive 'origin-workflow.json'
    function New-WorkflowFile {
        $name = "origin-$(Get-Random)"
        @{
            workflow = @{
                unique_name = $name
                name        = $name
                variables   = @()
                actions     = @(@{ name = 'Nothing'; properties = @{ emulator = @{ duration_ms = 0 } } })
            }
        } | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $workflowFile
        $workflowFile
    }

    function Open-Staging {
        # A session to staging (not the default).
        New-TestSession -Emulator $staging
    }

    function Close-Staging {
        # No session to staging is open any more (the logout it sends is cleared from the log).
        Get-MsxSession | Where-Object { $_.Server -eq $staging.Uri } | Disconnect-MsxSession
        Clear-EmulatorRequests $staging
    }

    function New-StagingItem {
        # A new item of a kind on staging, read through $Session (a live object).
        param([Parameter(Mandatory)] [string] $Kind, [Parameter(Mandatory)] $Session)
        $n = "origin-$([guid]::NewGuid().ToString('N').Substring(0, 10))"
        switch ($Kind) {
            'Tenant' { New-MsxTenant -Session $Session -Name $n -ErrorAction Stop }
            'User' { New-MsxUser -Session $Session -UserName $n -FirstName 'Origin' -LastName 'User' -Email "$n@example.com" -Role 'OPERATOR' -TenantId $coke -Password $password -ErrorAction Stop }
            'Site' { New-MsxSite -Session $Session -TenantId $coke -Name $n -ErrorAction Stop }
            'Device' { New-MsxDevice -Session $Session -TenantId $coke -Name $n -Model 'CISCO CSR 1000v' -Type 'CISCO CSR 1000v' -OnboardType direct -SerialKey "SN-$n" -ErrorAction Stop }
            'Workflow' { Import-MsxWorkflow -Session $Session -Path (New-WorkflowFile) -ErrorAction Stop }
            'WorkflowInstance' {
                $started = Start-MsxWorkflow -Session $Session -Id (Import-MsxWorkflow -Session $Session -Path (New-WorkflowFile) -ErrorAction Stop).Id -ErrorAction Stop
                $started | Wait-MsxWorkflowInstance -TimeoutSec 120 -ErrorAction Stop
            }
            'WorkflowTarget' { New-MsxWorkflowTarget -Session $Session -Name $n -Type 'kafka.endpoint' -UniqueName $n -Property @{ host = 'kafka.example.com'; port = 9092 } -ErrorAction Stop }
        }
    }

    function Copy-Item2 {
        # The object after a round trip: what a script that saved it and read it back would pipe in.
        param([Parameter(Mandatory)] [string] $RoundTrip, [Parameter(Mandatory)] $InputObject)
        switch ($RoundTrip) {
            'Export-Clixml' {
                $file = Join-Path $TestDrive "$([guid]::NewGuid()).xml"
                $InputObject | Export-Clixml -LiteralPath $file
                Import-Clixml -LiteralPath $file
            }
            'ConvertTo-Json' { $InputObject | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue | ConvertFrom-Json }
            'Select-Object' { $InputObject | Select-Object -Property * }
        }
    }
}

AfterAll {
    $prod, $staging | Stop-MsxEmulator
}

Describe 'Every object carries its server as a plain property' {
    BeforeAll {
        $session = Open-Staging
        $tenant = Get-MsxTenant -Name 'Sprite' -Session $session
    }
    AfterAll { Close-Staging }

    It 'Server is the session''s base address, and survives <_>' -ForEach $RoundTrips {
        $tenant.Server | Should -Be $staging.Uri.AbsoluteUri
        (Copy-Item2 $_ $tenant).Server | Should -Be $staging.Uri.AbsoluteUri
    }

    It 'shows Server in Format-List, not in the table view' {
        $list = $tenant | Format-List | Out-String
        $list | Should -Match "Server\s+: $([regex]::Escape($staging.Uri.AbsoluteUri))"
        $table = $tenant | Format-Table | Out-String
        $table | Should -Not -Match 'Server'
        $table | Should -Not -Match ([regex]::Escape($staging.Uri.AbsoluteUri))
    }

    It 'is never sent to MSX' {
        Clear-EmulatorRequests $staging
        $tenant | Set-MsxTenant -Description 'no server in the body'
        $put = @(Get-EmulatorRequests $staging | Where-Object method -EQ 'PUT')
        $put | Should -HaveCount 1
        (Invoke-MsxRestMethod -Session $session -Path "/idm/api/v8/tenants/$($tenant.Id)").description | Should -Be 'no server in the body'
    }
}

Describe 'A <Kind> copied with <RoundTrip> acts only on staging' -ForEach $Table {
    BeforeAll {
        $session = Open-Staging
        $item = New-StagingItem -Kind $Kind -Session $session
        $copy = Copy-Item2 $RoundTrip $item
        # Which property names the item's id in the copy (every model has Id).
        $id = "$($item.Id)"
    }
    AfterAll { Close-Staging }

    It 'the live object and the copy carry Server, the address of staging' {
        $item.Server | Should -Be $staging.Uri.AbsoluteUri
        $copy.Server | Should -Be $staging.Uri.AbsoluteUri
    }

    It 'is refused (MsxSessionMismatch, naming both servers) when the default session is prod and no session to staging is open, and nothing reaches either server' {
        Close-Staging
        Clear-EmulatorRequests $prod
        $out = @($copy | & $Remove -Force -ErrorVariable refused -ErrorAction SilentlyContinue)
        $out | Should -HaveCount 0
        $refused | Should -HaveCount 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'MsxSessionMismatch,*'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($refused[0].TargetObject)" | Should -Be $id
        $refused[0].Exception.Message | Should -BeLike "*$($staging.Uri)*"
        $refused[0].Exception.Message | Should -BeLike "*$($prod.Uri)*"
        $refused[0].Exception.Message | Should -BeLike '*nothing was sent*'
        @(Get-EmulatorRequests $prod) | Should -HaveCount 0
        @(Get-EmulatorRequests $staging) | Should -HaveCount 0
    }

    It 'is refused with an explicit -Session to prod, even with a session to staging open, and nothing is sent' {
        $null = Open-Staging
        Clear-EmulatorRequests $prod; Clear-EmulatorRequests $staging
        $copy | & $Remove -Force -Session $prodSession -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused | Should -HaveCount 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'MsxSessionMismatch,*'
        $refused[0].Exception.Message | Should -BeLike "*$($prod.Uri)*"
        $refused[0].Exception.Message | Should -BeLike "*$($staging.Uri)*"
        @(Get-EmulatorRequests $prod) | Should -HaveCount 0
        @(Get-EmulatorRequests $staging) | Should -HaveCount 0
    }

    It 'without -Session acts through the open session to staging: removed there, nothing sent to prod' {
        $null = Open-Staging
        Clear-EmulatorRequests $prod; Clear-EmulatorRequests $staging
        $copy | & $Remove -Force -ErrorAction Stop
        $deletes = @(Get-EmulatorRequests $staging | Where-Object method -EQ 'DELETE')
        $deletes | Should -HaveCount 1
        $deletes[0].path | Should -BeLike "*/$id"
        @(Get-EmulatorRequests $prod) | Should -HaveCount 0
    }
}

Describe '<Command> with a copy from staging is refused while the default session is prod' -ForEach $Cmdlets {
    BeforeAll {
        $session = Open-Staging
        $item = New-StagingItem -Kind $Of -Session $session
        $copy = Copy-Item2 'Export-Clixml' $item
        Close-Staging
    }

    It 'writes one MsxSessionMismatch, and nothing reaches prod or staging' {
        Clear-EmulatorRequests $prod
        $out = @($copy | & $Command @With -ErrorVariable refused -ErrorAction SilentlyContinue)
        $out | Should -HaveCount 0
        @($refused | Where-Object FullyQualifiedErrorId -Like 'MsxSessionMismatch,*') | Should -HaveCount 1
        $refused | Should -HaveCount 1
        @(Get-EmulatorRequests $prod) | Should -HaveCount 0
        @(Get-EmulatorRequests $staging) | Should -HaveCount 0
    }

    It 'with a session to staging open, asks staging and sends nothing to prod' {
        $null = Open-Staging
        Clear-EmulatorRequests $prod; Clear-EmulatorRequests $staging
        $out = @($copy | & $Command @With -ErrorVariable failed -ErrorAction SilentlyContinue)
        @($failed | Where-Object FullyQualifiedErrorId -Like 'MsxSessionMismatch,*') | Should -HaveCount 0
        if ($Command -like 'Get-*' -and $Command -ne 'Get-MsxDeviceConfig') {
            # What a read writes carries the server it was read from.
            $out | Should -Not -BeNullOrEmpty
            foreach ($o in $out) { $o.Server | Should -Be $staging.Uri.AbsoluteUri }
        }
        @(Get-EmulatorRequests $staging | Where-Object path -NotLike '*/token*') | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequests $prod) | Should -HaveCount 0
        Close-Staging
    }
}

Describe 'Rows without a Server, servers written differently, and mixed pipelines' {
    It 'a CSV row (Import-Csv, no Server column) still goes to the default session' {
        $tenant = New-MsxTenant -Name "csv-$(Get-Random)"
        $file = Join-Path $TestDrive 'tenants.csv'
        $tenant | Select-Object Id, Name | Export-Csv -LiteralPath $file
        Clear-EmulatorRequests $prod; Clear-EmulatorRequests $staging
        Import-Csv -LiteralPath $file | Remove-MsxTenant -Force -ErrorAction Stop
        @(Get-EmulatorRequests $prod | Where-Object method -EQ 'DELETE').path | Should -Be @("/idm/api/v8/tenants/$($tenant.Id)")
        @(Get-EmulatorRequests $staging) | Should -HaveCount 0
    }

    It 'a CSV of the objects themselves keeps their Server column, and is refused on another server' {
        $session = Open-Staging
        $tenant = New-MsxTenant -Session $session -Name "csv-$(Get-Random)"
        $file = Join-Path $TestDrive 'staging-tenants.csv'
        $tenant | Export-Csv -LiteralPath $file
        Close-Staging
        Clear-EmulatorRequests $prod
        Import-Csv -LiteralPath $file | Remove-MsxTenant -Force -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.FullyQualifiedErrorId | Should -BeLike 'MsxSessionMismatch,*'
        @(Get-EmulatorRequests $prod) | Should -HaveCount 0
        @(Get-EmulatorRequests $staging) | Should -HaveCount 0
    }

    It 'compares servers in normalised form (scheme and host case, trailing slash)' {
        $tenant = Get-MsxTenant -Name 'Sprite'
        $copy = $tenant | Select-Object *
        $copy.Server = $prod.Uri.AbsoluteUri.ToUpperInvariant().TrimEnd('/')
        Clear-EmulatorRequests $prod
        ($copy | Get-MsxTenant -ErrorAction Stop).Id | Should -Be $tenant.Id
        @(Get-EmulatorRequests $prod) | Should -HaveCount 1
    }

    It 'a Server that is not an address is refused, and nothing is sent' {
        $copy = Get-MsxTenant -Name 'Sprite' | Select-Object *
        $copy.Server = 'not a server'
        Clear-EmulatorRequests $prod
        $copy | Get-MsxTenant -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.FullyQualifiedErrorId | Should -BeLike 'MsxSessionMismatch,*'
        @(Get-EmulatorRequests $prod) | Should -HaveCount 0
    }

    It 'in one pipeline, the copy from prod is removed and the copy from staging is refused (per item, not terminating)' {
        $session = Open-Staging
        $fromStaging = New-MsxTenant -Session $session -Name "mixed-$(Get-Random)" | Select-Object *
        $fromProd = New-MsxTenant -Name "mixed-$(Get-Random)" | Select-Object *
        Close-Staging
        Clear-EmulatorRequests $prod
        $fromStaging, $fromProd | Remove-MsxTenant -Force -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused | Should -HaveCount 1
        "$($refused[0].TargetObject)" | Should -Be "$($fromStaging.Id)"
        @(Get-EmulatorRequests $prod | Where-Object method -EQ 'DELETE').path | Should -Be @("/idm/api/v8/tenants/$($fromProd.Id)")
        @(Get-EmulatorRequests $staging) | Should -HaveCount 0
    }
}

Describe 'Get-MsxRole asks the server of the piped user' {
    BeforeAll {
        $session = Open-Staging
        $user = New-StagingItem -Kind User -Session $session
    }
    AfterAll { Close-Staging }

    It 'with a <_> of a staging user' -ForEach 'live object', 'Export-Clixml', 'ConvertTo-Json', 'Select-Object' {
        $piped = if ($_ -eq 'live object') { $user } else { Copy-Item2 $_ $user }
        $null = Open-Staging
        Clear-EmulatorRequests $prod; Clear-EmulatorRequests $staging
        $roles = @($piped | Get-MsxRole -ErrorAction Stop)
        $roles.Name | Should -Be @('OPERATOR')
        $roles[0].Server | Should -Be $staging.Uri.AbsoluteUri
        @(Get-EmulatorRequests $staging | Where-Object path -Like '*roles*') | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequests $prod) | Should -HaveCount 0
    }
}
