using System.Collections.Concurrent;
using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Identity;

/// <summary>
/// Looks people up in the product's own records, by the provider's subject or else by e-mail (only for people whose
/// subject is not recorded), with a short cache:
/// roles come from here, not from the provider. Changes made on the access page forget the cache at once.
/// A person found by e-mail is linked to the provider's subject at that first sign-in, so from then on only that
/// subject signs in as them.
/// </summary>
public sealed class PeopleDirectory(IDbContextFactory<ChangeCoordinationDb> dbFactory, TimeProvider clock, Features.AuditTrail audit)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Caller? Caller, DateTimeOffset Until)> cache = new(StringComparer.OrdinalIgnoreCase);

    public Task<Caller?> FindAsync(string email, CancellationToken cancellationToken) => FindAsync(null, email, cancellationToken);

    public async Task<Caller?> FindAsync(string? subject, string? email, CancellationToken cancellationToken)
    {
        var key = $"{subject}|{email}";
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(key, out var hit) && hit.Until > now)
        {
            return hit.Caller;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalised = email?.Trim().ToLowerInvariant();
        var matches = await db.People
            .Where(p => (subject != null && p.Subject == subject) || (normalised != null && p.Email == normalised))
            .Select(p => new { p.Id, p.Subject, Caller = new Caller(p.Email, p.DisplayName, p.Role, p.OrganisationId, p.Organisation!.Name, p.HasDetailAccess) })
            .ToListAsync(cancellationToken);
        // A recorded subject is who the person is: an e-mail alone does not stand for someone whose subject differs.
        var match = matches.FirstOrDefault(m => subject != null && m.Subject == subject)
            ?? matches.FirstOrDefault(m => subject == null || m.Subject == null);
        if (match is { Subject: null } && subject is not null)
        {
            var person = await db.People.SingleAsync(p => p.Id == match.Id, cancellationToken);
            person.Subject = subject;
            person.Revision++;
            audit.RecordSystem(db, "person.subject-linked", person.Email);
            await db.SaveChangesAsync(cancellationToken);
        }

        var caller = match?.Caller;
        cache[key] = (caller, now + CacheFor);
        return caller;
    }

    /// <summary>Forgets every cached answer: a person's role, organisation or grant has changed.</summary>
    public void ForgetAll() => cache.Clear();
}
