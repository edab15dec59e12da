using ChangeCoordination.Core.Heatmap;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChangeCoordination.Core.Tests;

public class LedgerProperties
{
    private static readonly HeatmapView[] Views = Enum.GetValues<HeatmapView>();

    private static DayLedger Loaded(IEnumerable<LedgerEntry> entries)
    {
        var ledger = new DayLedger();
        ledger.Load(entries);
        return ledger;
    }

    private static Dictionary<(HeatmapView View, DateOnly Date), DayStatus> Snapshot(DayLedger ledger, IEnumerable<DateOnly> days) =>
        days.SelectMany(day => Views.Select(view => (view, day))).ToDictionary(k => k, k => ledger.Get(k.view, k.day));

    [Property]
    public Property A_day_never_falls_when_a_change_is_added() => Prop.ForAll(
        Arb.From(
            from anchor in Generators.Anchor
            from entries in Generators.EntriesNear(anchor)
            from added in Generators.EntryNear(anchor, entries.Length + 1)
            select (entries, added)),
        scene =>
        {
            var ledger = Loaded(scene.entries);
            var days = Generators.DaysAround(scene.entries.Append(scene.added).Select(e => e.Window)).ToList();
            var before = Snapshot(ledger, days);

            ledger.Upsert(scene.added);

            foreach (var (key, was) in before)
            {
                var now = ledger.Get(key.View, key.Date);
                Assert.True(now.Status >= was.Status, $"{key}: status fell from {was.Status} to {now.Status}");
                Assert.True(now.ProvisionalStatus >= was.ProvisionalStatus, $"{key}: provisional status fell from {was.ProvisionalStatus} to {now.ProvisionalStatus}");
            }
        });

    [Property]
    public Property Provisional_status_is_never_below_status_in_any_view() => Prop.ForAll(
        Arb.From(Generators.Anchor.SelectMany(Generators.EntriesNear)),
        entries =>
        {
            var ledger = Loaded(entries);

            foreach (var view in Views)
            {
                foreach (var day in Generators.DaysAround(entries.Select(e => e.Window)))
                {
                    var status = ledger.Get(view, day);
                    Assert.True(status.ProvisionalStatus >= status.Status, $"{status} in {view}");
                    Assert.Equal(status.ChangeCount == 0, status.Status == RiskStatus.White);
                }
            }
        });

    [Property]
    public Property Upserting_one_by_one_equals_loading_and_cancelling_everything_leaves_every_day_White() => Prop.ForAll(
        Arb.From(Generators.Anchor.SelectMany(Generators.EntriesNear)),
        entries =>
        {
            var upserted = new DayLedger();
            foreach (var entry in entries)
            {
                upserted.Upsert(entry);
            }

            var loaded = Loaded(entries.Reverse());
            var days = Generators.DaysAround(entries.Select(e => e.Window)).ToList();

            Assert.Equal(loaded.Count, upserted.Count);
            Assert.Equal(Snapshot(loaded, days), Snapshot(upserted, days));

            foreach (var entry in entries)
            {
                upserted.Remove(entry.Key, entry.Version);
            }

            Assert.Equal(0, upserted.Count);
            Assert.All(Snapshot(upserted, days), day => Assert.Equal(DayStatus.Empty(day.Key.Date), day.Value));
        });

    [Property]
    public Property Every_write_reports_exactly_the_days_and_views_that_moved() => Prop.ForAll(
        Arb.From(Generators.Anchor.SelectMany(Generators.WritesNear)),
        writes =>
        {
            var ledger = new DayLedger();
            var days = Generators.DaysAround(writes.Select(w => w.Entry.Window)).ToList();
            foreach (var write in writes)
            {
                var before = Snapshot(ledger, days);

                var reported = write.Cancel ? ledger.Remove(write.Entry.Key, write.Entry.Version) : ledger.Upsert(write.Entry);

                var moved = days
                    .SelectMany(day => Views.Select(view => (view, was: before[(view, day)], now: ledger.Get(view, day))))
                    .Where(x => x.was.Status != x.now.Status || x.was.ProvisionalStatus != x.now.ProvisionalStatus)
                    .Select(x => new DayStatusChange(x.view, x.now.Date, x.now.Status, x.now.ProvisionalStatus));
                Assert.Equal(moved, reported);
            }
        });
}
