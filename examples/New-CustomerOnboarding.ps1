<#
.SYNOPSIS
Onboards a customer on MSX: its tenant, its tenant administrator, its operators from a CSV file, then
its network (sites, and devices from a CSV file placed at them) and a health report of its devices.

.DESCRIPTION
The flow of Cisco's guides for a customer's people, in steps:

  1. Log in as the platform administrator (-Server, -ClientId, -ClientSecret, -Credential), or use
     -Session.
  2. Read the operators' CSV file (columns UserName, LastName, Email required; FirstName, Role
     optional; a Role cell may hold several roles separated by ';', and an empty one gets
     -OperatorRole) and check every row as New-MsxUser checks it (its -WhatIf, run where its "What
     if" lines are not shown: a check is not a change). An invalid row stops the script before
     anything is changed: a half-onboarded customer is worse than none.
  3. Ask once for the whole onboarding (ShouldProcess): -Confirm asks first; -WhatIf makes the script
     a dry run that changes nothing and shows one "What if" line per change it would make (the
     tenant, each user, site and device), and nothing else.
  4. Create the customer's tenant (or use the tenant of that name if it exists).
  5. Create the tenant administrator, with the role TENANT_ADMIN on that tenant.
  6. Log in as that administrator, and let it create the operators in its tenant: what a customer's
     administrator will do from then on.
  7. Check each new user: it logs in with its first password (Get-MsxAccessToken), and
     Get-MsxCurrentUser shows its roles and its tenant.
  8. Check the administrator's reach: it lists the users of its own tenant, and another tenant's
     users are refused (MsxPermissionDenied).
  9. As that administrator, create the customer's sites from -SiteCsv (columns Name required;
     Description, Type, Address, ContactName, ContactPhone, ContactEmail, Latitude, Longitude
     optional).
 10. Create the customer's devices from -DeviceCsv (columns Name, Site, Model, Type, OnboardType
     required; SerialKey, Managed, Tag and the other New-MsxDevice parameters optional) and place
     each at its site, one Add-MsxSiteDevice request per site.
 11. Report the health of every device of the tenant (Get-MsxDevice | Get-MsxDeviceHealth), and
     name the devices that are not up.

Step 2 checks the site and device files too (as New-MsxSite and New-MsxDevice check them, for the
tenant still to be made), and that every device names a site of the site file.

Users, sites and devices (by serial key) that exist already are left as they are, with a warning, and
users are not checked again; so the script can be run again after a failure. A device that exists in
another tenant stops the script: a serial key names one physical device. Every session the script makes is disconnected at the end, also
when a step fails. The new users get -InitialPassword (asked for when not given); they should change
it at their first login (Set-MsxUserPassword -OldPassword).

The result is one object with the tenant, the administrator, the operators, one login check per new
user (Logins), the administrator's reach (AdminScope), the sites, the devices, the health of every
device (Health) and the devices that are not up (NotUp).

.PARAMETER Server
The MSX server, such as https://msx.example.com.

.PARAMETER ClientId
The security client to log in with; the new users log in with it too.

.PARAMETER ClientSecret
The security client's secret. Needed with -Session as well: the new users' logins are checked with it.

.PARAMETER Credential
The platform administrator who onboards the customer (a SUPERUSER).

.PARAMETER SkipCertificateCheck
Does not verify the server's certificate (lab servers only).

.PARAMETER Session
An existing session of the platform administrator, instead of -Server and -Credential.

.PARAMETER TenantName
The customer's tenant.

.PARAMETER TenantDescription
A description for the customer's tenant, when it is created.

.PARAMETER AdminUserName
The customer's tenant administrator.

.PARAMETER AdminEmail
The tenant administrator's e-mail address.

.PARAMETER AdminFirstName
The tenant administrator's first name.

.PARAMETER AdminLastName
The tenant administrator's last name.

.PARAMETER OperatorCsv
The CSV file of the customer's operators. Default: customer-operators.csv beside this script.

.PARAMETER OperatorRole
The role of an operator whose Role cell is empty. Default: OPERATOR.

.PARAMETER InitialPassword
The first password of every new user, as a SecureString. Asked for when not given.

.PARAMETER SiteCsv
The CSV file of the customer's sites. Default: customer-sites.csv beside this script.

.PARAMETER DeviceCsv
The CSV file of the customer's devices, each with the name of its site. Default: customer-devices.csv
beside this script.

.OUTPUTS
A PSCustomObject (type name MsxCustomerOnboarding) with Tenant, Admin, Operators, Skipped, Logins,
AdminScope, Sites, Devices, Health and NotUp; nothing with -WhatIf.

.EXAMPLE
$client = Read-Host -AsSecureString 'Client secret'
$first = Read-Host -AsSecureString 'First password of the new users'
./examples/New-CustomerOnboarding.ps1 -Server https://msx.example.com -ClientId my-private-client -ClientSecret $client `
    -Credential (Get-Credential superuser) -TenantName 'Acme Corp' -AdminUserName acme-admin -AdminEmail admin@acme.example `
    -OperatorCsv ./acme-operators.csv -InitialPassword $first

Onboards Acme Corp: the tenant, acme-admin as its TENANT_ADMIN, and the operators of the file; then
checks every new user's login.

.EXAMPLE
./examples/New-CustomerOnboarding.ps1 -Session $s -ClientSecret $client -TenantName 'Acme Corp' `
    -AdminUserName acme-admin -AdminEmail admin@acme.example -WhatIf

A dry run with an existing session: checks the CSV file and shows what would be created, changing nothing.

.EXAMPLE
$result = ./examples/New-CustomerOnboarding.ps1 -Session $s -ClientSecret $client -TenantName 'Acme Corp' `
    -AdminUserName acme-admin -AdminEmail admin@acme.example -InitialPassword $first
$result.Logins | Format-Table UserName, LoggedIn, Roles, InTenant
$result.AdminScope

Keeps the result and shows the login check of each new user and what the administrator may reach.

.EXAMPLE
$result = ./examples/New-CustomerOnboarding.ps1 -Session $s -ClientSecret $client -TenantName 'Acme Corp' `
    -AdminUserName acme-admin -AdminEmail admin@acme.example -InitialPassword $first `
    -SiteCsv ./acme-sites.csv -DeviceCsv ./acme-devices.csv
$result.NotUp | Format-Table DeviceName, Status, Description

Onboards the customer's network from its own files and lists the devices that are not up yet.
#>
[CmdletBinding(DefaultParameterSetName = 'Connect', SupportsShouldProcess, ConfirmImpact = 'Medium')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Connect')]
    [Uri] $Server,

    [Parameter(Mandatory, ParameterSetName = 'Connect')]
    [ValidateNotNullOrEmpty()]
    [string] $ClientId,

    [Parameter(Mandatory)]
    [SecureString] $ClientSecret,

    [Parameter(Mandatory, ParameterSetName = 'Connect')]
    [pscredential] $Credential,

    [Parameter(ParameterSetName = 'Connect')]
    [switch] $SkipCertificateCheck,

    [Parameter(Mandatory, ParameterSetName = 'Session')]
    [ValidateNotNull()]
    [object] $Session,

    [Parameter(Mandatory)]
    [ValidateNotNullOrEmpty()]
    [string] $TenantName,

    [string] $TenantDescription,

    [Parameter(Mandatory)]
    [ValidateNotNullOrEmpty()]
    [string] $AdminUserName,

    [Parameter(Mandatory)]
    [ValidateNotNullOrEmpty()]
    [string] $AdminEmail,

    [string] $AdminFirstName,

    [ValidateNotNullOrEmpty()]
    [string] $AdminLastName = 'Administrator',

    [ValidateNotNullOrEmpty()]
    [string] $OperatorCsv = (Join-Path $PSScriptRoot 'customer-operators.csv'),

    [ValidateNotNullOrEmpty()]
    [string] $OperatorRole = 'OPERATOR',

    [SecureString] $InitialPassword,

    [ValidateNotNullOrEmpty()]
    [string] $SiteCsv = (Join-Path $PSScriptRoot 'customer-sites.csv'),

    [ValidateNotNullOrEmpty()]
    [string] $DeviceCsv = (Join-Path $PSScriptRoot 'customer-devices.csv')
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
if (-not (Get-Module MsxModule)) { Import-Module MsxModule }

function Write-Step([int] $Number, [string] $Text) { Write-Information "Step ${Number}: $Text" -InformationAction Continue }

function Test-Row {
    <#
    Checks rows with a cmdlet's own validation: its -WhatIf sends nothing. A check is not a change, so it runs
    in a runspace of its own that has no host, where the cmdlet's "What if:" lines go nowhere: neither a real
    run nor a dry run shows them. Sessions belong to the whole process, so the check uses this script's session.
    Returns the rows' errors (ErrorAction Continue: SilentlyContinue would keep them out of the error stream).
    #>
    param([Parameter(Mandatory)] [string] $Command, [object[]] $Rows, [hashtable] $Parameters)
    if (-not $script:checker) {
        $script:checker = [powershell]::Create()
        $null = $script:checker.AddCommand('Import-Module').AddParameter('Name', (Join-Path (Get-Module MsxModule).ModuleBase 'MsxModule.psd1')).Invoke()
    }
    $checker.Commands.Clear()
    $checker.Streams.Error.Clear()
    $null = $checker.AddCommand($Command).AddParameters($Parameters).AddParameter('WhatIf', $true).AddParameter('ErrorAction', 'Continue').Invoke($Rows)
    @($checker.Streams.Error)
}
$script:checker = $null

# After the one confirmation of step 3, no cmdlet asks again (nor takes -WhatIf from this script).
$go = @{ WhatIf = $false; Confirm = $false }
$made = [System.Collections.Generic.List[object]]::new()   # every session this script makes, disconnected at the end

try {
    # ---- Step 1: the platform administrator's session ------------------------------------------
    Write-Step 1 'log in as the platform administrator'
    if ($PSCmdlet.ParameterSetName -eq 'Session') {
        $admin = $Session
        $login = @{ Server = $Session.Server; ClientId = $Session.ClientId; ClientSecret = $ClientSecret; SkipCertificateCheck = $Session.SkipCertificateCheck }
        # The new users log in as the given session does: the same private CA or pinned certificate.
        if ($Session.CertificateAuthorityFile) { $login.CertificateAuthorityFile = $Session.CertificateAuthorityFile }
        if ($Session.CertificateThumbprint) { $login.CertificateThumbprint = $Session.CertificateThumbprint }
    }
    else {
        $login = @{ Server = $Server; ClientId = $ClientId; ClientSecret = $ClientSecret; SkipCertificateCheck = $SkipCertificateCheck.IsPresent }
        $admin = Get-MsxAccessToken @login -Credential $Credential -NotDefault
        $made.Add($admin)
    }
    $platform = @{ Session = $admin }

    # ---- Step 2: the operators' file, every row checked before anything changes ----------------
    Write-Step 2 "read and check $OperatorCsv, $SiteCsv and $DeviceCsv (each row as New-MsxUser, New-MsxSite and New-MsxDevice would check it)"
    $rows = @(Import-Csv -LiteralPath $OperatorCsv)
    if ($rows.Count -eq 0) { throw "$OperatorCsv has no operators." }
    foreach ($column in 'UserName', 'LastName', 'Email') {
        if ($rows[0].PSObject.Properties.Name -notcontains $column) { throw "$OperatorCsv has no $column column (required: UserName, LastName, Email)." }
    }
    $operators = foreach ($row in $rows) {
        $role = if ($row.PSObject.Properties['Role'] -and $row.Role) { $row.Role } else { $OperatorRole }
        $first = if ($row.PSObject.Properties['FirstName']) { $row.FirstName } else { '' }
        [pscustomobject]@{ UserName = $row.UserName; FirstName = $first; LastName = $row.LastName; Email = $row.Email; Role = $role }
    }
    $rowErrors = Test-Row -Command New-MsxUser -Rows $operators -Parameters $platform
    # New-MsxUser -WhatIf sends nothing, so the role names are looked up here (reads only).
    # A script block, not "ForEach-Object Trim": a method called by name goes through ShouldProcess ("What if: Invoke-method").
    $roleNames = @('TENANT_ADMIN') + @($operators.Role -split ';' | ForEach-Object { $_.Trim() } | Where-Object { $_ }) | Select-Object -Unique
    $roleErrors = $null
    $null = Get-MsxRole @platform -Name $roleNames -ErrorAction SilentlyContinue -ErrorVariable roleErrors
    if ($AdminUserName -in @($operators.UserName)) { throw "The administrator $AdminUserName is also in $OperatorCsv." }
    # The network's files: every site and device row checked the same way (the tenant is still to be made).
    $siteRows = @(Import-Csv -LiteralPath $SiteCsv)
    $deviceRows = @(Import-Csv -LiteralPath $DeviceCsv)
    if ($siteRows.Count -eq 0) { throw "$SiteCsv has no sites." }
    foreach ($column in 'Name', 'Site', 'Model', 'Type', 'OnboardType') {
        if ($deviceRows.Count -gt 0 -and $deviceRows[0].PSObject.Properties.Name -notcontains $column) { throw "$DeviceCsv has no $column column (required: Name, Site, Model, Type, OnboardType)." }
    }
    $placeholder = [guid]::Empty
    $networkErrors = [System.Collections.Generic.List[object]]::new()
    $siteErrors = Test-Row -Command New-MsxSite -Rows $siteRows -Parameters ($platform + @{ TenantId = $placeholder })
    $deviceErrors = Test-Row -Command New-MsxDevice -Rows $deviceRows -Parameters ($platform + @{ TenantId = $placeholder })
    @($siteErrors) + @($deviceErrors) | Where-Object { $_ } | ForEach-Object { $networkErrors.Add($_) }
    foreach ($row in $deviceRows | Where-Object { $_.Site -notin @($siteRows.Name) }) {
        $networkErrors.Add([System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new("Device '$($row.Name)' names the site '$($row.Site)', which is not in $SiteCsv."),
                'UnknownSite', [System.Management.Automation.ErrorCategory]::InvalidData, $row))
    }
    $invalid = @(@($rowErrors) + @($roleErrors) + @($networkErrors) | Where-Object { $_ })
    if ($invalid) {
        foreach ($e in $invalid) { Write-Error -ErrorRecord $e -ErrorAction Continue }
        throw "The input files ($OperatorCsv, $SiteCsv, $DeviceCsv) have $($invalid.Count) invalid value(s): nothing was changed."
    }

    # ---- Step 3: one confirmation for the whole onboarding ------------------------------------
    if ($WhatIfPreference) {
        # A dry run shows each change the onboarding would make, and nothing else.
        $null = $PSCmdlet.ShouldProcess("tenant '$TenantName' on $($admin.Server) (used as it is if it exists)", 'Create tenant')
        $null = $PSCmdlet.ShouldProcess("user '$AdminUserName' with role TENANT_ADMIN in tenant '$TenantName'", 'Create user')
        foreach ($o in $operators) { $null = $PSCmdlet.ShouldProcess("user '$($o.UserName)' with role(s) $($o.Role -replace '\s*;\s*', ', ') in tenant '$TenantName'", 'Create user') }
        foreach ($row in $siteRows) { $null = $PSCmdlet.ShouldProcess("site '$($row.Name)' in tenant '$TenantName'", 'Create site') }
        foreach ($row in $deviceRows) { $null = $PSCmdlet.ShouldProcess("device '$($row.Name)' in tenant '$TenantName', placed at site '$($row.Site)'", 'Create device') }
        return
    }
    $plan = "tenant '$TenantName', its TENANT_ADMIN '$AdminUserName', $($operators.Count) operator(s) ($(@($operators.UserName) -join ', ')), $($siteRows.Count) site(s) and $($deviceRows.Count) device(s) on $($admin.Server)"
    if (-not $PSCmdlet.ShouldProcess("Onboarding $plan.", "Onboard ${plan}?", 'Onboard a customer')) { return }
    if (-not $InitialPassword) { $InitialPassword = Read-Host -AsSecureString 'First password of the new users' }

    # ---- Step 4: the customer's tenant ----------------------------------------------------------
    Write-Step 4 "tenant '$TenantName'"
    $tenant = @(Get-MsxTenant @platform -Name ([WildcardPattern]::Escape($TenantName)) -ErrorAction SilentlyContinue) | Select-Object -First 1
    if ($tenant) { Write-Warning "Tenant '$TenantName' exists already ($($tenant.Id)): onboarding into it." }
    else {
        $newTenant = @{ Name = $TenantName }
        if ($TenantDescription) { $newTenant.Description = $TenantDescription }
        $tenant = New-MsxTenant @platform @newTenant @go
    }

    # ---- Step 5: the tenant administrator -------------------------------------------------------
    Write-Step 5 "tenant administrator '$AdminUserName'"
    $skipped = [System.Collections.Generic.List[string]]::new()
    $adminUser = $null
    try {
        $adminUser = New-MsxUser @platform @go -UserName $AdminUserName -FirstName $AdminFirstName -LastName $AdminLastName -Email $AdminEmail `
            -Role TENANT_ADMIN -TenantId $tenant.Id -Password $InitialPassword
    }
    catch {
        if ($_.FullyQualifiedErrorId -notlike 'MsxUserExists*') { throw }
        Write-Warning "User '$AdminUserName' exists already: left as it is. $($_.Exception.Message)"
        $skipped.Add($AdminUserName)
        $adminUser = Get-MsxUser @platform -UserName $AdminUserName
    }

    # ---- Step 6: the administrator creates its operators ----------------------------------------
    Write-Step 6 "log in as '$AdminUserName' and create the operators in its tenant"
    $tenantAdmin = Get-MsxAccessToken @login -Credential ([pscredential]::new($AdminUserName, $InitialPassword)) -NotDefault
    $made.Add($tenantAdmin)
    $created = foreach ($operator in $operators) {
        try {
            # -TenantId given here wins over any TenantId column: every operator belongs to the customer.
            $operator | New-MsxUser -Session $tenantAdmin @go -TenantId $tenant.Id -Password $InitialPassword
        }
        catch {
            if ($_.FullyQualifiedErrorId -notlike 'MsxUserExists*') { throw }
            Write-Warning "User '$($operator.UserName)' exists already: left as it is."
            $skipped.Add($operator.UserName)
        }
    }
    $created = @($created)

    # ---- Step 7: every new user logs in, with its roles and its tenant --------------------------
    Write-Step 7 'check that each new user logs in with its roles and tenant'
    $expected = @()
    if ($AdminUserName -notin $skipped) { $expected += [pscustomobject]@{ UserName = $AdminUserName; Roles = @('TENANT_ADMIN') } }
    $expected += @($created | ForEach-Object { [pscustomobject]@{ UserName = $_.UserName; Roles = @($_.Roles) } })
    $logins = foreach ($user in $expected) {
        $own = $null
        try {
            $own = Get-MsxAccessToken @login -Credential ([pscredential]::new($user.UserName, $InitialPassword)) -NotDefault
            $me = Get-MsxCurrentUser -Session $own
            [pscustomobject]@{
                UserName  = $me.UserName
                LoggedIn  = $true
                Roles     = @($me.Roles)
                RolesOk   = @($user.Roles | Where-Object { $_ -notin @($me.Roles) }).Count -eq 0
                TenantIds = @($me.TenantIds)
                InTenant  = @($me.TenantIds) -contains $tenant.Id
                Error     = $null
            }
        }
        catch {
            Write-Error -ErrorRecord $_ -ErrorAction Continue
            [pscustomobject]@{ UserName = $user.UserName; LoggedIn = $false; Roles = @(); RolesOk = $false; TenantIds = @(); InTenant = $false; Error = $_.Exception.Message }
        }
        finally {
            if ($own) { Disconnect-MsxSession -Session $own @go -ErrorAction SilentlyContinue }
        }
    }

    # ---- Step 8: the administrator's reach: its own tenant, and no other -------------------------
    Write-Step 8 "check what '$AdminUserName' may reach"
    $ownUsers = @(Get-MsxUser -Session $tenantAdmin -TenantId $tenant.Id)
    $other = @($admin.TenantId) | Where-Object { $_ -and $_ -ne $tenant.Id } | Select-Object -First 1
    $denied = $null
    if ($other) {
        try {
            $null = Get-MsxUser -Session $tenantAdmin -TenantId $other -First 1 -ErrorAction Stop
            $denied = $false
            Write-Warning "'$AdminUserName' can read the users of tenant $other, which is not its own."
        }
        catch {
            if ($_.FullyQualifiedErrorId -notlike 'MsxPermissionDenied*') { throw }
            $denied = $true
        }
    }

    # ---- Step 9: the customer's sites, made by its administrator -------------------------------
    Write-Step 9 "sites of '$TenantName' from $SiteCsv"
    $asTenantAdmin = @{ Session = $tenantAdmin }
    $sites = @{}
    foreach ($row in $siteRows) {
        $existing = @(Get-MsxSite @asTenantAdmin -TenantId $tenant.Id -Name ([WildcardPattern]::Escape($row.Name)) -ErrorAction SilentlyContinue) | Select-Object -First 1
        if ($existing) {
            Write-Warning "Site '$($row.Name)' exists already ($($existing.Id)): left as it is."
            $sites[$row.Name] = $existing
        }
        else {
            $sites[$row.Name] = $row | New-MsxSite @asTenantAdmin @go -TenantId $tenant.Id
        }
    }

    # ---- Step 10: the customer's devices, each placed at its site -------------------------------
    Write-Step 10 "devices of '$TenantName' from $DeviceCsv, placed at their sites"
    $devices = foreach ($row in $deviceRows) {
        try {
            $row | New-MsxDevice @asTenantAdmin @go -TenantId $tenant.Id
        }
        catch {
            if ($_.FullyQualifiedErrorId -notlike 'MsxDeviceExists*' -or -not $row.SerialKey) { throw }
            $existing = Get-MsxDevice @asTenantAdmin -SerialKey $row.SerialKey -TenantId $tenant.Id -ErrorAction SilentlyContinue | Select-Object -First 1
            if (-not $existing) { throw "Device '$($row.Name)': its serial key $($row.SerialKey) belongs to a device of another tenant. $($_.Exception.Message)" }
            Write-Warning "Device '$($existing.Name)' (serial key $($row.SerialKey)) exists already: left as it is."
            $existing
        }
    }
    $devices = @($devices)
    foreach ($group in $deviceRows | Group-Object Site) {
        $serials = @($group.Group | ForEach-Object SerialKey)
        $names = @($group.Group | ForEach-Object Name)
        $atSite = @($devices | Where-Object { ($_.SerialKey -and $_.SerialKey -in $serials) -or $_.Name -in $names })
        # One request per site: the server places all of them or none.
        $sites[$group.Name] = $atSite | Add-MsxSiteDevice -SiteId $sites[$group.Name].Id @go -PassThru
    }

    # ---- Step 11: the health of the customer's devices ------------------------------------------
    Write-Step 11 "health of the devices of '$TenantName'"
    $health = @(Get-MsxDevice @asTenantAdmin -TenantId $tenant.Id | Get-MsxDeviceHealth)
    $notUp = @($health | Where-Object Status -ne up)
    Write-Information "$($health.Count) device(s), $($health.Count - $notUp.Count) up, $($notUp.Count) not up$(if ($notUp) { ': ' + (($notUp | ForEach-Object { "$($_.DeviceName) ($($_.Status))" }) -join ', ') })." -InformationAction Continue

    [pscustomobject]@{
        PSTypeName = 'MsxCustomerOnboarding'
        Server     = $admin.Server
        Tenant     = $tenant
        Admin      = $adminUser
        Operators  = $created
        Skipped    = @($skipped)
        Logins     = @($logins)
        AdminScope = [pscustomobject]@{
            OwnTenantUsers    = @($ownUsers.UserName)
            OtherTenantId     = $other
            OtherTenantDenied = $denied
        }
        Sites      = @($siteRows | ForEach-Object { $sites[$_.Name] })
        Devices    = $devices
        Health     = $health
        NotUp      = $notUp
    }
}
finally {
    foreach ($s in $made) { Disconnect-MsxSession -Session $s @go -ErrorAction SilentlyContinue }
    if ($script:checker) { $script:checker.Dispose() }
}
