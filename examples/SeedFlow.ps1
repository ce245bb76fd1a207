<#
.SYNOPSIS
The flow of Cisco's "password grant" Python guide, in PowerShell: get a token, create a tenant,
list a page of tenants, delete the tenant.
.EXAMPLE
./examples/SeedFlow.ps1 -Server https://msx.example.com -ClientId my-test-private-client
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [Uri] $Server,
    [string] $ClientId = 'my-test-private-client',
    [SecureString] $ClientSecret,
    [pscredential] $Credential,
    [switch] $SkipCertificateCheck
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module MsxModule)) { Import-Module MsxModule }
if (-not $ClientSecret) { $ClientSecret = Read-Host -AsSecureString "Client secret for $ClientId" }
if (-not $Credential) { $Credential = Get-Credential -Message "MSX user for $Server" }

$null = Get-MsxAccessToken -Server $Server -ClientId $ClientId -ClientSecret $ClientSecret -Credential $Credential -SkipCertificateCheck:$SkipCertificateCheck
'Got Access Token'

$tenant = New-MsxTenant -Name "my_unique_tenant_name_$([guid]::NewGuid())" `
    -Description 'Nobody reaches anywhere by believing. --Osho' -Email 'test@example.com' -Url 'https://cisco.com'
"Created Tenant: $($tenant.Id)"

$page = Get-MsxTenant -First 100
'Got Tenants Page'
$page | ForEach-Object { "$($_.Id): $($_.Name)" }

Remove-MsxTenant -Id $tenant.Id -Force
"Deleted Tenant: $($tenant.Id)"
