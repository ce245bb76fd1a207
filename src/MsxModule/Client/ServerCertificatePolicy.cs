using System.IO;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace MsxPowerShell.Client;

/// <summary>
/// The extra trust of one session: certificates from -CertificateAuthorityFile (a private CA, or the server's
/// own certificate) and a -CertificateThumbprint pin. A certificate the system already trusts is accepted as
/// before; one that is not is accepted only when its chain ends in a given certificate (with the host name
/// matching) or when it is the pinned certificate. Built on <see cref="X509Chain"/> with an extra store, which
/// .NET Framework has too (its chain has no custom trust store).
/// </summary>
internal sealed class ServerCertificatePolicy
{
    private const string PemBegin = "-----BEGIN CERTIFICATE-----";
    private const string PemEnd = "-----END CERTIFICATE-----";

    private readonly X509Certificate2Collection _authorities;
    private readonly string? _thumbprint;
    private string? _lastRejection;

    public ServerCertificatePolicy(X509Certificate2Collection? authorities, string? thumbprint)
    {
        _authorities = authorities ?? new X509Certificate2Collection();
        _thumbprint = thumbprint;
    }

    /// <summary>Why the last certificate was refused, for the error message; null when none was.</summary>
    public string? LastRejection => _lastRejection;

    /// <summary>The session's extra trust, or null when it has none (the system's verification alone).</summary>
    public static ServerCertificatePolicy? For(MsxClientOptions options) =>
        (options.TrustedCertificates is { Count: > 0 } || options.CertificateThumbprint is not null) && !options.SkipCertificateCheck
            ? new ServerCertificatePolicy(options.TrustedCertificates, options.CertificateThumbprint)
            : null;

    /// <summary>
    /// Reads a PEM file (one or more BEGIN CERTIFICATE blocks) or a DER file. Throws <see cref="ArgumentException"/>
    /// with a message for the user when the file is missing or holds no certificate.
    /// </summary>
    public static X509Certificate2Collection LoadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ArgumentException($"Cannot read the certificate file '{path}': {ex.Message}", ex);
        }

        var collection = new X509Certificate2Collection();
        try
        {
            var text = Encoding.ASCII.GetString(bytes);
            if (text.IndexOf(PemBegin, StringComparison.Ordinal) >= 0)
            {
                foreach (Match block in Regex.Matches(text, Regex.Escape(PemBegin) + "(?<body>[A-Za-z0-9+/=\\s]*?)" + Regex.Escape(PemEnd), RegexOptions.CultureInvariant))
                {
                    var body = Regex.Replace(block.Groups["body"].Value, "\\s", string.Empty);
                    collection.Add(new X509Certificate2(Convert.FromBase64String(body)));
                }
            }
            else if (bytes.Length > 0)
            {
                collection.Add(new X509Certificate2(bytes));
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw new ArgumentException($"The file '{path}' is not a PEM or DER certificate: {ex.Message}", ex);
        }

        if (collection.Count == 0)
        {
            throw new ArgumentException($"The file '{path}' holds no certificate; give a PEM (-----BEGIN CERTIFICATE-----) or DER file of the certificate authority or of the server.");
        }

        return collection;
    }

    /// <summary>
    /// A thumbprint as upper-case hex without separators: SHA-1 (40 digits, as Windows shows it) or SHA-256
    /// (64 digits). Spaces, colons and hyphens are ignored.
    /// </summary>
    public static string NormalizeThumbprint(string thumbprint)
    {
        var hex = Regex.Replace(thumbprint ?? string.Empty, "[\\s:-]", string.Empty).ToUpperInvariant();
        if (!Regex.IsMatch(hex, "^([0-9A-F]{40}|[0-9A-F]{64})$", RegexOptions.CultureInvariant))
        {
            throw new ArgumentException($"The thumbprint '{thumbprint}' is not a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) certificate thumbprint.");
        }

        return hex;
    }

    /// <summary>The certificate's thumbprint in the form of the pin (SHA-1 or SHA-256 by its length).</summary>
    public static string ThumbprintOf(X509Certificate2 certificate, int length)
    {
        if (length == 40)
        {
            return certificate.Thumbprint.ToUpperInvariant();
        }

        using var sha256 = SHA256.Create();
        return string.Concat(sha256.ComputeHash(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The handler's certificate check; records why a certificate was refused.</summary>
    public bool Validate(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        var accepted = Accepts(certificate, errors, out var reason);
        _lastRejection = accepted ? null : reason;
        return accepted;
    }

    /// <summary>Whether the server's certificate is trusted by the system or by this session's extra trust.</summary>
    public bool Accepts(X509Certificate2? certificate, SslPolicyErrors errors, out string? reason)
    {
        reason = null;
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            reason = "the server sent no certificate";
            return false;
        }

        if (_thumbprint is not null)
        {
            var actual = ThumbprintOf(certificate, _thumbprint.Length);
            if (string.Equals(actual, _thumbprint, StringComparison.Ordinal))
            {
                return true;
            }

            reason = $"its thumbprint {actual} is not the pinned {_thumbprint}";
            if (_authorities.Count == 0)
            {
                return false;
            }
        }

        if (_authorities.Count == 0)
        {
            reason ??= errors.ToString();
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            reason = $"its name ({certificate.Subject}) does not match the server's host name";
            return false;
        }

        if (ChainsToAuthority(certificate, out var chainProblem))
        {
            return true;
        }

        reason = reason is null ? chainProblem : reason + "; " + chainProblem;
        return false;
    }

    private bool ChainsToAuthority(X509Certificate2 certificate, out string problem)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.ExtraStore.AddRange(_authorities);
        // The given certificates are the trust anchors: an unknown root is allowed here and checked below.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        // A private CA seldom publishes a revocation list the client can reach.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
        {
            var statuses = chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.UntrustedRoot && s != X509ChainStatusFlags.PartialChain);
            problem = "its chain is not valid (" + string.Join(", ", statuses.Distinct()) + ")";
            return false;
        }

        var anchor = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
        var anchors = new HashSet<string>(_authorities.Cast<X509Certificate2>().Select(c => c.Thumbprint), StringComparer.OrdinalIgnoreCase);
        foreach (var element in chain.ChainElements)
        {
            // The chain ends in a given CA, or contains the given server certificate itself.
            if (anchors.Contains(element.Certificate.Thumbprint) && (ReferenceEquals(element.Certificate, anchor) || element.Certificate.Thumbprint == certificate.Thumbprint))
            {
                problem = string.Empty;
                return true;
            }
        }

        problem = $"it was issued by {anchor.Subject}, which is not in the session's certificate authority file";
        return false;
    }
}
