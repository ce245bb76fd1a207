# Configuration of the MSX environment checks. Copy it, adjust it, and run:
#   dotnet pwsh ./checks/Invoke-MsxCheck.ps1 -Config ./msx-check.psd1 [-OutputFile ./msx-check.xml]
# or: dotnet pwsh ./build.ps1 Check -Config ./msx-check.psd1
# Every setting is optional; what is left out comes from MSX_* environment variables or the defaults below.
# Exit codes: 0 every check passed; 1 a check failed (MSX is not as configured); 2 the checks could not run
# (this file missing or wrong, an MSX_* variable missing): monitoring can tell a broken setup from an unhealthy MSX.
@{
    # The MSX server: a host name (https is assumed), host:port, or an address (default: $env:MSX_SERVER).
    Server                    = 'https://msx.example.com'

    # The security client that logs in (default: $env:MSX_CLIENT_ID).
    ClientId                  = 'my-test-private-client'

    # Where the secrets come from:
    #   'Environment' (default): MSX_CLIENT_SECRET, MSX_USERNAME and MSX_PASSWORD (and MSX_CLIENT_ID unless
    #                 ClientId is set above). The right choice for a nightly job: keep them in the CI's secret store.
    #   'Prompt':     Get-Credential asks for the client secret and the user (interactive sessions only;
    #                 UserName below is offered as the user name).
    #   'Plain':      ClientSecret, UserName and Password written in this file.
    #                 !!! TEST SETUPS ONLY (an emulator, a throwaway lab). NEVER put real secrets in a file. !!!
    CredentialSource          = 'Environment'
    # UserName     = 'superuser'                  # for 'Prompt' and 'Plain'
    # ClientSecret = '...'                        # 'Plain' only - see the warning above
    # Password     = '...'                        # 'Plain' only - see the warning above

    # Tenants that must exist, by name (one check each, so a missing one is named in the report).
    ExpectedTenants           = @('Coke', 'Pepsi')

    # Roles the logged-in user must have (from its token).
    ExpectedRoles             = @('SUPERUSER')

    # Users that must exist, each with the roles it must hold (@() for any roles); one check each.
    # The logged-in user must be allowed to list users. Leave out to skip these checks.
    ExpectedUsers             = @{ 'tenantadmin' = @('TENANT_ADMIN'); 'consumer' = @('CONSUMER') }

    # Tenants (names or ids) whose every device must be up, by the monitor's device health; one check each,
    # naming each device that is down or unknown. Leave out to skip (or set MSX_CHECK_DEVICES_UP_TENANTS).
    # DevicesUpTenants          = @('Acme Corp')

    # The security client's accessTokenValiditySeconds; the token's lifetime must match within the tolerance.
    # Leave out to skip the check.
    ExpectedTokenLifetimeSec  = 9000
    TokenLifetimeToleranceSec = 60

    # Latency budget for LatencySamples calls of a cheap read (a known tenant by id, else the current user).
    LatencyBudgetMs           = @{ MedianMs = 200; P95Ms = 500 }
    LatencySamples            = 20

    # Create, read, update and delete a throwaway tenant named msx-check-<guid> (always cleaned up).
    # Set to $false for a read-only account.
    TenantRoundTrip           = $true

    # $true accepts an untrusted (e.g. self-signed) certificate: the TLS check is then reported as skipped
    # (Test-MsxConnection's TlsCheck is Skipped, with the reason) and the session uses -SkipCertificateCheck.
    # Lab servers only.
    AllowUntrustedCertificate = $false

    # A server certificate from a private certificate authority: that CA's PEM or DER file (or the server's
    # own certificate), or the server certificate's SHA-1/SHA-256 thumbprint. Verification stays on.
    # CertificateAuthorityFile  = './corp-root-ca.pem'
    # CertificateThumbprint     = '3A7F...'

    # Seconds each request may take.
    TimeoutSec                = 30
}
