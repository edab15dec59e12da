using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;
using FsCheck;
using FsCheck.Fluent;

namespace ChangeCoordination.Core.Tests;

/// <summary>
/// Test data around 2026 at minute resolution: windows of a minute to a few days, many of them across the clock
/// changes or ending at a London midnight, written with assorted UTC offsets.
/// </summary>
internal static class Generators
{
    private const int MinutesPerDay = 24 * 60;

    /// <summary>Points the windows of one scene cluster around: both clock changes, summer, winter, the year end.</summary>
    private static readonly DateTimeOffset[] Anchors =
    [
        new(2026, 3, 29, 1, 0, 0, TimeSpan.Zero),
        new(2026, 10, 25, 1, 0, 0, TimeSpan.Zero),
        new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero),
        new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero),
        new(2026, 12, 31, 23, 0, 0, TimeSpan.Zero),
    ];

    private static readonly TimeSpan[] Offsets =
        [TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(-5), TimeSpan.FromHours(5.5), TimeSpan.FromHours(14)];

    public static Gen<DateTimeOffset> Anchor => Gen.Elements(Anchors);

    /// <summary>The same instant as London writes it or with another offset: the representation must not matter.</summary>
    private static Gen<DateTimeOffset> Written(DateTimeOffset instant) =>
        Gen.Elements(Offsets).Select(offset => instant.ToOffset(offset)).Or(Gen.Constant(LondonTime.ToLondon(instant)));

    /// <summary>A minute within five days either side of the anchor, often within eight hours of it.</summary>
    private static Gen<DateTimeOffset> InstantNear(DateTimeOffset anchor) =>
        Gen.Frequency(
            (3, Gen.Choose(-5 * MinutesPerDay, 5 * MinutesPerDay)),
            (2, Gen.Choose(-8 * 60, 8 * 60)))
        .Select(minutes => anchor.AddMinutes(minutes));

    /// <summary>A London midnight within five days either side of the anchor.</summary>
    private static Gen<DateTimeOffset> MidnightNear(DateTimeOffset anchor) =>
        Gen.Choose(-5, 5).Select(days => LondonTime.StartOf(LondonTime.DateOf(anchor).AddDays(days)));

    public static Gen<OutageWindow> WindowNear(DateTimeOffset anchor) =>
        from start in Gen.Frequency((4, InstantNear(anchor)), (1, MidnightNear(anchor)))
        from end in Gen.Frequency(
            (3, Gen.Choose(1, 7 * 60).Select(minutes => start.AddMinutes(minutes))),
            (2, Gen.Choose(1, 4 * MinutesPerDay).Select(minutes => start.AddMinutes(minutes))),
            (1, Gen.Choose(1, 3).Select(days => LondonTime.StartOf(LondonTime.DateOf(start).AddDays(days)))))
        from writtenStart in Written(start)
        from writtenEnd in Written(end)
        select new OutageWindow(writtenStart, writtenEnd);

    public static Gen<OutageWindow> Window => Anchor.SelectMany(WindowNear);

    private static Gen<LedgerEntry> ExternalNear(DateTimeOffset anchor, long id, long version) =>
        from window in WindowNear(anchor)
        from impact in Gen.Elements(Enum.GetValues<Impact>())
        from probability in Gen.Elements<Probability?>(null, Probability.Unlikely, Probability.Likely, Probability.HighlyLikely)
        select new LedgerEntry(
            new ChangeKey(ChangeSource.External, id),
            window,
            RiskRules.RangeOf(impact, probability, Methodology.Default),
            probability is null,
            version);

    private static Gen<LedgerEntry> InternalNear(DateTimeOffset anchor, long id, long version) =>
        from window in WindowNear(anchor)
        from impact in Gen.Choose(RiskRules.MinScore, RiskRules.MaxScore)
        from probability in Gen.Choose(RiskRules.MinScore, RiskRules.MaxScore)
        let risk = RiskRules.InternalRiskOf(impact, probability, Methodology.Default)
        select new LedgerEntry(new ChangeKey(ChangeSource.Internal, id), window, new RiskRange(risk, risk), false, version);

    /// <summary>One revision of change <paramref name="id"/>, external or internal.</summary>
    public static Gen<LedgerEntry> EntryNear(DateTimeOffset anchor, long id, long version = 1) =>
        Gen.OneOf(ExternalNear(anchor, id, version), InternalNear(anchor, id, version));

    /// <summary>Up to 30 changes with distinct keys clustered around one anchor, so that they share days.</summary>
    public static Gen<LedgerEntry[]> EntriesNear(DateTimeOffset anchor) =>
        from count in Gen.Choose(0, 30)
        from entries in Gen.CollectToArray(Enumerable.Range(1, count), id => EntryNear(anchor, id))
        select entries;

    /// <summary>Writes to a ledger: revisions (some older than what the ledger holds) and cancellations of a few changes.</summary>
    public static Gen<LedgerWrite[]> WritesNear(DateTimeOffset anchor) =>
        from count in Gen.Choose(1, 40)
        from writes in Gen.ArrayOf(WriteNear(anchor), count)
        select writes;

    private static Gen<LedgerWrite> WriteNear(DateTimeOffset anchor) =>
        from id in Gen.Choose(1, 6)
        from version in Gen.Choose(1, 8)
        from entry in EntryNear(anchor, id, version)
        from cancel in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        select new LedgerWrite(entry, cancel);

    /// <summary>Every London day from the day before the first a window covers to the day after the last.</summary>
    public static IEnumerable<DateOnly> DaysAround(IEnumerable<OutageWindow> windows)
    {
        var days = windows.SelectMany(LondonTime.DaysCovered).ToList();
        if (days.Count == 0)
        {
            yield break;
        }

        for (var day = days.Min().AddDays(-1); day <= days.Max().AddDays(1); day = day.AddDays(1))
        {
            yield return day;
        }
    }
}

/// <summary>A revision of a change, or (when <see cref="Cancel"/>) its cancellation at that revision.</summary>
internal readonly record struct LedgerWrite(LedgerEntry Entry, bool Cancel);
