using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Causes;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Reviews;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Features.Records;

/// <summary>
/// What happened after the changes, told back: each organisation's record (every organisation its own, the DCC all)
/// and the DCC's calibration: how often the changes given each probability went wrong, with a Brier score, per
/// assessor for DCC Managers, and whether the Red days were worse. Counts only, no User's details: nothing here is
/// audited as a read of a change.
/// </summary>
public sealed class OrganisationRecords(IDbContextFactory<ChangeCoordinationDb> dbFactory, RuleBook rules, RiskLedger ledger, TimeProvider clock)
{
    public const int MaxDays = 366;

    private const int MinimumToTell = 5;
    private const string TooFew = "too few to tell";
    private const string OverCalled = "over-called";
    private const string UnderCalled = "under-called";

    public async Task<IReadOnlyList<OrganisationRecordResponse>> RecordsAsync(Caller caller, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var ended = await EndedAsync(from, to, caller.IsDccUser ? caller.OrganisationId : null, cancellationToken);
        var now = clock.GetUtcNow();
        return [.. ended.GroupBy(c => c.Organisation).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var planned = g.Where(c => c.Kind == ChangeKind.Planned).ToList();
            var done = g.Where(c => c.End <= now).ToList();
            var reviewed = done.Where(c => c.Outcome is not null).ToList();
            return new OrganisationRecordResponse(
                g.Key,
                g.Count(),
                ShareResponse.From(planned.Count(IsLate), planned.Count),
                ShareResponse.From(reviewed.Count, done.Count),
                ShareResponse.From(reviewed.Count(c => c.Outcome == ReviewOutcome.AsPlanned), reviewed.Count),
                reviewed.Count(c => c.Outcome == ReviewOutcome.Overran),
                reviewed.Count(c => c.Outcome == ReviewOutcome.RolledBack),
                g.SelectMany(c => c.Incidents).Distinct().Count());
        })];
    }

    public async Task<CalibrationResponse> CalibrationAsync(Caller caller, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var ended = await EndedAsync(from, to, organisation: null, cancellationToken);
        var assessed = ended.Where(c => c.Probability is not null).ToList();
        var scored = assessed.Where(c => WentWrong(c) is not null).ToList();
        var byAssessor = caller.Role == PartyRole.DccManager
            ? scored.GroupBy(c => c.AssessedBy ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new AssessorCalibration(g.Key, g.Count(), Brier(g), Rows(g))).ToList()
            : null;
        var incidentDays = await IncidentDaysAsync(from, to, cancellationToken);
        var lastDay = LondonTime.DateOf(clock.GetUtcNow()).AddDays(-1);
        var days = new List<(RiskStatus Status, bool Incident)>();
        for (var day = from; day <= to && day <= lastDay; day = day.AddDays(1))
        {
            days.Add((ledger.Get(HeatmapView.Overall, day).Status, incidentDays.Contains(day)));
        }

        var byProbability = Rows(scored);
        return new CalibrationResponse(
            scored.Count,
            assessed.Count - scored.Count,
            Brier(scored),
            Verdict(byProbability),
            byProbability,
            byAssessor,
            [.. Enum.GetValues<RiskStatus>().Select(s => new DayStatusRecord(s, ShareResponse.From(days.Count(d => d.Status == s && d.Incident), days.Count(d => d.Status == s))))]);
    }

    private static bool? WentWrong(EndedChange change) => ReviewRules.WentWrong(change.Outcome, change.Incidents.Count > 0);

    private static double? Brier(IEnumerable<EndedChange> scored)
    {
        var squares = scored.Select(c => Math.Pow(StatedProbability.Of(c.Probability!.Value) - (WentWrong(c) == true ? 1 : 0), 2)).ToList();
        return squares.Count == 0 ? null : squares.Average();
    }

    private static List<CalibrationRow> Rows(IEnumerable<EndedChange> scored)
    {
        var all = scored.ToList();
        return [.. Enum.GetValues<Probability>().Select(p =>
        {
            var these = all.Where(c => c.Probability == p).ToList();
            var wentWrong = ShareResponse.From(these.Count(c => WentWrong(c) == true), these.Count);
            return new CalibrationRow(p, StatedProbability.Of(p), wentWrong, Reading(StatedProbability.Of(p), wentWrong));
        })];
    }

    private static string Reading(double stated, ShareResponse wentWrong) => wentWrong switch
    {
        { Total: < MinimumToTell } => TooFew,
        { High: { } high } when high < stated => OverCalled,
        { Low: { } low } when low > stated => UnderCalled,
        _ => "matches",
    };

    private static string Verdict(IReadOnlyList<CalibrationRow> rows)
    {
        if (rows.All(r => r.Reading == TooFew))
        {
            return $"Too few reviewed or tied changes to tell: at least {MinimumToTell} of one probability are needed.";
        }

        string Say(CalibrationRow r) => $"{ChangeText.Probability(r.Probability)} ({r.Stated.ToString("P0", UkEnglish.Culture)} stated, {r.WentWrong.Share?.ToString("P0", UkEnglish.Culture)} went wrong)";
        var over = rows.Where(r => r.Reading == OverCalled).ToList();
        var under = rows.Where(r => r.Reading == UnderCalled).ToList();
        return (over.Count, under.Count) switch
        {
            (0, 0) => "The assessments match what happened: each stated probability lies within what followed.",
            (_, 0) => $"Over-called: fewer went wrong than stated for {string.Join("; ", over.Select(Say))}.",
            (0, _) => $"Under-called: more went wrong than stated for {string.Join("; ", under.Select(Say))}.",
            _ => $"Mixed: over-called for {string.Join("; ", over.Select(Say))}; under-called for {string.Join("; ", under.Select(Say))}.",
        };
    }

    private bool IsLate(EndedChange change) =>
        rules.Calendar.WorkingDaysBetween(LondonTime.DateOf(change.WindowNotifiedAt), LondonTime.DateOf(change.Start))
        < rules.Timeline.For(LondonTime.DateOf(change.WindowNotifiedAt)).NoticeWorkingDays;

    private async Task<List<EndedChange>> EndedAsync(DateOnly from, DateOnly to, int? organisation, CancellationToken cancellationToken)
    {
        var (start, end) = (LondonTime.StartOf(from), LondonTime.StartOf(to.AddDays(1)));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Changes.AsNoTracking().Where(c => c.Status != ChangeStatus.Cancelled && c.End > start && c.End <= end);
        if (organisation is { } id)
        {
            query = query.Where(c => c.OrganisationId == id);
        }

        var rows = await query
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, Organisation = c.Organisation!.Name, c.Kind, c.Start, c.End, c.WindowNotifiedAt, c.Probability, c.AssessedBy, Outcome = c.Review == null ? (ReviewOutcome?)null : c.Review.Outcome })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var links = new List<(long ChangeId, long IncidentId)>();
        foreach (var chunk in ids.Chunk(2_000))
        {
            links.AddRange((await db.Set<IncidentLink>().AsNoTracking().Where(l => chunk.Contains(l.ChangeId)).Select(l => new { l.ChangeId, l.IncidentId }).ToListAsync(cancellationToken)).Select(l => (l.ChangeId, l.IncidentId)));
        }

        var incidents = links.ToLookup(l => l.ChangeId, l => l.IncidentId);
        return [.. rows.Select(r => new EndedChange(r.Organisation, r.Kind, r.Start, r.End, r.WindowNotifiedAt, r.Probability, r.AssessedBy, r.Outcome, [.. incidents[r.Id]]))];
    }

    private async Task<HashSet<DateOnly>> IncidentDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = (LondonTime.StartOf(from), LondonTime.StartOf(to.AddDays(1)));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var opened = await db.Incidents.AsNoTracking().Where(i => i.Opened >= start && i.Opened < end).Select(i => i.Opened).ToListAsync(cancellationToken);
        return [.. opened.Select(LondonTime.DateOf)];
    }

    private sealed record EndedChange(
        string Organisation,
        ChangeKind Kind,
        DateTimeOffset Start,
        DateTimeOffset End,
        DateTimeOffset WindowNotifiedAt,
        Probability? Probability,
        string? AssessedBy,
        ReviewOutcome? Outcome,
        IReadOnlyList<long> Incidents);
}
