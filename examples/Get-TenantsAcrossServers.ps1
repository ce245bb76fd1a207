<#
.SYNOPSIS
Lists the tenants of several MSX servers, each tagged with the server it came from.

.DESCRIPTION
Logs in to each server with its own session (Connect-MsxServer -NotDefault, so the module's default
session is left alone), lists its tenants with -Session, adds a Server property to each tenant, and
disconnects every session it made at the end, also when something fails or the script is stopped.

Give the servers in one of two ways:

  -Server with -ClientCredential and -Credential: the same security client and user on every server;

  -ServerList: one entry per server, hashtables or objects (for example rows of Import-Csv) with a
  Server property and, optionally, ClientCredential and Credential (PSCredential objects) and
  SkipCertificateCheck. Entries without credentials use -ClientCredential and -Credential. Keep
  secrets out of such files: a CSV holds the addresses, the credentials come from the parameters.

A server that cannot be reached or refuses the login is reported as an error naming the server,
and the walk goes on with the next one.

.PARAMETER Server
The addresses of the MSX servers, such as https://msx.example.com.

.PARAMETER ServerList
Per-server entries: hashtables or objects with Server and optional ClientCredential, Credential and
SkipCertificateCheck properties.

.PARAMETER ClientCredential
The security client: user name = client id, password = client secret.

.PARAMETER Credential
The MSX user.

.PARAMETER Name
Only the tenants whose names match these patterns (wildcards allowed). Default: every tenant.

.PARAMETER SkipCertificateCheck
Does not verify the servers' certificates (lab servers only).

.OUTPUTS
MsxPowerShell.Client.Models.MsxTenant, each with a Server property (System.Uri) added.

.EXAMPLE
$client = Get-Credential -Message 'Security client (id / secret)'
$admin = Get-Credential -Message 'MSX user'
./examples/Get-TenantsAcrossServers.ps1 -Server https://msx-lab.example.com, https://msx-prod.example.com `
    -ClientCredential $client -Credential $admin -Name 'acme-*' | Format-Table Server, Name, Id

The acme tenants of both servers, side by side.

.EXAMPLE
$servers = Import-Csv ./servers.csv      # columns: Server, SkipCertificateCheck
./examples/Get-TenantsAcrossServers.ps1 -ServerList $servers -ClientCredential $client -Credential $admin |
    Group-Object Server | Select-Object Name, Count

How many tenants each server has.

.EXAMPLE
./examples/Get-TenantsAcrossServers.ps1 -ServerList @(
    @{ Server = 'https://msx-lab.example.com'; Credential = $labAdmin }
    @{ Server = 'https://msx-prod.example.com'; Credential = $prodAdmin }
) -ClientCredential $client

A different user on each server.
#>
[CmdletBinding(DefaultParameterSetName = 'Servers')]
param(
    [Parameter(Mandatory, Position = 0, ParameterSetName = 'Servers')]
    [ValidateNotNullOrEmpty()]
    [Uri[]] $Server,

    [Parameter(Mandatory, ParameterSetName = 'ServerList')]
    [ValidateNotNullOrEmpty()]
    [object[]] $ServerList,

    [Parameter(Mandatory, ParameterSetName = 'Servers')]
    [Parameter(ParameterSetName = 'ServerList')]
    [pscredential] $ClientCredential,

    [Parameter(Mandatory, ParameterSetName = 'Servers')]
    [Parameter(ParameterSetName = 'ServerList')]
    [pscredential] $Credential,

    [SupportsWildcards()]
    [string[]] $Name,

    [switch] $SkipCertificateCheck
)

Set-StrictMode -Version 3.0
if (-not (Get-Module MsxModule)) { Import-Module MsxModule }

function Get-EntryValue($entry, [string] $key) {
    if ($entry -is [System.Collections.IDictionary]) { if ($entry.Contains($key)) { return $entry[$key] } else { return $null } }
    $property = $entry.PSObject.Properties[$key]
    if ($property) { $property.Value } else { $null }
}

$entries = if ($PSCmdlet.ParameterSetName -eq 'Servers') {
    foreach ($uri in $Server) { @{ Server = $uri } }
}
else {
    $ServerList
}

$sessions = [System.Collections.Generic.List[object]]::new()
try {
    foreach ($entry in $entries) {
        $address = Get-EntryValue $entry 'Server'
        if ([string]::IsNullOrWhiteSpace("$address")) {
            Write-Error -Message "A server entry has no Server: $($entry | Out-String)" -Category InvalidArgument -ErrorId 'MissingServer' -TargetObject $entry
            continue
        }
        $client = Get-EntryValue $entry 'ClientCredential'; if (-not $client) { $client = $ClientCredential }
        $user = Get-EntryValue $entry 'Credential'; if (-not $user) { $user = $Credential }
        if (-not $client -or -not $user) {
            Write-Error -Message "No client credential or user credential for $($address): give them in the entry or with -ClientCredential and -Credential." -Category InvalidArgument -ErrorId 'MissingCredential' -TargetObject $address
            continue
        }
        $skip = $SkipCertificateCheck.IsPresent -or ("$(Get-EntryValue $entry 'SkipCertificateCheck')" -in 'true', '1', 'yes')

        try {
            $session = Connect-MsxServer -Server $address -ClientCredential $client -Credential $user -NotDefault -SkipCertificateCheck:$skip -ErrorAction Stop
        }
        catch {
            # Login failures are terminating: report this server and go on with the next one.
            Write-Error -Message "${address}: $($_.Exception.Message)" -Category $_.CategoryInfo.Category -ErrorId ($_.FullyQualifiedErrorId -split ',')[0] -TargetObject $address
            continue
        }
        $sessions.Add($session)

        $nameArgs = @{}
        if ($Name) { $nameArgs.Name = $Name }
        try {
            Get-MsxTenant -Session $session @nameArgs -ErrorAction Continue |
                Add-Member -NotePropertyName Server -NotePropertyValue $session.Server -Force -PassThru
        }
        catch {
            Write-Error -Message "$($session.Server): $($_.Exception.Message)" -Category $_.CategoryInfo.Category -ErrorId ($_.FullyQualifiedErrorId -split ',')[0] -TargetObject $session.Server
        }
    }
}
finally {
    foreach ($session in $sessions) {
        # Revokes the token on the server (best effort) and forgets the session.
        Disconnect-MsxSession -Session $session -ErrorAction SilentlyContinue
    }
}
