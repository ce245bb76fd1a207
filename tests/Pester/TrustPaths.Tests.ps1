# The session's token never leaves its server, and an id never changes a path: hostile paths aimed at a second
# loopback listener reach nothing, ids such as '.' and '..' are refused by every cmdlet that takes an id, and
# bodies that are not data are refused, all with Msx ErrorIds and nothing sent (the emulator's request log).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $CokeId = [guid]'133815cb-2335-474d-8c10-3e635aba94fd'
    # No retries and a short timeout: were a request ever sent to the trap, the test fails instead of hanging.
    $session = New-TestSession -Emulator $emulator -Default -Options @{ MaximumRetryCount = 0; TimeoutSec = 15 }

    # A second loopback listener that must never be reached. It never accepts: a connection attempt, had there
    # been one, waits in its backlog, and Pending() sees it as soon as the cmdlet call has returned.
    $trap = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $trap.Start()
    $trapPort = ([System.Net.IPEndPoint]$trap.LocalEndpoint).Port
    $trapAt = "127.0.0.1:$trapPort"

    function Get-Refusal([scriptblock] $Action) {
        # The ErrorRecord of a call made with -ErrorAction Stop, or $null when it did not fail.
        try { $null = & $Action; $null } catch { $_ }
    }
}

AfterAll {
    if ($trap) { $trap.Stop() }
    $emulator | Stop-MsxEmulator
}

Describe 'Invoke-MsxRestMethod never sends the token to another server' {
    It 'the second listener does see a connection (the check below can fail)' {
        $probe = [System.Net.Sockets.TcpClient]::new()
        try {
            $probe.Connect([System.Net.IPAddress]::Loopback, $trapPort)
            $trap.Pending() | Should -BeTrue
            $accepted = $trap.AcceptTcpClient()
            $accepted.Dispose()
        }
        finally { $probe.Dispose() }
        $trap.Pending() | Should -BeFalse
    }

    It 'refuses <Path> with <ErrorId>: the second listener receives nothing and neither does the emulator' -ForEach @(
        @{ Path = '\/{trap}/idm/api/v8/tenants'; ErrorId = 'MsxInvalidPath' }
        @{ Path = '\\{trap}\idm'; ErrorId = 'MsxInvalidPath' }
        @{ Path = '/\{trap}/idm'; ErrorId = 'MsxInvalidPath' }
        @{ Path = ' //{trap}/idm'; ErrorId = 'MsxInvalidPath' }
        @{ Path = "`t//{trap}/idm"; ErrorId = 'MsxInvalidPath' }
        @{ Path = "`r`n//{trap}/idm"; ErrorId = 'MsxInvalidPath' }
        @{ Path = "$([char]0)//{trap}/idm"; ErrorId = 'MsxInvalidPath' }
        @{ Path = "$([char]0x3000)//{trap}/idm"; ErrorId = 'MsxInvalidPath' }
        @{ Path = '//localhost:{port}/idm'; ErrorId = 'MsxInvalidPath' }
        @{ Path = '/..//{trap}/idm'; ErrorId = 'MsxInvalidPath' }
        @{ Path = '/idm/%2e%2e/%2e%2e//{trap}/idm'; ErrorId = 'MsxInvalidPath' }
        @{ Path = '/idm#//{trap}/idm'; ErrorId = 'MsxInvalidPath' }
        @{ Path = ''; ErrorId = 'MsxInvalidPath' }
        @{ Path = ' '; ErrorId = 'MsxInvalidPath' }
        @{ Path = '/'; ErrorId = 'MsxInvalidPath' }
        @{ Path = 'http://{trap}/idm/api/v8/tenants'; ErrorId = 'MsxForeignServer' }
        @{ Path = 'HTTP://{trap}/idm'; ErrorId = 'MsxForeignServer' }
        @{ Path = 'http:{trap}/idm'; ErrorId = 'MsxForeignServer' }
        @{ Path = 'http:\\{trap}\idm'; ErrorId = 'MsxForeignServer' }
        @{ Path = 'http://{emulator}@{trap}/idm'; ErrorId = 'MsxForeignServer' }
        @{ Path = 'http://user@{emulator}/idm/api/v8/tenants'; ErrorId = 'MsxForeignServer' }
        @{ Path = 'file:///etc/passwd'; ErrorId = 'MsxForeignServer' }
        @{ Path = 'file://{trap}/share'; ErrorId = 'MsxForeignServer' }
        @{ Path = 'ftp://{trap}/x'; ErrorId = 'MsxForeignServer' }
        @{ Path = 'localhost:{port}/idm'; ErrorId = 'MsxForeignServer' }
    ) {
        $text = $Path.Replace('{trap}', $trapAt).Replace('{port}', "$trapPort").Replace('{emulator}', $emulator.Uri.Authority)
        Clear-EmulatorRequests $emulator
        foreach ($method in 'GET', 'POST', 'DELETE') {
            { Invoke-MsxRestMethod -Path $text -Method $method -Body @{ a = 1 } -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
            $trap.Pending() | Should -BeFalse -Because "$method '$text' must not connect to the second listener"
        }

        $refusal = Get-Refusal { Invoke-MsxRestMethod -Path $text -ErrorAction Stop }
        $refusal.CategoryInfo.Category | Should -Be $(if ($ErrorId -eq 'MsxForeignServer') { 'SecurityError' } else { 'InvalidArgument' })
        $refusal.Exception.Message | Should -BeLike '*nothing was sent*'
        $refusal.Exception.Message | Should -Not -Match '[\x00-\x08\x0A-\x1F]' -Because 'control characters are shown escaped'
        @(Get-EmulatorRequests $emulator) | Should -HaveCount 0
    }

    It '<Path> stays a path on the session''s server: the emulator answers 404 and the second listener receives nothing' -ForEach @(
        @{ Path = '//{trap}/idm' }
        @{ Path = '%2F%2F{trap}/idm' }
        @{ Path = '%5C%5C{trap}/idm' }
        @{ Path = "$([char]0xFF0F)$([char]0xFF0F){trap}/idm" }
        @{ Path = '//user@{trap}/idm' }
    ) {
        $text = $Path.Replace('{trap}', $trapAt)
        Clear-EmulatorRequests $emulator
        { Invoke-MsxRestMethod -Path $text -ErrorAction Stop } | Should -Throw -ErrorId 'MsxNotFound,*'
        $trap.Pending() | Should -BeFalse
        $seen = @(Get-EmulatorRequests $emulator)
        $seen | Should -HaveCount 1
        $seen[0].path | Should -BeLike '/*' -Because 'the request went to the emulator, as a path'
    }

    It 'an absolute URL on the session''s own server still works' {
        (Invoke-MsxRestMethod ([Uri]::new($emulator.Uri, "idm/api/v8/tenants/$CokeId")).AbsoluteUri).name | Should -Be 'Coke'
    }
}

Describe 'Invoke-MsxRestMethod refuses bodies that are not data' {
    It 'refuses <Name> with <ErrorId>, even with -WhatIf, and sends nothing' -ForEach @(
        @{ Name = 'a script block'; ErrorId = 'MsxInvalidBody'; Body = { { 'not data' } } }
        @{ Name = 'a FileInfo'; ErrorId = 'MsxInvalidBody'; Body = { Get-Item -LiteralPath $PSCommandPath } }
        @{ Name = 'a DirectoryInfo in a hashtable'; ErrorId = 'MsxInvalidBody'; Body = { @{ folder = Get-Item -LiteralPath $PSScriptRoot } } }
        @{ Name = 'a body 40 levels deep'; ErrorId = 'MsxBodyTooDeep'; Body = { $b = @{ leaf = 1 }; foreach ($i in 1..40) { $b = @{ inner = $b } }; $b } }
        @{ Name = 'an object whose properties loop'; ErrorId = 'MsxBodyTooDeep'; Body = { $o = [pscustomobject]@{ name = 'x'; self = $null }; $o.self = $o; $o } }
    ) {
        $value = & $Body
        Clear-EmulatorRequests $emulator
        { Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body $value -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
        { Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body $value -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
        $refusal = Get-Refusal { Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body $value -ErrorAction Stop }
        $refusal.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refusal.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequests $emulator) | Should -HaveCount 0
    }

    It 'a file piped in is refused, and its content sent as text is not' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "msx-body-$([guid]::NewGuid()).json"
        Set-Content -LiteralPath $file -Value '{"name":"from-file"}'
        try {
            Clear-EmulatorRequests $emulator
            { Get-Item -LiteralPath $file | Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -ErrorAction Stop } | Should -Throw -ErrorId 'MsxInvalidBody,*'
            @(Get-EmulatorRequests $emulator) | Should -HaveCount 0
            $created = Invoke-MsxRestMethod /idm/api/v8/tenants -Method POST -Body (Get-Content -Raw -LiteralPath $file)
            $created.name | Should -Be 'from-file'
            Remove-MsxTenant -Id $created.id -Force
        }
        finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
    }
}

Describe 'An id never changes the path' {
    It '<Command> refuses the id <Bad> with <ErrorId>, the id as target, and sends nothing' -ForEach @(
        foreach ($bad in '.', '..', 'a/b', '\') {
            @{ Command = 'Get-MsxWorkflow -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowId'; Call = { param($Id) Get-MsxWorkflow -Id $Id -ErrorAction Stop } }
            @{ Command = 'Export-MsxWorkflow -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowId'; Call = { param($Id) Export-MsxWorkflow -Id $Id -ErrorAction Stop } }
            @{ Command = 'Remove-MsxWorkflow -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowId'; Call = { param($Id) Remove-MsxWorkflow -Id $Id -Force -ErrorAction Stop } }
            @{ Command = 'Start-MsxWorkflow -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowId'; Call = { param($Id) Start-MsxWorkflow -Id $Id -Confirm:$false -ErrorAction Stop } }
            @{ Command = 'Get-MsxWorkflowInstance -WorkflowId'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowId'; Call = { param($Id) Get-MsxWorkflowInstance -WorkflowId $Id -ErrorAction Stop } }
            @{ Command = 'Get-MsxWorkflowInstance -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowInstanceId'; Call = { param($Id) Get-MsxWorkflowInstance -Id $Id -ErrorAction Stop } }
            @{ Command = 'Stop-MsxWorkflowInstance -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowInstanceId'; Call = { param($Id) Stop-MsxWorkflowInstance -Id $Id -Confirm:$false -ErrorAction Stop } }
            @{ Command = 'Wait-MsxWorkflowInstance -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowInstanceId'; Call = { param($Id) Wait-MsxWorkflowInstance -Id $Id -ErrorAction Stop } }
            @{ Command = 'Remove-MsxWorkflowInstance -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowInstanceId'; Call = { param($Id) Remove-MsxWorkflowInstance -Id $Id -Force -ErrorAction Stop } }
            @{ Command = 'Get-MsxWorkflowTarget -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowTargetId'; Call = { param($Id) Get-MsxWorkflowTarget -Id $Id -ErrorAction Stop } }
            @{ Command = 'Set-MsxWorkflowTarget -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowTargetId'; Call = { param($Id) Set-MsxWorkflowTarget -Id $Id -Title t -Confirm:$false -ErrorAction Stop } }
            @{ Command = 'Remove-MsxWorkflowTarget -Id'; Bad = $bad; ErrorId = 'MsxInvalidWorkflowTargetId'; Call = { param($Id) Remove-MsxWorkflowTarget -Id $Id -Force -ErrorAction Stop } }
            @{ Command = 'Get-MsxDevice -Id'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Get-MsxDevice -Id $Id -ErrorAction Stop } }
            @{ Command = 'Get-MsxDevice -Id (many)'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Get-MsxDevice -Id $Id, 'CPE-one', 'CPE-two' -ErrorAction Stop } }
            @{ Command = 'Set-MsxDevice -Id'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Set-MsxDevice -Id $Id -Name n -Confirm:$false -ErrorAction Stop } }
            @{ Command = 'Remove-MsxDevice -Id'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Remove-MsxDevice -Id $Id -Force -ErrorAction Stop } }
            @{ Command = 'Get-MsxDeviceConfig -Id'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Get-MsxDeviceConfig -Id $Id -ErrorAction Stop } }
            @{ Command = 'Set-MsxDeviceConfig -Id'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Set-MsxDeviceConfig -Id $Id -Content 'hostname x' -Force -ErrorAction Stop } }
            @{ Command = 'Invoke-MsxDeviceRedeploy -Id'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Invoke-MsxDeviceRedeploy -Id $Id -Force -ErrorAction Stop } }
            @{ Command = 'Get-MsxDeviceHealth -Id'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Get-MsxDeviceHealth -Id $Id -ErrorAction Stop } }
            @{ Command = 'Get-MsxSite -DeviceId'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Get-MsxSite -DeviceId $Id -ErrorAction Stop } }
            @{ Command = 'Add-MsxSiteDevice -DeviceId'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Add-MsxSiteDevice -SiteId ([guid]::NewGuid()) -DeviceId $Id -ErrorAction Stop } }
            @{ Command = 'Remove-MsxSiteDevice -DeviceId'; Bad = $bad; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) Remove-MsxSiteDevice -SiteId ([guid]::NewGuid()) -DeviceId $Id -Confirm:$false -ErrorAction Stop } }
        }
    ) {
        Clear-EmulatorRequests $emulator
        $refusal = Get-Refusal { & $Call $Bad }
        $refusal | Should -Not -BeNullOrEmpty -Because "$Command '$Bad' must fail"
        $refusal.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $refusal.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refusal.TargetObject | Should -Be $Bad
        $refusal.Exception.Message | Should -BeLike '*nothing was sent*'
        @(Get-EmulatorRequests $emulator) | Should -HaveCount 0 -Because "$Command '$Bad' must reach nothing"
    }

    It 'a refused id does not stop the next one: Remove-MsxDevice -Id ''.'', ''..'', an unknown id sends only the unknown one' {
        Clear-EmulatorRequests $emulator
        $errors = $null
        Remove-MsxDevice -Id '.', '..', 'CPE-unknown-after-dots' -Force -ErrorAction SilentlyContinue -ErrorVariable errors
        @($errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] }) | Should -Be @('MsxInvalidDeviceId', 'MsxInvalidDeviceId', 'MsxDeviceNotFound')
        $paths = @(Get-EmulatorRequests $emulator | ForEach-Object { $_.path })
        $paths | Should -Be @('/manage/api/v8/devices/CPE-unknown-after-dots')
    }

    It '<Command> takes a GUID: ''.'' is refused by PowerShell''s binding (CannotConvertArgumentNoMessage) and nothing is sent' -ForEach @(
        @{ Command = 'Get-MsxTenant -Id'; Call = { param($Id) Get-MsxTenant -Id $Id -ErrorAction Stop } }
        @{ Command = 'Set-MsxTenant -Id'; Call = { param($Id) Set-MsxTenant -Id $Id -Description d -Confirm:$false -ErrorAction Stop } }
        @{ Command = 'Remove-MsxTenant -Id'; Call = { param($Id) Remove-MsxTenant -Id $Id -Force -ErrorAction Stop } }
        @{ Command = 'Get-MsxUser -Id'; Call = { param($Id) Get-MsxUser -Id $Id -ErrorAction Stop } }
        @{ Command = 'Set-MsxUser -Id'; Call = { param($Id) Set-MsxUser -Id $Id -FirstName f -Confirm:$false -ErrorAction Stop } }
        @{ Command = 'Remove-MsxUser -Id'; Call = { param($Id) Remove-MsxUser -Id $Id -Force -ErrorAction Stop } }
        @{ Command = 'Get-MsxSite -Id'; Call = { param($Id) Get-MsxSite -Id $Id -ErrorAction Stop } }
        @{ Command = 'Set-MsxSite -Id'; Call = { param($Id) Set-MsxSite -Id $Id -Description d -Confirm:$false -ErrorAction Stop } }
        @{ Command = 'Remove-MsxSite -Id'; Call = { param($Id) Remove-MsxSite -Id $Id -Force -ErrorAction Stop } }
        @{ Command = 'Get-MsxRole -Id'; Call = { param($Id) Get-MsxRole -Id $Id -ErrorAction Stop } }
        @{ Command = 'Add-MsxSiteDevice -SiteId'; Call = { param($Id) Add-MsxSiteDevice -SiteId $Id -DeviceId CPE-1 -ErrorAction Stop } }
        @{ Command = 'Get-MsxWorkflow -TenantId'; Call = { param($Id) Get-MsxWorkflow -TenantId $Id -ErrorAction Stop } }
    ) {
        foreach ($bad in '.', '..') {
            Clear-EmulatorRequests $emulator
            { & $Call $bad } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,*'
            @(Get-EmulatorRequests $emulator) | Should -HaveCount 0
        }
    }

    It '<Command> checks its GUID text: ''.'' is <ErrorId> and nothing is sent' -ForEach @(
        @{ Command = 'New-MsxDevice -TenantId'; ErrorId = 'MsxInvalidTenantId'; Call = { param($Id) New-MsxDevice -TenantId $Id -Name n -Model m -Type t -OnboardType pnp -ErrorAction Stop } }
        @{ Command = 'New-MsxSite -TenantId'; ErrorId = 'MsxInvalidTenantId'; Call = { param($Id) New-MsxSite -TenantId $Id -Name n -ErrorAction Stop } }
        @{ Command = 'New-MsxSite -ParentId'; ErrorId = 'MsxInvalidParentId'; Call = { param($Id) New-MsxSite -TenantId $CokeId -ParentId $Id -Name n -ErrorAction Stop } }
        @{ Command = 'New-MsxSite -DeviceId'; ErrorId = 'MsxInvalidDeviceId'; Call = { param($Id) New-MsxSite -TenantId $CokeId -DeviceId $Id -Name n -ErrorAction Stop } }
        @{ Command = 'New-MsxTenant -ParentId'; ErrorId = 'MsxInvalidParentId'; Call = { param($Id) New-MsxTenant -Name "n-$(Get-Random)" -ParentId $Id -ErrorAction Stop } }
        @{ Command = 'New-MsxUser -TenantId'; ErrorId = 'MsxInvalidTenantId'; Call = { param($Id) New-MsxUser -UserName "u$(Get-Random)" -FirstName f -LastName l -Email 'u@example.com' -Password (ConvertTo-SecureString 'Pa55word!Pa55word!' -AsPlainText -Force) -TenantId $Id -ErrorAction Stop } }
        @{ Command = 'New-MsxUser -RoleId'; ErrorId = 'MsxInvalidRoleId'; Call = { param($Id) New-MsxUser -UserName "u$(Get-Random)" -FirstName f -LastName l -Email 'u@example.com' -Password (ConvertTo-SecureString 'Pa55word!Pa55word!' -AsPlainText -Force) -RoleId $Id -ErrorAction Stop } }
    ) {
        foreach ($bad in '.', '..') {
            Clear-EmulatorRequests $emulator
            { & $Call $bad } | Should -Throw -ErrorId "$ErrorId,*"
            @(Get-EmulatorRequests $emulator) | Should -HaveCount 0
        }
    }
}
