using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MsxEmulator.Https;

/// <summary>An in-memory self-signed certificate for https:// addresses (no dev certificate needed).</summary>
public static class SelfSignedCertificate
{
    /// <summary>RSA-2048, CN=localhost, SAN localhost/127.0.0.1/::1, valid from a day ago for a year.</summary>
    public static X509Certificate2 Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));

        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        // Round-trip through PFX so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), password: null,
            X509KeyStorageFlags.Exportable);
    }

    /// <summary>
    /// Writes the public part of the served certificate to <paramref name="path"/>: DER for a .cer or .der
    /// path, PEM otherwise. Returns an error text, or null when written.
    /// </summary>
    public static string? TryWrite(X509Certificate2? certificate, string path)
    {
        if (certificate is null)
        {
            return "Option --certificate-out needs an https:// address in --urls: only https serves a certificate.";
        }

        var extension = Path.GetExtension(path);
        var der = extension.Equals(".cer", StringComparison.OrdinalIgnoreCase) || extension.Equals(".der", StringComparison.OrdinalIgnoreCase);
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            if (der)
            {
                File.WriteAllBytes(path, certificate.Export(X509ContentType.Cert));
            }
            else
            {
                File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"Cannot write the certificate to '{path}': {e.Message}";
        }
    }
}
