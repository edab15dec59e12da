using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Reviews;

/// <summary>Which ended changes still wait for their organisation's review: counted for the DCC, listed for the reminder.</summary>
public sealed class AwaitingReviews(IDbContextFactory<ChangeCoordinationDb> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// How far back the bell reminds: a change that ended longer ago (one from before reviews existed, after an upgrade)
    /// still shows as awaiting, but is not pushed into every User's bell.
    /// </summary>
    public static readonly TimeSpan ReminderWindow = TimeSpan.FromDays(30);

    /// <summary>Each organisation with a change awaiting review and how many, most first: counts only, no details.</summary>
    public async Task<IReadOnlyList<AwaitingReviewCount>> ByOrganisationAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Changes.AsNoTracking()
            .Where(ReviewRules.Awaiting(clock.GetUtcNow()))
            .GroupBy(c => c.Organisation!.Name)
            .Select(g => new AwaitingReviewCount(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        return [.. counts.OrderByDescending(c => c.Changes).ThenBy(c => c.Organisation, StringComparer.Ordinal)];
    }

    /// <summary>The references of changes that ended within <see cref="ReminderWindow"/> and await review.</summary>
    public async Task<IReadOnlyList<string>> DueForReminderAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now - ReminderWindow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Changes.AsNoTracking()
            .Where(ReviewRules.Awaiting(now))
            .Where(c => c.End > since)
            .OrderBy(c => c.End).ThenBy(c => c.Id)
            .Select(c => c.Reference)
            .ToListAsync(cancellationToken);
    }
}
