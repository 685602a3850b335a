using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PauseResume.Conformance.Targets;

/// <summary>
/// The certificates a recorder served over HTTPS is trusted by besides the system's: its own self-signed certificate,
/// or the certificate of the company CA that signed it, as <c>--ca-certificate</c> names them. The host name is still
/// checked against the certificate, and its dates and signatures against the chain: only the root is added.
/// </summary>
internal static class TrustedCertificates
{
    /// <summary>Every certificate in a PEM file (one or more <c>BEGIN CERTIFICATE</c> blocks) or in a DER file.</summary>
    /// <exception cref="FormatException">The file cannot be read or holds no certificate; the message says which.</exception>
    public static X509Certificate2Collection Load(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (System.Text.Encoding.ASCII.GetString(bytes).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                certificates.ImportFromPemFile(path);
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new FormatException($"--ca-certificate needs a certificate file (PEM or DER) the kit can read, not '{path}': {e.Message}");
        }

        return certificates.Count > 0 ? certificates : throw new FormatException($"--ca-certificate: '{path}' holds no certificate");
    }

    /// <summary>
    /// Accepts what the system trusts; else a chain that ends in one of <paramref name="roots"/>, for the right host
    /// name. A certificate for another name, expired, or signed by no root given is refused as without the option.
    /// </summary>
    public static RemoteCertificateValidationCallback Validator(X509Certificate2Collection roots) => (_, certificate, chain, errors) =>
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false; // a name that does not match, or no certificate at all: no root given changes that
        }

        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(roots);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a company CA's revocation list is rarely reachable from CI
        if (chain is not null)
        {
            // The intermediates the server sent (the handshake hands them to the system's chain), and those it built.
            own.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
            foreach (var element in chain.ChainElements.Skip(1))
            {
                own.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return own.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    };

    /// <summary>
    /// Whether a failed request failed on the server's certificate: then the target is reachable, and the way to reach
    /// it is to trust its certificate, not to check the address.
    /// </summary>
    public static bool IsCertificateRefusal(HttpRequestException failure) => failure.InnerException is AuthenticationException;
}
