using ChangeCoordination.Core;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Live;

/// <summary>
/// The one source of day statuses: Core's <see cref="DayLedger"/> behind a lock, loaded once from the database
/// at start-up and then moved by each committed write, which publishes the days whose status moved.
/// </summary>
public sealed class RiskLedger(DayStatusFeed feed, RuleBook rules)
{
    private readonly Lock gate = new();
    private readonly DayLedger ledger = new();

    public async Task LoadAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        var methodology = rules.Methodology;
        var external = await db.Changes.AsNoTracking()
            .Where(c => c.Status != ChangeStatus.Cancelled)
            .Select(c => new { c.Id, c.Type, c.Start, c.End, c.Probability, c.Revision })
            .ToListAsync(cancellationToken);
        var internalChanges = await db.InternalChanges.AsNoTracking()
            .Where(c => c.Status != InternalChangeStatus.Cancelled)
            .Select(c => new { c.Id, c.Start, c.End, c.ImpactScore, c.ProbabilityScore, c.Revision })
            .ToListAsync(cancellationToken);
        var entries = external
            .Select(c => ExternalEntry(c.Id, c.Type, new OutageWindow(c.Start, c.End), c.Probability, c.Revision, methodology))
            .Concat(internalChanges.Select(c => InternalEntry(c.Id, new OutageWindow(c.Start, c.End), c.ImpactScore, c.ProbabilityScore, c.Revision, methodology)));
        lock (gate)
        {
            ledger.Load(entries);
        }
    }

    public DayStatus Get(HeatmapView view, DateOnly date)
    {
        lock (gate)
        {
            return ledger.Get(view, date);
        }
    }

    public IReadOnlyList<DayStatus> Range(HeatmapView view, DateOnly from, DateOnly to)
    {
        lock (gate)
        {
            return ledger.Range(view, from, to);
        }
    }

    /// <summary>How each Overall day a change covers would move if it were assessed so, without changing anything.</summary>
    public IReadOnlyList<(DayStatus Before, DayStatus After)> PreviewAssessment(Change change, Probability probability)
    {
        var entry = ExternalEntry(change.Id, change.Type, new OutageWindow(change.Start, change.End), probability, change.Revision + 1, rules.Methodology);
        lock (gate)
        {
            return ledger.Preview(entry, HeatmapView.Overall);
        }
    }

    /// <summary>Call after the write committed: moves the change's days and publishes those whose status moved.</summary>
    public void Record(Change change) => Apply(change.Status == ChangeStatus.Cancelled
        ? l => l.Remove(new ChangeKey(ChangeSource.External, change.Id), change.Revision)
        : l => l.Upsert(ExternalEntry(change.Id, change.Type, new OutageWindow(change.Start, change.End), change.Probability, change.Revision, rules.Methodology)));

    public void Record(InternalChange change) => Apply(change.Status == InternalChangeStatus.Cancelled
        ? l => l.Remove(new ChangeKey(ChangeSource.Internal, change.Id), change.Revision)
        : l => l.Upsert(InternalEntry(change.Id, new OutageWindow(change.Start, change.End), change.ImpactScore, change.ProbabilityScore, change.Revision, rules.Methodology)));

    /// <summary>
    /// Takes a disposed-of change out of its days without publishing them: they lie more than seven years back,
    /// outside every heatmap, and their support plans are a record of what was done, not to be stood down now.
    /// </summary>
    public void Forget(long changeId, int revision)
    {
        lock (gate)
        {
            ledger.Remove(new ChangeKey(ChangeSource.External, changeId), revision);
        }
    }

    private void Apply(Func<DayLedger, IReadOnlyList<DayStatusChange>> write)
    {
        IReadOnlyList<DayStatusChange> moved;
        lock (gate)
        {
            moved = write(ledger);
        }

        feed.Publish(moved);
    }

    public static LedgerEntry ExternalEntry(long id, ChangeType type, OutageWindow window, Probability? probability, int revision, Methodology methodology)
    {
        var impact = RiskRules.ImpactOf(type, window, methodology);
        return new LedgerEntry(new ChangeKey(ChangeSource.External, id), window, RiskRules.RangeOf(impact, probability, methodology), probability is null, revision);
    }

    public static LedgerEntry InternalEntry(long id, OutageWindow window, int impactScore, int probabilityScore, int revision, Methodology methodology)
    {
        var risk = RiskRules.InternalRiskOf(impactScore, probabilityScore, methodology);
        return new LedgerEntry(new ChangeKey(ChangeSource.Internal, id), window, new RiskRange(risk, risk), false, revision);
    }
}
