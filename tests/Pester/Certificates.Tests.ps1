# Trusting a private CA (or the server's own certificate) for one session, against two https emulators: the
# certificate the first one writes with --certificate-out is trusted; the second one's stays refused.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:PemA = Join-Path $TestDrive 'emulator-a.pem'
    $script:DerB = Join-Path $TestDrive 'emulator-b.cer'
    $script:A = $script:B = $null
    $script:A = Start-MsxEmulator -Https -ArgumentList '--certificate-out', $PemA
    $script:B = Start-MsxEmulator -Https -ArgumentList '--certificate-out', $DerB
    $script:CertA = [Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem((Get-Content -Raw -LiteralPath $PemA))
    $script:CertB = [Security.Cryptography.X509Certificates.X509Certificate2]::new([IO.File]::ReadAllBytes($DerB))

    function Connect-With($Emulator, [hashtable] $Options) {
        New-TestSession -Emulator $Emulator -Options $Options
    }
    function Get-LoginError($Emulator, [hashtable] $Options) {
        $caught = $null
        try { $null = Connect-With $Emulator $Options } catch { $caught = $_ }
        $caught
    }
}

AfterAll {
    $A, $B | Stop-MsxEmulator
}

Describe 'The emulator''s --certificate-out' {
    It 'writes the certificate it serves: PEM by default, DER for a .cer path' {
        (Get-Content -Raw -LiteralPath $PemA) | Should -Match '^-----BEGIN CERTIFICATE-----'
        $CertA.Subject | Should -Be 'CN=localhost'
        $CertB.Subject | Should -Be 'CN=localhost'
        $CertA.Thumbprint | Should -Not -Be $CertB.Thumbprint -Because 'each start makes its own certificate'
        $CertA.HasPrivateKey | Should -BeFalse
    }
}

Describe 'Connect-MsxServer -CertificateAuthorityFile' {
    It 'refuses the emulator''s certificate without it (verification is on by default)' {
        (Get-LoginError $A @{}).FullyQualifiedErrorId | Should -BeLike 'MsxCertificateInvalid*'
    }

    It 'trusts the certificate in a PEM file for that session, and the session works' {
        # WarningAction Stop: the login must not warn, since verification stays on (unlike -SkipCertificateCheck).
        $session = Connect-With $A @{ CertificateAuthorityFile = $PemA; WarningAction = 'Stop' }
        @(Get-MsxTenant -Session $session -First 1).Count | Should -Be 1
        $session.SkipCertificateCheck | Should -BeFalse
        $session.CertificateAuthorityFile | Should -Be $PemA -Because 'a script can make another session the same way'
    }

    It 'takes a DER file, and a path relative to the current location' {
        Push-Location (Split-Path $DerB)
        try { $session = Connect-With $B @{ CertificateAuthorityFile = (Split-Path -Leaf $DerB) } }
        finally { Pop-Location }
        @(Get-MsxTenant -Session $session -First 1).Count | Should -Be 1
    }

    It 'still refuses the second emulator''s certificate with MsxCertificateInvalid, saying why' {
        $e = Get-LoginError $B @{ CertificateAuthorityFile = $PemA }
        $e.FullyQualifiedErrorId | Should -BeLike 'MsxCertificateInvalid*'
        $e.CategoryInfo.Category | Should -Be 'SecurityError'
        $e.ErrorDetails.Message | Should -Match 'not trusted by this session'
        $e.ErrorDetails.Message | Should -Match 'not in the session''s certificate authority file'
        $e.ErrorDetails.RecommendedAction | Should -Match 'CertificateAuthorityFile'
    }

    It 'trusts for that session only: a session made without it is still refused' {
        $null = Connect-With $A @{ CertificateAuthorityFile = $PemA }
        (Get-LoginError $A @{}).FullyQualifiedErrorId | Should -BeLike 'MsxCertificateInvalid*'
    }

    It 'refuses a file without a certificate, and the combination with -SkipCertificateCheck, with MsxInvalidCertificateTrust' {
        $empty = Join-Path $TestDrive 'not-a-certificate.pem'
        Set-Content -LiteralPath $empty -Value 'hello'
        (Get-LoginError $A @{ CertificateAuthorityFile = $empty }).FullyQualifiedErrorId | Should -BeLike 'MsxInvalidCertificateTrust*'
        (Get-LoginError $A @{ CertificateAuthorityFile = (Join-Path $TestDrive 'missing.pem') }).FullyQualifiedErrorId | Should -BeLike 'MsxInvalidCertificateTrust*'
        (Get-LoginError $A @{ CertificateAuthorityFile = $PemA; SkipCertificateCheck = $true }).FullyQualifiedErrorId | Should -BeLike 'MsxInvalidCertificateTrust*'
    }
}

Describe 'Connect-MsxServer -CertificateThumbprint' {
    It 'accepts the pinned certificate by its SHA-1 thumbprint' {
        $session = Connect-With $A @{ CertificateThumbprint = $CertA.Thumbprint.ToLowerInvariant() }
        @(Get-MsxTenant -Session $session -First 1).Count | Should -Be 1
        $session.CertificateThumbprint | Should -Be $CertA.Thumbprint.ToUpperInvariant()
    }

    It 'accepts the pinned certificate by its SHA-256 thumbprint with colons' {
        $sha256 = ($CertA.GetCertHash([Security.Cryptography.HashAlgorithmName]::SHA256) | ForEach-Object { $_.ToString('X2') }) -join ':'
        $session = Connect-With $A @{ CertificateThumbprint = $sha256 }
        $session.Connected | Should -BeTrue
    }

    It 'refuses another certificate with MsxCertificateInvalid naming both thumbprints' {
        $e = Get-LoginError $B @{ CertificateThumbprint = $CertA.Thumbprint }
        $e.FullyQualifiedErrorId | Should -BeLike 'MsxCertificateInvalid*'
        $e.ErrorDetails.Message | Should -Match ([regex]::Escape("its thumbprint $($CertB.Thumbprint) is not the pinned $($CertA.Thumbprint)"))
    }

    It 'refuses a thumbprint that is not hex with MsxInvalidCertificateTrust' {
        (Get-LoginError $A @{ CertificateThumbprint = 'not-a-thumbprint' }).FullyQualifiedErrorId | Should -BeLike 'MsxInvalidCertificateTrust*'
    }
}

Describe 'Test-MsxConnection -CertificateAuthorityFile' {
    It 'passes the TLS check of the trusted server and fails the other' {
        $trusted = Test-MsxConnection -Server $A.Uri -CertificateAuthorityFile $PemA
        $trusted.TlsCheck | Should -Be 'Passed'
        $trusted.TlsValid | Should -BeTrue
        $refused = Test-MsxConnection -Server $B.Uri -CertificateAuthorityFile $PemA
        $refused.TlsCheck | Should -Be 'Failed'
        $refused.TlsError | Should -Match 'not in the session''s certificate authority file'
    }

    It 'logs in through the trusted certificate' {
        $r = Test-MsxConnection -Server $A.Uri -ClientId $SeedClientId -ClientSecret $SeedClientSecret -Credential $SeedCredential -CertificateAuthorityFile $PemA
        $r.TokenValid | Should -BeTrue
        $r.Passed | Should -BeTrue
    }
}
