using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChangeCoordination.Web.Data;

/// <summary>
/// Encryption at rest of the free text and device details a DCC User sends: ASP.NET Core Data Protection, one
/// purpose per column, keys kept in the database itself (<see cref="ChangeCoordinationDb.DataProtectionKeys"/>)
/// under one application name, so every server of the deployment reads what any other wrote, and the key ring
/// encrypted with a certificate kept outside the database (<see cref="KeyRingCertificate"/>).
/// </summary>
public sealed class FieldProtection(IDataProtectionProvider provider)
{
    public const string ApplicationName = "ChangeCoordination";

    public const string ChangeDescription = "Change.Description";
    public const string ChangeDevices = "Change.DeviceCombinations";
    public const string ChangeRationale = "Change.AssessmentRationale";
    public const string ChangeCancellation = "Change.CancellationReason";
    public const string RevisionSnapshot = "ChangeRevision.Snapshot";
    public const string ConsultationResponse = "MethodologyResponse.Text";
    public const string FeedLabel = "CalendarFeed.Label";
    public const string ReviewNote = "ChangeReview.Note";

    /// <summary>
    /// What an encrypted column reads as when its key is not in the ring or cannot be unlocked (a database copied or
    /// restored without the key ring's certificate): the read answers, without the text, instead of failing.
    /// </summary>
    public const string Unreadable = "[not readable: encrypted under a key this installation does not hold]";

    private readonly IDataProtector root = provider.CreateProtector("ChangeCoordination.Fields.v1");

    public IDataProtector For(string purpose) => root.CreateProtector(purpose);

    /// <summary>Text stored encrypted under <paramref name="purpose"/>: what the column holds is the protected payload.</summary>
    public ValueConverter Converter(string purpose)
    {
        var protector = For(purpose);
        return new ValueConverter<string, string>(v => protector.Protect(v), v => Unprotect(protector, v));
    }

    /// <summary>The text of a payload, or <see cref="Unreadable"/> when no key of the ring opens it.</summary>
    public static string Unprotect(IDataProtector protector, string payload)
    {
        try
        {
            return protector.Unprotect(payload);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return Unreadable;
        }
    }

    /// <summary>
    /// Makes sure a default key exists and is loaded, outside any write: a key created inside a write's SQLite
    /// transaction would wait on that transaction's own lock.
    /// </summary>
    public void EnsureKey() => root.Unprotect(root.Protect("key check"));
}

/// <summary>The model holds converters bound to one app's keys: cache it per <see cref="FieldProtection"/>, not per process.</summary>
internal sealed class ProtectedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as ChangeCoordinationDb)?.Protection, designTime);
}
