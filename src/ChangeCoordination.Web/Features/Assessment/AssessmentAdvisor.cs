using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Causes;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Assessment;

/// <summary>
/// Reads the history the advice is made from: the changes to advise on and every ended change of their types whose
/// outcome is known, in two queries however many changes are asked about (the whole queue at once). Devices are read
/// only to match firmware roll-outs and never shown, so nothing here is a read of a User's details.
/// </summary>
public sealed class AssessmentAdvisor(IDbContextFactory<ChangeCoordinationDb> dbFactory, RuleBook rules, TimeProvider clock)
{
    /// <summary>The advice for each of <paramref name="references"/> that names a change; the others are left out.</summary>
    public async Task<IReadOnlyDictionary<string, AssessmentAdvice>> AdviseAsync(IReadOnlyCollection<string> references, CancellationToken cancellationToken)
    {
        if (references.Count == 0)
        {
            return new Dictionary<string, AssessmentAdvice>();
        }

        var wanted = references.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subjects = await db.Changes.AsNoTracking()
            .Where(c => wanted.Contains(c.Reference))
            .Select(c => new { c.Reference, c.OrganisationId, Organisation = c.Organisation!.Name, c.Type, c.Start, c.End, c.DeviceCombinations })
            .ToListAsync(cancellationToken);
        if (subjects.Count == 0)
        {
            return new Dictionary<string, AssessmentAdvice>();
        }

        var types = subjects.Select(s => s.Type).Distinct().ToList();
        var now = clock.GetUtcNow();
        var past = await db.Changes.AsNoTracking()
            .Where(c => types.Contains(c.Type) && c.End <= now && c.Status != ChangeStatus.Cancelled
                && (c.Review != null || db.Set<IncidentLink>().Any(l => l.ChangeId == c.Id)))
            .Select(c => new { c.Id, c.Reference, c.OrganisationId, Organisation = c.Organisation!.Name, c.Type, c.Start, c.End, c.Probability, Outcome = c.Review == null ? (Reviews.ReviewOutcome?)null : c.Review.Outcome })
            .ToListAsync(cancellationToken);
        var ids = past.Select(p => p.Id).ToList();
        var incidents = (await db.Set<IncidentLink>().AsNoTracking()
                .Where(l => ids.Contains(l.ChangeId))
                .Select(l => new { l.ChangeId, l.Incident!.Reference })
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.ChangeId, l => l.Reference);
        var firmwareIds = past.Where(p => p.Type == ChangeType.Firmware).Select(p => p.Id).ToList();
        var devices = firmwareIds.Count == 0
            ? []
            : (await db.Changes.AsNoTracking().Where(c => firmwareIds.Contains(c.Id)).Select(c => new { c.Id, c.DeviceCombinations }).ToListAsync(cancellationToken))
                .ToDictionary(c => c.Id, c => DevicesOf(c.DeviceCombinations));

        var history = past.Select(p => new PastChange(
            p.Reference,
            p.OrganisationId,
            p.Organisation,
            p.Type,
            ComplexityOf(p.Start, p.End),
            devices.GetValueOrDefault(p.Id) ?? [],
            p.Start,
            p.End,
            p.Probability,
            p.Outcome,
            [.. incidents[p.Id].Order(StringComparer.Ordinal)])).ToList();
        return subjects.ToDictionary(
            s => s.Reference,
            s => AdviceRules.Advise(new AdviceSubject(s.Reference, s.OrganisationId, s.Organisation, s.Type, ComplexityOf(s.Start, s.End), DevicesOf(s.DeviceCombinations)), history),
            StringComparer.Ordinal);
    }

    private static HashSet<DeviceType> DevicesOf(List<DeviceCombination> combinations) => [.. combinations.SelectMany(c => c.Devices)];

    private Complexity ComplexityOf(DateTimeOffset start, DateTimeOffset end) =>
        RiskRules.ComplexityOf(end - start, rules.Timeline.For(LondonTime.DateOf(start)));
}
