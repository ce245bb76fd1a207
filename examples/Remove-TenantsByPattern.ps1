<#
.SYNOPSIS
Removes the MSX tenants whose names match wildcard patterns, children before their parents.

.DESCRIPTION
Finds the tenants whose names match -Name (wildcards such as 'ci-*' or 'tmp-??'; case-insensitive)
and deletes them. MSX refuses to delete a tenant that still has child tenants (MsxTenantHasChildren),
so the script deletes the matching tenants deepest first: a matching child goes before its matching
parent. A matching tenant whose children do not match is not deleted: MSX reports
MsxTenantHasChildren for it, the script writes that error and goes on with the others.

The tenant the session itself belongs to is never deleted (it is skipped with a warning).

Deleting is high impact: the script asks before each tenant unless -Force is given. -WhatIf lists
what would be deleted, deepest first, and deletes nothing (also with -Force).

The script uses the session given with -Session, or the module's default session. It works against
any MSX server and against the MSX emulator.

.PARAMETER Name
One or more tenant name patterns. Wildcards are allowed; a name without wildcards must match exactly.

.PARAMETER Force
Deletes without asking for confirmation.

.PARAMETER Session
The MSX session to use. Default: the module's default session.

.OUTPUTS
MsxPowerShell.Client.Models.MsxTenant: the tenants removed, in the order they were removed.

.EXAMPLE
./examples/Remove-TenantsByPattern.ps1 -Name 'ci-*' -WhatIf

Lists the tenants that would be removed, children first.

.EXAMPLE
./examples/Remove-TenantsByPattern.ps1 -Name 'ci-*', 'tmp-*' -Force | Export-Csv ./removed.csv -NoTypeInformation

Removes the matching tenants without prompting and keeps a record of what was removed.
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
param(
    [Parameter(Mandatory, Position = 0)]
    [ValidateNotNullOrEmpty()]
    [SupportsWildcards()]
    [string[]] $Name,

    [switch] $Force,

    [ValidateNotNull()]
    [object] $Session
)

Set-StrictMode -Version 3.0
if (-not (Get-Module MsxModule)) { Import-Module MsxModule }

$sessionArgs = @{}
if ($PSBoundParameters.ContainsKey('Session')) { $sessionArgs.Session = $Session }
$current = if ($Session) { $Session } else { Get-MsxSession -Default }
$server = if ($current) { $current.Server } else { $null }
$ownTenantId = if ($current) { $current.TenantId } else { $null }

# Exact names that match nothing give MsxTenantNotFound: report it, but carry on with the other patterns.
$matched = @(Get-MsxTenant @sessionArgs -Name $Name -ErrorAction Continue | Sort-Object Id -Unique)
if ($matched.Count -eq 0) {
    Write-Verbose "No tenant on $server matches $($Name -join ', ')."
    return
}

# Depth of each tenant within the matched set: children (deeper) are removed before their parents.
$byId = @{}
foreach ($tenant in $matched) { $byId[$tenant.Id] = $tenant }
$ordered = $matched | Sort-Object -Property @(
    @{ Descending = $true; Expression = {
            $depth = 0; $parent = $_.ParentId
            while ($null -ne $parent -and $byId.ContainsKey($parent) -and $depth -lt $byId.Count) { $depth++; $parent = $byId[$parent].ParentId }
            $depth
        }
    },
    @{ Expression = 'Name' })

# -Force skips the question, but never -WhatIf.
if ($Force -and -not $WhatIfPreference) { $ConfirmPreference = 'None' }

foreach ($tenant in $ordered) {
    if ($null -ne $ownTenantId -and $tenant.Id -eq $ownTenantId) {
        Write-Warning "Tenant '$($tenant.Name)' ($($tenant.Id)) is the session's own tenant: not removed."
        continue
    }
    if (-not $PSCmdlet.ShouldProcess("Tenant '$($tenant.Name)' ($($tenant.Id)) on $server", 'Remove')) { continue }
    try {
        # Confirmed above: Remove-MsxTenant must not ask again.
        $tenant | Remove-MsxTenant @sessionArgs -Force -Confirm:$false -WhatIf:$false -PassThru -ErrorAction Stop
    }
    catch {
        if ($_.FullyQualifiedErrorId -like 'MsxTenantHasChildren*' -or $_.FullyQualifiedErrorId -like 'MsxTenantNotFound*' -or
            $_.FullyQualifiedErrorId -like 'MsxPermissionDenied*' -or $_.FullyQualifiedErrorId -like 'MsxConflict*') {
            $PSCmdlet.WriteError($_)   # about this tenant only: go on with the next
        }
        else {
            throw
        }
    }
}
