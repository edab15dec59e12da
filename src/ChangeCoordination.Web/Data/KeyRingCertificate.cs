using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChangeCoordination.Web.Data;

/// <summary>The <c>DataProtection</c> configuration section.</summary>
public sealed class DataProtectionSettings
{
    /// <summary>
    /// A PKCS#12 (.pfx) file holding the certificate and private key that encrypt the key ring. Relative paths are
    /// under the app's content root. Every server of a deployment needs the same file.
    /// </summary>
    public string CertificatePath { get; set; } = Path.Combine("App_Data", "keys", "data-protection.pfx");

    /// <summary>The .pfx file's password, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}

/// <summary>
/// The certificate that encrypts the Data Protection key ring, which lives in the database beside the ciphertext
/// it unlocks: kept outside the database, so that a copy of the database alone decrypts nothing. When the file does
/// not exist it is made (a self-signed RSA certificate, readable by the app's account only), and the start says so
/// in the log (<see cref="LogIfCreated"/>).
/// </summary>
public sealed partial class KeyRingCertificate
{
    private KeyRingCertificate(string path, X509Certificate2 certificate, bool created) => (Path, Certificate, Created) = (path, certificate, created);

    public string Path { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>Whether this start made the file.</summary>
    public bool Created { get; }

    /// <summary>Loaded while the app is configured (Data Protection takes the certificate itself), before any logger exists.</summary>
    public static KeyRingCertificate LoadOrCreate(string path, string? password)
    {
        var created = !File.Exists(path) && Create(path, password);
        try
        {
            return new KeyRingCertificate(path, X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet), created);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath names {path}, which is not a PKCS#12 file with a private key that DataProtection:CertificatePassword opens: {exception.Message}", exception);
        }
    }

    public void LogIfCreated(ILogger logger)
    {
        if (Created)
        {
            MadeCertificate(logger, Path);
        }
    }

    /// <summary>Makes the file; false when another server starting on the same folder made it first.</summary>
    private static bool Create(string path, string? password)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Change Coordination key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var bytes = certificate.Export(X509ContentType.Pkcs12, password);

        // Written whole under another name, then moved into place: servers starting together on one folder take
        // the first one written, and no server ever reads half a file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            file.Write(bytes);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Made a new certificate for the data protection key ring at {Path}. Back it up apart from the database: without it no description can be read. Every server of a farm needs this same file (DataProtection:CertificatePath).")]
    private static partial void MadeCertificate(ILogger logger, string path);
}
