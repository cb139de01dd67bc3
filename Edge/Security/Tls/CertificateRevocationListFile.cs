using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BcCertificateParser = Org.BouncyCastle.X509.X509CertificateParser;

namespace OrleansGateway.Edge.Security.Tls;

/// <summary>
/// The CRLs of a mutual-TLS listener, read from one PEM or DER file and re-read when the file
/// changes (size or write time), so an operator revokes a certificate without a restart. Every
/// CRL must be signed by a trust-store CA with its issuer's name; .NET cannot be handed a CRL for
/// chain building on Linux, so parsing and signature checks use BouncyCastle rather than our own
/// ASN.1 code.
/// </summary>
internal sealed partial class CertificateRevocationListFile
{
    private const long MaxFileBytes = 16 * 1024 * 1024;

    private readonly string _path;
    private readonly X509Certificate2Collection _trustStore;
    private readonly ILogger _logger;
    private readonly Lock _reload = new();
    private volatile Snapshot _current;

    public CertificateRevocationListFile(string path, X509Certificate2Collection trustStore, ILogger logger)
    {
        _path = path;
        _trustStore = trustStore;
        _logger = logger;
        // A bad CRL at start stops the edge: serving with revocation silently off would be worse.
        _current = Read(Stamp(path));
    }

    /// <summary>True when a CRL from <paramref name="certificate"/>'s issuer lists its serial number.</summary>
    public bool IsRevoked(X509Certificate2 certificate)
    {
        var snapshot = Current();
        var issuer = X509Name.GetInstance(certificate.IssuerName.RawData);
        var serial = new BcBigInteger(certificate.SerialNumber, 16);
        foreach (var crl in snapshot.Crls)
        {
            if (crl.IssuerDN.Equivalent(issuer) && crl.GetRevokedCertificate(serial) is not null)
            {
                return true;
            }
        }
        return false;
    }

    // A stat per handshake: cheap next to the handshake, and it needs no file watcher (which
    // misses changes on some container file systems).
    private Snapshot Current()
    {
        var current = _current;
        FileStamp stamp;
        try
        {
            stamp = Stamp(_path);
        }
        catch (IOException exception)
        {
            Log.CrlUnreadable(_logger, _path, exception.Message);
            return current;
        }
        if (stamp == current.Stamp)
        {
            return current;
        }
        lock (_reload)
        {
            if (_current.Stamp == stamp)
            {
                return _current;
            }
            try
            {
                _current = Read(stamp);
                Log.CrlReloaded(_logger, _path, _current.Crls.Count);
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException)
            {
                // Keep the last good lists rather than drop revocation: the file may be mid-write.
                Log.CrlRejected(_logger, _path, exception.Message);
                _current = current with { Stamp = stamp };
            }
            return _current;
        }
    }

    private Snapshot Read(FileStamp stamp)
    {
        if (stamp.Length > MaxFileBytes)
        {
            throw new InvalidOperationException($"CRL file {_path} is larger than {MaxFileBytes} bytes.");
        }
        IList<X509Crl> crls;
        try
        {
            crls = [.. new X509CrlParser().ReadCrls(File.ReadAllBytes(_path))];
        }
        catch (Exception exception) when (exception is not IOException)
        {
            throw new InvalidOperationException($"CRL file {_path} is not a PEM or DER CRL: {exception.Message}", exception);
        }
        if (crls.Count == 0)
        {
            throw new InvalidOperationException($"CRL file {_path} holds no CRL.");
        }
        foreach (var crl in crls)
        {
            if (!IsSignedByTrustedIssuer(crl))
            {
                throw new InvalidOperationException(
                    $"CRL of {crl.IssuerDN} in {_path} is not signed by a trust-store CA of that name.");
            }
        }
        return new Snapshot(stamp, crls.AsReadOnly());
    }

    private bool IsSignedByTrustedIssuer(X509Crl crl)
    {
        foreach (var authority in _trustStore)
        {
            if (!X509Name.GetInstance(authority.SubjectName.RawData).Equivalent(crl.IssuerDN))
            {
                continue;
            }
            try
            {
                crl.Verify(new BcCertificateParser().ReadCertificate(authority.RawData).GetPublicKey());
                return true;
            }
            catch (Exception exception) when (exception is Org.BouncyCastle.Security.InvalidKeyException
                or Org.BouncyCastle.Security.SignatureException or Org.BouncyCastle.Crypto.CryptoException)
            {
                // Another CA of the same name may hold the signing key.
            }
        }
        return false;
    }

    private static FileStamp Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.LastWriteTimeUtc, info.Length) : throw new FileNotFoundException($"CRL file {path} not found.", path);
    }

    private readonly record struct FileStamp(DateTime LastWriteUtc, long Length);

    private sealed record Snapshot(FileStamp Stamp, IReadOnlyList<X509Crl> Crls);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Reloaded CRL file {Path}: {Count} CRL(s).")]
        public static partial void CrlReloaded(ILogger logger, string path, int count);

        [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "CRL file {Path} was changed but is not valid; keeping the previous CRLs: {Reason}")]
        public static partial void CrlRejected(ILogger logger, string path, string reason);

        [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "CRL file {Path} cannot be read; keeping the previous CRLs: {Reason}")]
        public static partial void CrlUnreadable(ILogger logger, string path, string reason);
    }
}
