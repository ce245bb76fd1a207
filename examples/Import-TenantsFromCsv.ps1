<#
.SYNOPSIS
Creates MSX tenants from a CSV file, after a dry run that shows what would happen.

.DESCRIPTION
Reads a CSV file with the columns Name, Description, Email, Url, ParentId and ExternalId (only Name
is required; empty cells mean "not given"; other columns are ignored) and creates one tenant per row.

Before anything is created the script makes a dry run: it lists the tenants already on the server,
passes every row to New-MsxTenant -WhatIf (which also checks the e-mail address, the parent id and
the lengths), and reports one line per row: Create, Skip (the name exists on the server, or earlier
in the file) or Invalid. Then it asks ShouldProcess once for the whole batch, so:

  -WhatIf    makes the script a pure dry run: nothing is created;
  -Confirm   shows the plan and asks before creating;
  neither    shows the plan and creates.

Rows whose name exists already are skipped with a warning (also when another process creates the
name between the dry run and the create); invalid rows are reported as errors and skipped. Rows are
created in file order, so a row may name as ParentId a tenant that exists before the run.

The script uses the session given with -Session, or the module's default session (log in first
with Connect-MsxServer). It works against any MSX server and against the MSX emulator.

.PARAMETER Path
The CSV file to import.

.PARAMETER Delimiter
The CSV delimiter. Default: a comma.

.PARAMETER Session
The MSX session to use. Default: the module's default session.

.OUTPUTS
MsxPowerShell.Client.Models.MsxTenant: the tenants created (nothing with -WhatIf).

.EXAMPLE
./examples/Import-TenantsFromCsv.ps1 -Path ./tenants.csv -WhatIf

Dry run: reports which rows would be created, which exist already, and which are invalid.

.EXAMPLE
$created = ./examples/Import-TenantsFromCsv.ps1 -Path ./tenants.csv -Confirm
$created | Format-Table Name, Id

Shows the plan, asks once, creates the new tenants and keeps them in $created.

.EXAMPLE
$lab = Connect-MsxServer -Server https://msx-lab.example.com -ClientCredential $client -Credential $admin -NotDefault
./examples/Import-TenantsFromCsv.ps1 -Path ./tenants.csv -Session $lab

Imports into the lab server, whatever the default session is.
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
param(
    [Parameter(Mandatory, Position = 0)]
    [ValidateNotNullOrEmpty()]
    [string] $Path,

    [char] $Delimiter = ',',

    [ValidateNotNull()]
    [object] $Session
)

Set-StrictMode -Version 3.0
if (-not (Get-Module MsxModule)) { Import-Module MsxModule }

$sessionArgs = @{}
if ($PSBoundParameters.ContainsKey('Session')) { $sessionArgs.Session = $Session }
$current = if ($Session) { $Session } else { Get-MsxSession -Default }
$server = if ($current) { $current.Server } else { 'the server' }   # no session: Get-MsxTenant stops with MsxNotConnected

$columns = 'Name', 'Description', 'Email', 'Url', 'ParentId', 'ExternalId'
$rows = @(Import-Csv -LiteralPath $Path -Delimiter $Delimiter -ErrorAction Stop)
if ($rows.Count -eq 0) {
    Write-Warning "$Path has no rows: nothing to import."
    return
}
if ($rows[0].PSObject.Properties.Name -notcontains 'Name') {
    throw "$Path has no Name column (expected the columns $($columns -join ', '))."
}

# What the server has now: one listing, matched case-insensitively as MSX matches names.
$existing = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
foreach ($tenant in Get-MsxTenant @sessionArgs -ErrorAction Stop) { $null = $existing.Add($tenant.Name) }

# The dry run: one plan line per row.
$seen = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
$plan = for ($i = 0; $i -lt $rows.Count; $i++) {
    $line = $i + 2   # the header is line 1
    $fields = [ordered]@{}
    foreach ($column in $columns) {
        $property = $rows[$i].PSObject.Properties[$column]
        if ($property -and -not [string]::IsNullOrWhiteSpace($property.Value)) { $fields[$column] = $property.Value.Trim() }
    }
    $item = [pscustomobject]$fields
    $name = if ($fields.Contains('Name')) { $fields.Name } else { '' }

    $action = 'Create'; $reason = ''
    if (-not $name) {
        $action = 'Invalid'; $reason = 'the name is empty'
    }
    elseif ($existing.Contains($name)) {
        $action = 'Skip'; $reason = 'exists on the server'
    }
    elseif (-not $seen.Add($name)) {
        $action = 'Skip'; $reason = 'appears earlier in the file'
    }
    elseif ($fields.Contains('ParentId') -and -not [guid]::TryParse($fields.ParentId, [ref][guid]::Empty)) {
        # Checked here: a by-property-name value that does not convert would be dropped, not reported.
        $action = 'Invalid'; $reason = "ParentId '$($fields.ParentId)' is not a tenant id (a GUID)"
    }
    else {
        $rowErrors = $null
        $item | New-MsxTenant @sessionArgs -WhatIf -ErrorAction SilentlyContinue -ErrorVariable rowErrors
        if ($rowErrors) { $action = 'Invalid'; $reason = ($rowErrors | ForEach-Object { $_.Exception.Message }) -join ' ' }
    }
    [pscustomobject]@{ Line = $line; Name = $name; Action = $action; Reason = $reason; Item = $item }
}

$toCreate = @($plan | Where-Object Action -eq 'Create')
Write-Host "Import of $Path into $($server): $($toCreate.Count) to create, $(@($plan | Where-Object Action -eq 'Skip').Count) to skip, $(@($plan | Where-Object Action -eq 'Invalid').Count) invalid."
Write-Host ($plan | Format-Table Line, Action, Name, Reason -AutoSize | Out-String).TrimEnd()

foreach ($row in $plan) {
    switch ($row.Action) {
        'Skip' { Write-Warning "Line $($row.Line): tenant '$($row.Name)' $($row.Reason): skipped." }
        'Invalid' {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new("Line $($row.Line) of ${Path}: $($row.Reason)"), 'InvalidCsvRow',
                [System.Management.Automation.ErrorCategory]::InvalidData, $row.Item)
            $PSCmdlet.WriteError($record)
        }
    }
}

if ($toCreate.Count -eq 0) { return }
$names = "'" + (($toCreate.Name | Select-Object -First 10) -join "', '") + "'"
if ($toCreate.Count -gt 10) { $names += ', ...' }
if (-not $PSCmdlet.ShouldProcess(
        "Creating $($toCreate.Count) tenant(s) on ${server}: ${names}.",
        "Create $($toCreate.Count) tenant(s) on ${server}: ${names}?",
        'Import tenants')) {
    return
}

foreach ($row in $toCreate) {
    try {
        # The batch was confirmed above: no second question per tenant.
        $row.Item | New-MsxTenant @sessionArgs -WhatIf:$false -Confirm:$false -ErrorAction Stop
    }
    catch {
        if ($_.FullyQualifiedErrorId -like 'MsxTenantExists*') {
            Write-Warning "Line $($row.Line): tenant '$($row.Name)' exists on the server (created meanwhile): skipped."
        }
        elseif ($_.FullyQualifiedErrorId -like 'MsxInvalid*' -or $_.FullyQualifiedErrorId -like 'MsxTenantNotFound*' -or
            $_.FullyQualifiedErrorId -like 'MsxPermissionDenied*' -or $_.FullyQualifiedErrorId -like 'MsxConflict*') {
            # About this row only: report it and go on with the next one.
            $PSCmdlet.WriteError($_)
        }
        else {
            throw   # not connected, login, server down...: the next rows would fail the same way
        }
    }
}
