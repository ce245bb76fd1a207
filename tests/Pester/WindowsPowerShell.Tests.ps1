using namespace System.Management.Automation.Language

# Windows PowerShell 5.1 cannot run here. What it would refuse or run differently in the scripts we ship
# (the module's manifest, format and help, examples/, checks/) is found by walking their syntax trees with
# this pwsh's parser; the binding of the module's assemblies is tested in xunit (WindowsPowerShellTests.cs).
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $moduleOut = Join-Path $root 'out/MsxModule'
    $scriptFiles = @(
        Get-ChildItem $moduleOut -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1'
        Get-ChildItem (Join-Path $root 'examples') -File -Filter '*.ps1'
        Get-ChildItem (Join-Path $root 'checks') -File -Include '*.ps1', '*.psd1' -Recurse
    ) | ForEach-Object { @{ Name = [IO.Path]::GetRelativePath($root, $_.FullName); Path = $_.FullName } }
    # The format file's script blocks and the help's examples are code too.
    $codeFiles = @(Get-ChildItem $moduleOut -Recurse -File -Include '*.ps1xml', '*.xml', '*.txt' |
            ForEach-Object { @{ Name = [IO.Path]::GetRelativePath($root, $_.FullName); Path = $_.FullName } })
    # XML says its own encoding; these do not.
    $plainTextFiles = @($scriptFiles; $codeFiles | Where-Object { $_.Path -like '*.txt' })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # Cmdlets that Windows PowerShell 5.1 does not have (Start-ThreadJob only with a module installed there).
    $script:SevenOnlyCommands = @(
        'Get-Error', 'Test-Json', 'Join-String', 'Remove-Alias', 'Remove-Service', 'Get-Uptime', 'Start-ThreadJob',
        'ConvertFrom-Markdown', 'Show-Markdown', 'Get-MarkdownOption', 'Set-MarkdownOption', 'Get-PSSubsystem',
        'Get-ExperimentalFeature', 'Enable-ExperimentalFeature', 'Disable-ExperimentalFeature'
    )
    # Parameters that PowerShell 6 or 7 added to cmdlets 5.1 has.
    $web = @(
        'SkipCertificateCheck', 'Authentication', 'Token', 'SslProtocol', 'StatusCodeVariable', 'ResponseHeadersVariable',
        'SkipHttpErrorCheck', 'MaximumRetryCount', 'RetryIntervalSec', 'Form', 'Resume', 'NoProxy', 'SkipHeaderValidation',
        'AllowUnencryptedAuthentication', 'FollowRelLink', 'MaximumFollowRelLink', 'CustomMethod', 'ConnectionTimeoutSeconds',
        'OperationTimeoutSeconds', 'HttpVersion', 'PreserveAuthorizationOnRedirect', 'PreserveHttpMethodOnRedirect',
        'AllowInsecureRedirect', 'UnixSocket'
    )
    $csv = @('UseQuotes', 'QuoteFields', 'IncludeTypeInformation')
    $script:SevenOnlyParameters = @{
        'ForEach-Object'             = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace')
        'ConvertFrom-Json'           = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
        'ConvertTo-Json'             = @('AsArray', 'EscapeHandling')
        'Invoke-RestMethod'          = $web
        'Invoke-WebRequest'          = $web
        'Get-Content'                = @('AsByteStream')
        'Set-Content'                = @('AsByteStream')
        'Add-Content'                = @('AsByteStream')
        'Select-Object'              = @('SkipIndex')
        'Select-String'              = @('Raw', 'NoEmphasis', 'Culture')
        'Split-Path'                 = @('Extension', 'LeafBase')
        'Join-Path'                  = @('AdditionalChildPath')
        'Get-Date'                   = @('AsUTC', 'UnixTimeSeconds')
        'Export-Csv'                 = $csv
        'ConvertTo-Csv'              = $csv
        'Sort-Object'                = @('Top', 'Bottom', 'Stable')
        'Start-Sleep'                = @('Duration')
        'Get-Credential'             = @('Title')
        'Read-Host'                  = @('MaskInput')
        'Get-Random'                 = @('Shuffle')
        'Get-ChildItem'              = @('FollowSymlink')
        'Import-PowerShellDataFile'  = @('SkipLimitCheck')
        'Start-Process'              = @('Environment')
        'Test-Connection'            = @('TargetName', 'TcpPort', 'Ping', 'Traceroute', 'MtuSize', 'Repeat')
    }
    # Encoding names that 5.1's -Encoding does not accept.
    $script:SevenOnlyEncodings = @('utf8NoBOM', 'utf8BOM', 'ansi')
    # Automatic variables that 5.1 does not set (under Set-StrictMode reading one is an error there).
    $script:SevenOnlyVariables = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSStyle', 'EnabledExperimentalFeatures')

    # The .NET types Windows PowerShell 5.1 sees: .NET Framework 4.7.2's reference assemblies, PowerShell 5.1's
    # (PowerShellStandard), and the module folder's own, from the packages the test project restored.
    $assets = Get-Content -Raw (Join-Path $RepoRoot 'tests/MsxModule.Tests/obj/project.assets.json') | ConvertFrom-Json -AsHashtable
    $packages = @($assets.packageFolders.Keys)[0]
    $netFx = Join-Path $packages 'microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2'
    $script:DesktopAssemblies = @(
        Get-ChildItem $netFx -Filter '*.dll'
        Get-ChildItem (Join-Path $packages 'powershellstandard.library/5.1.1/lib/netstandard2.0') -Filter '*.dll'
        Get-ChildItem (Split-Path $ModuleManifest) -Filter '*.dll'
    )
    $script:DesktopTypes = $null

    function Get-DesktopMember([string] $TypeName) {
        # The public member names of a type as Windows PowerShell 5.1 has it, or $null when it lacks the type.
        if ($null -eq $script:DesktopTypes) {
            # First only where each type is defined (reading every member of every type takes long).
            $script:DesktopTypes = @{}
            foreach ($file in $DesktopAssemblies) {
                $stream = [IO.File]::OpenRead($file.FullName)
                $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                try {
                    if (-not $pe.HasMetadata) { continue }
                    $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                    foreach ($handle in $md.TypeDefinitions) {
                        $type = $md.GetTypeDefinition($handle)
                        $outer = $type.GetDeclaringType()
                        $full = if ($outer.IsNil) { $md.GetString($type.Namespace) + '.' + $md.GetString($type.Name) }
                        else { $o = $md.GetTypeDefinition($outer); $md.GetString($o.Namespace) + '.' + $md.GetString($o.Name) + '+' + $md.GetString($type.Name) }
                        $files = $script:DesktopTypes[$full]
                        if ($null -eq $files) { $script:DesktopTypes[$full] = $files = [Collections.Generic.List[string]]::new() }
                        $files.Add($file.FullName)
                    }
                }
                finally { $pe.Dispose(); $stream.Dispose() }
            }
        }
        $where = $script:DesktopTypes[$TypeName]
        if ($null -eq $where) { return $null }
        if ($where -is [Collections.Generic.HashSet[string]]) { return , $where }

        $members = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        foreach ($path in $where) {
            $stream = [IO.File]::OpenRead($path)
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            try {
                $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                foreach ($handle in $md.TypeDefinitions) {
                    $type = $md.GetTypeDefinition($handle)
                    $outer = $type.GetDeclaringType()
                    $full = if ($outer.IsNil) { $md.GetString($type.Namespace) + '.' + $md.GetString($type.Name) }
                    else { $o = $md.GetTypeDefinition($outer); $md.GetString($o.Namespace) + '.' + $md.GetString($o.Name) + '+' + $md.GetString($type.Name) }
                    if ($full -ne $TypeName) { continue }
                    foreach ($m in $type.GetMethods()) {
                        $name = $md.GetString($md.GetMethodDefinition($m).Name)
                        $null = $members.Add(($name -replace '^(get_|set_|add_|remove_)', ''))
                        if ($name -eq '.ctor') { $null = $members.Add('new') }
                    }
                    foreach ($f in $type.GetFields()) { $null = $members.Add($md.GetString($md.GetFieldDefinition($f).Name)) }
                }
            }
            finally { $pe.Dispose(); $stream.Dispose() }
        }
        $script:DesktopTypes[$TypeName] = $members
        , $members
    }

    function Test-VersionGuarded([Ast] $Node) {
        # Inside an if whose condition looks at the version or edition: in its body, or later in the condition
        # itself (-and stops before a 7-only variable on 5.1).
        for ($child = $Node; $null -ne $child.Parent; $child = $child.Parent) {
            $parent = $child.Parent
            if ($parent -is [IfStatementAst]) {
                foreach ($clause in $parent.Clauses) {
                    $guard = [regex]::Match($clause.Item1.Extent.Text, '\$PSVersionTable|PSEdition')
                    if (-not $guard.Success) { continue }
                    if ([object]::ReferenceEquals($clause.Item2, $child)) { return $true }
                    if ([object]::ReferenceEquals($clause.Item1, $child) -and $Node.Extent.StartOffset -gt $clause.Item1.Extent.StartOffset + $guard.Index) { return $true }
                }
            }
        }
        $false
    }

    function Resolve-ParameterName($Command, [string] $Given) {
        # The full name of a (possibly abbreviated) parameter, from this pwsh's metadata of the cmdlet.
        if ($null -eq $Command) { return $Given }
        $exact = @($Command.Parameters.Values | Where-Object { $_.Name -eq $Given -or $_.Aliases -contains $Given })
        if ($exact.Count -eq 1) { return $exact[0].Name }
        $prefix = @($Command.Parameters.Values | Where-Object { $_.Name -like "$Given*" })
        if ($prefix.Count -eq 1) { return $prefix[0].Name }
        $Given
    }

    function Find-WindowsPowerShell51Problem {
        # One line per construct in the script text that Windows PowerShell 5.1 cannot parse or runs differently.
        # A script that says #Requires -Version 7 (or -PSEdition Core) may use anything but must still parse.
        param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Text)
        $tokens = $null; $errors = $null
        $ast = [Parser]::ParseInput($Text, [ref] $tokens, [ref] $errors)
        $found = [Collections.Generic.List[string]]::new()
        $at = { param($extent, $what) $found.Add("line $($extent.StartLineNumber): $what") }
        foreach ($e in $errors) { & $at $e.Extent "does not parse: $($e.Message)" }

        $requires = $ast.ScriptRequirements
        if ($null -ne $requires -and (($null -ne $requires.RequiredPSVersion -and $requires.RequiredPSVersion.Major -ge 6) -or $requires.RequiredPSEditions -contains 'Core')) {
            return , $found.ToArray()
        }

        foreach ($token in $tokens) {
            if ($token.Kind -in 'StringExpandable', 'HereStringExpandable' -and $token.Text -match '`u\{') { & $at $token.Extent 'the `u{} escape (PowerShell 6)' }
        }

        foreach ($node in $ast.FindAll({ $true }, $true)) {
            # Syntax 5.1's parser refuses: no guard helps, the whole file fails to parse there.
            if ($node -is [TernaryExpressionAst]) { & $at $node.Extent 'the ternary operator ?: (PowerShell 7)' }
            elseif ($node -is [PipelineChainAst]) { & $at $node.Extent "the pipeline chain operator $(if ($node.Operator -eq 'AndAnd') { '&&' } else { '||' }) (PowerShell 7)" }
            elseif ($node -is [BinaryExpressionAst] -and $node.Operator -eq 'QuestionQuestion') { & $at $node.Extent 'the ?? operator (PowerShell 7)' }
            elseif ($node -is [AssignmentStatementAst] -and $node.Operator -eq 'QuestionQuestionEquals') { & $at $node.Extent 'the ??= operator (PowerShell 7)' }
            elseif ($node -is [MemberExpressionAst] -and $node.NullConditional) { & $at $node.Extent 'the ?. operator (PowerShell 7.1)' }
            elseif ($node -is [IndexExpressionAst] -and $node.NullConditional) { & $at $node.Extent 'the ?[] operator (PowerShell 7.1)' }
            elseif ($node -is [ScriptBlockAst] -and $null -ne $node.CleanBlock) { & $at $node.CleanBlock.Extent 'a clean block (PowerShell 7.3)' }
            elseif ($node -is [PipelineAst] -and $node.Background) { & $at $node.Extent 'the background operator & (PowerShell 6)' }
            # Commands, parameters and variables 5.1 lacks: allowed inside a version guard.
            # [Type]::Member where .NET Framework 4.7.2 (or Windows PowerShell 5.1) lacks the type or the member.
            elseif ($node -is [MemberExpressionAst] -and $node.Static -and $node.Expression -is [TypeExpressionAst] -and $node.Member -is [StringConstantExpressionAst] -and -not (Test-VersionGuarded $node)) {
                $type = $node.Expression.TypeName.FullName -as [type]
                if ($null -eq $type) { continue }
                # The type that declares the member here (an inherited static member lives on a base type).
                if ($node.Member.Value -ne 'new') {
                    $declared = @($type.GetMember($node.Member.Value, [Reflection.BindingFlags]'Public, Static, FlattenHierarchy, IgnoreCase'))
                    if ($declared.Count -gt 0) { $type = $declared[0].DeclaringType }
                }
                if ($type.IsGenericType) { $type = $type.GetGenericTypeDefinition() }
                $members = Get-DesktopMember $type.FullName
                if ($null -eq $members) { & $at $node.Extent "[$($type.FullName)], which .NET Framework 4.7.2 does not have" }
                elseif (-not $members.Contains($node.Member.Value)) { & $at $node.Extent "[$($type.FullName)]::$($node.Member.Value), which .NET Framework 4.7.2 does not have" }
            }
            elseif ($node -is [VariableExpressionAst] -and $node.VariablePath.UserPath -in $SevenOnlyVariables -and -not (Test-VersionGuarded $node)) {
                & $at $node.Extent "`$$($node.VariablePath.UserPath), which Windows PowerShell 5.1 does not set"
            }
            elseif ($node -is [CommandAst] -and -not (Test-VersionGuarded $node)) {
                $name = $node.GetCommandName()
                if (-not $name) { continue }
                $alias = Get-Alias -Name $name -ErrorAction Ignore
                if ($alias) { $name = $alias.ResolvedCommandName }
                if ($name -in $SevenOnlyCommands) { & $at $node.Extent "$name, which Windows PowerShell 5.1 does not have"; continue }
                $command = Get-Command $name -CommandType Cmdlet -ErrorAction Ignore
                $elements = $node.CommandElements
                $parameters = @(for ($i = 1; $i -lt $elements.Count; $i++) {
                        if ($elements[$i] -is [CommandParameterAst]) {
                            $argument = if ($null -ne $elements[$i].Argument) { $elements[$i].Argument } elseif ($i + 1 -lt $elements.Count -and $elements[$i + 1] -isnot [CommandParameterAst]) { $elements[$i + 1] }
                            [pscustomobject]@{ Name = Resolve-ParameterName $command $elements[$i].ParameterName; Argument = $argument }
                        }
                    })
                $sevenOnly = $SevenOnlyParameters[$name]
                foreach ($p in $parameters) {
                    if ($sevenOnly -and $p.Name -in $sevenOnly) { & $at $node.Extent "$name -$($p.Name) (PowerShell 6 or 7)" }
                    if ($p.Name -eq 'Encoding' -and $p.Argument -is [StringConstantExpressionAst] -and $p.Argument.Value -in $SevenOnlyEncodings) {
                        & $at $node.Extent "-Encoding $($p.Argument.Value), which Windows PowerShell 5.1 does not know"
                    }
                }
                $names = @($parameters | ForEach-Object Name)
                if ($name -in 'Export-Csv', 'ConvertTo-Csv' -and -not ($names -contains 'NoTypeInformation' -or $names -contains 'IncludeTypeInformation')) {
                    & $at $node.Extent "$name without -NoTypeInformation writes a #TYPE line first on Windows PowerShell 5.1"
                }
            }
        }
        , $found.ToArray()
    }

    function Get-HelpCodeBlock([string] $Path) {
        # The code of a help file: MAML's <dev:code> blocks, or the indented blocks of an about_ topic.
        if ($Path -like '*.xml') {
            [xml] $maml = Get-Content -Raw -LiteralPath $Path
            $ns = [Xml.XmlNamespaceManager]::new($maml.NameTable)
            $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
            return @($maml.SelectNodes('//dev:code', $ns) | ForEach-Object InnerText)
        }
        if ($Path -like '*.ps1xml') {
            [xml] $format = Get-Content -Raw -LiteralPath $Path
            return @($format.SelectNodes('//ScriptBlock') | ForEach-Object InnerText)
        }
        # about_ topics: code is a paragraph indented 8 or more spaces that starts like code ($x, # comment, ./x, Verb-Noun).
        $blocks = [Collections.Generic.List[string]]::new()
        $text = (Get-Content -Raw -LiteralPath $Path) -replace "`r", ''
        foreach ($paragraph in $text -split "`n\s*`n") {
            $lines = @($paragraph -split "`n" | Where-Object { $_.Trim() })
            if ($lines.Count -gt 0 -and -not @($lines | Where-Object { $_ -notmatch '^ {8}' }) -and $lines[0].Trim() -match '^(\$|#|\./|&\s|\[|[A-Z][a-z]+-[A-Za-z]+)') {
                $blocks.Add(($lines -join "`n"))
            }
        }
        @($blocks)
    }
}

Describe 'The detector of 7-only constructs' {
    It 'finds each construct in a sample, and nothing in its 5.1 twin' {
        $sample = @'
$a = $x ? 1 : 2
$b = $x ?? 3
$c ??= 4
git fetch && git merge
$d = ${x}?.Length
$e = ${x}?[0]
function f { process { } clean { } }
Start-Sleep 1 &
"`u{2713}"
1..3 | ForEach-Object -Parallel { $_ }
1..3 | % -Pa { $_ }
'{}' | ConvertFrom-Json -AsHashtable
Invoke-RestMethod https://example.com -SkipCertificateCheck
Set-Content x.txt 'x' -Encoding utf8NoBOM
Get-Process | Export-Csv p.csv
if ($IsWindows) { }
Get-Error
[IO.Path]::GetRelativePath('a', 'b')
[System.Text.Json.JsonSerializer]::Serialize(1)
[Environment]::ProcessPath
'@
        $found = Find-WindowsPowerShell51Problem $sample
        $expected = @(
            'line 1: the ternary', 'line 2: the \?\? operator', 'line 3: the \?\?= operator', 'line 4: the pipeline chain operator &&',
            'line 5: the \?\. operator', 'line 6: the \?\[\] operator', 'line 7: a clean block', 'line 8: the background operator',
            'line 9: the `u', 'line 10: ForEach-Object -Parallel', 'line 11: ForEach-Object -Parallel', 'line 12: ConvertFrom-Json -AsHashtable',
            'line 13: Invoke-RestMethod -SkipCertificateCheck', 'line 14: -Encoding utf8NoBOM', 'line 15: Export-Csv without -NoTypeInformation',
            'line 16: \$IsWindows', 'line 17: Get-Error', 'line 18: \[System.IO.Path\]::GetRelativePath',
            'line 20: \[System.Environment\]::ProcessPath'
        )
        foreach ($pattern in $expected) { ($found -match "^$pattern") | Should -Not -BeNullOrEmpty -Because "'$pattern' should be found in:`n$($found -join "`n")" }
        $found | Should -HaveCount $expected.Count

        $twin = @'
$a = if ($x) { 1 } else { 2 }
$b = if ($null -ne $x) { $x } else { 3 }
git fetch; if ($?) { git merge }
if ($PSVersionTable.PSVersion.Major -ge 7) { 1..3 | ForEach-Object -Parallel { $_ } -ThrottleLimit 2 }
else { 1..3 | ForEach-Object { $_ } }
if ($PSVersionTable.PSEdition -eq 'Core' -and $IsWindows) { }
'{}' | ConvertFrom-Json
Set-Content x.txt 'x' -Encoding UTF8
Get-Process | Export-Csv p.csv -NoTypeInformation
[IO.Path]::GetFullPath('a'); [string]::IsNullOrWhiteSpace(''); [guid]::NewGuid(); [pscredential]::new('u', (New-Object securestring))
[System.Management.Automation.ErrorCategory]::InvalidData; [Collections.Generic.List[string]]::new(); [Console]::IsOutputRedirected
[System.Text.Json.JsonSerializer]::Serialize(1); [Text.UTF8Encoding]::UTF8
'@
        Find-WindowsPowerShell51Problem $twin | Should -BeNullOrEmpty
    }

    It 'lets a script that says #Requires -Version 7 use PowerShell 7' {
        Find-WindowsPowerShell51Problem "#Requires -Version 7.0`n`$a = `$x ?? 3`n1..3 | ForEach-Object -Parallel { `$_ }" | Should -BeNullOrEmpty
        Find-WindowsPowerShell51Problem "#Requires -Version 5.1`n`$a = `$x ?? 3" | Should -Not -BeNullOrEmpty
    }
}

Describe 'Windows PowerShell 5.1 reads what we ship' {
    It '<Name> parses and runs on Windows PowerShell 5.1, or says #Requires -Version 7' -ForEach $scriptFiles {
        $found = Find-WindowsPowerShell51Problem (Get-Content -Raw -LiteralPath $Path)
        $found | Should -BeNullOrEmpty -Because ($found -join '; ')
    }

    It 'the code in <Name> is Windows PowerShell 5.1 code, or says #Requires -Version 7' -ForEach $codeFiles {
        $blocks = @(Get-HelpCodeBlock $Path)
        if ($Path -notlike '*.ps1xml') { $blocks.Count | Should -BeGreaterThan 0 -Because 'a help file shows code' }
        $found = @(foreach ($block in $blocks) {
                foreach ($problem in (Find-WindowsPowerShell51Problem $block)) {
                    # The code of an about_ topic is found by its look; prose that looks like code may not parse.
                    if ($Path -like '*.txt' -and $problem -match ': does not parse: ') { continue }
                    "$problem in: $(($block -split "`n")[0].Trim())"
                }
            })
        $found | Should -BeNullOrEmpty -Because ($found -join '; ')
    }

    It '<Name> is ASCII or starts with a UTF-8 byte order mark (5.1 reads a file without one in the ANSI code page)' -ForEach $plainTextFiles {
        $bytes = [IO.File]::ReadAllBytes($Path)
        $hasBom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
        if (-not $hasBom) {
            $lines = @(Get-Content -LiteralPath $Path | Select-String -Pattern '[^\x00-\x7F]' | ForEach-Object LineNumber)
            $lines | Should -BeNullOrEmpty -Because "lines $($lines -join ', ') are not ASCII"
        }
    }
}

Describe 'On PowerShell 7 nothing loads from the module folder but the module' {
    BeforeAll {
        $emulator = Start-MsxEmulator
    }

    AfterAll {
        $emulator | Stop-MsxEmulator
    }

    It 'uses the runtime''s own System.Text.Json and its dependencies, and installs no resolver' {
        $folder = Split-Path $ModuleManifest
        $result = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
`$secret = ConvertTo-SecureString '$SeedClientSecretText' -AsPlainText -Force
`$credential = [pscredential]::new('superuser', (ConvertTo-SecureString '$($SeedPasswordText.Replace("'", "''"))' -AsPlainText -Force))
`$null = Get-MsxAccessToken -Server '$($emulator.Uri)' -ClientId '$SeedClientId' -ClientSecret `$secret -Credential `$credential
'tenants=' + @(Get-MsxTenant).Count
`$resolver = [MsxPowerShell.Loading.ModuleAssemblyResolver]
'installed=' + `$resolver.GetProperty('IsInstalled', [Reflection.BindingFlags]'NonPublic, Static').GetValue(`$null)
foreach (`$a in [AppDomain]::CurrentDomain.GetAssemblies()) {
    if (-not `$a.IsDynamic -and `$a.Location) { 'loaded=' + `$a.GetName().Name + '|' + `$a.Location }
}
"@
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        $text | Should -Match 'tenants=[1-9]'
        $text | Should -Match 'installed=False'
        $loaded = @($result.Output | Where-Object { $_ -like 'loaded=*' } | ForEach-Object { $name, $location = $_.Substring(7) -split '\|', 2; [pscustomobject]@{ Name = $name; Location = $location } })
        @($loaded | Where-Object Name -eq 'System.Text.Json') | Should -HaveCount 1
        ($loaded | Where-Object Name -eq 'System.Text.Json').Location | Should -Be ([System.Text.Json.JsonSerializer].Assembly.Location)
        @($loaded | Where-Object { (Split-Path $_.Location) -eq $folder }).Name | Should -Be @('MsxModule')
    }
}
