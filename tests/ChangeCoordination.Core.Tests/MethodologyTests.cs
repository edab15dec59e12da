using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChangeCoordination.Core.Tests;

public class MethodologyTests
{
    private static readonly MethodologyValues Defaults = MethodologyValues.Of(Methodology.Default);

    private static Methodology LargeAbove8 { get; } = (Defaults with { LargeAboveHours = 8 }).ToMethodology("2.0");

    [Fact]
    public void The_first_version_s_values_are_valid_and_make_the_same_methodology()
    {
        Assert.Empty(Defaults.Validate());
        var rebuilt = Defaults.ToMethodology("1.0");
        Assert.Equal(MethodologyValues.Of(Methodology.Default), MethodologyValues.Of(rebuilt), new ValuesComparer());
    }

    [Theory]
    [InlineData(6, 6, "largeAboveHours")]
    [InlineData(6, 3, "largeAboveHours")]
    [InlineData(0, 6, "mediumFromHours")]
    [InlineData(3, 100, "largeAboveHours")]
    [InlineData(3.01, 6, "mediumFromHours")]
    public void Edges_must_ascend_in_whole_minutes(double medium, double large, string field) =>
        Assert.Equal([field], (Defaults with { MediumFromHours = medium, LargeAboveHours = large }).Validate().Select(e => e.Field));

    [Fact]
    public void A_missing_impact_cell_is_named()
    {
        var errors = (Defaults with { Impacts = [.. Defaults.Impacts.Where(i => i is not { Type: ChangeType.Firmware, Complexity: Complexity.Large })] }).Validate();
        var error = Assert.Single(errors);
        Assert.Equal("impacts", error.Field);
        Assert.Contains("Firmware at Large", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matrix_cell_set_twice_or_to_white_is_named()
    {
        var twice = Defaults with { Matrix = [.. Defaults.Matrix, Defaults.Matrix[0]] };
        Assert.Equal(["matrix[9]"], twice.Validate().Select(e => e.Field));
        var white = Defaults with { Matrix = [.. Defaults.Matrix.Select((c, i) => i == 4 ? c with { Risk = RiskStatus.White } : c)] };
        Assert.Equal(["matrix[4]", "matrix"], white.Validate().Select(e => e.Field));
    }

    [Theory]
    [InlineData(1, 6, 8, 14, 15, 25, "internalScoreRanges[1].from")]
    [InlineData(1, 6, 7, 14, 14, 25, "internalScoreRanges[2].from")]
    [InlineData(1, 6, 7, 14, 15, 24, "internalScoreRanges[2].to")]
    [InlineData(2, 6, 7, 14, 15, 25, "internalScoreRanges[0].from")]
    [InlineData(1, 6, 7, 5, 6, 25, "internalScoreRanges[1].to")]
    public void Score_ranges_cover_1_to_25_without_gaps_or_overlaps(int g1, int g2, int a1, int a2, int r1, int r2, string field)
    {
        var values = Defaults with { InternalScoreRanges = [new(RiskStatus.Green, g1, g2), new(RiskStatus.Amber, a1, a2), new(RiskStatus.Red, r1, r2)] };
        Assert.Equal([field], values.Validate().Select(e => e.Field));
    }

    [Fact]
    public void Notice_and_archive_days_must_be_positive()
    {
        var errors = (Defaults with { NoticeWorkingDays = 0, ArchiveAfterDays = -1 }).Validate();
        Assert.Equal(["noticeWorkingDays", "archiveAfterDays"], errors.Select(e => e.Field));
    }

    [Property]
    public Property Score_ranges_are_valid_exactly_when_they_partition_1_to_25() => Prop.ForAll(
        Arb.From(from cuts in Gen.ArrayOf(Gen.Choose(0, 26), 4) select cuts),
        cuts =>
        {
            var values = Defaults with
            {
                InternalScoreRanges = [new(RiskStatus.Green, 1, cuts[0]), new(RiskStatus.Amber, cuts[1], cuts[2]), new(RiskStatus.Red, cuts[3], 25)],
            };
            var partitions = cuts[0] >= 1 && cuts[1] == cuts[0] + 1 && cuts[2] >= cuts[1] && cuts[3] == cuts[2] + 1 && cuts[3] <= 25;
            Assert.Equal(partitions, values.Validate().Count == 0);
            if (partitions)
            {
                var methodology = values.ToMethodology("x");
                for (var impact = 1; impact <= 5; impact++)
                {
                    for (var probability = 1; probability <= 5; probability++)
                    {
                        var score = impact * probability;
                        var expected = score <= cuts[0] ? RiskStatus.Green : score <= cuts[2] ? RiskStatus.Amber : RiskStatus.Red;
                        Assert.Equal(expected, RiskRules.InternalRiskOf(impact, probability, methodology));
                    }
                }
            }
        });

    [Fact]
    public void A_day_takes_the_latest_version_in_force_on_or_before_it()
    {
        var timeline = new MethodologyTimeline([new(DateOnly.MinValue, Methodology.Default), new(new DateOnly(2027, 1, 4), LargeAbove8)]);
        Assert.Same(Methodology.Default, timeline.For(new DateOnly(2027, 1, 3)));
        Assert.Same(LargeAbove8, timeline.For(new DateOnly(2027, 1, 4)));
        Assert.Same(LargeAbove8, timeline.For(new DateOnly(2030, 1, 1)));
        Assert.Same(LargeAbove8, timeline.Latest);
    }

    [Fact]
    public void Two_versions_may_not_take_force_on_the_same_day() =>
        Assert.Throws<ArgumentException>(() => new MethodologyTimeline([new(new DateOnly(2027, 1, 4), Methodology.Default), new(new DateOnly(2027, 1, 4), LargeAbove8)]));

    [Fact]
    public void A_change_across_an_effective_date_takes_each_day_s_version()
    {
        // 7 hours from 20:00 on Sunday 3 January: Large under 1.0 (Major, Red if highly likely), Medium under 2.0 (Moderate, Amber).
        var timeline = new MethodologyTimeline([new(DateOnly.MinValue, Methodology.Default), new(new DateOnly(2027, 1, 4), LargeAbove8)]);
        var window = new OutageWindow(LondonTime.StartOf(new DateOnly(2027, 1, 3)).AddHours(20), LondonTime.StartOf(new DateOnly(2027, 1, 4)).AddHours(3));
        var ledger = new DayLedger();

        ledger.Upsert(RiskInput.External(1, ChangeType.UserSystem, window, Probability.HighlyLikely, 1).EntryUnder(timeline));

        Assert.Equal(RiskStatus.Red, ledger.Get(HeatmapView.Overall, new DateOnly(2027, 1, 3)).Status);
        Assert.Equal(RiskStatus.Amber, ledger.Get(HeatmapView.Overall, new DateOnly(2027, 1, 4)).Status);
    }

    [Property]
    public Property Every_day_of_a_change_is_computed_with_the_version_in_force_on_that_day() => Prop.ForAll(
        Arb.From(
            from anchor in Generators.Anchor
            from window in Generators.WindowNear(anchor)
            from shift in Gen.Choose(-3, 3)
            from type in Gen.Elements(Enum.GetValues<ChangeType>())
            from probability in Gen.Elements<Probability?>(null, Probability.Unlikely, Probability.Likely, Probability.HighlyLikely)
            from scores in Gen.Choose(1, 5).Two()
            from external in Gen.Elements(true, false)
            select (window, effective: LondonTime.DateOf(window.Start).AddDays(shift), type, probability, scores, external)),
        scene =>
        {
            var strict = (Defaults with { MediumFromHours = 1, LargeAboveHours = 2, InternalScoreRanges = [new(RiskStatus.Green, 1, 2), new(RiskStatus.Amber, 3, 4), new(RiskStatus.Red, 5, 25)] }).ToMethodology("2.0");
            var timeline = new MethodologyTimeline([new(DateOnly.MinValue, Methodology.Default), new(scene.effective, strict)]);
            var input = scene.external
                ? RiskInput.External(1, scene.type, scene.window, scene.probability, 1)
                : RiskInput.Internal(1, scene.window, scene.scores.Item1, scene.scores.Item2, 1);
            var entry = input.EntryUnder(timeline);
            foreach (var day in LondonTime.DaysCovered(scene.window))
            {
                Assert.Equal(input.RiskUnder(timeline.For(day)), entry.RiskOn(day));
            }

            Assert.Equal(entry.Shifts is null, LondonTime.DaysCovered(scene.window).Select(timeline.For).Distinct().Count() == 1);
        });

    private sealed class ValuesComparer : IEqualityComparer<MethodologyValues>
    {
        public bool Equals(MethodologyValues? x, MethodologyValues? y) =>
            x is not null && y is not null
            && x.MediumFromHours == y.MediumFromHours && x.LargeAboveHours == y.LargeAboveHours
            && x.Impacts.SequenceEqual(y.Impacts) && x.Matrix.SequenceEqual(y.Matrix) && x.InternalScoreRanges.SequenceEqual(y.InternalScoreRanges)
            && x.NoticeWorkingDays == y.NoticeWorkingDays && x.ArchiveAfterDays == y.ArchiveAfterDays;

        public int GetHashCode(MethodologyValues obj) => obj.NoticeWorkingDays;
    }
}

public class HeatmapComparisonTests
{
    private static readonly DateOnly Day = new(2027, 2, 1);

    private static DayStatus At(int offset, RiskStatus status, RiskStatus? provisional = null) =>
        new(Day.AddDays(offset), status, provisional ?? status, status == RiskStatus.White ? 0 : 1, 0);

    [Fact]
    public void Only_days_whose_status_or_rise_differs_are_counted_and_moves_are_grouped_biggest_first()
    {
        IReadOnlyList<DayStatus> current = [At(0, RiskStatus.Amber), At(1, RiskStatus.Amber), At(2, RiskStatus.Red), At(3, RiskStatus.Green, RiskStatus.Red), At(4, RiskStatus.White)];
        IReadOnlyList<DayStatus> proposed = [At(0, RiskStatus.Red), At(1, RiskStatus.Red), At(2, RiskStatus.Amber), At(3, RiskStatus.Green, RiskStatus.Amber), At(4, RiskStatus.White)];

        var differences = HeatmapComparison.Differences(current, proposed);

        Assert.Equal([Day, Day.AddDays(1), Day.AddDays(2), Day.AddDays(3)], differences.Select(d => d.Date));
        Assert.Equal(
            [new StatusMove(RiskStatus.Amber, RiskStatus.Red, 2), new StatusMove(RiskStatus.Red, RiskStatus.Amber, 1)],
            HeatmapComparison.Moves(differences));
    }
}
