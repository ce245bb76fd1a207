<#
.SYNOPSIS
Starts an MSX workflow once per device of a tenant, waits for all of them, and reports each outcome.

.DESCRIPTION
Finds the workflow by name or unique name, then starts it once for every device: the device's id goes
into the workflow input named by -DeviceInput ('device' by default), together with the same -Parameters
for every device. All the instances are then waited for together (Wait-MsxWorkflowInstance polls them
in one loop), up to -TimeoutSec.

The devices are the ids given with -DeviceId, or else every device of the tenant, read from the MSX
devices API (GET /manage/api/v8/devices?tenantIds=<tenant>, all pages).

The report has one row per device, in device order: Device, Workflow, InstanceId, State, StartedOn,
EndedOn, DurationSec, Outputs (name=value pairs, separated by '; ') and Message (why a start was refused,
or the failing action's message). A device whose start was refused has the State 'not started'; one
still running at the timeout keeps running on the server and has its current State. The rows are written
to the output, and to a CSV file when -ReportPath is given.

The script uses the session given with -Session, or the module's default session. It works against any
MSX server and against the MSX emulator.

.PARAMETER WorkflowName
The workflow's name or unique name (it must match exactly one workflow).

.PARAMETER DeviceId
The ids of the devices to run the workflow for. Default: every device of -TenantId.

.PARAMETER TenantId
The tenant whose devices are read when -DeviceId is not given. Default: the session's tenant.

.PARAMETER DeviceInput
The name of the workflow input that takes the device id. Default: device.

.PARAMETER Parameters
More inputs of the workflow (a hashtable by input name), the same for every device.

.PARAMETER ReportPath
A CSV file to write the report to (replaced if it exists).

.PARAMETER TimeoutSec
How long to wait for the instances at most. Default: 1800 (30 minutes).

.PARAMETER Session
The MSX session to use. Default: the module's default session.

.OUTPUTS
PSCustomObject: one report row per device.

.EXAMPLE
./examples/Invoke-WorkflowPerDevice.ps1 -WorkflowName backup-device -ReportPath ./backups.csv

Backs up every device of the session's tenant, and writes the outcomes to backups.csv.

.EXAMPLE
./examples/Invoke-WorkflowPerDevice.ps1 backup-device -DeviceId CPE-1, CPE-2 -Parameters @{ destination = 'tftp://10.0.0.5' } |
    Where-Object State -ne 'success'

Backs up two devices to another server and shows the ones that did not succeed.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory, Position = 0)]
    [ValidateNotNullOrEmpty()]
    [string] $WorkflowName,

    [ValidateNotNullOrEmpty()]
    [string[]] $DeviceId,

    [guid] $TenantId,

    [ValidateNotNullOrEmpty()]
    [string] $DeviceInput = 'device',

    [hashtable] $Parameters = @{},

    [string] $ReportPath,

    [ValidateRange(1, 86400)]
    [int] $TimeoutSec = 1800,

    [ValidateNotNull()]
    [object] $Session
)

Set-StrictMode -Version 3.0
if (-not (Get-Module MsxModule)) { Import-Module MsxModule }

$sessionArgs = @{}
if ($PSBoundParameters.ContainsKey('Session')) { $sessionArgs.Session = $Session }
$current = if ($PSBoundParameters.ContainsKey('Session')) { $Session } else { Get-MsxSession -Default }

# Exactly one workflow (an exact name that matches nothing is MsxWorkflowNotFound, and stops the script).
$workflows = @(Get-MsxWorkflow @sessionArgs -Name $WorkflowName -ErrorAction Stop | Sort-Object Id -Unique)
if ($workflows.Count -ne 1) {
    throw "'$WorkflowName' matches $($workflows.Count) workflows ($(($workflows.UniqueName) -join ', ')); give a unique name."
}
$workflow = $workflows[0]

if (-not $PSBoundParameters.ContainsKey('DeviceId')) {
    $tenant = if ($PSBoundParameters.ContainsKey('TenantId')) { $TenantId } else { $current.TenantId }
    try {
        $DeviceId = @(Invoke-MsxRestMethod @sessionArgs /manage/api/v8/devices -All -Query @{ tenantIds = "$tenant" } -ErrorAction Stop | ForEach-Object id)
    }
    catch {
        throw "Could not list the devices of tenant ${tenant}: $($_.Exception.Message) Give the devices with -DeviceId instead."
    }
}

function Format-Date($value) { if ($null -eq $value) { '' } else { $value.ToString('o', [cultureinfo]::InvariantCulture) } }
function Format-Outputs($instance) {
    if ($null -eq $instance -or $null -eq $instance.Outputs) { return '' }
    @(foreach ($entry in $instance.Outputs.GetEnumerator()) { "$($entry.Key)=$($entry.Value)" }) -join '; '
}
function New-Row([string] $Device, $Instance, [string] $State, [string] $Message) {
    [pscustomobject][ordered]@{
        Device      = $Device
        Workflow    = $workflow.UniqueName
        InstanceId  = if ($Instance) { $Instance.Id } else { '' }
        State       = $State
        StartedOn   = if ($Instance) { Format-Date $Instance.StartedOn } else { '' }
        EndedOn     = if ($Instance) { Format-Date $Instance.EndedOn } else { '' }
        DurationSec = if ($Instance -and $Instance.Duration) { $Instance.Duration.TotalSeconds } else { '' }
        Outputs     = Format-Outputs $Instance
        Message     = $Message
    }
}

# Start one instance per device; a refused start (a bad input, say) is a row of its own, not the end.
$started = [ordered]@{}
$refused = @{}
foreach ($device in $DeviceId) {
    $inputs = $Parameters.Clone()
    $inputs[$DeviceInput] = $device
    $problem = $null
    $instance = $workflow | Start-MsxWorkflow -Input $inputs -ErrorVariable problem -ErrorAction SilentlyContinue
    if ($instance) { $started[$device] = $instance }
    elseif ($problem) { $refused[$device] = "$($problem[0])" }
}
if ($started.Count -eq 0 -and $refused.Count -eq 0) { return }   # -WhatIf, or no devices

# One wait for all of them: successes come out, failures, cancels and timeouts as errors carrying the instance.
$final = @{}
$why = @{}
if ($started.Count -gt 0) {
    $waitErrors = $null
    foreach ($done in @($started.Values) | Wait-MsxWorkflowInstance -TimeoutSec $TimeoutSec -ErrorVariable waitErrors -ErrorAction SilentlyContinue) {
        $final[$done.Id] = $done
    }
    foreach ($record in @($waitErrors)) {
        if ($record.TargetObject -is [MsxPowerShell.Client.Models.MsxWorkflowInstance]) {
            $final[$record.TargetObject.Id] = $record.TargetObject
            $why[$record.TargetObject.Id] = if ($record.TargetObject.FailedAction) { $record.TargetObject.FailedAction.Message } else { "$record" }
        }
        else {
            $why["$($record.TargetObject)"] = "$record"
        }
    }
}

$rows = foreach ($device in $DeviceId) {
    if ($refused.ContainsKey($device)) { New-Row $device $null 'not started' $refused[$device]; continue }
    $id = $started[$device].Id
    $instance = if ($final.ContainsKey($id)) { $final[$id] } else { $started[$device] }
    New-Row $device $instance $instance.State $(if ($why.ContainsKey($id)) { $why[$id] } else { '' })
}

if ($ReportPath -and $PSCmdlet.ShouldProcess($ReportPath, "Write a report of $(@($rows).Count) device(s)")) {
    $rows | Export-Csv -LiteralPath $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ReportPath) -NoTypeInformation -Encoding utf8 -WhatIf:$false -Confirm:$false -ErrorAction Stop
}
$rows
