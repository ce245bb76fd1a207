# First use, as an administrator meets it: finding the login, giving the server as a bare host, testing a
# login the ways the login takes it, a TLS check that agrees with -SkipCertificateCheck, messages that say a
# thing once and without .NET's "(Parameter 'x')", debug output without prompts, and session id completion.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $https = Start-MsxEmulator -Https

    function Get-ClosedPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $port
    }

    function Get-Occurrences([string] $Text, [string] $Part) {
        ([regex]::Matches($Text, [regex]::Escape($Part))).Count
    }

    function Get-LoginParameterSets([string] $Name) {
        # Each parameter set as "set: -Name(mandatory,position)" lines, comparable between cmdlets.
        $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
        foreach ($set in (Get-Command $Name).ParameterSets) {
            $parameters = @($set.Parameters | Where-Object Name -NotIn $common | Sort-Object Name | ForEach-Object { "-$($_.Name)($($_.IsMandatory),$($_.Position))" })
            "$($set.Name): $($parameters -join ' ')"
        }
    }

    $seedClient = [pscredential]::new($SeedClientId, $SeedClientSecret)
    $seedEnvironment = @{
        MSX_SERVER        = "$($emulator.Uri)"
        MSX_CLIENT_ID     = $SeedClientId
        MSX_CLIENT_SECRET = $SeedClientSecretText
        MSX_USERNAME      = 'superuser'
        MSX_PASSWORD      = $SeedPasswordText
    }

    function Use-Environment {
        # Runs a script block with the given process environment variables, then puts them back.
        param([hashtable] $Variables, [scriptblock] $Script)
        $saved = @{}
        foreach ($k in $Variables.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Variables[$k]) }
        try { & $Script } finally { foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) } }
    }
}

AfterAll {
    $emulator, $https | Stop-MsxEmulator
}

Describe 'Connect-MsxServer, the idiomatic login' {
    It 'is what Get-Command Connect-Msx* finds' {
        @(Get-Command Connect-Msx* -Module MsxModule).Name | Should -Be 'Connect-MsxServer'
    }

    It 'takes exactly the login parameter sets of Get-MsxAccessToken (not its -Session token set)' {
        $connect = @(Get-LoginParameterSets Connect-MsxServer)
        $login = @(Get-LoginParameterSets Get-MsxAccessToken | Where-Object { $_ -notlike 'Token:*' })
        $connect.Count | Should -Be 3
        $connect | Should -Be $login
        (Get-Command Connect-MsxServer).DefaultParameterSet | Should -Be (Get-Command Get-MsxAccessToken).DefaultParameterSet
        (Get-Command Connect-MsxServer).Parameters.Keys | Should -Not -Contain 'Session'
    }

    It 'makes the same session: the default one, usable by every cmdlet' {
        $session = Connect-MsxServer -Server $emulator.Uri -ClientCredential $seedClient -Credential $SeedCredential
        try {
            $session | Should -BeOfType 'MsxPowerShell.Session.MsxSession'
            (Get-MsxSession -Default).Id | Should -Be $session.Id
            $session.UserName | Should -Be 'superuser'
            @(Get-MsxTenant -First 1).Count | Should -Be 1
        }
        finally { Disconnect-MsxSession -Session $session }
    }

    It 'leaves the default alone with -NotDefault, and fails as the login does' {
        $before = Connect-MsxServer -Server $emulator.Uri -ClientCredential $seedClient -Credential $SeedCredential
        $session = Connect-MsxServer -Server $emulator.Uri -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $SeedCredential -NotDefault
        try { (Get-MsxSession -Default).Id | Should -Be $before.Id } finally { $session, $before | Disconnect-MsxSession }
        $bad = [pscredential]::new('superuser', (ConvertTo-SecureString 'Wrong-Pa55word' -AsPlainText -Force))
        { Connect-MsxServer -Server $emulator.Uri -ClientCredential $seedClient -Credential $bad -NotDefault -ErrorAction Stop } | Should -Throw -ErrorId 'MsxAuthenticationFailed,MsxPowerShell.Commands.ConnectMsxServerCommand'
    }
}

Describe 'The server given as a bare host, as Connect-VIServer takes it' {
    It 'takes host:port as https' {
        $hostAndPort = ([uri] $https.Uri).Authority
        $hostAndPort | Should -Match '^127\.0\.0\.1:\d+$'
        $session = Connect-MsxServer -Server $hostAndPort -ClientCredential $seedClient -Credential $SeedCredential -SkipCertificateCheck -NotDefault -WarningAction SilentlyContinue
        try { "$($session.Server)" | Should -Be "https://$hostAndPort/" } finally { Disconnect-MsxSession -Session $session }
    }

    It 'takes a bare host name as https (the request goes to https and that host)' {
        $err = $null
        try { Connect-MsxServer -Server 'msx-first-use.invalid' -ClientCredential $seedClient -Credential $SeedCredential -NotDefault -MaximumRetryCount 0 -TimeoutSec 10 -ErrorAction Stop }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Not -BeLike 'MsxInvalidServer*'
        "$err" | Should -BeLike '*https://msx-first-use.invalid/*'
    }

    It 'takes a bare host from MSX_SERVER too' {
        $hostAndPort = ([uri] $https.Uri).Authority
        $variables = $seedEnvironment.Clone(); $variables.MSX_SERVER = $hostAndPort
        $session = Use-Environment $variables { Connect-MsxServer -FromEnvironment -SkipCertificateCheck -NotDefault -WarningAction SilentlyContinue }
        try { "$($session.Server)" | Should -Be "https://$hostAndPort/" } finally { Disconnect-MsxSession -Session $session }
    }

    It 'refuses <Server> with MsxInvalidServer, a recommendation, and no "(Parameter" suffix' -ForEach @(
        @{ Server = 'ftp://msx.example.com' }, @{ Server = 'msx example com' }, @{ Server = 'https://msx.example.com/?x=1' }
    ) {
        foreach ($command in { Connect-MsxServer -Server $Server -ClientCredential $seedClient -Credential $SeedCredential -NotDefault -ErrorAction Stop },
            { Test-MsxConnection -Server $Server -ErrorAction Stop }) {
            $err = $null
            try { & $command } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'MsxInvalidServer,*'
            "$($err.Exception.Message) $($err.ErrorDetails.Message)" | Should -Not -Match '\(Parameter '
            $err.ErrorDetails.RecommendedAction | Should -Match 'msx\.example\.com'
        }
    }

    It 'names an empty user name without the "(Parameter" suffix' {
        $blank = [pscredential]::new(' ', (ConvertTo-SecureString 'x' -AsPlainText -Force))
        $err = $null
        try { Connect-MsxServer -Server $emulator.Uri -ClientCredential $seedClient -Credential $blank -NotDefault -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxInvalidCredential,*'
        $err.Exception.Message | Should -BeLike '*user name is empty*'
        $err.Exception.Message | Should -Not -Match '\(Parameter '
    }
}

Describe 'Test-MsxConnection tests a login the ways the login takes it' {
    It 'has the login''s -ClientCredential and -FromEnvironment parameter sets' {
        $sets = @(Get-LoginParameterSets Test-MsxConnection)
        ($sets | Where-Object { $_ -like 'ClientCredential:*' }) | Should -Match '-ClientCredential\(True,-?\d+\) -Credential\(True,-?\d+\) -Server\(True,0\)'
        ($sets | Where-Object { $_ -like 'Environment:*' }) | Should -Match '-FromEnvironment\(True,'
    }

    It 'with -ClientCredential logs in, and revokes the token it made' {
        Clear-EmulatorRequests $emulator
        $r = Test-MsxConnection -Server $emulator.Uri -ClientCredential $seedClient -Credential $SeedCredential
        $r.TokenValid | Should -BeTrue
        $r.Passed | Should -BeTrue
        @(Get-EmulatorRequests $emulator | Where-Object { $_.path -eq '/idm/v2/logout' }).Count | Should -Be 1
    }

    It 'with -FromEnvironment reads the MSX_* variables as the login does' {
        Clear-EmulatorRequests $emulator
        $r = Use-Environment $seedEnvironment { Test-MsxConnection -FromEnvironment }
        "$($r.Server)" | Should -Be "$($emulator.Uri)"
        $r.TokenValid | Should -BeTrue
        $r.Passed | Should -BeTrue
        @(Get-EmulatorRequests $emulator | Where-Object { $_.path -eq '/idm/v2/token' }).Count | Should -Be 1
    }

    It 'with -FromEnvironment and no MSX_PASSWORD stops with MsxEnvironmentVariableMissing and sends nothing' {
        Clear-EmulatorRequests $emulator
        $variables = $seedEnvironment.Clone(); $variables.MSX_PASSWORD = $null
        $err = Use-Environment $variables { try { Test-MsxConnection -FromEnvironment -ErrorAction Stop; $null } catch { $_ } }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxEnvironmentVariableMissing,*'
        $err.TargetObject | Should -Be 'MSX_PASSWORD'
        @(Get-EmulatorRequests $emulator).Count | Should -Be 0
    }

    It 'says who was refused and what to check when the login fails' {
        $bad = [pscredential]::new('superuser', (ConvertTo-SecureString 'Not-The-Pa55word' -AsPlainText -Force))
        $r = Test-MsxConnection -Server $emulator.Uri -ClientCredential $seedClient -Credential $bad
        $r.TokenValid | Should -BeFalse
        $r.Error | Should -BeLike "*user 'superuser'*Check the user name and password*"
        $r.Error | Should -Not -BeLike '*Not-The-Pa55word*'
    }
}

Describe 'The TLS check agrees with -SkipCertificateCheck' {
    It 'is Skipped, not failed, for a session made with -SkipCertificateCheck' {
        $session = Connect-MsxServer -Server $https.Uri -ClientCredential $seedClient -Credential $SeedCredential -SkipCertificateCheck -NotDefault -WarningAction SilentlyContinue
        try {
            $r = Test-MsxConnection -Session $session
            "$($r.TlsCheck)" | Should -Be 'Skipped'
            $r.TlsValid | Should -BeNullOrEmpty
            $r.TlsError | Should -BeLike '*-SkipCertificateCheck*not trusted*'
            $r.CertificateSubject | Should -BeLike '*localhost*'
            $r.TokenValid | Should -BeTrue
            $r.Passed | Should -BeTrue
        }
        finally { Disconnect-MsxSession -Session $session }
    }

    It 'is Skipped with -SkipCertificateCheck on Test-MsxConnection, and Failed without it' {
        $skipped = Test-MsxConnection -Server $https.Uri -SkipCertificateCheck
        "$($skipped.TlsCheck)" | Should -Be 'Skipped'
        $skipped.Passed | Should -BeTrue
        $checked = Test-MsxConnection -Server $https.Uri
        "$($checked.TlsCheck)" | Should -Be 'Failed'
        $checked.TlsValid | Should -BeFalse
        $checked.Passed | Should -BeFalse
    }

    It 'is NotRun over plain http' {
        "$((Test-MsxConnection -Server $emulator.Uri).TlsCheck)" | Should -Be 'NotRun'
    }
}

Describe 'A refused connection names its cause once' {
    It 'in the login error' {
        $port = Get-ClosedPort
        $err = $null
        try { Connect-MsxServer -Server "http://127.0.0.1:$port" -ClientCredential $seedClient -Credential $SeedCredential -NotDefault -MaximumRetryCount 0 -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MsxConnectionFailed,*'
        # The socket's own words (platform-dependent), found at the bottom of the exception chain.
        $cause = $err.Exception; while ($cause.InnerException) { $cause = $cause.InnerException }
        $socketText = $cause.Message.Trim().TrimEnd('.')
        $socketText | Should -Not -BeNullOrEmpty
        Get-Occurrences $err.Exception.Message $socketText | Should -Be 1 -Because "'$($err.Exception.Message)' should say '$socketText' once"
        $err.Exception.Message | Should -BeLike "*127.0.0.1:$port*"
    }

    It 'in the Error of Test-MsxConnection' {
        $port = Get-ClosedPort
        $r = Test-MsxConnection -Server "http://127.0.0.1:$port"
        $r.Reachable | Should -BeFalse
        $sentence = $r.Error.TrimEnd('.')
        # "Connection refused (127.0.0.1:port)" used to be followed by the socket's "Connection refused" again.
        $first = ($sentence -split ' \(')[0]
        Get-Occurrences $r.Error $first | Should -Be 1 -Because "'$($r.Error)' should name the cause once"
    }
}

Describe 'Seeing the requests without prompts' {
    It '-Debug alone writes the request detail and each status line to the debug stream, with no prompt, even under -NonInteractive' {
        # PowerShell 7 turns -Debug into Inquire for a compiled cmdlet's verbose stream: every verbose line would prompt.
        $result = Invoke-ChildPwsh -Script @"
Import-Module '$ModuleManifest'
`$c = [pscredential]::new('$SeedClientId', (ConvertTo-SecureString '$SeedClientSecretText' -AsPlainText -Force))
`$u = [pscredential]::new('superuser', (ConvertTo-SecureString '$($SeedPasswordText.Replace("'", "''"))' -AsPlainText -Force))
`$null = Connect-MsxServer -Server '$($emulator.Uri)' -ClientCredential `$c -Credential `$u
Get-MsxTenant -First 1 -Debug 5>&1 4>&1 | ForEach-Object {
    if (`$_ -is [System.Management.Automation.DebugRecord]) { "debug: `$(`$_.Message)" }
    elseif (`$_ -is [System.Management.Automation.VerboseRecord]) { "verbose: `$(`$_.Message)" }
    else { "tenant: `$(`$_.Name)" }
}
Get-MsxTenant -First 1 -Debug -Verbose 5>`$null 4>&1 | ForEach-Object { if (`$_ -is [System.Management.Automation.VerboseRecord]) { "both, verbose: `$(`$_.Message)" } }
"@
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        $text | Should -Not -Match 'NonInteractive'
        $text | Should -Match 'debug: GET http://\S+/idm/api/v8/tenants\S* Authorization: Bearer \*\*\*'
        $text | Should -Match 'debug: GET http://\S+/idm/api/v8/tenants\S* -> 200'
        $text | Should -Not -Match '(?m)^verbose: '
        $text | Should -Match 'tenant: \S'
        # Asked for both, each line keeps its own stream.
        $text | Should -Match 'both, verbose: GET http://\S+/idm/api/v8/tenants\S* -> 200'
    }

    It 'what the docs advise writes the redacted request detail in a non-interactive run' {
        $result = Invoke-ChildPwsh -Script @"
Import-Module '$ModuleManifest'
`$DebugPreference = 'Continue'
`$c = [pscredential]::new('$SeedClientId', (ConvertTo-SecureString '$SeedClientSecretText' -AsPlainText -Force))
`$u = [pscredential]::new('superuser', (ConvertTo-SecureString '$($SeedPasswordText.Replace("'", "''"))' -AsPlainText -Force))
`$null = Connect-MsxServer -Server '$($emulator.Uri)' -ClientCredential `$c -Credential `$u 5>`$null
Get-MsxTenant -First 1 5>&1 | ForEach-Object { if (`$_ -is [System.Management.Automation.DebugRecord]) { "debug: `$(`$_.Message)" } else { "tenant: `$(`$_.Name)" } }
"@
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        $text | Should -Not -Match 'NonInteractive'
        $text | Should -Match 'debug: GET http://\S+/idm/api/v8/tenants'
        $text | Should -Match 'tenant: \S'
        $text | Should -Not -Match ([regex]::Escape($SeedPasswordText))
    }
}

Describe 'Get-MsxSession -Id completion' {
    BeforeAll {
        $first = New-TestSession -Emulator $emulator
        $second = New-TestSession -Emulator $https -Options @{ SkipCertificateCheck = $true; WarningAction = 'SilentlyContinue' }
    }

    AfterAll {
        $first, $second | Disconnect-MsxSession
    }

    It 'offers the session ids, not file names, with the user and server in the tooltip' {
        $line = 'Get-MsxSession -Id '
        $completions = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches)
        @($completions.CompletionText | Sort-Object { [int] $_ }) | Should -Be @(Get-MsxSession | ForEach-Object { "$($_.Id)" })
        $completions | ForEach-Object { "$($_.ResultType)" | Should -Be 'ParameterValue' }
        $tip = @($completions | Where-Object CompletionText -EQ "$($second.Id)")[0].ToolTip
        $tip | Should -BeLike "*superuser*$($second.Server)*"
    }

    It 'completes from the digits typed' {
        $line = "Get-MsxSession -Id $($second.Id)"
        $texts = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
        $texts | Should -Contain "$($second.Id)"
        $texts | ForEach-Object { $_ | Should -BeLike "$($second.Id)*" }
    }
}
