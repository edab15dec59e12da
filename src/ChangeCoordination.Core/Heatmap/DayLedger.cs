using System.Runtime.InteropServices;
using ChangeCoordination.Core.Calendar;

namespace ChangeCoordination.Core.Heatmap;

/// <summary>
/// The day index behind the three heatmaps: every current change's window and risk range, tallied per
/// London calendar day. A write replaces one change's entry and touches only the days of its old and new
/// windows. Not thread-safe: the owner serialises access.
/// </summary>
public sealed class DayLedger
{
    private static readonly HeatmapView[] Views = Enum.GetValues<HeatmapView>();

    private readonly Dictionary<ChangeKey, LedgerEntry> entries = [];
    private readonly Dictionary<ChangeKey, long> removedAt = [];
    private readonly Dictionary<DateOnly, (DayTally External, DayTally Internal)> days = [];

    public int Count => entries.Count;

    /// <summary>Adds or replaces a change's entry; answers the days whose status moved, in every view.</summary>
    public IReadOnlyList<DayStatusChange> Upsert(LedgerEntry entry)
    {
        if ((entries.TryGetValue(entry.Key, out var previous) && previous.Version > entry.Version)
            || (removedAt.TryGetValue(entry.Key, out var removedVersion) && removedVersion >= entry.Version))
        {
            return [];
        }

        removedAt.Remove(entry.Key);
        return Apply(entries.ContainsKey(entry.Key) ? previous : null, entry);
    }

    /// <summary>Takes a cancelled (or disposed of) change out of every day; answers the days whose status moved.</summary>
    public IReadOnlyList<DayStatusChange> Remove(ChangeKey key, long version)
    {
        if (!entries.TryGetValue(key, out var previous) || previous.Version > version)
        {
            return [];
        }

        removedAt[key] = version;
        return Apply(previous, null);
    }

    /// <summary>
    /// What <see cref="Upsert"/> would do to each day the entry touches, in one view, without doing it: the
    /// status before and after ("Tue 8 Dec goes Amber to Red").
    /// </summary>
    public IReadOnlyList<(DayStatus Before, DayStatus After)> Preview(LedgerEntry entry, HeatmapView view)
    {
        LedgerEntry? previous = entries.TryGetValue(entry.Key, out var existing) ? existing : null;
        var touched = new SortedSet<DateOnly>(LondonTime.DaysCovered(entry.Window));
        if (previous is { } old)
        {
            touched.UnionWith(LondonTime.DaysCovered(old.Window));
        }

        var before = touched.Select(d => Get(view, d)).ToList();
        Swap(previous, entry);
        var after = touched.Select(d => Get(view, d)).ToList();
        Swap(entry, previous);
        return [.. before.Zip(after)];
    }

    /// <summary>Builds the index from scratch (start-up): no change events are produced. Of two entries for one change, the later version counts.</summary>
    public void Load(IEnumerable<LedgerEntry> all)
    {
        entries.Clear();
        removedAt.Clear();
        days.Clear();
        foreach (var entry in all)
        {
            if (!entries.TryGetValue(entry.Key, out var existing) || existing.Version < entry.Version)
            {
                entries[entry.Key] = entry;
            }
        }

        foreach (var entry in entries.Values)
        {
            Tally(entry, +1);
        }
    }

    /// <summary>The entry the ledger holds for a change, or null when it holds none (never added, or removed).</summary>
    public LedgerEntry? Find(ChangeKey key) => entries.TryGetValue(key, out var entry) ? entry : null;

    public DayStatus Get(HeatmapView view, DateOnly date) =>
        days.TryGetValue(date, out var tallies) ? Project(view, date, tallies) : DayStatus.Empty(date);

    public IReadOnlyList<DayStatus> Range(HeatmapView view, DateOnly from, DateOnly to)
    {
        var result = new List<DayStatus>(Math.Max(0, to.DayNumber - from.DayNumber + 1));
        // Counted by day number: stepping a date past the last day of the calendar would throw.
        for (var day = from.DayNumber; day <= to.DayNumber; day++)
        {
            result.Add(Get(view, DateOnly.FromDayNumber(day)));
        }

        return result;
    }

    private static DayStatus Project(HeatmapView view, DateOnly date, in (DayTally External, DayTally Internal) tallies) => view switch
    {
        HeatmapView.User => DayTally.Combine(date, tallies.External, default),
        HeatmapView.Internal => DayTally.Combine(date, default, tallies.Internal),
        _ => DayTally.Combine(date, tallies.External, tallies.Internal),
    };

    private void Swap(LedgerEntry? removed, LedgerEntry? added)
    {
        if (removed is { } r)
        {
            Tally(r, -1);
            entries.Remove(r.Key);
        }

        if (added is { } a)
        {
            Tally(a, +1);
            entries[a.Key] = a;
        }
    }

    private List<DayStatusChange> Apply(LedgerEntry? previous, LedgerEntry? next)
    {
        var touched = new SortedSet<DateOnly>();
        if (previous is { } old)
        {
            touched.UnionWith(LondonTime.DaysCovered(old.Window));
        }

        if (next is { } updated)
        {
            touched.UnionWith(LondonTime.DaysCovered(updated.Window));
        }

        var before = touched.Select(d => Views.Select(v => Get(v, d)).ToArray()).ToArray();
        Swap(previous, next);

        var changes = new List<DayStatusChange>();
        var index = 0;
        foreach (var date in touched)
        {
            for (var v = 0; v < Views.Length; v++)
            {
                var was = before[index][v];
                var now = Get(Views[v], date);
                if (was.Status != now.Status || was.ProvisionalStatus != now.ProvisionalStatus)
                {
                    changes.Add(new DayStatusChange(Views[v], date, now.Status, now.ProvisionalStatus));
                }
            }

            index++;
        }

        return changes;
    }

    private void Tally(in LedgerEntry entry, int sign)
    {
        foreach (var date in LondonTime.DaysCovered(entry.Window))
        {
            ref var tallies = ref CollectionsMarshal.GetValueRefOrAddDefault(days, date, out _);
            if (entry.Key.Source == ChangeSource.External)
            {
                tallies.External.Add(entry, date, sign);
            }
            else
            {
                tallies.Internal.Add(entry, date, sign);
            }

            if (tallies.External.Count == 0 && tallies.Internal.Count == 0)
            {
                days.Remove(date);
            }
        }
    }
}
