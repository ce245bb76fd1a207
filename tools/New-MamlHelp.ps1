<#
.SYNOPSIS
Generates the module's MAML help (src/MsxModule/en-US/MsxModule.dll-Help.xml) from docs/help/*.md.
.DESCRIPTION
The markdown files give the words (synopsis, description, parameter descriptions, examples, inputs,
outputs, notes, links); the built module gives the facts (parameter sets, types, positions, whether a
parameter is mandatory, pipeline input, aliases, wildcards), read with Get-Command, so the syntax in the
help can never drift from the code.

The script stops with an error, and writes nothing, when:
  - an exported cmdlet has no markdown file, or a markdown file names no exported cmdlet;
  - a markdown file lacks a section (SYNOPSIS, DESCRIPTION, PARAMETERS, EXAMPLES, OUTPUTS) or has fewer
    than two examples, or an example without code;
  - a markdown file lacks a parameter the cmdlet has, or describes one the cmdlet does not have;
  - OUTPUTS does not name every type in the cmdlet's OutputType attributes.

Markdown layout (one file per cmdlet, docs/help/<Cmdlet-Name>.md):

  # Verb-Noun
  ## SYNOPSIS            one paragraph
  ## DESCRIPTION         paragraphs (blank-line separated)
  ## PARAMETERS          ### -Name  + paragraphs; an optional last line "Default value: X"
  ## INPUTS              ### Type.Name + paragraph (### None when the cmdlet takes no pipeline input)
  ## OUTPUTS             ### Type.Name + paragraph (### None for no output)
  ## EXAMPLES            ### Example N: title + a ```powershell block + paragraphs
  ## NOTES               paragraphs (optional)
  ## RELATED LINKS       "- [text](uri)" or "- Cmdlet-Name" lines

Run after a Build:  dotnet pwsh ./tools/New-MamlHelp.ps1
.EXAMPLE
dotnet pwsh ./build.ps1 Build; dotnet pwsh ./tools/New-MamlHelp.ps1
#>
[CmdletBinding()]
param(
    # The built module's manifest.
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../out/MsxModule/MsxModule.psd1'),

    # The folder of markdown help sources.
    [string] $SourcePath = (Join-Path $PSScriptRoot '../docs/help'),

    # The MAML file to write.
    [string] $OutputPath = (Join-Path $PSScriptRoot '../src/MsxModule/en-US/MsxModule.dll-Help.xml'),

    # Only validate the markdown against the module; write nothing.
    [switch] $Check
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$CommonParameters = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @('UseTransaction')
$RequiredSections = 'SYNOPSIS', 'DESCRIPTION', 'PARAMETERS', 'EXAMPLES', 'OUTPUTS'
$KnownSections = $RequiredSections + 'INPUTS', 'NOTES', 'RELATED LINKS'

# ---------------------------------------------------------------- markdown

function Split-Paragraph {
    # Text into paragraphs: blank lines separate them; lines inside one paragraph are joined with a space,
    # except list items ("- ", "* ", "1. ") and indented lines, which keep their own line.
    param([string[]] $Lines)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $flush = {
        if ($current.Count -gt 0) { $paragraphs.Add(($current -join "`n")); $current.Clear() }
    }
    foreach ($line in $Lines) {
        if ($line.Trim() -eq '') { & $flush; continue }
        if ($current.Count -gt 0 -and $line -notmatch '^\s*([-*]|\d+\.)\s' -and $line -notmatch '^\s{2,}') {
            $current[$current.Count - 1] = $current[$current.Count - 1] + ' ' + $line.Trim()
        }
        else {
            $current.Add($line.TrimEnd())
        }
    }
    & $flush
    , $paragraphs.ToArray()
}

function Read-HelpMarkdown {
    param([Parameter(Mandatory)] [string] $Path)
    $file = Split-Path -Leaf $Path
    $lines = @(Get-Content -LiteralPath $Path -Encoding utf8)
    $doc = [ordered]@{
        Path = $Path; Name = $null; Sections = @{}; Parameters = [ordered]@{}; Examples = @()
        Inputs = @(); Outputs = @(); Links = @()
    }
    $section = $null; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new()
    $subs = [System.Collections.Generic.List[object]]::new()
    $inCode = $false
    $commit = {
        if ($null -eq $section) { return }
        if ($null -ne $sub) { $subs.Add([pscustomobject]@{ Section = $section; Title = $sub; Lines = $buffer.ToArray() }) }
        else { $doc.Sections[$section] = $buffer.ToArray() }
        $buffer.Clear()
    }
    foreach ($line in $lines) {
        if ($line -match '^```') { $inCode = -not $inCode; $buffer.Add($line); continue }
        if ($inCode) { $buffer.Add($line); continue }
        if ($line -match '^# (\S.*)$') {
            if ($null -ne $doc.Name) { throw "${file}: more than one '# ' title." }
            $doc.Name = $Matches[1].Trim(); continue
        }
        if ($line -match '^## (\S.*)$') {
            & $commit
            $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null
            if ($section -notin $KnownSections) { throw "${file}: unknown section '## $section' (known: $($KnownSections -join ', '))." }
            if ($doc.Sections.Contains($section)) { throw "${file}: section '## $section' appears twice." }
            $doc.Sections[$section] = @()
            continue
        }
        if ($line -match '^### (\S.*)$') {
            if ($null -eq $section) { throw "${file}: '### $($Matches[1])' before any '## ' section." }
            & $commit
            $sub = $Matches[1].Trim()
            continue
        }
        if ($null -eq $section) {
            if ($line.Trim() -ne '') { throw "${file}: text before the first '## ' section: '$line'." }
            continue
        }
        $buffer.Add($line)
    }
    if ($inCode) { throw "${file}: a code block is not closed." }
    & $commit

    foreach ($s in $subs) {
        switch ($s.Section) {
            'PARAMETERS' {
                if ($s.Title -notmatch '^-(\w+)$') { throw "${file}: parameter heading '### $($s.Title)' must be '### -Name'." }
                $pname = $Matches[1]
                if ($doc.Parameters.Contains($pname)) { throw "${file}: parameter -$pname is described twice." }
                $text = @($s.Lines)
                $default = $null
                $last = @($text | Where-Object { $_.Trim() -ne '' } | Select-Object -Last 1)
                if ($last.Count -and $last[0] -match '^Default value:\s*(.+)$') {
                    $default = $Matches[1].Trim()
                    $text = @($text | Where-Object { $_ -ne $last[0] })
                }
                $doc.Parameters[$pname] = [pscustomobject]@{ Name = $pname; Paragraphs = (Split-Paragraph $text); Default = $default }
            }
            'EXAMPLES' {
                $code = [System.Collections.Generic.List[string]]::new()
                $rest = [System.Collections.Generic.List[string]]::new()
                $state = 'before'
                foreach ($l in $s.Lines) {
                    if ($state -eq 'before' -and $l -match '^```') { $state = 'code'; continue }
                    if ($state -eq 'code' -and $l -match '^```') { $state = 'after'; continue }
                    if ($state -eq 'code') { $code.Add($l) }
                    elseif ($state -eq 'after') { $rest.Add($l) }
                    elseif ($l.Trim() -ne '') { throw "${file}: example '$($s.Title)' has text before its code block." }
                }
                if ($state -ne 'after' -or ($code -join '').Trim() -eq '') { throw "${file}: example '$($s.Title)' has no code block." }
                if ($rest -match '^```') { throw "${file}: example '$($s.Title)' has more than one code block." }
                $doc.Examples += [pscustomobject]@{ Title = $s.Title; Code = ($code -join "`n").Trim("`n"); Paragraphs = (Split-Paragraph $rest) }
            }
            { $_ -in 'INPUTS', 'OUTPUTS' } {
                $entry = [pscustomobject]@{ Type = $s.Title; Paragraphs = (Split-Paragraph $s.Lines) }
                if ($s.Section -eq 'INPUTS') { $doc.Inputs += $entry } else { $doc.Outputs += $entry }
            }
            default { throw "${file}: '### $($s.Title)' is not allowed in '## $($s.Section)'." }
        }
    }

    foreach ($l in @($doc.Sections['RELATED LINKS'] | Where-Object { $_ -and $_.Trim() -ne '' })) {
        if ($l -match '^\s*[-*]\s+\[([^\]]+)\]\(([^)]*)\)\s*$') { $doc.Links += [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] } }
        elseif ($l -match '^\s*[-*]\s+(\S.*)$') { $doc.Links += [pscustomobject]@{ Text = $Matches[1].Trim(); Uri = '' } }
        else { throw "${file}: related link '$l' must be '- [text](uri)' or '- Name'." }
    }
    [pscustomobject]$doc
}

# ---------------------------------------------------------------- metadata

function Get-FriendlyTypeName {
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    if ($Type.IsArray) { return (Get-FriendlyTypeName $Type.GetElementType()) + '[]' }
    $Type.Name
}

function Get-ParameterFacts {
    # What Get-Command knows about one parameter, merged over the parameter sets it is in.
    param([System.Management.Automation.CommandInfo] $Command, [string] $Name)
    $meta = $Command.Parameters[$Name]
    $inSets = @(foreach ($set in $Command.ParameterSets) { $set.Parameters | Where-Object Name -EQ $Name })
    $byValue = @($inSets | Where-Object ValueFromPipeline).Count -gt 0
    $byName = @($inSets | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
    $pipeline = if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
    $positions = @($inSets | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Sort-Object -Unique)
    [pscustomobject]@{
        Name          = $Name
        TypeName      = Get-FriendlyTypeName $meta.ParameterType
        IsSwitch      = $meta.SwitchParameter
        # New-* cmdlets mark the values a CSV row must have [RequiredValue] instead of Mandatory (see MsxCreateCmdlet).
        Required      = ($inSets.Count -gt 0 -and @($inSets | Where-Object { -not $_.IsMandatory }).Count -eq 0) -or
                        @($meta.Attributes | Where-Object { $_.GetType().Name -eq 'RequiredValueAttribute' }).Count -gt 0
        Position      = if ($positions.Count -eq 1) { [string]$positions[0] } else { 'named' }
        Pipeline      = $pipeline
        Aliases       = @($meta.Aliases)
        Globbing      = @($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
        VariableLength = $meta.ParameterType.IsArray
        Sets          = @($Command.ParameterSets | Where-Object { $_.Parameters.Name -contains $Name } | ForEach-Object Name)
    }
}

function Get-DocumentedParameterNames {
    # Every parameter a help file must describe: all but the common parameters (WhatIf, Confirm, and the
    # paging parameters of SupportsPaging cmdlets are included) and the hidden ones (DontShow: -Server, which
    # only the pipeline binds, from the Server property of the module's objects; about_MsxModule describes it).
    param([System.Management.Automation.CommandInfo] $Command)
    @($Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters -and -not (Test-HiddenParameter $Command.Parameters[$_]) })
}

function Test-HiddenParameter {
    param([System.Management.Automation.ParameterMetadata] $Parameter)
    @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }).Count -gt 0
}

function Test-HelpSource {
    param($Doc, [System.Management.Automation.CommandInfo] $Command)
    $file = Split-Path -Leaf $Doc.Path
    $problems = [System.Collections.Generic.List[string]]::new()
    if ($Doc.Name -ne $Command.Name) { $problems.Add("${file}: the title is '# $($Doc.Name)', expected '# $($Command.Name)'.") }
    foreach ($s in $RequiredSections) {
        if (-not $Doc.Sections.Contains($s)) { $problems.Add("${file}: section '## $s' is missing.") }
    }
    foreach ($s in 'SYNOPSIS', 'DESCRIPTION') {
        if ($Doc.Sections.Contains($s) -and (($Doc.Sections[$s] -join '').Trim() -eq '')) { $problems.Add("${file}: section '## $s' is empty.") }
    }
    $expected = Get-DocumentedParameterNames $Command
    foreach ($p in $expected) {
        if (-not $Doc.Parameters.Contains($p)) { $problems.Add("${file}: parameter -$p of $($Command.Name) is not described (add '### -$p' under '## PARAMETERS').") }
        elseif (@($Doc.Parameters[$p].Paragraphs).Count -eq 0) { $problems.Add("${file}: parameter -$p has an empty description.") }
    }
    foreach ($p in $Doc.Parameters.Keys) {
        if ($p -notin $expected) {
            # The exact name matters: Get-Help matches parameter help by name.
            $problems.Add("${file}: describes -$p, which $($Command.Name) does not have (its parameters: $($expected -join ', ')).")
        }
        elseif ($p -cne ($expected | Where-Object { $_ -eq $p })) {
            $problems.Add("${file}: -$p is spelt '$(($expected | Where-Object { $_ -eq $p }))' on the cmdlet.")
        }
    }
    if (@($Doc.Examples).Count -lt 2) { $problems.Add("${file}: has $(@($Doc.Examples).Count) example(s); at least two are required.") }
    $declared = @($Command.OutputType | ForEach-Object { if ($_.Type -eq [void]) { 'None' } else { $_.Name } } | Sort-Object -Unique)
    $documented = @($Doc.Outputs | ForEach-Object Type)
    foreach ($t in $declared) {
        if ($t -notin $documented) { $problems.Add("${file}: OUTPUTS does not name '$t', which the cmdlet declares in [OutputType] (add '### $t').") }
    }
    foreach ($t in $documented) {
        if ($t -notin $declared) { $problems.Add("${file}: OUTPUTS names '$t', which the cmdlet does not declare (declared: $($declared -join ', ')).") }
    }
    $problems
}

# ---------------------------------------------------------------- MAML

$NsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$NsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$NsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'

function Write-Paras {
    param([System.Xml.XmlWriter] $W, [string[]] $Paragraphs)
    foreach ($p in @($Paragraphs)) { $W.WriteElementString('para', $NsMaml, $p) }
}

function Write-Description {
    param([System.Xml.XmlWriter] $W, [string[]] $Paragraphs)
    $W.WriteStartElement('maml', 'description', $NsMaml)
    Write-Paras $W $Paragraphs
    $W.WriteEndElement()
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $W, $Facts, $Doc, [bool] $Required, [string] $Position, [bool] $InSyntax)
    $W.WriteStartElement('command', 'parameter', $NsCommand)
    $W.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', $Facts.VariableLength.ToString().ToLowerInvariant())
    $W.WriteAttributeString('globbing', $Facts.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Facts.Pipeline)
    $W.WriteAttributeString('position', $Position)
    $W.WriteAttributeString('aliases', $(if ($Facts.Aliases.Count) { $Facts.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('name', $NsMaml, $Facts.Name)
    Write-Description $W $Doc.Paragraphs
    if (-not ($InSyntax -and $Facts.IsSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $NsCommand)
        $W.WriteAttributeString('required', $(if ($Facts.IsSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', $Facts.VariableLength.ToString().ToLowerInvariant())
        $W.WriteString($Facts.TypeName)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $NsDev)
    $W.WriteElementString('name', $NsMaml, $Facts.TypeName)
    $W.WriteElementString('uri', $NsMaml, '')
    $W.WriteEndElement()
    $default = if ($Doc.Default) { $Doc.Default } elseif ($Facts.IsSwitch) { 'False' } else { 'None' }
    $W.WriteElementString('defaultValue', $NsDev, $default)
    $W.WriteEndElement()
}

function Write-TypeList {
    param([System.Xml.XmlWriter] $W, [string] $Outer, [string] $Inner, $Entries)
    $W.WriteStartElement('command', $Outer, $NsCommand)
    foreach ($e in @($Entries)) {
        $W.WriteStartElement('command', $Inner, $NsCommand)
        $W.WriteStartElement('dev', 'type', $NsDev)
        $W.WriteElementString('name', $NsMaml, $e.Type)
        $W.WriteEndElement()
        Write-Description $W $e.Paragraphs
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $W, $Doc, [System.Management.Automation.CmdletInfo] $Command)
    $documented = Get-DocumentedParameterNames $Command
    $facts = @{}
    foreach ($p in $documented) { $facts[$p] = Get-ParameterFacts $Command $p }

    $W.WriteStartElement('command', 'command', $NsCommand)
    $W.WriteAttributeString('xmlns', 'maml', $null, $NsMaml)
    $W.WriteAttributeString('xmlns', 'command', $null, $NsCommand)
    $W.WriteAttributeString('xmlns', 'dev', $null, $NsDev)

    $W.WriteStartElement('command', 'details', $NsCommand)
    $W.WriteElementString('name', $NsCommand, $Command.Name)
    $W.WriteElementString('verb', $NsCommand, $Command.Verb)
    $W.WriteElementString('noun', $NsCommand, $Command.Noun)
    Write-Description $W (Split-Paragraph $Doc.Sections['SYNOPSIS'])
    $W.WriteEndElement()

    Write-Description $W (Split-Paragraph $Doc.Sections['DESCRIPTION'])

    # Syntax: one item per parameter set, the default set first; positional parameters in position order,
    # then mandatory ones, then the rest, each in declaration order.
    $W.WriteStartElement('command', 'syntax', $NsCommand)
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $W.WriteStartElement('command', 'syntaxItem', $NsCommand)
        $W.WriteElementString('name', $NsMaml, $Command.Name)
        $inSet = @($set.Parameters | Where-Object { $_.Name -in $documented })
        $ordered = @($inSet | Where-Object { $_.Position -ge 0 } | Sort-Object Position) +
            @($inSet | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) +
            @($inSet | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
        foreach ($p in $ordered) {
            $position = if ($p.Position -ge 0) { [string]$p.Position } else { 'named' }
            Write-Parameter $W $facts[$p.Name] $Doc.Parameters[$p.Name] ($p.IsMandatory -or $facts[$p.Name].Required) $position $true
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $NsCommand)
    foreach ($name in $Doc.Parameters.Keys) {
        $f = $facts[$name]
        Write-Parameter $W $f $Doc.Parameters[$name] $f.Required $f.Position $false
    }
    $W.WriteEndElement()

    if (@($Doc.Inputs).Count) { Write-TypeList $W 'inputTypes' 'inputType' $Doc.Inputs }
    Write-TypeList $W 'returnValues' 'returnValue' $Doc.Outputs

    if ($Doc.Sections.Contains('NOTES')) {
        $W.WriteStartElement('maml', 'alertSet', $NsMaml)
        $W.WriteStartElement('maml', 'alert', $NsMaml)
        Write-Paras $W (Split-Paragraph $Doc.Sections['NOTES'])
        $W.WriteEndElement()
        $W.WriteEndElement()
    }

    $W.WriteStartElement('command', 'examples', $NsCommand)
    foreach ($e in $Doc.Examples) {
        $W.WriteStartElement('command', 'example', $NsCommand)
        $W.WriteElementString('title', $NsMaml, "-------------------------- $($e.Title) --------------------------")
        $W.WriteElementString('code', $NsDev, $e.Code)
        $W.WriteStartElement('dev', 'remarks', $NsDev)
        Write-Paras $W $e.Paragraphs
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $NsCommand)
    foreach ($l in $Doc.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $NsMaml)
        $W.WriteElementString('linkText', $NsMaml, $l.Text)
        $W.WriteElementString('uri', $NsMaml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

# ---------------------------------------------------------------- main

if (-not (Test-Path $ModuleManifest)) { throw "The built module is not at '$ModuleManifest'. Run 'dotnet pwsh ./build.ps1 Build' first." }
$module = Import-Module $ModuleManifest -PassThru -Force
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name)
$files = @(Get-ChildItem -LiteralPath $SourcePath -Filter '*.md' -File | Sort-Object Name)

$problems = [System.Collections.Generic.List[string]]::new()
$docs = @{}
foreach ($f in $files) {
    $name = [IO.Path]::GetFileNameWithoutExtension($f.Name)
    if ($name -notin $cmdlets.Name) { $problems.Add("$($f.Name): $name is not a cmdlet the module exports."); continue }
    try { $docs[$name] = Read-HelpMarkdown $f.FullName }
    catch { $problems.Add($_.Exception.Message) }
}
foreach ($c in $cmdlets) {
    if (-not $docs.ContainsKey($c.Name)) {
        if (-not (Test-Path (Join-Path $SourcePath "$($c.Name).md"))) { $problems.Add("$($c.Name) has no help source: create docs/help/$($c.Name).md.") }
        continue
    }
    foreach ($p in (Test-HelpSource $docs[$c.Name] $c)) { $problems.Add($p) }
}
if ($problems.Count) {
    $problems | ForEach-Object { Write-Host $_ -ForegroundColor Red }
    throw "The help sources in $SourcePath do not match the module: $($problems.Count) problem(s), listed above. Nothing was written."
}
if ($Check) { Write-Host "Help sources match the module ($($cmdlets.Count) cmdlets)."; return }

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.NewLineChars = "`n"
$null = New-Item -ItemType Directory -Force (Split-Path $OutputPath)
$full = [IO.Path]::GetFullPath($OutputPath)
$writer = [System.Xml.XmlWriter]::Create($full, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteComment(' Generated by tools/New-MamlHelp.ps1 from docs/help/*.md and the built module. Do not edit: edit the markdown and run the script again. ')
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($c in $cmdlets) { Write-Command $writer $docs[$c.Name] $c }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally { $writer.Dispose() }

# The result must be well-formed XML and hold one command per cmdlet.
[xml] $check = Get-Content -Raw -LiteralPath $full
$ns = [System.Xml.XmlNamespaceManager]::new($check.NameTable)
$ns.AddNamespace('command', $NsCommand)
$count = $check.SelectNodes('//command:command', $ns).Count
if ($count -ne $cmdlets.Count) { throw "Wrote $count commands to $full, expected $($cmdlets.Count)." }
Write-Host "Wrote $full ($count cmdlets)."
