# Secrets never show, wherever they sit: in output objects and every view or serialization of them, in the
# Verbose and Debug streams, in errors and transcripts, JSON-escaped or not; and no help example, README
# block or example script puts a secret on the command line.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $emulator = Start-MsxEmulator -ArgumentList '--control'
    $session = New-TestSession -Emulator $emulator -Default
    $run = Get-Random

    function ConvertTo-JsonEscape {
        # The ways a server may write a text inside a JSON string: as System.Text.Json does, each character as
        # \uXXXX, and with only the escapes JSON requires.
        param([Parameter(Mandatory)] [string] $Text)
        $json = ConvertTo-Json $Text -Compress
        $minimal = $json.Substring(1, $json.Length - 2)
        $every = -join ($Text.ToCharArray() | ForEach-Object { '\u{0:x4}' -f [int] $_ })
        $strict = [System.Text.Json.JsonEncodedText]::Encode($Text).ToString()
        @($minimal, $every, $strict) | Select-Object -Unique
    }

    function Assert-NoSecret {
        # The text holds none of the secrets, plain or in any JSON-escaped form.
        param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Text, [Parameter(Mandatory)] [string[]] $Secret, [string] $Because)
        foreach ($s in $Secret) {
            $Text.Contains($s) | Should -BeFalse -Because "$Because must not show the secret"
            foreach ($escaped in ConvertTo-JsonEscape $s) {
                $Text.Contains($escaped) | Should -BeFalse -Because "$Because must not show the secret JSON-escaped ($escaped)"
            }
        }
    }

    function Get-TranscriptText {
        # What a script block shows on the host, errors included, recorded by Start-Transcript; its errors go to
        # the list given (the script block's -ErrorVariable cannot reach the caller's scope).
        param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [Parameter(Mandatory)] [AllowEmptyCollection()] [System.Collections.ArrayList] $Errors)
        $file = Join-Path $TestDrive "transcript-$(Get-Random).txt"
        $null = Start-Transcript -LiteralPath $file
        try {
            & $ScriptBlock 2>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) { $null = $Errors.Add($_) }
                $_
            } | Out-Host
        }
        finally { $null = Stop-Transcript }
        Get-Content -LiteralPath $file -Raw
    }
}

AfterAll {
    $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method DELETE
    $emulator | Stop-MsxEmulator
}

Describe 'A target with a SecureString property and a nested connection.password' {
    BeforeAll {
        # Quotes, backslashes and non-ASCII: every JSON escape a server may use.
        $community = "Co`"mm\un!ty-$run-$([char]0xE9)"
        $nested = "Nested\`"pw-$run"
        $plainSecrets = @($community, $nested)
        $property = @{
            host       = '10.0.0.9'
            community  = ConvertTo-SecureString $community -AsPlainText -Force
            connection = @{ user = 'admin'; password = $nested; options = @(@{ port = 22 }) }
        }
        $streams = & {
            New-MsxWorkflowTarget -Name "trust-$run" -Type ssh.endpoint -UniqueName "trust-$run" -Property $property -Verbose -Debug
        } *>&1
        $target = @($streams | Where-Object { $_ -is [MsxPowerShell.Client.Models.MsxWorkflowTarget] })[0]
        $streamText = ($streams | Out-String) + (($streams | Where-Object { $_ -isnot [MsxPowerShell.Client.Models.MsxWorkflowTarget] } | ForEach-Object { "$_" }) -join "`n")
    }

    It 'sent both secrets to the server as text (the raw answer of Invoke-MsxRestMethod shows them)' {
        $raw = Invoke-MsxRestMethod -Path "/workflow/api/v8/targets/$($target.Id)"
        $raw.properties.community | Should -BeExactly $community
        $raw.properties.connection.password | Should -BeExactly $nested
    }

    It 'masks the SecureString value and the nested password in the output object' {
        $target.Properties['community'] | Should -Be '***'
        $target.Properties['connection']['password'] | Should -Be '***'
        $target.Properties['connection']['user'] | Should -Be 'admin'
        $target.Properties['host'] | Should -Be '10.0.0.9'
    }

    It 'shows neither in Format-List *, Format-Table, ToString or PropertiesText' {
        $text = @(
            $target | Format-List * | Out-String
            $target | Format-Table * | Out-String
            "$target"
            $target.PropertiesText
            $target.Properties | Format-List * | Out-String
        ) -join "`n"
        $text | Should -Match ([regex]::Escape('***'))
        Assert-NoSecret $text $plainSecrets -Because 'the views'
    }

    It 'shows neither in ConvertTo-Json -Depth 10, nor in an Export-Clixml file' {
        $json = $target | ConvertTo-Json -Depth 10
        $json | Should -Match 'connection'
        Assert-NoSecret $json $plainSecrets -Because 'ConvertTo-Json'

        $file = Join-Path $TestDrive 'target.xml'
        $target | Export-Clixml -LiteralPath $file -Depth 10
        $xml = Get-Content -LiteralPath $file -Raw
        $xml | Should -Match 'community'
        Assert-NoSecret $xml $plainSecrets -Because 'Export-Clixml'
        $back = Import-Clixml -LiteralPath $file
        $back.Properties.community | Should -Be '***'
    }

    It 'shows neither in the -Verbose and -Debug streams of the create' {
        $streamText | Should -Match 'POST'
        Assert-NoSecret $streamText $plainSecrets -Because 'Verbose and Debug'
    }

    It 'shows neither when read again with Get-MsxWorkflowTarget -Verbose -Debug, through every view' {
        $all = & {
            $read = Get-MsxWorkflowTarget -Id $target.Id -Verbose -Debug
            $read | Format-List * | Out-String
            $read | ConvertTo-Json -Depth 10
            $read.Properties['community']
        } *>&1 | Out-String
        $all | Should -Match ([regex]::Escape('***'))
        Assert-NoSecret $all $plainSecrets -Because 'a target read again'
    }

    It 'shows neither in the error of a create that the server refuses (409), nor in its transcript' {
        $conflict = [System.Collections.ArrayList]::new()
        $transcript = Get-TranscriptText -Errors $conflict {
            New-MsxWorkflowTarget -Name "trust-$run" -UniqueName "trust-$run" -Property $property -Verbose -Debug -ErrorAction Continue
        }
        $conflict | Should -HaveCount 1
        $conflict[0].FullyQualifiedErrorId | Should -BeLike 'MsxWorkflowTargetExists,*'
        $record = ($conflict[0] | Format-List * -Force | Out-String) + $conflict[0].Exception.Message + "$($conflict[0].ErrorDetails)"
        Assert-NoSecret $record $plainSecrets -Because 'the error record'
        Assert-NoSecret $transcript $plainSecrets -Because 'the transcript'
    }
}

Describe 'A server error that echoes a password with JSON escapes' {
    BeforeAll {
        $password = "Pw`"\$run\/$([char]0xFC)!"
        $secure = ConvertTo-SecureString $password -AsPlainText -Force
    }

    It 'never shows it in the message, ErrorDetails, the exception''s fields or a transcript, in <Form> form' -ForEach @(
        @{ Form = 'System.Text.Json' }
        @{ Form = 'every character as \uXXXX' }
        @{ Form = 'minimal' }
    ) {
        $escaped = switch ($Form) {
            'System.Text.Json' { [System.Text.Json.JsonEncodedText]::Encode($password).ToString() }
            'every character as \uXXXX' { -join ($password.ToCharArray() | ForEach-Object { '\u{0:X4}' -f [int] $_ }) }
            'minimal' { $password.Replace('\', '\\').Replace('"', '\"') }
        }
        $body = '{"code":"BAD_REQUEST","message":"connection.password ' + $escaped + ' was refused","detail":{"echo":"' + $escaped + '"}}'
        $null = Invoke-MsxEmulatorControl -Emulator $emulator -Path '_emulator/faults' -Method POST -Body @{
            method = 'POST'; path = '/workflow/api/v8/targets'; status = 400; count = 1; body = $body; contentType = 'application/json'
        }
        $refused = [System.Collections.ArrayList]::new()
        $transcript = Get-TranscriptText -Errors $refused {
            New-MsxWorkflowTarget -Name "echo-$run" -Type ssh.endpoint -Property @{ connection = @{ password = $secure } } -Verbose -Debug -ErrorAction Continue
        }

        $refused | Should -HaveCount 1
        $record = $refused[0]
        $record.Exception.Message | Should -Match 'was refused'
        $record.Exception.Message | Should -Match ([regex]::Escape('***'))
        $texts = @(
            $record.Exception.Message
            $record.ErrorDetails.Message
            $record.ErrorDetails.RecommendedAction
            $record.Exception.ServerMessage
            $record.Exception.ResponseBody
            "$($record.TargetObject)"
            $record | Format-List * -Force | Out-String
            $record.Exception | Format-List * -Force | Out-String
        ) -join "`n"
        Assert-NoSecret $texts $password -Because 'the error record'
        $transcript | Should -Match 'was refused'
        Assert-NoSecret $transcript $password -Because 'the transcript'
    }
}

Describe 'Workflow variables of datatype.secure_string' {
    BeforeAll {
        $default = "WfDefault-$run-secret"
        $given = "WfGiven`"$run\secret"
        $file = Join-Path $TestDrive 'secret-workflow.json'
        @{
            workflow = @{
                unique_name = "secret-wf-$run"
                name        = 'Secret inputs'
                properties  = @{ emulator = @{ start_delay_ms = 0 } }
                variables   = @(
                    @{ unique_name = 'db_pass'; properties = @{ name = 'db_pass'; scope = 'input'; type = 'datatype.secure_string'; value = $default } }
                    @{ unique_name = 'login'; properties = @{ name = 'login'; scope = 'input'; type = 'datatype.secure_string'; value = '' } }
                    @{ unique_name = 'settings'; properties = @{ name = 'settings'; scope = 'input'; type = 'datatype.object'; value = @{ host = 'db'; admin_password = $default } } }
                    @{ unique_name = 'echo'; properties = @{ name = 'echo'; scope = 'output'; type = 'datatype.string'; value = 'login was {login}' } }
                    @{ unique_name = 'copy'; properties = @{ name = 'copy'; scope = 'output'; type = 'datatype.string'; value = '{login}' } }
                )
                actions     = @(@{ name = 'Quick'; properties = @{ emulator = @{ duration_ms = 0 } } })
            }
        } | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
        $imported = Import-MsxWorkflow -Path $file
    }

    It 'shows the default of a secure_string variable and a nested admin_password as *** in every view' {
        $workflow = Get-MsxWorkflow -Id $imported.Id
        $values = @{}
        $workflow.Variables | ForEach-Object { $values[$_.Name] = $_.Value }
        $values['db_pass'] | Should -Be '***'
        $values['settings']['admin_password'] | Should -Be '***'
        $values['settings']['host'] | Should -Be 'db'
        $text = @(
            $workflow | Format-List * | Out-String
            $workflow.Variables | Format-List * | Out-String
            $workflow | ConvertTo-Json -Depth 10
        ) -join "`n"
        Assert-NoSecret $text $default -Because 'the workflow'
    }

    It 'masks a SecureString input in the instance, and the output that copies it' {
        $secure = ConvertTo-SecureString $given -AsPlainText -Force
        $all = & {
            $instance = Start-MsxWorkflow -Id $imported.Id -Input @{ login = $secure } -Wait -TimeoutSec 120 -Verbose -Debug
            $instance.Inputs['login'] | Should -Be '***'
            $instance.Outputs['copy'] | Should -Be '***'
            $instance | Format-List * | Out-String
            $instance | ConvertTo-Json -Depth 10
            $instance.Variables | Format-List * | Out-String
            (Get-MsxWorkflowInstance -Id $instance.Id) | ConvertTo-Json -Depth 10
        } *>&1 | Out-String
        $all | Should -Match ([regex]::Escape('***'))
        Assert-NoSecret $all $given -Because 'the instance'
    }
}

Describe 'No secret on the command line in help examples, the README and the example scripts' {
    BeforeDiscovery {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $blocks = [System.Collections.Generic.List[hashtable]]::new()
        foreach ($name in (Get-Command -Module MsxModule -CommandType Cmdlet).Name) {
            $number = 0
            foreach ($example in @((Get-Help $name -Examples).examples.example)) {
                $number++
                $blocks.Add(@{ Where = "help of $name, example $number"; Code = "$($example.code)" })
            }
        }
        $readme = Get-Content -LiteralPath (Join-Path $RepoRoot 'README.md') -Raw
        $number = 0
        foreach ($match in [regex]::Matches($readme, '(?ms)^```(?:powershell|ps1|pwsh)?\s*$(.*?)^```')) {
            $number++
            $blocks.Add(@{ Where = "README code block $number"; Code = $match.Groups[1].Value })
        }
        foreach ($file in Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'examples') -Filter *.ps1) {
            $blocks.Add(@{ Where = "examples/$($file.Name)"; Code = Get-Content -LiteralPath $file.FullName -Raw })
        }
    }

    BeforeAll {
        # A literal secret: ConvertTo-SecureString 'text' -AsPlainText, a secret parameter or a secret-named key or
        # variable given a quoted literal, a credential made from a literal password.
        $patterns = @(
            'ConvertTo-SecureString\s+(-String\s+)?[''"][^''"]*[''"][^\r\n|;]*-AsPlainText'
            'ConvertTo-SecureString[^\r\n|;]*-AsPlainText[^\r\n|;]*-String\s+[''"]'
            '-(Password|NewPassword|OldPassword|ClientSecret|Secret|Token|AccessToken)\s+[''"]'
            '(?<![\w$-])\w*(password|passwd|secret|token|passphrase|api_?key)\w*\s*=\s*[''"][^''"]+[''"]'
            '\$\w*(password|passwd|secret|token|passphrase)\w*\s*=\s*[''"][^''"]+[''"]'
            '\[pscredential\]::new\([^)]*,\s*[''"]'
        )
    }

    It 'finds code to check' -ForEach @(@{ Count = $blocks.Count }) {
        $Count | Should -BeGreaterThan 40
    }

    It '<Where> puts no secret on the command line' -ForEach $blocks {
        foreach ($pattern in $patterns) {
            $Code | Should -Not -Match $pattern -Because "$Where must take secrets from Read-Host -AsSecureString, Get-Credential, a secret store or the environment"
        }
    }

    It 'the check itself catches a literal secret' {
        $bad = @(
            "`$s = ConvertTo-SecureString 'hunter22' -AsPlainText -Force"
            "New-MsxUser -Name u -Password 'hunter22'"
            "New-MsxWorkflowTarget -Name t -Property @{ api_key = 'hunter22' }"
            "`$password = 'hunter22'"
        )
        foreach ($line in $bad) {
            @($patterns | Where-Object { $line -match $_ }).Count | Should -BeGreaterThan 0 -Because "'$line' has a literal secret"
        }
    }
}
