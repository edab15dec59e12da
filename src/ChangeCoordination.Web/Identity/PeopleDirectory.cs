using System.Collections.Concurrent;
using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Identity;

/// <summary>Looks people up by e-mail in the product's own records, with a short cache: roles come from here, not from the provider.</summary>
public sealed class PeopleDirectory(IDbContextFactory<ChangeCoordinationDb> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Caller? Caller, DateTimeOffset Until)> cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<Caller?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(email, out var hit) && hit.Until > now)
        {
            return hit.Caller;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalised = email.Trim().ToLowerInvariant();
        var caller = await db.People
            .Where(p => p.Email == normalised)
            .Select(p => new Caller(p.Email, p.DisplayName, p.Role, p.OrganisationId, p.Organisation!.Name, p.HasDetailAccess))
            .SingleOrDefaultAsync(cancellationToken);
        cache[email] = (caller, now + CacheFor);
        return caller;
    }

    public void Forget(string email) => cache.TryRemove(email, out _);
}
