using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Observability;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Causes;

/// <summary>
/// DCC staff tie imported incidents to the DCC Users' changes that caused or contributed to them. The product suggests
/// the changes in progress when the incident was opened (or just ended) and never ties one by itself. The set of an
/// incident's links is written whole, with its revision as If-Match, in one transaction, and audited.
/// </summary>
public sealed class IncidentLinks(IDbContextFactory<ChangeCoordinationDb> dbFactory, AuditTrail audit, TimeProvider clock, AppMetrics metrics)
{
    /// <summary>A change that ended this long before an incident was opened is still suggested: its effects outlast it.</summary>
    public const int AftermathHours = 4;

    public const int MaxLinks = 20;

    /// <summary>The longest range of incidents listed at once: a quarter.</summary>
    public const int MaxDays = 93;

    private const int MaxCandidates = 50;

    /// <summary>The incidents opened in [from, to) (London days), newest first, with their links.</summary>
    public async Task<IReadOnlyList<IncidentCausesResponse>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = (LondonTime.StartOf(from), LondonTime.StartOf(to.AddDays(1)));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.Opened >= start && i.Opened < end)
            .OrderByDescending(i => i.Opened).ThenBy(i => i.Reference)
            .ToListAsync(cancellationToken);
        var ids = incidents.Select(i => i.Id).ToList();
        var links = (await LinksAsync(db, l => ids.Contains(l.IncidentId), cancellationToken)).ToLookup(l => l.IncidentId, l => l.Response);
        return [.. incidents.Select(i => ToResponse(i, [.. links[i.Id]], null))];
    }

    /// <summary>One incident, its links and the candidates; null when no incident has the reference.</summary>
    public async Task<IncidentCausesResponse?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Reference == reference, cancellationToken);
        return incident is null ? null : await ReadAsync(db, incident, cancellationToken);
    }

    public Task<Outcome<IncidentCausesResponse>> SetAsync(Caller caller, string reference, int? ifMatch, IncidentLinksInput input, CancellationToken cancellationToken) =>
        metrics.MeasureWriteAsync("incident.linked", () => SetOnceAsync(caller, reference, ifMatch, input, cancellationToken));

    private async Task<Outcome<IncidentCausesResponse>> SetOnceAsync(Caller caller, string reference, int? ifMatch, IncidentLinksInput input, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Reference == reference, cancellationToken);
        if (incident is null)
        {
            return Outcome.NotFound<IncidentCausesResponse>();
        }

        if (ifMatch is null)
        {
            return Outcome.PreconditionRequired<IncidentCausesResponse>();
        }

        if (ifMatch != incident.LinksRevision)
        {
            return Outcome.Stale<IncidentCausesResponse>(incident.LinksRevision);
        }

        var errors = new FieldErrors();
        var wanted = await CheckAsync(db, input, errors, cancellationToken);
        if (errors.Any)
        {
            return Outcome.Invalid<IncidentCausesResponse>(errors);
        }

        var now = clock.GetUtcNow();
        var stored = await db.Set<IncidentLink>().Where(l => l.IncidentId == incident.Id).ToListAsync(cancellationToken);
        db.Set<IncidentLink>().RemoveRange(stored.Where(l => !wanted.ContainsKey(l.ChangeId)));
        foreach (var (changeId, role) in wanted)
        {
            if (stored.Find(l => l.ChangeId == changeId) is { } kept)
            {
                if (kept.Role != role)
                {
                    (kept.Role, kept.LinkedBy, kept.LinkedAt) = (role, caller.Email, now);
                }
            }
            else
            {
                db.Set<IncidentLink>().Add(new IncidentLink { IncidentId = incident.Id, ChangeId = changeId, Role = role, LinkedBy = caller.Email, LinkedAt = now });
            }
        }

        incident.LinksRevision++;
        audit.Record(db, caller, "incident.linked", $"{incident.Reference}: {ChangeText.Plural(wanted.Count, "change")}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale<IncidentCausesResponse>(incident.LinksRevision - 1);
        }

        return Outcome.Done(await ReadAsync(db, incident, cancellationToken));
    }

    /// <summary>The change ids and roles the input asks for; each problem named by its row, as <c>links[N].field</c>.</summary>
    private static async Task<Dictionary<long, IncidentRole>> CheckAsync(ChangeCoordinationDb db, IncidentLinksInput input, FieldErrors errors, CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<long, IncidentRole>();
        if (input.Links is not { } links)
        {
            errors.Add("links", "'links' is required: the changes tied to the incident, [] for none, each { \"change\": \"CHG-00012\", \"role\": \"Caused\" }.");
            return wanted;
        }

        if (links.Count > MaxLinks)
        {
            errors.Add("links", $"{links.Count} links: tie at most {MaxLinks} changes to one incident.");
            return wanted;
        }

        var references = links.Select(l => l?.Change).OfType<string>().ToList();
        var ids = await db.Changes.Where(c => references.Contains(c.Reference)).ToDictionaryAsync(c => c.Reference, c => c.Id, StringComparer.Ordinal, cancellationToken);
        for (var i = 0; i < links.Count; i++)
        {
            var field = $"links[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            if (links[i] is not { } link)
            {
                errors.Add(field, "Each link is { \"change\": \"CHG-00012\", \"role\": \"Caused\" }.");
                continue;
            }

            var role = InputParsing.Enum<IncidentRole>(link.Role, $"{field}.role", errors);
            var reference = InputParsing.Text(link.Change, $"{field}.change", 40, errors, "Give the change's reference, for example CHG-00012.");
            if (reference is null)
            {
                continue;
            }

            if (!ids.TryGetValue(reference, out var id))
            {
                errors.Add($"{field}.change", $"No DCC User's change is {reference}: give the reference of a change on the schedule.");
            }
            else if (!wanted.TryAdd(id, role ?? default))
            {
                errors.Add($"{field}.change", $"{reference} is in the list twice: tie each change once, as Caused or Contributed.");
            }
        }

        return wanted;
    }

    private static async Task<IncidentCausesResponse> ReadAsync(ChangeCoordinationDb db, IncidentRow incident, CancellationToken cancellationToken)
    {
        var links = (await LinksAsync(db, l => l.IncidentId == incident.Id, cancellationToken)).Select(l => l.Response).ToList();
        var earliestEnd = incident.Opened.AddHours(-AftermathHours);
        var nearby = await db.Changes.AsNoTracking()
            .Where(c => c.Status != ChangeStatus.Cancelled && c.Start <= incident.Opened && c.End > earliestEnd)
            .Select(c => new { c.Reference, Organisation = c.Organisation!.Name, c.Type, c.Start, c.End })
            .ToListAsync(cancellationToken);
        var roles = links.ToDictionary(l => l.Change, l => l.Role, StringComparer.Ordinal);
        var candidates = nearby
            .Select(c => new IncidentCandidate(c.Reference, c.Organisation, c.Type, LondonTime.ToLondon(c.Start), LondonTime.ToLondon(c.End), c.End > incident.Opened, roles.TryGetValue(c.Reference, out var r) ? r : null))
            .OrderByDescending(c => c.InProgress).ThenByDescending(c => c.End).ThenBy(c => c.Change, StringComparer.Ordinal)
            .Take(MaxCandidates)
            .ToList();
        return ToResponse(incident, links, candidates);
    }

    private static async Task<List<(long IncidentId, IncidentLinkResponse Response)>> LinksAsync(ChangeCoordinationDb db, System.Linq.Expressions.Expression<Func<IncidentLink, bool>> which, CancellationToken cancellationToken)
    {
        var rows = await db.Set<IncidentLink>().AsNoTracking().Where(which)
            .OrderBy(l => l.Change!.Start).ThenBy(l => l.ChangeId)
            .Select(l => new { l.IncidentId, l.Change!.Reference, Organisation = l.Change.Organisation!.Name, l.Role, l.LinkedBy, l.LinkedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(l => (l.IncidentId, new IncidentLinkResponse(l.Reference, l.Organisation, l.Role, l.LinkedBy, LondonTime.ToLondon(l.LinkedAt))))];
    }

    private static IncidentCausesResponse ToResponse(IncidentRow incident, IReadOnlyList<IncidentLinkResponse> links, IReadOnlyList<IncidentCandidate>? candidates) =>
        new(incident.Reference, incident.Category, incident.Summary, LondonTime.ToLondon(incident.Opened), incident.Resolved is { } resolved ? LondonTime.ToLondon(resolved) : null, incident.ResponsibleParty, incident.LinksRevision, links, candidates);
}
