using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Live;

/// <summary>
/// The one source of day statuses: Core's <see cref="DayLedger"/> behind a lock, loaded once from the database
/// at start-up and then moved by each committed write, which publishes the days whose status moved. Each day is
/// computed with the methodology version in force on it; the inputs of every change are kept so that a version
/// taking force recomputes the days it governs, and a draft can be tried on a copy. Each write recorded here is
/// announced on the <see cref="LiveBus"/>; the other servers read the change from the database and
/// <see cref="Hear(Change)"/> it.
/// </summary>
public sealed class RiskLedger(DayStatusFeed feed, RuleBook rules, LiveBus bus)
{
    private static readonly HeatmapView[] Views = Enum.GetValues<HeatmapView>();

    private readonly Lock gate = new();
    private readonly DayLedger ledger = new();
    private readonly Dictionary<ChangeKey, RiskInput> inputs = [];
    private volatile bool loaded;

    /// <summary>Whether the ledger has been loaded from the database, so that its statuses are the real ones.</summary>
    public bool IsLoaded => loaded;

    public async Task LoadAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        var all = await ReadInputsAsync(db, cancellationToken);
        lock (gate)
        {
            inputs.Clear();
            foreach (var input in all)
            {
                inputs[input.Key] = input;
            }

            var timeline = rules.Timeline;
            ledger.Load(inputs.Values.Select(i => i.EntryUnder(timeline)));
            loaded = true;
        }
    }

    /// <summary>
    /// Reads every change from the database again and moves the days that differ, publishing them: after this server
    /// was cut off from the bus, the other servers' writes of the meantime are in the database, not yet here. A write
    /// recorded here while the database is read is kept (revisions decide, and a change this server did not know
    /// before the read is never taken out).
    /// </summary>
    public async Task ResyncAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        HashSet<ChangeKey> knownBefore;
        lock (gate)
        {
            knownBefore = [.. inputs.Keys];
        }

        var all = await ReadInputsAsync(db, cancellationToken);
        var moved = new Dictionary<(HeatmapView View, DateOnly Date), DayStatusChange>();
        lock (gate)
        {
            var timeline = rules.Timeline;
            var present = new HashSet<ChangeKey>();
            foreach (var input in all)
            {
                present.Add(input.Key);
                Collect(moved, ApplyLocked(input, removed: false, timeline));
            }

            foreach (var key in knownBefore.Where(k => !present.Contains(k)))
            {
                if (inputs.TryGetValue(key, out var held))
                {
                    Collect(moved, ApplyLocked(held, removed: true, timeline));
                }
            }

            feed.Publish([.. moved.Values]);
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

    /// <summary>
    /// What-if: the heatmap as it would be if <paramref name="methodology"/> computed every day of the range, from a
    /// copy of the changes' inputs; the live ledger is never touched.
    /// </summary>
    public IReadOnlyList<DayStatus> RangeUnder(Methodology methodology, HeatmapView view, DateOnly from, DateOnly to)
    {
        RiskInput[] relevant;
        lock (gate)
        {
            relevant = [.. inputs.Values.Where(i => i.LastDay >= from && i.FirstDay <= to)];
        }

        var timeline = MethodologyTimeline.Only(methodology);
        var copy = new DayLedger();
        copy.Load(relevant.Select(i => i.EntryUnder(timeline)));
        return copy.Range(view, from, to);
    }

    /// <summary>How each Overall day a change covers would move if it were assessed so, without changing anything.</summary>
    public IReadOnlyList<(DayStatus Before, DayStatus After)> PreviewAssessment(Change change, Probability probability)
    {
        var input = RiskInput.External(change.Id, change.Type, new OutageWindow(change.Start, change.End), probability, change.Revision + 1);
        lock (gate)
        {
            return ledger.Preview(input.EntryUnder(rules.Timeline), HeatmapView.Overall);
        }
    }

    /// <summary>Call after the write committed: moves the change's days, publishes those whose status moved, and tells the other servers.</summary>
    public void Record(Change change)
    {
        Hear(change);
        bus.Announce(new LiveNews(LiveNewsKind.Change, change.Id));
    }

    public void Record(InternalChange change)
    {
        Hear(change);
        bus.Announce(new LiveNews(LiveNewsKind.InternalChange, change.Id));
    }

    /// <summary>Another server wrote the change (read back from the database): moves its days here and publishes them.</summary>
    public void Hear(Change change) => Apply(
        RiskInput.External(change.Id, change.Type, new OutageWindow(change.Start, change.End), change.Probability, change.Revision),
        change.Status == ChangeStatus.Cancelled);

    public void Hear(InternalChange change) => Apply(
        RiskInput.Internal(change.Id, new OutageWindow(change.Start, change.End), change.ImpactScore, change.ProbabilityScore, change.Revision),
        change.Status == InternalChangeStatus.Cancelled);

    /// <summary>
    /// Takes a disposed-of change out of its days without publishing them: they lie more than seven years back,
    /// outside every heatmap, and their support plans are a record of what was done, not to be stood down now.
    /// </summary>
    public void Forget(long changeId, int revision)
    {
        lock (gate)
        {
            var key = new ChangeKey(ChangeSource.External, changeId);
            ledger.Remove(key, revision);
            inputs.Remove(key);
        }

        bus.Announce(new LiveNews(LiveNewsKind.Change, changeId));
    }

    /// <summary>Another server disposed of the change (it is gone from the database): takes it out here, as <see cref="Forget"/> does.</summary>
    public void ForgetHeard(ChangeSource source, long changeId)
    {
        lock (gate)
        {
            var key = new ChangeKey(source, changeId);
            if (ledger.Find(key) is { } held)
            {
                ledger.Remove(key, held.Version);
            }

            inputs.Remove(key);
        }
    }

    /// <summary>
    /// Call after a methodology version took force: recomputes, with the timeline now in force, the changes that
    /// cover <paramref name="from"/> or later, and publishes the days whose status moved.
    /// </summary>
    public void Reprice(DateOnly from)
    {
        var moved = new List<DayStatusChange>();
        lock (gate)
        {
            var timeline = rules.Timeline;
            var affected = inputs.Values.Where(i => i.LastDay >= from).ToList();
            var days = new SortedSet<DateOnly>(affected.SelectMany(i => LondonTime.DaysCovered(i.Window)).Where(d => d >= from));
            var before = days.ToDictionary(d => d, d => Views.Select(v => ledger.Get(v, d)).ToArray());
            foreach (var input in affected)
            {
                ledger.Upsert(input.EntryUnder(timeline));
            }

            foreach (var (date, was) in before)
            {
                for (var v = 0; v < Views.Length; v++)
                {
                    var now = ledger.Get(Views[v], date);
                    if (now.Status != was[v].Status || now.ProvisionalStatus != was[v].ProvisionalStatus)
                    {
                        moved.Add(new DayStatusChange(Views[v], date, now.Status, now.ProvisionalStatus));
                    }
                }
            }

            feed.Publish(moved);
        }
    }

    private void Apply(RiskInput input, bool removed)
    {
        lock (gate)
        {
            // Published inside the lock (publishing only queues), so that the feed tells the moves in the order the
            // ledger made them, and a viewer's last word on a day is the ledger's.
            feed.Publish(ApplyLocked(input, removed, rules.Timeline));
        }
    }

    private IReadOnlyList<DayStatusChange> ApplyLocked(RiskInput input, bool removed, MethodologyTimeline timeline)
    {
        var moved = removed ? ledger.Remove(input.Key, input.Version) : ledger.Upsert(input.EntryUnder(timeline));
        var held = ledger.Find(input.Key);
        if (held is null)
        {
            inputs.Remove(input.Key);
        }
        else if (held.Value.Version == input.Version && !removed)
        {
            inputs[input.Key] = input;
        }

        return moved;
    }

    private static void Collect(Dictionary<(HeatmapView View, DateOnly Date), DayStatusChange> moved, IReadOnlyList<DayStatusChange> changes)
    {
        foreach (var change in changes)
        {
            moved[(change.View, change.Date)] = change;
        }
    }

    private static async Task<List<RiskInput>> ReadInputsAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        var external = await db.Changes.AsNoTracking()
            .Where(c => c.Status != ChangeStatus.Cancelled)
            .Select(c => new { c.Id, c.Type, c.Start, c.End, c.Probability, c.Revision })
            .ToListAsync(cancellationToken);
        var internalChanges = await db.InternalChanges.AsNoTracking()
            .Where(c => c.Status != InternalChangeStatus.Cancelled)
            .Select(c => new { c.Id, c.Start, c.End, c.ImpactScore, c.ProbabilityScore, c.Revision })
            .ToListAsync(cancellationToken);
        return [
            .. external.Select(c => RiskInput.External(c.Id, c.Type, new OutageWindow(c.Start, c.End), c.Probability, c.Revision)),
            .. internalChanges.Select(c => RiskInput.Internal(c.Id, new OutageWindow(c.Start, c.End), c.ImpactScore, c.ProbabilityScore, c.Revision)),
        ];
    }
}
