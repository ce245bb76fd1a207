# Workflow targets against the real emulator: CRUD read back from the server, the request log for what was
# (not) sent, and secrets that never reach the screen, a log line or an error.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default
    $base = '/workflow/api/v8/targets'
    $run = Get-Random
    # A well-formed KSUID (27 base62 characters) that no target has.
    $missingId = '0ujsswThIGTUYm2K8FjOOfXtY1K'

    function Get-TargetRequests { @(Get-EmulatorRequests $emulator | Where-Object { $_.path -like "$base*" }) }
    # The target as the server keeps it (secrets included): Invoke-MsxRestMethod shows the raw answer.
    function Get-RawTarget([string] $Id) { Invoke-MsxRestMethod -Path "$base/$Id" }

    $kafka = New-MsxWorkflowTarget -Name "MSX Kafka $run" -Type kafka.endpoint -UniqueName "kafka-$run" -Title 'Target One' `
        -Description 'A most excellent description.' -Property @{ host = 'kafka.vms.svc.cluster.local'; port = 9092; ssl_enable = $false }
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'New-MsxWorkflowTarget and Get-MsxWorkflowTarget' {
    It 'creates a target with typed fields that read back the same from the server' {
        $kafka | Should -BeOfType 'MsxPowerShell.Client.Models.MsxWorkflowTarget'
        $kafka.Id | Should -Not -BeNullOrEmpty
        $read = Get-MsxWorkflowTarget -Id $kafka.Id
        $read.Name | Should -Be "MSX Kafka $run"
        $read.Type | Should -Be 'kafka.endpoint'
        $read.Title | Should -Be 'Target One'
        $read.UniqueName | Should -Be "kafka-$run"
        $read.Properties['host'] | Should -Be 'kafka.vms.svc.cluster.local'
        $read.Properties['port'] | Should -Be 9092
        $read.Properties['ssl_enable'] | Should -BeFalse
        $read.CreatedOn | Should -BeOfType [DateTimeOffset]
        $read.CreatedOn.Offset | Should -Be ([TimeSpan]::Zero)
        $read.CreatedBy | Should -Not -BeNullOrEmpty
        (Get-RawTarget $kafka.Id).properties.port | Should -Be 9092
    }

    It 'lists every target in one request (a bare array, no paging), and -Name matches name and unique name with wildcards' {
        $null = New-MsxWorkflowTarget -Name "Lab SSH $run" -Type ssh.endpoint -UniqueName "ssh-$run" -Property @{ host = '10.0.0.1' }
        Clear-EmulatorRequests $emulator
        $all = @(Get-MsxWorkflowTarget)
        $all.UniqueName | Should -Contain "kafka-$run"
        $all.UniqueName | Should -Contain "ssh-$run"
        $lists = @(Get-TargetRequests)
        $lists | Should -HaveCount 1
        $lists[0].path | Should -Be "$base/list"
        $lists[0].query | Should -Not -Match 'page'
        @(Get-MsxWorkflowTarget -Name "msx kafka $run").Id | Should -Be $kafka.Id
        @(Get-MsxWorkflowTarget -Name "ssh-$run*").UniqueName | Should -Be "ssh-$run"
        @(Get-MsxWorkflowTarget -Name "*$run" | Sort-Object UniqueName).UniqueName | Should -Be @("kafka-$run", "ssh-$run")
    }

    It '-Type and -Internal go to the server as the type and internal filters' {
        Clear-EmulatorRequests $emulator
        $ssh = @(Get-MsxWorkflowTarget -Type ssh.endpoint)
        $ssh.UniqueName | Should -Contain "ssh-$run"
        $ssh.UniqueName | Should -Not -Contain "kafka-$run"
        @(Get-MsxWorkflowTarget -Internal -Name "*$run") | Should -HaveCount 0
        @(Get-MsxWorkflowTarget -Internal:$false -Name "*$run") | Should -HaveCount 2
        $queries = @(Get-TargetRequests).query
        $queries[0] | Should -Match 'type=ssh\.endpoint'
        $queries[1] | Should -Match 'internal=true'
        $queries[2] | Should -Match 'internal=false'
    }

    It 'an unknown id or exact name is MsxWorkflowTargetNotFound; the other ids are still read' {
        $found = @(Get-MsxWorkflowTarget -Id $missingId, $kafka.Id -ErrorVariable errors -ErrorAction SilentlyContinue)
        $found.Id | Should -Be $kafka.Id
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowTargetNotFound,*'
        $null = Get-MsxWorkflowTarget -Name "no-such-target-$run" -ErrorVariable byName -ErrorAction SilentlyContinue
        $byName[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowTargetNotFound,*'
    }

    It 'a taken unique name is MsxWorkflowTargetExists naming the existing target' {
        $null = New-MsxWorkflowTarget -Name 'Again' -UniqueName "kafka-$run" -Property @{ host = 'x' } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowTargetExists,*'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($kafka.Id))
    }

    It '-WhatIf sends nothing, and a name with < is refused before anything is sent' {
        Clear-EmulatorRequests $emulator
        (Get-HostOutput { New-MsxWorkflowTarget -Name "dry-$run" -Type ssh.endpoint -Property @{ host = 'h' } -WhatIf }) |
            Should -Match "What if: Performing the operation `"Create`" on target `"Workflow target 'dry-$run' of type ssh.endpoint on http"
        $null = New-MsxWorkflowTarget -Name 'a<b' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxInvalidWorkflowTargetName,*'
        @(Get-TargetRequests) | Should -HaveCount 0
        @(Get-MsxWorkflowTarget -Name "dry-$run" -ErrorAction SilentlyContinue) | Should -HaveCount 0
    }

    It 'creates one target per CSV row (by property name, -Property as key=value text) with -ThrottleLimit' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "csv-$run-$_"; Type = 'ssh.endpoint'; UniqueName = "csv-$run-$_"; Property = "host=10.0.1.$_;port=22" } }
        $made = @($rows | New-MsxWorkflowTarget -ThrottleLimit 3)
        $made.UniqueName | Should -Be @("csv-$run-1", "csv-$run-2", "csv-$run-3")
        (Get-RawTarget $made[1].Id).properties.host | Should -Be '10.0.1.2'
    }
}

Describe 'Recovery and completion' {
    It 'a create whose answer is lost returns the target the first attempt made (found by unique_name), and makes no second' {
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{ method = 'POST'; path = $base; drop = $true; afterCommit = $true; count = 1 }
        Clear-EmulatorRequests $emulator
        $target = New-MsxWorkflowTarget -Name "lost-$run" -UniqueName "lost-$run" -Property @{ host = 'h' }
        @(Get-EmulatorFaults $emulator).Count | Should -Be 0 -Because 'the fault fired'
        $target.UniqueName | Should -Be "lost-$run"
        @(Get-TargetRequests | Where-Object method -eq 'POST') | Should -HaveCount 1
        @(Get-MsxWorkflowTarget -Name "lost-$run").Id | Should -Be $target.Id
    }

    It 'completes -Name and -Id (also Start-MsxWorkflow -TargetId) from the default session' {
        $line = "Get-MsxWorkflowTarget -Name csv-$run-"
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Sort-Object) | Should -Be @("csv-$run-1", "csv-$run-2", "csv-$run-3")
        $line = "Remove-MsxWorkflowTarget -Id $($kafka.Id.Substring(0, 14))"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @($kafka.Id)
        $line = "Start-MsxWorkflow -Name backup-device -TargetId $($kafka.Id.Substring(0, 14))"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @($kafka.Id)
    }

    It 'a blank id is MsxInvalidWorkflowTargetId and nothing is sent' {
        Clear-EmulatorRequests $emulator
        Remove-MsxWorkflowTarget -Id ' ' -Force -ErrorVariable errors -ErrorAction SilentlyContinue
        Set-MsxWorkflowTarget -Id ' ' -Title x -ErrorVariable +errors -ErrorAction SilentlyContinue
        @($errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] }) | Should -Be @('MsxInvalidWorkflowTargetId', 'MsxInvalidWorkflowTargetId')
        @(Get-TargetRequests) | Should -HaveCount 0
    }
}

Describe 'Set-MsxWorkflowTarget' {
    It 'by -Id reads, then PUTs the merged target: given fields changed, the others kept' {
        $target = New-MsxWorkflowTarget -Name "set-$run" -Type ssh.endpoint -UniqueName "set-$run" -Property @{ host = 'h1'; port = 22; user = 'u' }
        Clear-EmulatorRequests $emulator
        $updated = Set-MsxWorkflowTarget -Id $target.Id -Title 'New title' -Property @{ port = 2222; user = $null } -PassThru
        $requests = @(Get-TargetRequests)
        @($requests.method) | Should -Be @('GET', 'PUT')
        $requests[1].path | Should -Be "$base/$($target.Id)"
        $updated.Title | Should -Be 'New title'
        $raw = Get-RawTarget $target.Id
        $raw.name | Should -Be "set-$run"
        $raw.type | Should -Be 'ssh.endpoint'
        $raw.unique_name | Should -Be "set-$run"
        $raw.properties.host | Should -Be 'h1'
        $raw.properties.port | Should -Be 2222
        $raw.properties.PSObject.Properties.Name | Should -Not -Contain 'user'
    }

    It 'a piped target is not read again; nothing is sent when nothing would change, or with -WhatIf' {
        $target = Get-MsxWorkflowTarget -Id $kafka.Id
        Clear-EmulatorRequests $emulator
        $target | Set-MsxWorkflowTarget -Property @{ port = 9092 } -Name $target.Name
        @(Get-TargetRequests) | Should -HaveCount 0
        $target | Set-MsxWorkflowTarget -Name "Renamed $run" -WhatIf
        @(Get-TargetRequests) | Should -HaveCount 0
        $target | Set-MsxWorkflowTarget -Name "Renamed $run"
        @((Get-TargetRequests).method) | Should -Be @('PUT')
        (Get-MsxWorkflowTarget -Id $kafka.Id).Name | Should -Be "Renamed $run"
        (Get-RawTarget $kafka.Id).properties.host | Should -Be 'kafka.vms.svc.cluster.local'
    }

    It 'an unknown id is MsxWorkflowTargetNotFound, and no PUT is sent' {
        Clear-EmulatorRequests $emulator
        Set-MsxWorkflowTarget -Id $missingId -Title x -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowTargetNotFound,*'
        @(Get-TargetRequests | Where-Object method -eq 'PUT') | Should -HaveCount 0
    }
}

Describe 'Remove-MsxWorkflowTarget' {
    It '-WhatIf sends nothing; the pipeline with -ThrottleLimit deletes each target (one DELETE each)' {
        $doomed = @(1..3 | ForEach-Object { New-MsxWorkflowTarget -Name "rm-$run-$_" -UniqueName "rm-$run-$_" -Property @{ host = "h$_" } })
        Clear-EmulatorRequests $emulator
        (Get-HostOutput { $doomed[0] | Remove-MsxWorkflowTarget -WhatIf }) |
            Should -Match "What if: Performing the operation `"Remove`" on target `"WorkflowTarget 'rm-$run-1' \($($doomed[0].Id)\) on http"
        @(Get-TargetRequests) | Should -HaveCount 0
        $removed = @($doomed | Remove-MsxWorkflowTarget -Force -ThrottleLimit 3 -PassThru)
        $removed.Id | Should -Be $doomed.Id
        $deletes = @(Get-TargetRequests | Where-Object method -eq 'DELETE')
        $deletes | Should -HaveCount 3
        @(Get-MsxWorkflowTarget -Name "rm-$run-*") | Should -HaveCount 0
    }

    It 'an unknown id is MsxWorkflowTargetNotFound' {
        Remove-MsxWorkflowTarget -Id $missingId -Force -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowTargetNotFound,*'
    }
}

Describe 'Secrets of targets' {
    BeforeAll {
        $secretText = "Pa55-$run-word"
        $tokenText = "tok-$run-en"
        $credential = [pscredential]::new('admin', (ConvertTo-SecureString $secretText -AsPlainText -Force))
    }

    It 'sends a SecureString and -Credential, and shows them nowhere: not in -Verbose -Debug, Format-List *, ToString or an error' {
        $token = ConvertTo-SecureString $tokenText -AsPlainText -Force
        $output = & {
            $target = New-MsxWorkflowTarget -Name "secret-$run" -Type ssh.endpoint -UniqueName "secret-$run" -Property @{ host = 'h'; api_token = $token } -Credential $credential -Verbose -Debug
            $target | Format-List * | Out-String
            $target | Format-List | Out-String
            $target | Format-Table | Out-String
            "$target"
            $target.PropertiesText
            Get-MsxWorkflowTarget -Id $target.Id -Verbose -Debug | Format-List * | Out-String
            # The same secrets again: the 409 error must not echo them either.
            New-MsxWorkflowTarget -Name "secret-$run" -UniqueName "secret-$run" -Property @{ api_token = $token } -Credential $credential -Verbose -Debug -ErrorAction Continue
            $target | Set-MsxWorkflowTarget -Property @{ api_token = $token; host = 'h2' } -Verbose -Debug
        } *>&1 | Out-String
        $output | Should -Match 'password'
        $output | Should -Match ([regex]::Escape('***'))
        $output | Should -Match 'MsxWorkflowTargetExists|already exists'
        $output | Should -Not -Match ([regex]::Escape($secretText))
        $output | Should -Not -Match ([regex]::Escape($tokenText))
        $raw = Get-RawTarget (Get-MsxWorkflowTarget -Name "secret-$run").Id
        $raw.properties.username | Should -Be 'admin'
        $raw.properties.password | Should -Be $secretText
        $raw.properties.api_token | Should -Be $tokenText
        $raw.properties.host | Should -Be 'h2'
    }

    It 'masks properties whose name looks secret even when the server sent them as plain text' {
        $target = New-MsxWorkflowTarget -Name "plain-$run" -Property @{ client_secret = 'cs-value-1'; apiKey = 'ak-value-1'; note = 'visible' }
        $target.Properties['client_secret'] | Should -Be '***'
        $target.Properties['apiKey'] | Should -Be '***'
        $target.Properties['note'] | Should -Be 'visible'
        $text = $target | Format-List * | Out-String
        $text | Should -Not -Match 'cs-value-1|ak-value-1'
    }
}

Describe 'Start-MsxWorkflow -TargetId' {
    BeforeAll {
        $file = Join-Path $TestDrive 'needs-target.json'
        @{
            workflow = @{
                unique_name = "needs-target-$run"
                name        = 'Needs a target'
                properties  = @{ target = @{ no_target = $false; specify_on_workflow_start = $true; target_type = 'ssh.endpoint' }; emulator = @{ start_delay_ms = 0 } }
                variables   = @()
                actions     = @(@{ name = 'Quick'; properties = @{ emulator = @{ duration_ms = 0 } } })
            }
        } | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
        $workflow = Import-MsxWorkflow -Path $file
        $ssh = Get-MsxWorkflowTarget -Name "ssh-$run"
    }

    It 'sends the given id as target_id: the server starts with a fitting target, refuses a wrong or unknown one' {
        $null = Start-MsxWorkflow -Id $workflow.Id -ErrorVariable none -ErrorAction SilentlyContinue
        $none[0].Exception.Message | Should -Match 'target_id: .*needs a target'
        $started = @(Start-MsxWorkflow -Id $workflow.Id -TargetId $ssh.Id)
        $started | Should -HaveCount 1
        $started[0].WorkflowId | Should -Be $workflow.Id
        $null = Start-MsxWorkflow -Id $workflow.Id -TargetId $kafka.Id -ErrorVariable wrong -ErrorAction SilentlyContinue
        $wrong[0].Exception.Message | Should -Match "target_id: workflow target $($kafka.Id) is of type kafka.endpoint"
        $null = Start-MsxWorkflow -Id $workflow.Id -TargetId $missingId -ErrorVariable unknown -ErrorAction SilentlyContinue
        $unknown[0].Exception.Message | Should -Match "target_id: workflow target $missingId does not exist"
    }

    It 'without -TargetId keeps the start configuration''s behaviour for a workflow that needs no target' {
        @(Start-MsxWorkflow -Name backup-device -Input @{ device = 'CPE-1' }) | Should -HaveCount 1
    }
}
