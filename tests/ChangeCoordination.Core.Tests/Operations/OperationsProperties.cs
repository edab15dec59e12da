using ChangeCoordination.Core.Operations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChangeCoordination.Core.Tests.Operations;

public class OperationsProperties
{
    private static readonly DateTimeOffset Origin = London.At(2026, 12, 1);
    private static readonly Period Month = new(Origin, London.At(2027, 1, 1));

    private static Gen<Period> PeriodGen =>
        from startMinutes in Gen.Choose(-600, 45_000)
        from minutes in Gen.Choose(1, 3_000)
        select new Period(Origin.AddMinutes(startMinutes), Origin.AddMinutes(startMinutes + minutes));

    private static Gen<OutageRecord> OutageGen =>
        from period in PeriodGen
        from planned in Gen.Elements(false, false, true)
        from region in Gen.Elements<CspRegion?>(null, CspRegion.North, CspRegion.South)
        select new OutageRecord([DccService.UserInterface], "A", region, period.Start, period.End, planned);

    [Property]
    public Property Merged_downtime_never_exceeds_the_sum_of_the_outages_nor_falls_below_the_longest() => Prop.ForAll(
        Arb.From(Gen.ArrayOf(PeriodGen)),
        periods =>
        {
            var union = Periods.Total(Periods.Union(periods));
            var sum = periods.Aggregate(TimeSpan.Zero, (s, p) => s + p.Length);
            var longest = periods.Length == 0 ? TimeSpan.Zero : periods.Max(p => p.Length);
            Assert.True(union <= sum && union >= longest, $"union {union}, sum {sum}, longest {longest}");
        });

    [Property]
    public Property Availability_is_between_0_and_1_and_up_down_and_planned_fill_the_month_exactly() => Prop.ForAll(
        Arb.From(Gen.ArrayOf(OutageGen)),
        Arb.From(Gen.ArrayOf(PeriodGen)),
        (outages, maintenance) =>
        {
            var figures = Availabilities.Measure(DccService.UserInterface, CspRegion.North, Month, outages, maintenance);
            Assert.InRange(figures.Availability, 0, 1);
            Assert.Equal(Month.Length, figures.Uptime + figures.UnplannedDowntime + figures.PlannedMaintenance);
            Assert.Equal(figures.Uptime + figures.UnplannedDowntime, figures.Bands.Aggregate(TimeSpan.Zero, (s, b) => s + b.Uptime + b.UnplannedDowntime));
            Assert.All(figures.Bands, b => Assert.InRange(b.Availability, 0, 1));
        });

    [Property]
    public Property More_planned_maintenance_never_adds_unplanned_downtime() => Prop.ForAll(
        Arb.From(Gen.ArrayOf(OutageGen)),
        Arb.From(PeriodGen),
        (outages, extra) =>
        {
            var before = Availabilities.Measure(DccService.UserInterface, CspRegion.North, Month, outages, []);
            var after = Availabilities.Measure(DccService.UserInterface, CspRegion.North, Month, outages, [extra]);
            Assert.True(after.UnplannedDowntime <= before.UnplannedDowntime);
        });
}
