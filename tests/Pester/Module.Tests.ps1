BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'The built module' {
    It 'exports exactly the module''s cmdlets and nothing else' {
        $module = Get-Module MsxModule
        $expected = @(
            'Connect-MsxServer', 'Disconnect-MsxSession', 'Get-MsxAccessToken', 'Get-MsxCurrentUser', 'Get-MsxSession', 'Get-MsxTenant',
            'Invoke-MsxRestMethod', 'New-MsxTenant', 'Remove-MsxTenant', 'Set-MsxTenant', 'Switch-MsxTenant', 'Switch-MsxUser', 'Test-MsxConnection'
            'Export-MsxWorkflow', 'Get-MsxWorkflow', 'Get-MsxWorkflowInstance', 'Import-MsxWorkflow', 'Remove-MsxWorkflow', 'Remove-MsxWorkflowInstance', 'Start-MsxWorkflow',
            'Stop-MsxWorkflowInstance', 'Wait-MsxWorkflowInstance'
        )
        $expected += 'Get-MsxUser', 'New-MsxUser', 'Set-MsxUser', 'Remove-MsxUser', 'Set-MsxUserPassword', 'Get-MsxRole'
        $expected += 'Add-MsxSiteDevice', 'Get-MsxDevice', 'Get-MsxDeviceConfig', 'Get-MsxDeviceHealth', 'Get-MsxSite', 'Invoke-MsxDeviceRedeploy', 'New-MsxDevice',
            'New-MsxSite', 'Remove-MsxDevice', 'Remove-MsxSite', 'Remove-MsxSiteDevice', 'Set-MsxDevice', 'Set-MsxDeviceConfig', 'Set-MsxSite'
        $expected += 'Get-MsxWorkflowTarget', 'New-MsxWorkflowTarget', 'Remove-MsxWorkflowTarget', 'Set-MsxWorkflowTarget'
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be ($expected | Sort-Object)
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'has a manifest for both editions and PowerShell 5.1' {
        $manifest = Test-ModuleManifest $ModuleManifest
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.RootModule | Should -Be 'MsxModule.dll'
    }

    It 'keeps the version in one place: the dll carries the manifest''s version' {
        $manifest = Import-PowerShellDataFile $ModuleManifest
        $dll = Join-Path (Split-Path $ModuleManifest) 'MsxModule.dll'
        ([Reflection.AssemblyName]::GetAssemblyName($dll).Version.ToString(3)) | Should -Be $manifest.ModuleVersion
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($command in (Get-Command -Module MsxModule)) {
            $command.Verb | Should -BeIn $approved
        }
    }

    It 'does not ship System.Management.Automation (PowerShell provides it)' {
        Join-Path (Split-Path $ModuleManifest) 'System.Management.Automation.dll' | Should -Not -Exist
    }

    It 'declares an OutputType on every cmdlet' {
        foreach ($command in (Get-Command -Module MsxModule)) {
            $command.OutputType.Count | Should -BeGreaterThan 0 -Because "$($command.Name) should declare what it writes"
        }
    }

    It 'supports ShouldProcess on every cmdlet whose verb changes state, and only there' {
        # Found by reflection, not by a list: a new cmdlet is checked by its verb. The verbs that only read,
        # and the few that change nothing on the server (each with its reason), are the exceptions.
        $reading = 'Get', 'Test', 'Wait', 'Find', 'Search', 'Measure', 'Compare', 'Resolve', 'Show', 'Watch', 'Trace', 'Read', 'Select', 'ConvertTo', 'ConvertFrom', 'Format'
        $local = @{
            'Connect' = 'makes a session of this process (a login), changes nothing on the server'
            'Switch'  = 'moves a session of this process to another tenant or user'
            'Export'  = 'writes a definition to the output or to the file the caller names'
        }
        $commands = @(Get-Command -Module MsxModule -CommandType Cmdlet)
        $changing = @($commands | Where-Object { $_.Verb -notin $reading -and -not $local.ContainsKey($_.Verb) })
        $changing.Count | Should -BeGreaterOrEqual 27
        foreach ($command in $commands) {
            $declared = @($command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true))[0].SupportsShouldProcess
            if ($command -in $changing) {
                $declared | Should -BeTrue -Because "$($command.Name) changes state ($($command.Verb)), so it must support -WhatIf and -Confirm"
                $command.Parameters.Keys | Should -Contain 'WhatIf'
            }
            elseif ($command.Verb -in $reading) {
                $declared | Should -BeFalse -Because "$($command.Name) only reads: SupportsShouldProcess only where ShouldProcess is called"
            }
        }
        foreach ($verb in $local.Keys) {
            @($commands | Where-Object Verb -EQ $verb).Count | Should -BeGreaterThan 0 -Because "the exception for $verb ($($local[$verb])) names a verb the module uses"
        }
    }

    It 'binds the parameters the per-item change cmdlets inherit from the generic base, as declared there' {
        $generic = @(Get-Command -Module MsxModule | ForEach-Object {
                $type = $_.ImplementingType
                while ($type -and -not ($type.IsGenericType -and $type.GetGenericTypeDefinition().Name -eq 'MsxItemChangeCmdlet`2')) { $type = $type.BaseType }
                if ($type) { [pscustomobject]@{ Command = $_; Item = $type.GetGenericArguments()[0]; Id = $type.GetGenericArguments()[1] } }
            })
        @($generic.Command.Name) | Should -Contain 'Remove-MsxTenant'
        @($generic.Command.Name) | Should -Contain 'Invoke-MsxDeviceRedeploy'
        foreach ($entry in $generic) {
            $command = $entry.Command
            $because = "$($command.Name) is built on MsxItemChangeCmdlet[$($entry.Item.Name), $($entry.Id.Name)]"
            $command.DefaultParameterSet | Should -Be 'InputObject' -Because $because
            $inputObject = $command.Parameters['InputObject']
            $inputObject.ParameterType | Should -Be $entry.Item.MakeArrayType() -Because $because
            $inputObject.ParameterSets['InputObject'].IsMandatory | Should -BeTrue -Because $because
            $inputObject.ParameterSets['InputObject'].ValueFromPipeline | Should -BeTrue -Because $because
            $id = $command.Parameters['Id']
            $id.ParameterType | Should -Be $entry.Id.MakeArrayType() -Because $because
            $id.ParameterSets['Id'].Position | Should -Be 0 -Because $because
            $id.ParameterSets['Id'].ValueFromPipelineByPropertyName | Should -BeTrue -Because $because
            foreach ($switch in 'Force', 'PassThru') { $command.Parameters[$switch].SwitchParameter | Should -BeTrue -Because $because }
            $syntax = (Get-Command $command.Name -Syntax) -join "`n"
            $syntax | Should -Match ([regex]::Escape("$($command.Name) -InputObject <$($entry.Item.Name)[]> [-Force] [-PassThru] [-ThrottleLimit <int>]")) -Because $because
            $syntax | Should -Match ([regex]::Escape("$($command.Name) [-Id] <$($entry.Id.Name.ToLowerInvariant())[]> [-Force] [-PassThru]")) -Because $because
            (Get-Help $command.Name -Parameter InputObject).pipelineInput | Should -BeLike 'True (ByValue*' -Because $because
        }
    }

    It 'takes -ThrottleLimit on every cmdlet that changes server state per pipeline item, and only there' {
        # The changing cmdlets that take pipeline input but make no request per item: they must not offer a
        # -ThrottleLimit that could change nothing. Every other one (a new cmdlet too) must have it.
        $notPerItem = @{
            'Add-MsxSiteDevice'     = 'one request for the whole pipeline'
            'Remove-MsxSiteDevice'  = 'one request for the whole pipeline'
            'Disconnect-MsxSession' = 'forgets a local session'
            'Invoke-MsxRestMethod'  = 'one request per call, the pipeline gives its body'
        }
        $changing = @(Get-Command -Module MsxModule | Where-Object {
                $_.Parameters.ContainsKey('WhatIf') -and @($_.Parameters.Values.Attributes | Where-Object {
                        $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName)
                    }).Count -gt 0
            })
        $perItem = @($changing | Where-Object Name -NotIn $notPerItem.Keys)
        $perItem.Count | Should -BeGreaterOrEqual 19
        $perItem.Name | Should -Contain 'Remove-MsxTenant'
        $perItem.Name | Should -Contain 'Invoke-MsxDeviceRedeploy'
        foreach ($command in $perItem) {
            $command.Parameters.Keys | Should -Contain 'ThrottleLimit' -Because "$($command.Name) sends one request per pipeline item"
        }
        foreach ($name in $notPerItem.Keys) {
            @($changing.Name) | Should -Contain $name -Because 'the exceptions are changing cmdlets with pipeline input'
            (Get-Command $name).Parameters.ContainsKey('ThrottleLimit') | Should -BeFalse -Because "${name}: $($notPerItem[$name])"
        }
    }
}

Describe 'Without a session' {
    It 'fails with MsxNotConnected and says to run Get-MsxAccessToken' {
        $result = Invoke-ChildPwsh -Script @"
Import-Module '$ModuleManifest'
try { Get-MsxTenant -ErrorAction Stop; 'no error' }
catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message; `$_.CategoryInfo.Category }
"@
        $result.Output[0] | Should -BeLike 'MsxNotConnected,*'
        $result.Output[1] | Should -BeLike '*Get-MsxAccessToken*'
        $result.Output[2] | Should -Be 'ConnectionError'
    }

    It 'fails the same way for every cmdlet that needs a session' {
        $result = Invoke-ChildPwsh -Script @"
Import-Module '$ModuleManifest'
foreach (`$c in { New-MsxTenant -Name x -Confirm:`$false }, { Remove-MsxTenant -Id ([guid]::NewGuid()) -Force }, { Set-MsxTenant -Id ([guid]::NewGuid()) -Name x }, { Get-MsxCurrentUser }) {
    try { & `$c -ErrorAction Stop; 'no error' } catch { `$_.FullyQualifiedErrorId.Split(',')[0] }
}
"@
        $result.Output | Should -Be @('MsxNotConnected', 'MsxNotConnected', 'MsxNotConnected', 'MsxNotConnected')
    }
}
