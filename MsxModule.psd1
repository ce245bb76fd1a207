@{
    RootModule           = 'MsxModule.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5d6f3c0e-8f4a-4b8e-9a55-1c2f7f4a9b31'
    Author               = 'MsxPowerShell contributors'
    CompanyName          = 'MsxPowerShell'
    Copyright            = '(c) MsxPowerShell contributors. MIT License.'
    Description          = 'Drive a Cisco MSX platform from PowerShell: OAuth2 sessions that renew themselves, and the tenant lifecycle as pipeline-friendly cmdlets.'
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('MsxModule.format.ps1xml')
    CmdletsToExport      = @(
        'Add-MsxSiteDevice'
        'Connect-MsxServer'
        'Disconnect-MsxSession'
        'Export-MsxWorkflow'
        'Get-MsxAccessToken'
        'Get-MsxCurrentUser'
        'Get-MsxDevice'
        'Get-MsxDeviceConfig'
        'Get-MsxDeviceHealth'
        'Get-MsxRole'
        'Get-MsxSession'
        'Get-MsxSite'
        'Get-MsxTenant'
        'Get-MsxUser'
        'Get-MsxWorkflow'
        'Get-MsxWorkflowInstance'
        'Get-MsxWorkflowTarget'
        'Import-MsxWorkflow'
        'Invoke-MsxDeviceRedeploy'
        'Invoke-MsxRestMethod'
        'New-MsxDevice'
        'New-MsxSite'
        'New-MsxTenant'
        'New-MsxUser'
        'New-MsxWorkflowTarget'
        'Remove-MsxDevice'
        'Remove-MsxSite'
        'Remove-MsxSiteDevice'
        'Remove-MsxTenant'
        'Remove-MsxUser'
        'Remove-MsxWorkflow'
        'Remove-MsxWorkflowInstance'
        'Remove-MsxWorkflowTarget'
        'Set-MsxDevice'
        'Set-MsxDeviceConfig'
        'Set-MsxSite'
        'Set-MsxTenant'
        'Set-MsxUser'
        'Set-MsxUserPassword'
        'Set-MsxWorkflowTarget'
        'Start-MsxWorkflow'
        'Stop-MsxWorkflowInstance'
        'Switch-MsxTenant'
        'Switch-MsxUser'
        'Test-MsxConnection'
        'Wait-MsxWorkflowInstance'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('MSX', 'Cisco', 'OAuth2', 'Tenant', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/msxpowershell/MsxPowerShell'
            LicenseUri   = 'https://github.com/msxpowershell/MsxPowerShell/blob/main/LICENSE'
            ReleaseNotes = '0.1.0 (2026-11-28): first release. OAuth2 sessions that renew themselves, tenant cmdlets, retries and clear errors for server and network faults, a local MSX emulator (dotnet tool MsxEmulator), full help. See https://github.com/msxpowershell/MsxPowerShell/blob/main/CHANGELOG.md'
        }
    }
}
