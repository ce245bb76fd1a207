@{
    RootModule           = 'MsxModule.dll'
    ModuleVersion        = '0.12.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5d6f3c0e-8f4a-4b8e-9a55-1c2f7f4a9b31'
    Author               = 'MsxPowerShell contributors'
    CompanyName          = 'MsxPowerShell'
    Copyright            = '(c) MsxPowerShell contributors. MIT License.'
    Description          = 'Drive a Cisco MSX platform from PowerShell: OAuth2 sessions that renew themselves, and tenants, users and roles, sites, devices and health, and workflows as pipeline-friendly cmdlets.'
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
            ReleaseNotes = '0.12.0 (2026-12-08): a tenant piped to Get-MsxUser, Get-MsxSite, Get-MsxDevice or Get-MsxWorkflow lists its children; -TenantId and -SiteId take ids, objects or names; a 409 on a delete or an action is Msx<Noun>Conflict, not Exists; Set-* -WhatIf sends nothing and a Set that changes nothing sends nothing; no null fields in update bodies; Disconnect-MsxSession releases what the session cached; the test suite runs in about four minutes. 0.11.0 (2026-12-08): the emulator answers all 167 operations of the spec (every Invoke-MsxRestMethod example works offline). 0.10.0 (2026-12-08): Tab completes the spec''s paths and methods, session ids, open and closed value sets and a workflow''s inputs; CSV rows with the wrong columns get one error per set of columns; trust a private CA or pin the server''s certificate for a session (-CertificateAuthorityFile, -CertificateThumbprint); request and answer bodies on -Debug, redacted; an unreachable server fails at once at login; a refused token renewal names the session and says to connect again; the check kit runs your own checks and skips a tenant without devices. 0.9.0 (2026-12-08): trust boundaries: the token never leaves its server, ids never change a path, objects act only on the server they came from (also after Export-Clixml), secrets never show, a stopped bulk run names what it made. 0.8.0 (2026-12-02): 36 more cmdlets (users and roles, sites, devices and health, workflows, workflow targets, Invoke-MsxRestMethod), Connect-MsxServer, Windows PowerShell 5.1 support, an emulator with contract tests. 0.1.0 (2026-11-28): first release, tenant cmdlets. See https://github.com/msxpowershell/MsxPowerShell/blob/main/CHANGELOG.md'
        }
    }
}
