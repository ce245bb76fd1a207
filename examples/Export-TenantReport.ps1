<#
.SYNOPSIS
Exports a report of MSX tenants to a CSV file: one row per tenant, with its parent's name.

.DESCRIPTION
Lists the tenants (all of them, or those whose names match -Name) and writes a CSV file with the
columns Id, Name, Description, Email, Url, ParentId, ParentName, NumberOfChildren, CreatedOn and
ModifiedOn, sorted by name. CreatedOn and ModifiedOn are written in ISO 8601 (round-trip) form, so
the file reads the same in every culture and sorts as text. ParentName is empty for a top-level
tenant, and for a parent the session's user cannot see.

The script uses the session given with -Session, or the module's default session. It works against
any MSX server and against the MSX emulator.

.PARAMETER Path
The CSV file to write. An existing file is replaced unless -NoClobber is given.

.PARAMETER Name
Only the tenants whose names match these patterns (wildcards allowed). Default: every tenant.

.PARAMETER NoClobber
Stops instead of replacing an existing file.

.PARAMETER Session
The MSX session to use. Default: the module's default session.

.OUTPUTS
System.IO.FileInfo: the CSV file written (nothing with -WhatIf).

.EXAMPLE
./examples/Export-TenantReport.ps1 -Path ./tenants.csv

Writes every tenant to tenants.csv.

.EXAMPLE
./examples/Export-TenantReport.ps1 -Path ./acme.csv -Name 'acme-*', 'Coke' | Invoke-Item

Writes the matching tenants and opens the file.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory, Position = 0)]
    [ValidateNotNullOrEmpty()]
    [string] $Path,

    [SupportsWildcards()]
    [string[]] $Name,

    [switch] $NoClobber,

    [ValidateNotNull()]
    [object] $Session
)

Set-StrictMode -Version 3.0
if (-not (Get-Module MsxModule)) { Import-Module MsxModule }

$sessionArgs = @{}
if ($PSBoundParameters.ContainsKey('Session')) { $sessionArgs.Session = $Session }

$fullPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
if ($NoClobber -and (Test-Path -LiteralPath $fullPath)) {
    throw "$fullPath exists; remove it or leave out -NoClobber."
}

if ($Name) {
    # An exact name that matches nothing gives MsxTenantNotFound: reported, and the report goes on.
    $tenants = @(Get-MsxTenant @sessionArgs -Name $Name -ErrorAction Continue | Sort-Object Id -Unique)
}
else {
    $tenants = @(Get-MsxTenant @sessionArgs -ErrorAction Stop)
}

# Parent names: from the tenants read, and one call for the parents that were not among them.
$names = @{}
foreach ($tenant in $tenants) { $names[$tenant.Id] = $tenant.Name }
$missing = @($tenants | Where-Object { $null -ne $_.ParentId -and -not $names.ContainsKey($_.ParentId) } | ForEach-Object ParentId | Select-Object -Unique)
if ($missing.Count -gt 0) {
    foreach ($parent in Get-MsxTenant @sessionArgs -Id $missing -ErrorAction SilentlyContinue) { $names[$parent.Id] = $parent.Name }
}

function Format-Date($value) { if ($null -eq $value) { '' } else { $value.ToString('o', [cultureinfo]::InvariantCulture) } }

$rows = foreach ($tenant in $tenants | Sort-Object Name, Id) {
    [pscustomobject][ordered]@{
        Id               = $tenant.Id
        Name             = $tenant.Name
        Description      = $tenant.Description
        Email            = $tenant.Email
        Url              = $tenant.Url
        ParentId         = $tenant.ParentId
        ParentName       = if ($null -ne $tenant.ParentId -and $names.ContainsKey($tenant.ParentId)) { $names[$tenant.ParentId] } else { '' }
        NumberOfChildren = $tenant.NumberOfChildren
        CreatedOn        = Format-Date $tenant.CreatedOn
        ModifiedOn       = Format-Date $tenant.ModifiedOn
    }
}

if (-not $PSCmdlet.ShouldProcess($fullPath, "Write a report of $($tenants.Count) tenant(s)")) { return }

if ($rows) {
    $rows | Export-Csv -LiteralPath $fullPath -NoTypeInformation -Encoding utf8 -WhatIf:$false -Confirm:$false -ErrorAction Stop
}
else {
    # No tenant: still a valid CSV, with the header only.
    $columns = 'Id', 'Name', 'Description', 'Email', 'Url', 'ParentId', 'ParentName', 'NumberOfChildren', 'CreatedOn', 'ModifiedOn'
    Set-Content -LiteralPath $fullPath -Value (($columns | ForEach-Object { '"' + $_ + '"' }) -join ',') -Encoding utf8 -WhatIf:$false -Confirm:$false
}
Get-Item -LiteralPath $fullPath
