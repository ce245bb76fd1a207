<#
.SYNOPSIS
CI login check: logs in to MSX from the MSX_* environment variables, prints the user and the number
of tenants, and exits with a non-zero code on any failure.

.DESCRIPTION
Meant for a pipeline step run as `pwsh -NonInteractive -File ./examples/Connect-FromEnvironment.ps1`.
It never prompts. It reads the server, the security client and the user from

  MSX_SERVER         the server address, e.g. https://msx.example.com
  MSX_CLIENT_ID      the security client's id
  MSX_CLIENT_SECRET  the security client's secret
  MSX_USERNAME       the user name
  MSX_PASSWORD       the user's password

(keep the secrets in the CI system's secret store), logs in with Connect-MsxServer -FromEnvironment,
prints who it is logged in as (Get-MsxCurrentUser) and how many tenants the user sees, and
disconnects (revokes the token) at the end. Put your own steps where the script says so.

Exit codes: 0 success; 2 a variable is missing (every missing one is named); 3 the login failed
(the message says why: wrong secret, wrong password, unreachable server, certificate...); 4 a later
step failed. Messages go to standard error; secrets are never printed.

Run it with -File (or as its own process): it ends with `exit`, which would also close an
interactive shell that dot-sources it.

.PARAMETER SkipCertificateCheck
Does not verify the server's certificate (lab servers only).

.EXAMPLE
pwsh -NoProfile -NonInteractive -File ./examples/Connect-FromEnvironment.ps1

A CI step; with GitHub Actions, map the secrets to the MSX_* variables in the step's env:.

.EXAMPLE
$env:MSX_SERVER = 'https://msx-lab.example.com'; ...; pwsh -File ./examples/Connect-FromEnvironment.ps1 -SkipCertificateCheck

A lab server with a self-signed certificate.
#>
[CmdletBinding()]
param(
    [switch] $SkipCertificateCheck
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

function Exit-WithError([int] $code, [string] $message) {
    [Console]::Error.WriteLine("ERROR: $message")
    exit $code
}

$required = 'MSX_SERVER', 'MSX_CLIENT_ID', 'MSX_CLIENT_SECRET', 'MSX_USERNAME', 'MSX_PASSWORD'
$missing = @($required | Where-Object { [string]::IsNullOrWhiteSpace([Environment]::GetEnvironmentVariable($_)) })
if ($missing.Count -gt 0) {
    Exit-WithError 2 "missing environment variable(s): $($missing -join ', '). Set $($required -join ', ')."
}

try {
    if (-not (Get-Module MsxModule)) { Import-Module MsxModule }
}
catch {
    Exit-WithError 4 "cannot load the MsxModule module: $($_.Exception.Message)"
}

try {
    $session = Connect-MsxServer -FromEnvironment -SkipCertificateCheck:$SkipCertificateCheck
}
catch {
    $errorId = ($_.FullyQualifiedErrorId -split ',')[0]
    Exit-WithError 3 "login to $env:MSX_SERVER as $env:MSX_USERNAME failed ($errorId): $($_.Exception.Message)"
}

$code = 0
try {
    $user = Get-MsxCurrentUser -Session $session
    "Logged in to $($session.Server) as $($user.UserName)"
    $count = (Get-MsxTenant -Session $session | Measure-Object).Count
    "Tenants: $count"

    # Your CI steps go here, each with -Session $session.
}
catch {
    $errorId = ($_.FullyQualifiedErrorId -split ',')[0]
    [Console]::Error.WriteLine("ERROR: $errorId`: $($_.Exception.Message)")
    $code = 4
}
finally {
    Disconnect-MsxSession -Session $session -ErrorAction SilentlyContinue
}
exit $code
