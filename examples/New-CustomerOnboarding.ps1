<#
.SYNOPSIS
Onboards a customer on MSX: its tenant, its tenant administrator, and its operators from a CSV file,
then checks that every new user can log in with the roles and the tenant it should have.

.DESCRIPTION
The flow of Cisco's guides for a customer's people, in steps:

  1. Log in as the platform administrator (-Server, -ClientId, -ClientSecret, -Credential), or use
     -Session.
  2. Read the operators' CSV file (columns UserName, LastName, Email required; FirstName, Role
     optional; a Role cell may hold several roles separated by ';', and an empty one gets
     -OperatorRole) and check every row with New-MsxUser -WhatIf. An invalid row stops the script
     before anything is changed: a half-onboarded customer is worse than none.
  3. Ask once for the whole onboarding (ShouldProcess): -WhatIf makes the script a dry run that
     changes nothing, -Confirm asks first.
  4. Create the customer's tenant (or use the tenant of that name if it exists).
  5. Create the tenant administrator, with the role TENANT_ADMIN on that tenant.
  6. Log in as that administrator, and let it create the operators in its tenant: what a customer's
     administrator will do from then on.
  7. Check each new user: it logs in with its first password (Get-MsxAccessToken), and
     Get-MsxCurrentUser shows its roles and its tenant.
  8. Check the administrator's reach: it lists the users of its own tenant, and another tenant's
     users are refused (MsxPermissionDenied).

Users that exist already are left as they are, with a warning, and are not checked; so the script
can be run again after a failure. Every session the script makes is disconnected at the end, also
when a step fails. The new users get -InitialPassword (asked for when not given); they should change
it at their first login (Set-MsxUserPassword -OldPassword).

The result is one object with the tenant, the administrator, the operators, one login check per new
user (Logins) and the administrator's reach (AdminScope). Later steps of a customer's onboarding
(sites, devices) can be added after step 8 in the same way.

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

.OUTPUTS
A PSCustomObject (type name MsxCustomerOnboarding) with Tenant, Admin, Operators, Skipped, Logins and
AdminScope; nothing with -WhatIf.

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

    [SecureString] $InitialPassword
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
if (-not (Get-Module MsxModule)) { Import-Module MsxModule }

function Write-Step([int] $Number, [string] $Text) { Write-Information "Step ${Number}: $Text" -InformationAction Continue }

# After the one confirmation of step 3, no cmdlet asks again (nor takes -WhatIf from this script).
$go = @{ WhatIf = $false; Confirm = $false }
$made = [System.Collections.Generic.List[object]]::new()   # every session this script makes, disconnected at the end

try {
    # ---- Step 1: the platform administrator's session ------------------------------------------
    Write-Step 1 'log in as the platform administrator'
    if ($PSCmdlet.ParameterSetName -eq 'Session') {
        $admin = $Session
        $login = @{ Server = $Session.Server; ClientId = $Session.ClientId; ClientSecret = $ClientSecret; SkipCertificateCheck = $Session.SkipCertificateCheck }
    }
    else {
        $login = @{ Server = $Server; ClientId = $ClientId; ClientSecret = $ClientSecret; SkipCertificateCheck = $SkipCertificateCheck.IsPresent }
        $admin = Get-MsxAccessToken @login -Credential $Credential -NotDefault
        $made.Add($admin)
    }
    $platform = @{ Session = $admin }

    # ---- Step 2: the operators' file, every row checked before anything changes ----------------
    Write-Step 2 "read and check $OperatorCsv (New-MsxUser -WhatIf shows each row's create)"
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
    $rowErrors = $null
    $operators | New-MsxUser @platform -WhatIf -ErrorAction SilentlyContinue -ErrorVariable rowErrors
    # New-MsxUser -WhatIf sends nothing, so the role names are looked up here (reads only).
    $roleNames = @('TENANT_ADMIN') + @($operators.Role -split ';' | ForEach-Object Trim | Where-Object { $_ }) | Select-Object -Unique
    $roleErrors = $null
    $null = Get-MsxRole @platform -Name $roleNames -ErrorAction SilentlyContinue -ErrorVariable roleErrors
    if ($AdminUserName -in @($operators.UserName)) { throw "The administrator $AdminUserName is also in $OperatorCsv." }
    $invalid = @(@($rowErrors) + @($roleErrors) | Where-Object { $_ })
    if ($invalid) {
        foreach ($e in $invalid) { Write-Error -ErrorRecord $e -ErrorAction Continue }
        throw "$OperatorCsv has $($invalid.Count) invalid value(s): nothing was changed."
    }

    # ---- Step 3: one confirmation for the whole onboarding ------------------------------------
    $plan = "tenant '$TenantName', its TENANT_ADMIN '$AdminUserName' and $($operators.Count) operator(s) ($(@($operators.UserName) -join ', ')) on $($admin.Server)"
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
    }
}
finally {
    foreach ($s in $made) { Disconnect-MsxSession -Session $s @go -ErrorAction SilentlyContinue }
}
