# Dot-sourced (after TestSetup.ps1) by the sites and devices Pester files: small helpers over the emulator.
$script:CokeId = [guid]'133815cb-2335-474d-8c10-3e635aba94fd'

function Get-ManageRequests {
    # The emulator's log of the manage and monitor calls (method, path, query, status), optionally one method only.
    param([Parameter(Mandatory)] $Emulator, [string] $Method)
    @(Get-EmulatorRequests $Emulator | Where-Object { $_.path -like '/manage/*' -or $_.path -like '/monitor/*' } |
            Where-Object { -not $Method -or $_.method -eq $Method })
}

function Get-ManageWrites {
    # The requests that could change something (anything but GET).
    param([Parameter(Mandatory)] $Emulator)
    @(Get-ManageRequests $Emulator | Where-Object method -ne 'GET')
}

function New-TestDevice {
    # A device with a unique name and serial key (and the given extra parameters).
    param([Parameter(Mandatory)] $Session, [guid] $TenantId = $CokeId, [string] $Prefix = 'dev', [hashtable] $With = @{})
    $n = "$Prefix-$([guid]::NewGuid().ToString('N').Substring(0, 10))"
    New-MsxDevice -Session $Session -TenantId $TenantId -Name $n -Model 'CISCO CSR 1000v' -Type 'CISCO CSR 1000v' -OnboardType direct -SerialKey "SN-$n" @With -ErrorAction Stop
}

function Set-DeviceHealth {
    # What the monitor answers for a device (the emulator's control API).
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Id, [Parameter(Mandatory)] [string] $Status, [string] $Description)
    $null = Invoke-MsxEmulatorControl -Emulator $Emulator -Path "_emulator/devices/$Id/health" -Method PUT -Body @{ status = $Status; description = $Description }
}

function Add-EmulatorFault {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Fault)
    $null = Invoke-MsxEmulatorControl -Emulator $Emulator -Path '_emulator/faults' -Method POST -Body $Fault
}
