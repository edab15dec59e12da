using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Observability;
using Microsoft.EntityFrameworkCore;

namespace ChangeCoordination.Web.Live;

/// <summary>
/// The one source of day statuses: Core's <see cref="DayLedger"/> behind a lock, loaded once from the database
/// at start-up and then moved by each committed write, which publishes the days whose status moved. Each day is
/// computed with the methodology version in force on it; the inputs of every change are kept so that a version
/// taking force recomputes the days it governs, and a draft can be tried on a copy. Each write recorded here is
/// announced on the <see cref="LiveBus"/>; the other servers read the change from the database and
/// <see cref="Hear(Change)"/> it.
/// A write computes its entry with <see cref="Prepare(Change)"/> before it commits, so that nothing the ledger cannot
/// apply is committed; a stored row the ledger cannot apply (written around the app) is set aside, logged by its
/// reference and listed in <see cref="SetAside"/>, and every other row still loads.
/// </summary>
public sealed partial class RiskLedger(DayStatusFeed feed, RuleBook rules, LiveBus bus, AppMetrics metrics, ILogger<RiskLedger> logger)
{
    private static readonly HeatmapView[] Views = Enum.GetValues<HeatmapView>();

    private readonly Lock gate = new();
    private readonly DayLedger ledger = new();
    private readonly Dictionary<ChangeKey, RiskInput> inputs = [];
    private readonly Dictionary<ChangeKey, string> setAside = [];
    private volatile bool loaded;

    /// <summary>Whether the ledger has been loaded from the database, so that its statuses are the real ones.</summary>
    public bool IsLoaded => loaded;

    /// <summary>The references of the stored changes the ledger could not apply, so that their days leave them out.</summary>
    public IReadOnlyList<string> SetAside
    {
        get
        {
            lock (gate)
            {
                return [.. setAside.Values.Order(StringComparer.Ordinal)];
            }
        }
    }

    public async Task LoadAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        var all = await ReadStoredAsync(db, cancellationToken);
        lock (gate)
        {
            inputs.Clear();
            setAside.Clear();
            var timeline = rules.Timeline;
            var entries = new List<LedgerEntry>(all.Count);
            foreach (var stored in all)
            {
                if (Admit(stored, timeline) is { Input: { } input, Entry: { } entry })
                {
                    inputs[stored.Key] = input;
                    entries.Add(entry);
                }
            }

            ledger.Load(entries);
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

        var all = await ReadStoredAsync(db, cancellationToken);
        var moved = new Dictionary<(HeatmapView View, DateOnly Date), DayStatusChange>();
        lock (gate)
        {
            var timeline = rules.Timeline;
            var present = new HashSet<ChangeKey>();
            foreach (var stored in all)
            {
                present.Add(stored.Key);
                Collect(moved, ApplyLocked(Admit(stored, timeline)));
            }

            foreach (var key in knownBefore.Where(k => !present.Contains(k)))
            {
                if (inputs.TryGetValue(key, out var held))
                {
                    Collect(moved, ApplyLocked(LedgerWrite.Removal(held.Key, held.Version, "")));
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

    /// <summary>
    /// Call before the write commits: the change's entry as the ledger will apply it. Throws
    /// <see cref="LedgerRefusedException"/> when the ledger cannot apply it, so that the write rolls back; the
    /// validators refuse such input first, this is the guarantee behind them.
    /// </summary>
    public LedgerWrite Prepare(Change change) => PrepareStored(StoredChange.Of(change));

    public LedgerWrite Prepare(InternalChange change) => PrepareStored(StoredChange.Of(change));

    /// <summary>Call after the write committed: moves the change's days, publishes those whose status moved, and tells the other servers.</summary>
    public void Record(LedgerWrite write) => Record([write]);

    /// <summary>
    /// Call after a write of many changes committed (a whole plan): moves every change's days and publishes each day
    /// whose status moved once, as it stands after all of them, rather than once for each change.
    /// </summary>
    public void Record(IReadOnlyList<LedgerWrite> writes)
    {
        using var activity = AppActivities.Source.StartActivity("ledger.apply");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (gate)
        {
            // Published inside the lock (publishing only queues), so that the feed tells the moves in the order the
            // ledger made them, and a viewer's last word on a day is the ledger's. A version that took force since
            // the entry was prepared prices it again: its input prices under any version.
            var timeline = rules.Timeline;
            var moved = new Dictionary<(HeatmapView View, DateOnly Date), DayStatusChange>();
            foreach (var write in writes)
            {
                var current = ReferenceEquals(write.Timeline, timeline) || write.Input is null
                    ? write
                    : write with { Entry = write.Input.EntryUnder(timeline), Timeline = timeline };
                setAside.Remove(write.Key);
                Collect(moved, ApplyLocked(current));
            }

            feed.Publish([.. moved.Values]);
        }

        metrics.LedgerApplied(started);
        foreach (var write in writes)
        {
            bus.Announce(new LiveNews(write.Key.Source == ChangeSource.External ? LiveNewsKind.Change : LiveNewsKind.InternalChange, write.Key.Id));
        }
    }

    /// <summary>Records a change whose window the write did not move (an archive): one the ledger cannot apply is set aside.</summary>
    public void Record(Change change)
    {
        Hear(change);
        bus.Announce(new LiveNews(LiveNewsKind.Change, change.Id));
    }

    /// <summary>Another server wrote the change (read back from the database): moves its days here and publishes them.</summary>
    public void Hear(Change change) => Apply(StoredChange.Of(change));

    public void Hear(InternalChange change) => Apply(StoredChange.Of(change));

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

    private LedgerWrite PrepareStored(StoredChange stored)
    {
        var timeline = rules.Timeline;
        return Admissible(stored, timeline, out var write, out var reason)
            ? write
            : throw new LedgerRefusedException($"{stored.Reference} cannot be placed on the heatmap: {reason}.");
    }

    private void Apply(StoredChange stored)
    {
        using var activity = AppActivities.Source.StartActivity("ledger.apply");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (gate)
        {
            feed.Publish(ApplyLocked(Admit(stored, rules.Timeline)));
        }

        metrics.LedgerApplied(started);
    }

    /// <summary>
    /// The write of a stored change; when the ledger cannot apply it, the row is set aside and logged, and the write
    /// takes out whatever the ledger held for the change: its days leave it out.
    /// </summary>
    private LedgerWrite Admit(StoredChange stored, MethodologyTimeline timeline)
    {
        if (Admissible(stored, timeline, out var write, out var reason))
        {
            setAside.Remove(stored.Key);
            return write;
        }

        setAside[stored.Key] = stored.Reference;
        RowSetAside(logger, stored.Reference, reason);
        return write;
    }

    /// <summary>
    /// Whether the ledger can apply the row: a window that ends after it starts, no longer than any path writes
    /// (<see cref="ChangeLimits.MaxWindow"/>: a longer one would tally a day for each of thousands of days), and a
    /// risk of at least Green on every day under every version in force.
    /// </summary>
    private static bool Admissible(StoredChange stored, MethodologyTimeline timeline, out LedgerWrite write, out string reason)
    {
        write = LedgerWrite.Removal(stored.Key, stored.Version, stored.Reference);
        reason = "";
        if (stored.Removed)
        {
            return true;
        }

        if (stored.End <= stored.Start)
        {
            reason = "its window does not end after it starts";
            return false;
        }

        if (stored.End - stored.Start > ChangeLimits.MaxWindow)
        {
            reason = $"its window is longer than {ChangeLimits.MaxWindow.TotalDays} days";
            return false;
        }

        try
        {
            var window = new OutageWindow(stored.Start, stored.End);
            var input = stored.Key.Source == ChangeSource.External
                ? RiskInput.External(stored.Key.Id, stored.Type, window, stored.Probability, stored.Version)
                : RiskInput.Internal(stored.Key.Id, window, stored.ImpactScore, stored.ProbabilityScore, stored.Version);
            var entry = input.EntryUnder(timeline);
            if (new[] { entry.Risk }.Concat(entry.Shifts?.Select(s => s.Risk) ?? []).Any(r => r.Lowest == RiskStatus.White || r.Highest == RiskStatus.White))
            {
                reason = "its risk cannot be computed from the stored scores";
                return false;
            }

            write = new LedgerWrite(stored.Key, stored.Version, stored.Reference, input, entry, timeline);
            return true;
        }
        catch (ArgumentException exception)
        {
            // Logged by type only: a stored row's values are no message for a log.
            reason = $"computing its days failed ({exception.GetType().Name})";
            return false;
        }
    }

    private IReadOnlyList<DayStatusChange> ApplyLocked(LedgerWrite write)
    {
        var moved = write.Entry is { } entry ? ledger.Upsert(entry) : ledger.Remove(write.Key, write.Version);
        var held = ledger.Find(write.Key);
        if (held is null)
        {
            inputs.Remove(write.Key);
        }
        else if (held.Value.Version == write.Version && write.Input is { } input)
        {
            inputs[write.Key] = input;
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

    private static async Task<List<StoredChange>> ReadStoredAsync(ChangeCoordinationDb db, CancellationToken cancellationToken)
    {
        var external = await db.Changes.AsNoTracking()
            .Where(c => c.Status != ChangeStatus.Cancelled)
            .Select(c => new StoredChange(new ChangeKey(ChangeSource.External, c.Id), c.Reference, c.Start, c.End, c.Revision, c.Type, c.Probability, 0, 0, false))
            .ToListAsync(cancellationToken);
        var internalChanges = await db.InternalChanges.AsNoTracking()
            .Where(c => c.Status != InternalChangeStatus.Cancelled)
            .Select(c => new StoredChange(new ChangeKey(ChangeSource.Internal, c.Id), c.Reference, c.Start, c.End, c.Revision, default, null, c.ImpactScore, c.ProbabilityScore, false))
            .ToListAsync(cancellationToken);
        return [.. external, .. internalChanges];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The risk ledger set aside {Reference}: {Reason}. Its days leave it out until the row is corrected.")]
    private static partial void RowSetAside(ILogger logger, string reference, string reason);
}

/// <summary>What the ledger reads of a stored change: its window, revision and what its risk is computed from.</summary>
internal sealed record StoredChange(
    ChangeKey Key,
    string Reference,
    DateTimeOffset Start,
    DateTimeOffset End,
    long Version,
    ChangeType Type,
    Probability? Probability,
    int ImpactScore,
    int ProbabilityScore,
    bool Removed)
{
    public static StoredChange Of(Change change) => new(
        new ChangeKey(ChangeSource.External, change.Id), change.Reference, change.Start, change.End, change.Revision, change.Type, change.Probability, 0, 0, change.Status == ChangeStatus.Cancelled);

    public static StoredChange Of(InternalChange change) => new(
        new ChangeKey(ChangeSource.Internal, change.Id), change.Reference, change.Start, change.End, change.Revision, default, null, change.ImpactScore, change.ProbabilityScore, change.Status == InternalChangeStatus.Cancelled);
}

/// <summary>
/// One change's move in the ledger, computed before its write commits: the entry to upsert (with the input and the
/// timeline it was priced under), or none for a cancellation.
/// </summary>
public sealed record LedgerWrite(ChangeKey Key, long Version, string Reference, RiskInput? Input, LedgerEntry? Entry, MethodologyTimeline? Timeline)
{
    public static LedgerWrite Removal(ChangeKey key, long version, string reference) => new(key, version, reference, null, null, null);
}

/// <summary>The ledger cannot apply a change: the write that made it must not commit.</summary>
public sealed class LedgerRefusedException(string message) : InvalidOperationException(message);
