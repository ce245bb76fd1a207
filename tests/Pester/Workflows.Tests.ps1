# Workflows against the real emulator: its built-in workflows take a few seconds of its manual clock, which
# the session's waits move (New-EmulatorClockDriver), so nothing waits in real time; the request log shows
# what was sent.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control', '--manual-clock'
    $clock = New-EmulatorClockDriver -Emulator $emulator
    $session = New-TestSession -Emulator $emulator -Default -ClockDriver $clock
    $base = '/workflow/api/v8/workflows'

    function Get-WorkflowRequests { @(Get-EmulatorRequests $emulator | Where-Object { $_.path -like "$base*" }) }
    function Get-StartRequests { @(Get-WorkflowRequests | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/start' }) }
    function Get-InstanceReads { @(Get-WorkflowRequests | Where-Object { $_.method -eq 'GET' -and $_.path -like "$base/instances/*" }) }

    # A workflow of our own: a required input without a default, and an action that runs for a minute.
    $slowName = "slow-check-$(Get-Random)"
    $slowFile = Join-Path $TestDrive 'slow.json'
    @{
        workflow = @{
            unique_name = $slowName
            name        = 'Slow check'
            properties  = @{ emulator = @{ start_delay_ms = 0 } }
            variables   = @(
                @{ unique_name = "${slowName}_site"; properties = @{ name = 'site'; scope = 'input'; type = 'datatype.string'; is_required = $true; value = '' } }
                @{ unique_name = "${slowName}_retries"; properties = @{ name = 'retries'; scope = 'input'; type = 'datatype.integer'; is_required = $false; value = 3 } }
                @{ unique_name = "${slowName}_report"; properties = @{ name = 'report'; scope = 'output'; type = 'datatype.string'; value = 'checked {site}' } }
            )
            actions     = @(@{ name = 'Check slowly'; properties = @{ emulator = @{ duration_ms = 60000 } } })
        }
    } | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $slowFile
    $slow = Import-MsxWorkflow -Path $slowFile
}

AfterAll {
    $emulator | Stop-MsxEmulator
}

Describe 'Get-MsxWorkflow' {
    It 'lists the tenant''s workflows (a bare array, one request, no paging)' {
        Clear-EmulatorRequests $emulator
        $all = @(Get-MsxWorkflow)
        $all.UniqueName | Should -Contain 'backup-device'
        $all.UniqueName | Should -Contain 'failing-check'
        $all.UniqueName | Should -Contain $slowName
        $all[0] | Should -BeOfType 'MsxPowerShell.Client.Models.MsxWorkflow'
        $lists = @(Get-WorkflowRequests)
        $lists | Should -HaveCount 1
        $lists[0].path | Should -Be "$base/list"
        $lists[0].query | Should -Not -Match 'page'
    }

    It '-Name matches the name and the unique name, with wildcards and without case' {
        (Get-MsxWorkflow -Name 'BACKUP DEVICE').UniqueName | Should -Be 'backup-device'
        (Get-MsxWorkflow -Name 'failing-*').Name | Should -Be 'Failing check'
        @(Get-MsxWorkflow -Name '*check*').UniqueName | Sort-Object | Should -Be (@('failing-check', $slowName) | Sort-Object)
    }

    It 'an exact name that matches nothing is MsxWorkflowNotFound; -TenantId goes to the server as tenantId' {
        $found = @(Get-MsxWorkflow -Name 'backup-device', 'no-such-workflow' -ErrorVariable errors -ErrorAction SilentlyContinue)
        $found.UniqueName | Should -Be 'backup-device'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowNotFound,*'
        $errors[0].TargetObject | Should -Be 'no-such-workflow'

        Clear-EmulatorRequests $emulator
        $coke = '133815cb-2335-474d-8c10-3e635aba94fd'
        $inCoke = @(Get-MsxWorkflow -TenantId $coke)
        (Get-WorkflowRequests)[0].query | Should -Be "?tenantId=$coke"
        # Our workflow went to the session's tenant; Coke sees only the global ones.
        $inCoke.UniqueName | Should -Not -Contain $slowName
        $inCoke.UniqueName | Should -Contain 'backup-device'
    }

    It '-Id reads the whole workflow: variables with defaults, actions, permissions' {
        $id = (Get-MsxWorkflow -Name 'backup-device').Id
        $full = Get-MsxWorkflow -Id $id
        $full.Variables.Name | Should -Be @('device', 'destination', 'result', 'location')
        ($full.Variables | Where-Object Name -eq 'device').IsRequired | Should -BeTrue
        ($full.Variables | Where-Object Name -eq 'destination').Value | Should -Be 'tftp://backup.example.com'
        $full.Actions.Name | Should -Be @('Connect to device', 'Copy running config')
        $full.Permissions | Should -Contain 'run'

        Get-MsxWorkflow -Id '000000000000000000000000001' -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowNotFound,*'
    }
}

Describe 'Import-MsxWorkflow, Export-MsxWorkflow, Remove-MsxWorkflow' {
    It 'imported the file into the session''s tenant and returned the whole workflow' {
        $slow | Should -BeOfType 'MsxPowerShell.Client.Models.MsxWorkflow'
        $slow.UniqueName | Should -Be $slowName
        $slow.Name | Should -Be 'Slow check'
        $slow.Variables.Name | Should -Be @('site', 'retries', 'report')
        $slow.Owner | Should -Be 'superuser'
    }

    It 'exports what imports again: to the output, to a file, and into a folder as one file per unique name' {
        $text = Export-MsxWorkflow -Id $slow.Id
        $text | Should -BeOfType [string]
        ($text | ConvertFrom-Json).workflow.unique_name | Should -Be $slowName

        $file = Join-Path $TestDrive 'export.json'
        $slow | Export-MsxWorkflow -Path $file | Should -BeNullOrEmpty
        (Get-Content -Raw $file | ConvertFrom-Json).workflow.variables.properties.name | Should -Be @('site', 'retries', 'report')

        $folder = Join-Path $TestDrive 'backup'
        $null = New-Item -ItemType Directory $folder
        Get-MsxWorkflow -Name 'backup-device', 'failing-check' | Export-MsxWorkflow -Path $folder
        @(Get-ChildItem $folder).Name | Sort-Object | Should -Be @('backup-device.json', 'failing-check.json')
        # Files from Get-ChildItem bind to -Path: both exist already, so both are MsxWorkflowExists.
        Get-ChildItem $folder | Import-MsxWorkflow -ErrorVariable both -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $both.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'MsxWorkflowExists,*' }
        $both.TargetObject | Split-Path -Leaf | Sort-Object | Should -Be @('backup-device.json', 'failing-check.json')

        # The same unique name again is MsxWorkflowExists; under a new one it imports (here globally, from a hashtable).
        Import-MsxWorkflow -Path $file -ErrorVariable taken -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $taken[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowExists,*'
        $copy = Get-Content -Raw $file | ConvertFrom-Json -AsHashtable
        $copy.workflow.unique_name = "$slowName-copy"
        Clear-EmulatorRequests $emulator
        $imported = Import-MsxWorkflow -Definition $copy -Global
        $imported.UniqueName | Should -Be "$slowName-copy"
        (Get-WorkflowRequests | Where-Object method -eq 'POST').query | Should -Be '?global=true'
        (Get-MsxWorkflow -Name "$slowName-copy" -TenantId '133815cb-2335-474d-8c10-3e635aba94fd').Id | Should -Be $imported.Id

        Clear-EmulatorRequests $emulator
        $imported | Remove-MsxWorkflow -WhatIf
        @(Get-WorkflowRequests | Where-Object method -eq 'DELETE') | Should -HaveCount 0
        $imported | Remove-MsxWorkflow -Force
        @(Get-WorkflowRequests | Where-Object method -eq 'DELETE').path | Should -Be "$base/$($imported.Id)"
        Get-MsxWorkflow -Id $imported.Id -ErrorVariable gone -ErrorAction SilentlyContinue
        $gone[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowNotFound,*'
    }

    It 'refuses a definition that is not a JSON object, and -Global with -TenantId, before sending anything' {
        Clear-EmulatorRequests $emulator
        Import-MsxWorkflow -Definition 'not json' -ErrorVariable bad -ErrorAction SilentlyContinue
        Import-MsxWorkflow -Definition '[1, 2]' -ErrorVariable +bad -ErrorAction SilentlyContinue
        $bad | Should -HaveCount 2
        $bad | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'MsxInvalidWorkflowDefinition,*' }
        { Import-MsxWorkflow -Path $slowFile -Global -TenantId ([guid]::NewGuid()) } | Should -Throw -ErrorId 'MsxInvalidWorkflowTenant,*'
        Import-MsxWorkflow -Path (Join-Path $TestDrive 'no-such-file.json') -ErrorVariable nofile -ErrorAction SilentlyContinue
        $nofile[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        @(Get-WorkflowRequests) | Should -HaveCount 0
    }
}

Describe 'Start-MsxWorkflow' {
    It '-Name -Input -Wait returns the outputs of a workflow that takes a few seconds' {
        Clear-EmulatorRequests $emulator
        $waitsBefore = $clock.Waits.Count
        $instance = Start-MsxWorkflow -Name backup-device -Input @{ device = 'CPE-1' } -Wait

        $instance | Should -BeOfType 'MsxPowerShell.Client.Models.MsxWorkflowInstance'
        $instance.State | Should -Be 'success'
        $instance.Name | Should -Be 'Backup device'
        $instance.Outputs.result | Should -Be 'backup of CPE-1 done'
        $instance.Outputs['location'] | Should -Be 'tftp://backup.example.com/CPE-1.cfg'
        $instance.Inputs.device | Should -Be 'CPE-1'
        $instance.Duration.TotalSeconds | Should -BeGreaterOrEqual 1
        $instance.Duration.TotalSeconds | Should -BeLessOrEqual 3
        $instance.EndedOn | Should -BeGreaterThan $instance.StartedOn

        $requests = @(Get-WorkflowRequests)
        $requests[0].path | Should -Be "$base/list"
        $requests[1].path | Should -BeLike "$base/*/startconfig"
        $requests[2].method | Should -Be 'POST'
        $requests[2].path | Should -BeLike "$base/*/start"
        $reads = @($requests | Select-Object -Skip 3)
        $reads.Count | Should -BeGreaterThan 1
        $reads | ForEach-Object { $_.path | Should -Be "$base/instances/$($instance.Id)" }
        # Backing off: far fewer reads than a fixed 0.1 s poll over ~2.5 s would make.
        $reads.Count | Should -BeLessOrEqual 7
        # One wait between two reads, each half as long again as the one before (0.5 s, 0.75 s, ...).
        $waits = @($clock.Waits | Select-Object -Skip $waitsBefore | ForEach-Object TotalMilliseconds)
        $waits | Should -HaveCount ($reads.Count - 1)
        $waits | Should -Be (@(500, 750, 1125, 1688, 2532, 3798) | Select-Object -First $waits.Count)
    }

    It 'without -Wait writes the started instance at once, and a piped workflow starts through its session' {
        $instance = Get-MsxWorkflow -Name backup-device | Start-MsxWorkflow -Input @{ device = 'CPE-2' }
        $instance.State | Should -Be 'created'
        $instance.Name | Should -Be 'Backup device'
        $instance.WorkflowId | Should -Be (Get-MsxWorkflow -Name backup-device).Id
        $instance.Outputs | Should -BeNullOrEmpty
        ($instance | Wait-MsxWorkflowInstance).Outputs.result | Should -Be 'backup of CPE-2 done'
    }

    It 'a failing workflow with -Wait is MsxWorkflowFailed carrying the instance and the action''s message' {
        $instance = Start-MsxWorkflow -Name failing-check -Input @{ device = 'CPE-7' } -Wait -ErrorVariable failed -ErrorAction SilentlyContinue
        $instance | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowFailed,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $failed[0].TargetObject | Should -BeOfType 'MsxPowerShell.Client.Models.MsxWorkflowInstance'
        $failed[0].TargetObject.State | Should -Be 'failed'
        $failed[0].TargetObject.FailedAction.Message | Should -Be 'device CPE-7 is not compliant'
        "$($failed[0])" | Should -Match "Workflow 'Failing check' \(instance \w+\) failed at the action 'Check compliance': device CPE-7 is not compliant"

        $caught = try { Start-MsxWorkflow -Name failing-check -Input @{ device = 'CPE-8' } -Wait -ErrorAction Stop; 'no error' } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowFailed,*'
        $caught.Exception.Instance.Id | Should -Be $caught.TargetObject.Id
        $typed = try { Start-MsxWorkflow -Name failing-check -Wait -ErrorAction Stop } catch [MsxPowerShell.Client.MsxWorkflowException] { $_.TargetObject.State }
        $typed | Should -Be 'failed'
    }

    It '-TimeoutSec shorter than the run is MsxWorkflowTimeout, and the instance goes on running' {
        Clear-EmulatorRequests $emulator
        $waitsBefore = $clock.Waits.Count
        $result = Start-MsxWorkflow -Id $slow.Id -Input @{ site = 'lab' } -Wait -TimeoutSec 1 -ErrorVariable late -ErrorAction SilentlyContinue
        # The waits stop at the deadline: 0.5 s, then the 0.5 s left of the second.
        @($clock.Waits | Select-Object -Skip $waitsBefore | ForEach-Object TotalMilliseconds) | Should -Be @(500, 500)
        $result | Should -BeNullOrEmpty
        $late | Should -HaveCount 1
        $late[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowTimeout,*'
        $late[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        "$($late[0])" | Should -Match 'after 1 s; it was not cancelled'
        $id = $late[0].TargetObject.Id

        (Get-MsxWorkflowInstance -Id $id).State | Should -Be 'running'
        @(Get-WorkflowRequests | Where-Object { $_.path -like '*/cancel' }) | Should -HaveCount 0

        Clear-EmulatorRequests $emulator
        Stop-MsxWorkflowInstance -Id $id -WhatIf
        @(Get-WorkflowRequests | Where-Object method -eq 'POST') | Should -HaveCount 0
        $cancelled = Stop-MsxWorkflowInstance -Id $id -PassThru
        $cancelled.State | Should -Be 'cancelled'
        (Get-MsxWorkflowInstance -Id $id).State | Should -Be 'cancelled'
        Stop-MsxWorkflowInstance -Id $id -ErrorVariable ended -ErrorAction SilentlyContinue
        $ended[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceFinished,*'
        (Wait-MsxWorkflowInstance -Id $id -ErrorVariable stopped -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        $stopped[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowCancelled,*'
    }

    It 'a <Case> is refused with a clear error and nothing is started' -ForEach @(
        @{ Case = 'missing required input'; Start = { Start-MsxWorkflow -Name $slowName -Input @{ retries = 2 } }; ErrorId = 'MsxWorkflowInputMissing'; Message = "the required input 'site' has no value\. Its inputs are: site \(string, required\), retries \(integer, default 3\)" }
        @{ Case = 'unknown input'; Start = { Start-MsxWorkflow -Name backup-device -Input @{ devcie = 'CPE-1' } }; ErrorId = 'MsxWorkflowInputUnknown'; Message = "'devcie' is no input of the workflow\. Its inputs are: device \(string, required, default 'router-1'\), destination" }
        @{ Case = 'wrong type'; Start = { Start-MsxWorkflow -Name $slowName -Input @{ site = 'lab'; retries = 'many' } }; ErrorId = 'MsxWorkflowInputInvalid'; Message = "the input 'retries' must be a whole number" }
        @{ Case = 'unknown workflow'; Start = { Start-MsxWorkflow -Name no-such-workflow -Input @{ device = 'CPE-1' } }; ErrorId = 'MsxWorkflowNotFound'; Message = "No workflow in the session's tenant has the name or unique name 'no-such-workflow'; nothing was started" }
        @{ Case = 'unknown workflow id'; Start = { Start-MsxWorkflow -Id '000000000000000000000000001' -Input @{ device = 'CPE-1' } }; ErrorId = 'MsxWorkflowNotFound'; Message = 'not found' }
        @{ Case = 'ambiguous name'; Start = { Start-MsxWorkflow -Name '*' }; ErrorId = 'MsxWorkflowAmbiguous'; Message = "'\*' matches \d+ workflows" }
    ) {
        Clear-EmulatorRequests $emulator
        # The build runs the tests with $ErrorActionPreference = 'Stop'; here the errors are to be collected.
        $ErrorActionPreference = 'Continue'
        $all = @(& $Start 2>&1)
        $refused = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -HaveCount 0
        $refused | Should -HaveCount 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($refused[0])" | Should -Match $Message
        @(Get-StartRequests) | Should -HaveCount 0 -Because "a $Case starts nothing"
    }

    It '-TimeoutSec without -Wait is refused' {
        { Start-MsxWorkflow -Name backup-device -TimeoutSec 5 } | Should -Throw -ErrorId 'MsxTimeoutWithoutWait,*'
    }

    It '-WhatIf checks the inputs but starts nothing' {
        Clear-EmulatorRequests $emulator
        Start-MsxWorkflow -Name backup-device -Input @{ device = 'CPE-1' } -WhatIf | Should -BeNullOrEmpty
        @(Get-StartRequests) | Should -HaveCount 0
        (Get-HostOutput { Start-MsxWorkflow -Name backup-device -WhatIf }) | Should -Match "What if: Performing the operation `"Start`" on target `"Workflow 'Backup device' \(\w+\) on http"
    }

    It 'writes progress with the state and the elapsed time, then completes it' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$s) Import-Module '$ModuleManifest'; Start-MsxWorkflow -Session `$s -Name backup-device -Input @{ device = 'CPE-P' } -Wait").AddArgument($session)
        $out = $ps.Invoke()
        $progress = @($ps.Streams.Progress)
        $ps.Dispose()
        $out[0].State | Should -Be 'success'
        $progress.Count | Should -BeGreaterThan 1
        $progress[0].Activity | Should -Match "^Waiting for workflow 'Backup device' \(instance \w+\)$"
        $progress[0].StatusDescription | Should -Match '^(created|running), \d+\.\d s elapsed$'
        $progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'Ctrl+C stops the waiting at once and leaves the instance running' {
        # A session that waits in real time: the emulator's clock stands still, so the instance stays running.
        $realTime = New-TestSession -Emulator $emulator
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$s) Import-Module '$ModuleManifest'; Start-MsxWorkflow -Session `$s -Id '$($slow.Id)' -Input @{ site = 'ctrl-c' } -Wait").AddArgument($realTime)
        Clear-EmulatorRequests $emulator
        $running = $ps.BeginInvoke()
        # The event: the wait has read the instance once.
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (@(Get-InstanceReads).Count -eq 0) {
            if ([DateTime]::UtcNow -gt $deadline) { throw 'The wait did not read the instance within 30 s.' }
        }
        $running.IsCompleted | Should -BeFalse
        $ps.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()

        $id = ((Get-InstanceReads)[0].path -split '/')[-1]
        (Get-MsxWorkflowInstance -Id $id).State | Should -Be 'running'
        @(Get-WorkflowRequests | Where-Object { $_.path -like '*/cancel' }) | Should -HaveCount 0
        Stop-MsxWorkflowInstance -Id $id
    }
}

Describe 'Wait-MsxWorkflowInstance' {
    It 'waits for ten instances started together with one poll loop: the reads interleave in rounds' {
        $started = @(1..10 | ForEach-Object { Start-MsxWorkflow -Name backup-device -Input @{ device = "CPE-$_" } })
        $started | Should -HaveCount 10
        Clear-EmulatorRequests $emulator
        $done = @($started | Wait-MsxWorkflowInstance -TimeoutSec 60)

        $done | Should -HaveCount 10
        $done.State | Sort-Object -Unique | Should -Be 'success'
        $done.Id | Should -Be $started.Id   # in input order
        $done.Outputs.result | Should -Be (1..10 | ForEach-Object { "backup of CPE-$_ done" })

        # Each instance's k-th read comes after every instance's (k-1)-th read: rounds, not ten waits in a row.
        $reads = @(Get-InstanceReads)
        $round = @{}
        $rounds = foreach ($read in $reads) {
            $id = ($read.path -split '/')[-1]
            $round[$id] = 1 + [int]$round[$id]
            $round[$id]
        }
        $round.Keys | Should -HaveCount 10
        for ($k = 2; $k -le ($rounds | Measure-Object -Maximum).Maximum; $k++) {
            $lastOfPrevious = [array]::LastIndexOf([int[]]$rounds, $k - 1)
            $firstOfThis = [array]::IndexOf([int[]]$rounds, $k)
            $firstOfThis | Should -BeGreaterThan $lastOfPrevious -Because "round $k starts after round $($k - 1) ended"
        }
        # One loop over ~3 s: a handful of rounds, so about ten reads per round.
        ($rounds | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 7
        $reads.Count | Should -BeLessOrEqual (10 * 7)
    }

    It 'takes ids, and reports an unknown one while waiting for the others' {
        $one = Start-MsxWorkflow -Name backup-device -Input @{ device = 'CPE-11' }
        $result = @(Wait-MsxWorkflowInstance -Id '000000000000000000000000001', $one.Id -ErrorVariable missing -ErrorAction SilentlyContinue)
        $result.Id | Should -Be $one.Id
        $missing | Should -HaveCount 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceNotFound,*'
        $missing[0].TargetObject | Should -Be '000000000000000000000000001'
    }
}

Describe 'Get-MsxWorkflowInstance' {
    It 'lists a workflow''s instances with pages of -PageSize, and -First stops the paging' {
        $workflow = Get-MsxWorkflow -Name failing-check
        $null = 1..3 | ForEach-Object { Start-MsxWorkflow -Id $workflow.Id -Input @{ device = "CPE-L$_" } }
        Clear-EmulatorRequests $emulator
        $listed = @($workflow | Get-MsxWorkflowInstance -PageSize 2)
        $listed.Count | Should -BeGreaterOrEqual 3
        $listed[0] | Should -BeOfType 'MsxPowerShell.Client.Models.MsxWorkflowInstance'
        $listed[0].Outputs | Should -BeNullOrEmpty -Because 'a listing carries no variables'
        $pages = @(Get-WorkflowRequests)
        $pages.path | Sort-Object -Unique | Should -Be "$base/$($workflow.Id)/instances/list"
        $pages[0].query | Should -Be '?page=0&pageSize=2'
        # Later pages are fetched ahead, so they may arrive in any order.
        $pages.query | Should -Contain '?page=1&pageSize=2'
        $pages.query | Should -Contain '?page=2&pageSize=2'

        # A piped workflow lists its instances (its Id is not taken for an instance id).
        @($workflow | Get-MsxWorkflowInstance -First 2).WorkflowId | Should -Be @($workflow.Id, $workflow.Id)

        Clear-EmulatorRequests $emulator
        @(Get-MsxWorkflowInstance -WorkflowId $workflow.Id -First 1) | Should -HaveCount 1
        @(Get-WorkflowRequests) | Should -HaveCount 1
        (Get-WorkflowRequests)[0].query | Should -Match 'pageSize=1'
    }

    It '-Id reads the whole instance; an unknown workflow is MsxWorkflowNotFound' {
        $instance = Start-MsxWorkflow -Name backup-device -Input @{ device = 'CPE-R' } -Wait
        $again = Get-MsxWorkflowInstance -Id $instance.Id
        $again.Outputs.result | Should -Be 'backup of CPE-R done'
        $again.Actions.State | Should -Be @('success', 'success')
        ($instance | Get-MsxWorkflowInstance).Id | Should -Be $instance.Id

        Get-MsxWorkflowInstance -WorkflowId '000000000000000000000000001' -ErrorVariable nf -ErrorAction SilentlyContinue
        $nf[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowNotFound,*'
    }

    It 'shows State, StartedOn, EndedOn, Duration and Outputs in a table that fits 80 columns' {
        $instance = Start-MsxWorkflow -Name backup-device -Input @{ device = 'CPE-T' } -Wait
        $lines = @(($instance | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Name\s+State\s+StartedOn \(UTC\)\s+EndedOn\s+Duration\s+Outputs'
        $lines[2] | Should -Match '^Backup device\s+success\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \d\d:\d\d:\d\d\s+\d\.\ds result=backup'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }
}

Describe 'Remove-MsxWorkflowInstance' {
    BeforeAll {
        # A workflow without actions and without start delay: its instances succeed as soon as they start.
        $quickName = "quick-$(Get-Random)"
        $quick = Import-MsxWorkflow -Definition @{ workflow = @{ unique_name = $quickName; name = 'Quick'; properties = @{ emulator = @{ start_delay_ms = 0 } } } }
        function Start-Quick([int] $Count = 1) {
            @(1..$Count | ForEach-Object { $quick | Start-MsxWorkflow } | Wait-MsxWorkflowInstance -TimeoutSec 30)
        }
        function Get-InstanceDeletes { @(Get-WorkflowRequests | Where-Object { $_.method -eq 'DELETE' -and $_.path -like "$base/instances/*" }) }
        function Get-Missing([string] $Id) {
            Get-MsxWorkflowInstance -Id $Id -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            @($missing).Count | Should -Be 1
            $missing[0]
        }
    }

    It 'deletes an ended instance: one DELETE, nothing written, and Get afterwards is MsxWorkflowInstanceNotFound' {
        $instance = Start-Quick
        $instance.State | Should -Be 'success'
        Clear-EmulatorRequests $emulator
        $instance | Remove-MsxWorkflowInstance -Force | Should -BeNullOrEmpty
        $requests = @(Get-WorkflowRequests)
        $requests | Should -HaveCount 1 -Because 'a piped instance is deleted without reading it first'
        $requests[0].method | Should -Be 'DELETE'
        $requests[0].path | Should -Be "$base/instances/$($instance.Id)"
        $requests[0].status | Should -Be 200
        (Get-Missing $instance.Id).FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceNotFound,*'

        # The workflow stays; by -Id an unknown instance is MsxWorkflowInstanceNotFound with the id as target.
        (Get-MsxWorkflow -Id $quick.Id).Id | Should -Be $quick.Id
        Remove-MsxWorkflowInstance -Id $instance.Id -Force -ErrorVariable gone -ErrorAction SilentlyContinue
        $gone | Should -HaveCount 1
        $gone[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceNotFound,*'
        $gone[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $gone[0].TargetObject | Should -Be $instance.Id
    }

    It '-WhatIf sends nothing and names the instance, its workflow and the server; it asks first (High) and takes -Force' {
        $instance = Start-Quick
        Clear-EmulatorRequests $emulator
        $instance | Remove-MsxWorkflowInstance -WhatIf
        Remove-MsxWorkflowInstance -Id $instance.Id -WhatIf -Force
        @(Get-WorkflowRequests) | Should -HaveCount 0
        (Get-HostOutput { $instance | Remove-MsxWorkflowInstance -WhatIf }) |
            Should -Match "What if: Performing the operation `"Remove`" on target `"Workflow instance $($instance.Id) of 'Quick' on http"
        (Get-HostOutput { Remove-MsxWorkflowInstance -Id $instance.Id -WhatIf }) |
            Should -Match "What if: Performing the operation `"Remove`" on target `"Workflow instance $($instance.Id) on http"
        (Get-MsxWorkflowInstance -Id $instance.Id).State | Should -Be 'success'

        $command = Get-Command Remove-MsxWorkflowInstance
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $command.Parameters.Keys | Should -Contain 'Force'
        $command.Parameters.Keys | Should -Contain 'ThrottleLimit'
        $command.Parameters['Id'].Aliases | Should -Be @('InstanceId')
    }

    It 'deletes the instances piped from Get-MsxWorkflowInstance, in input order, also with -ThrottleLimit' {
        $null = Start-Quick -Count 3
        $listed = @($quick | Get-MsxWorkflowInstance)
        $listed.Count | Should -BeGreaterOrEqual 3
        Clear-EmulatorRequests $emulator
        $quick | Get-MsxWorkflowInstance | Remove-MsxWorkflowInstance -Force
        (Get-InstanceDeletes).path | Should -Be ($listed | ForEach-Object { "$base/instances/$($_.Id)" })
        @($quick | Get-MsxWorkflowInstance) | Should -HaveCount 0

        $more = Start-Quick -Count 4
        Clear-EmulatorRequests $emulator
        $more | Remove-MsxWorkflowInstance -Force -ThrottleLimit 4
        @(Get-InstanceDeletes).path | Sort-Object | Should -Be ($more | ForEach-Object { "$base/instances/$($_.Id)" } | Sort-Object)
        @(Get-InstanceDeletes).status | Sort-Object -Unique | Should -Be 200
        @($quick | Get-MsxWorkflowInstance) | Should -HaveCount 0

        # Objects with an InstanceId property bind by property name.
        $byName = Start-Quick
        [pscustomobject]@{ InstanceId = $byName.Id } | Remove-MsxWorkflowInstance -Force
        (Get-Missing $byName.Id).FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceNotFound,*'
    }

    It 'refuses a running instance with MsxWorkflowInstanceRunning (the instance as target) and deletes the others' {
        $first, $last = Start-Quick -Count 2
        $running = Start-MsxWorkflow -Id $slow.Id -Input @{ site = 'remove-running' }
        Clear-EmulatorRequests $emulator
        $first, $running, $last | Remove-MsxWorkflowInstance -Force -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused | Should -HaveCount 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceRunning,*'
        $refused[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $refused[0].TargetObject | Should -BeOfType 'MsxPowerShell.Client.Models.MsxWorkflowInstance'
        $refused[0].TargetObject.Id | Should -Be $running.Id
        "$($refused[0])" | Should -Match 'cancel it first'
        $deletes = @(Get-InstanceDeletes)
        $deletes.path | Should -Be @("$base/instances/$($first.Id)", "$base/instances/$($running.Id)", "$base/instances/$($last.Id)")
        $deletes.status | Should -Be @(200, 409, 200)
        (Get-Missing $first.Id).FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceNotFound,*'
        (Get-Missing $last.Id).FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceNotFound,*'
        (Get-MsxWorkflowInstance -Id $running.Id).State | Should -Be 'running'

        # Cancelled, it has ended and can go.
        $running | Stop-MsxWorkflowInstance
        $running | Remove-MsxWorkflowInstance -Force -ErrorAction Stop
        (Get-Missing $running.Id).FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceNotFound,*'
    }

    It '-PassThru writes each deleted instance: read first for an -Id, as piped for an object' {
        $byId, $piped = Start-Quick -Count 2
        Clear-EmulatorRequests $emulator
        $out = @(Remove-MsxWorkflowInstance -Id $byId.Id -Force -PassThru)
        $out | Should -HaveCount 1
        $out[0] | Should -BeOfType 'MsxPowerShell.Client.Models.MsxWorkflowInstance'
        $out[0].Id | Should -Be $byId.Id
        $out[0].State | Should -Be 'success'
        $out[0].Name | Should -Be 'Quick'
        @(Get-WorkflowRequests).method | Should -Be @('GET', 'DELETE')

        Clear-EmulatorRequests $emulator
        $again = @($piped | Remove-MsxWorkflowInstance -Force -PassThru)
        [object]::ReferenceEquals($again[0], $piped) | Should -BeTrue
        @(Get-WorkflowRequests).method | Should -Be @('DELETE')
    }

    It 'a DELETE whose answer is lost after it took effect is retried and not reported as not found' {
        $instance = Start-Quick
        $fault = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{ method = 'DELETE'; path = "$base/instances/$($instance.Id)"; drop = $true; afterCommit = $true; count = 1 }
        try {
            Clear-EmulatorRequests $emulator
            { $instance | Remove-MsxWorkflowInstance -Force -ErrorAction Stop } | Should -Not -Throw
            @(Get-EmulatorFaults $emulator | Where-Object id -eq $fault.id) | Should -HaveCount 0 -Because 'the fault fired'
            $deletes = @(Get-InstanceDeletes)
            $deletes.Count | Should -Be 2
            $deletes[1].status | Should -Be 404
            (Get-Missing $instance.Id).FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowInstanceNotFound,*'
        }
        finally {
            $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE
        }
    }
}
