# Helpers of the environment-check kit: settings (file, hashtable or environment), credentials, statistics.
# Dot-sourced by Invoke-MsxCheck.ps1 and by MsxEnvironment.Tests.ps1; defines functions only.

$script:MsxCheckSettingNames = @(
    'Server', 'ClientId', 'CredentialSource', 'UserName', 'ClientSecret', 'Password',
    'ExpectedTenants', 'ExpectedRoles', 'ExpectedTokenLifetimeSec', 'TokenLifetimeToleranceSec',
    'LatencyBudgetMs', 'LatencySamples', 'TenantRoundTrip', 'AllowUntrustedCertificate', 'TimeoutSec',
    # Already-resolved credentials (PSCredential objects), as Invoke-MsxCheck.ps1 passes them on.
    'ClientCredential', 'Credential'
)
# Users that must exist, each with the roles it must hold (optional; see Get-MsxCheckExpectedUsers).
$script:MsxCheckSettingNames += 'ExpectedUsers'
# A private certificate authority or a pinned server certificate, passed to Connect-MsxServer and Test-MsxConnection.
$script:MsxCheckSettingNames += 'CertificateAuthorityFile', 'CertificateThumbprint'

function Get-MsxCheckCertificateTrust {
    <#
    .SYNOPSIS
    The settings' CertificateAuthorityFile and CertificateThumbprint as Connect-MsxServer parameters (empty ones left out).
    #>
    param([Parameter(Mandatory)] [System.Collections.IDictionary] $Settings)
    $trust = @{}
    foreach ($name in 'CertificateAuthorityFile', 'CertificateThumbprint') { if ($Settings[$name]) { $trust[$name] = [string] $Settings[$name] } }
    $trust
}

function Get-MsxCheckSettings {
    <#
    .SYNOPSIS
    Turns a configuration (a .psd1 path, a hashtable, or nothing) into the full settings, with defaults and
    MSX_* environment variables filling what the configuration leaves out. Never prompts, never reads secrets.
    #>
    param($Config)

    $given = @{}
    if ($Config -is [string] -and $Config) {
        if (-not (Test-Path -LiteralPath $Config)) { throw "The check configuration '$Config' does not exist. Check the -Config path." }
        try { $Config = Import-PowerShellDataFile -LiteralPath $Config }
        catch { throw "The check configuration '$Config' cannot be read: $($_.Exception.Message) Check that it is a .psd1 file holding one hashtable (see msx-check.example.psd1)." }
    }
    if ($Config -is [System.Collections.IDictionary]) {
        foreach ($key in $Config.Keys) {
            if ($key -notin $script:MsxCheckSettingNames) {
                throw "Unknown setting '$key' in the check configuration. Known settings: $($script:MsxCheckSettingNames -join ', ')."
            }
            $given[$key] = $Config[$key]
        }
    }
    elseif ($null -ne $Config) { throw "The check configuration must be a .psd1 path or a hashtable, not $($Config.GetType().Name)." }

    function Get-EnvList([string] $name) {
        $v = [Environment]::GetEnvironmentVariable($name)
        if ($v) { @($v -split '[,;]' | ForEach-Object Trim | Where-Object { $_ }) } else { @() }
    }
    $envLifetime = [Environment]::GetEnvironmentVariable('MSX_CHECK_TOKEN_LIFETIME_SEC')
    $envUntrusted = [Environment]::GetEnvironmentVariable('MSX_CHECK_ALLOW_UNTRUSTED_CERTIFICATE')

    $s = [ordered]@{
        Server                    = $env:MSX_SERVER
        ClientId                  = $env:MSX_CLIENT_ID
        CredentialSource          = 'Environment'
        UserName                  = $env:MSX_USERNAME
        ClientSecret              = $null
        Password                  = $null
        ExpectedTenants           = Get-EnvList 'MSX_CHECK_EXPECTED_TENANTS'
        ExpectedRoles             = Get-EnvList 'MSX_CHECK_EXPECTED_ROLES'
        ExpectedTokenLifetimeSec  = if ($envLifetime) { [int] $envLifetime } else { $null }
        TokenLifetimeToleranceSec = 60
        LatencyBudgetMs           = @{ MedianMs = 500; P95Ms = 1500 }
        LatencySamples            = 20
        TenantRoundTrip           = $true
        AllowUntrustedCertificate = $envUntrusted -in @('1', 'true', 'yes')
        TimeoutSec                = 30
        ClientCredential          = $null
        Credential                = $null
        ExpectedUsers             = @()
    }
    foreach ($key in $given.Keys) { $s[$key] = $given[$key] }

    $s.ExpectedTenants = @($s.ExpectedTenants | Where-Object { $_ })
    $s.ExpectedRoles = @($s.ExpectedRoles | Where-Object { $_ })
    $s.ExpectedUsers = @(Get-MsxCheckExpectedUsers -Value $s.ExpectedUsers)
    $budget = @{ MedianMs = 500; P95Ms = 1500 }
    if ($s.LatencyBudgetMs -is [System.Collections.IDictionary]) { foreach ($k in $s.LatencyBudgetMs.Keys) { $budget[$k] = $s.LatencyBudgetMs[$k] } }
    $s.LatencyBudgetMs = $budget
    $s.LatencySamples = [int] $s.LatencySamples
    if ($s.LatencySamples -lt 1) { throw 'LatencySamples must be at least 1.' }
    if ($s.CredentialSource -notin @('Environment', 'Prompt', 'Plain')) {
        throw "CredentialSource must be 'Environment', 'Prompt' or 'Plain', not '$($s.CredentialSource)'."
    }
    if (-not $s.Server) { throw 'No MSX server: set Server in the check configuration or the MSX_SERVER environment variable.' }
    $uri = $null
    # A bare host or host:port means https, as for Connect-MsxServer.
    $address = if ([string] $s.Server -notmatch '://') { "https://$($s.Server)" } else { [string] $s.Server }
    if (-not [Uri]::TryCreate($address, [UriKind]::Absolute, [ref] $uri) -or $uri.Scheme -notin @('http', 'https')) {
        throw "Server '$($s.Server)' is not a host name or an http or https address: give it as msx.example.com or https://msx.example.com."
    }
    $s.Server = $uri.AbsoluteUri
    $s
}

function Get-MsxCheckCredentials {
    <#
    .SYNOPSIS
    The client credential (client id / secret) and user credential for the settings' CredentialSource.
    Environment: MSX_CLIENT_ID (unless ClientId is set), MSX_CLIENT_SECRET, MSX_USERNAME, MSX_PASSWORD.
    Prompt: Get-Credential (interactive sessions only). Plain: ClientSecret, UserName, Password from the settings.
    #>
    param([Parameter(Mandatory)] [System.Collections.IDictionary] $Settings)

    if ($Settings.ClientCredential -is [pscredential] -and $Settings.Credential -is [pscredential]) {
        return @{ ClientCredential = $Settings.ClientCredential; Credential = $Settings.Credential }
    }
    function New-Cred([string] $user, $secret) {
        if ($secret -isnot [securestring]) { $secret = ConvertTo-SecureString ([string] $secret) -AsPlainText -Force }
        [pscredential]::new($user, $secret)
    }
    switch ($Settings.CredentialSource) {
        'Environment' {
            $clientId = if ($Settings.ClientId) { $Settings.ClientId } else { $env:MSX_CLIENT_ID }
            $values = @{ MSX_CLIENT_ID = $clientId; MSX_CLIENT_SECRET = $env:MSX_CLIENT_SECRET; MSX_USERNAME = $env:MSX_USERNAME; MSX_PASSWORD = $env:MSX_PASSWORD }
            $missing = @('MSX_CLIENT_ID', 'MSX_CLIENT_SECRET', 'MSX_USERNAME', 'MSX_PASSWORD' | Where-Object { -not $values[$_] })
            if ($missing) { throw "CredentialSource 'Environment': environment variable(s) $($missing -join ', ') not set." }
            return @{ ClientCredential = New-Cred $clientId $values.MSX_CLIENT_SECRET; Credential = New-Cred $values.MSX_USERNAME $values.MSX_PASSWORD }
        }
        'Prompt' {
            if (-not $Settings.ClientId) { throw "CredentialSource 'Prompt' needs ClientId in the check configuration." }
            try {
                $client = Get-Credential -UserName $Settings.ClientId -Message "Secret of the MSX security client $($Settings.ClientId)"
                $user = if ($Settings.UserName) { Get-Credential -UserName $Settings.UserName -Message "MSX user at $($Settings.Server)" }
                        else { Get-Credential -Message "MSX user at $($Settings.Server)" }
            }
            catch { throw "CredentialSource 'Prompt' needs an interactive session: $($_.Exception.Message)" }
            if (-not $client -or -not $user) { throw "CredentialSource 'Prompt': no credential was entered." }
            return @{ ClientCredential = $client; Credential = $user }
        }
        'Plain' {
            $missing = @('ClientId', 'ClientSecret', 'UserName', 'Password' | Where-Object { -not $Settings[$_] })
            if ($missing) { throw "CredentialSource 'Plain' needs $($missing -join ', ') in the check configuration." }
            return @{ ClientCredential = New-Cred $Settings.ClientId $Settings.ClientSecret; Credential = New-Cred $Settings.UserName $Settings.Password }
        }
    }
}

function Get-MsxCheckExpectedUsers {
    <#
    .SYNOPSIS
    The ExpectedUsers setting as a list of @{ UserName; Roles }. It is a hashtable of user name to the roles
    that user must hold (@() for "exists, any roles"), e.g. @{ 'acme-admin' = @('TENANT_ADMIN'); 'acme-ada' = 'OPERATOR' },
    or a list of user names. An already-converted list passes through unchanged.
    #>
    param($Value)
    if ($null -eq $Value) { return }
    if ($Value -is [System.Collections.IDictionary]) {
        foreach ($name in @($Value.Keys | Sort-Object)) {
            if (-not $name) { throw 'ExpectedUsers has an empty user name.' }
            @{ UserName = [string] $name; Roles = @($Value[$name] | Where-Object { $_ } | ForEach-Object { [string] $_ }) }
        }
        return
    }
    foreach ($item in @($Value)) {
        if ($item -is [System.Collections.IDictionary] -and $item.Contains('UserName')) { @{ UserName = [string] $item.UserName; Roles = @($item.Roles | Where-Object { $_ }) } }
        elseif ($item -is [string] -and $item) { @{ UserName = $item; Roles = @() } }
        elseif ($item) { throw "ExpectedUsers must map user names to roles (@{ 'name' = @('ROLE') }), not $($item.GetType().Name)." }
    }
}

function Get-MsxCheckLatencyStats {
    # Median and nearest-rank 95th percentile of the samples (milliseconds), rounded to 0.1 ms.
    param([Parameter(Mandatory)] [double[]] $Samples)
    $sorted = @($Samples | Sort-Object)
    $n = $sorted.Count
    $median = if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
    $p95 = $sorted[[Math]::Max(0, [int][Math]::Ceiling(0.95 * $n) - 1)]
    [pscustomobject]@{ Count = $n; MedianMs = [Math]::Round($median, 1); P95Ms = [Math]::Round($p95, 1); MaxMs = [Math]::Round($sorted[-1], 1) }
}

function Format-MsxCheckError {
    # An error of the module as one line: its ErrorId, what happened (ErrorDetails, not the raw request line),
    # and what to do (RecommendedAction, unless the message already says it).
    param([Parameter(Mandatory)] [System.Management.Automation.ErrorRecord] $ErrorRecord)
    $id = ($ErrorRecord.FullyQualifiedErrorId -split ',')[0]
    $message = if ($ErrorRecord.ErrorDetails -and $ErrorRecord.ErrorDetails.Message) { $ErrorRecord.ErrorDetails.Message } else { $ErrorRecord.Exception.Message }
    $message = (@("$message" -split '\r?\n' | ForEach-Object Trim | Where-Object { $_ }) -join ' ').Trim()
    $action = if ($ErrorRecord.ErrorDetails) { "$($ErrorRecord.ErrorDetails.RecommendedAction)".Trim() } else { '' }
    if ($action -and -not $message.Contains($action)) { $message = "$message $action" }
    "${id}: $message"
}

function Assert-MsxCheck {
    <#
    .SYNOPSIS
    Fails the calling check with one line that says what is wrong and what to check, instead of Should's
    "Expected ... but got ...". The record carries Pester's assertion ErrorId so that Pester prints the line
    as it is, without an exception type in front.
    #>
    param([Parameter(Mandatory)] [bool] $Condition, [Parameter(Mandatory)] [string] $Failure)
    if ($Condition) { return }
    $caller = @(Get-PSCallStack)[1]
    $target = @{ Message = $Failure; File = $caller.ScriptName; Line = $caller.ScriptLineNumber; LineText = "$($caller.Position.Text)"; Terminating = $true }
    throw [System.Management.Automation.ErrorRecord]::new([Exception]::new($Failure), 'PesterAssertionFailed', [System.Management.Automation.ErrorCategory]::InvalidResult, $target)
}

function Invoke-MsxCheckStep {
    # Runs one step of a check; a failure of the module becomes one line: the step, the error, what to check.
    param([Parameter(Mandatory)] [string] $Step, [Parameter(Mandatory)] [string] $Check, [Parameter(Mandatory)] [scriptblock] $Action)
    try { & $Action }
    catch {
        if ($_.FullyQualifiedErrorId -eq 'PesterAssertionFailed') { throw }
        Assert-MsxCheck $false "$Step failed: $(Format-MsxCheckError $_) Check $Check"
    }
}

# ---- Device health: every device of the listed tenants is up (optional) -------------------------
$script:MsxCheckSettingNames += 'DevicesUpTenants'

function Get-MsxCheckDeviceTenants {
    <#
    .SYNOPSIS
    The tenants (names or ids) whose every device must be up: the DevicesUpTenants setting, else the
    MSX_CHECK_DEVICES_UP_TENANTS environment variable (separated by ',' or ';'); none skips the check.
    #>
    param([Parameter(Mandatory)] [System.Collections.IDictionary] $Settings)
    $value = $Settings['DevicesUpTenants']
    if ($null -eq $value) {
        $text = [Environment]::GetEnvironmentVariable('MSX_CHECK_DEVICES_UP_TENANTS')
        $value = if ($text) { @($text -split '[,;]' | ForEach-Object Trim) } else { @() }
    }
    @($value | Where-Object { $_ } | ForEach-Object { [string] $_ })
}
