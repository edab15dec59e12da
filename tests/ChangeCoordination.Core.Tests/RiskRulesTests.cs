using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Tests;

public class RiskRulesTests
{
    private static readonly Methodology Default = Methodology.Default;

    [Theory]
    [InlineData(179, Complexity.Small)]
    [InlineData(180, Complexity.Medium)]
    [InlineData(360, Complexity.Medium)]
    [InlineData(361, Complexity.Large)]
    public void Complexity_follows_the_3_and_6_hour_edges(int minutes, Complexity expected) =>
        Assert.Equal(expected, RiskRules.ComplexityOf(TimeSpan.FromMinutes(minutes), Methodology.Default));

    [Fact]
    public void Complexity_edges_hold_to_the_tick()
    {
        Assert.Equal(Complexity.Small, RiskRules.ComplexityOf(TimeSpan.FromHours(3) - TimeSpan.FromTicks(1), Default));
        Assert.Equal(Complexity.Medium, RiskRules.ComplexityOf(TimeSpan.FromHours(6), Default));
        Assert.Equal(Complexity.Large, RiskRules.ComplexityOf(TimeSpan.FromHours(6) + TimeSpan.FromTicks(1), Default));
    }

    [Fact]
    public void A_window_ends_strictly_after_it_starts()
    {
        var start = London.At(2026, 6, 10, 20);
        Assert.Throws<ArgumentException>(() => new OutageWindow(start, start));
        Assert.Throws<ArgumentException>(() => new OutageWindow(start, start.AddMinutes(-1)));
        Assert.Equal(TimeSpan.FromMinutes(1), new OutageWindow(start, start.AddMinutes(1)).Duration);
    }

    [Fact]
    public void The_spring_clock_change_night_is_an_hour_shorter_than_the_wall_clock_says()
    {
        var window = London.Window(London.At(2026, 3, 29, 0), London.At(2026, 3, 29, 4));

        Assert.Equal(TimeSpan.FromHours(3), window.Duration);
        Assert.Equal(Complexity.Medium, RiskRules.ComplexityOf(window.Duration, Default));
    }

    [Fact]
    public void The_autumn_clock_change_night_is_an_hour_longer_than_the_wall_clock_says()
    {
        var window = London.Window(London.At(2026, 10, 25, 0), London.At(2026, 10, 25, 4));

        Assert.Equal(TimeSpan.FromHours(5), window.Duration);
        Assert.Equal(Complexity.Medium, RiskRules.ComplexityOf(window.Duration, Default));
    }

    [Fact]
    public void Complexity_is_measured_in_real_hours_across_the_clock_changes()
    {
        var spring = London.Window(London.At(2026, 3, 29, 0), London.At(2026, 3, 29, 3, 30));
        var autumn = London.Window(London.At(2026, 10, 25, 0), London.At(2026, 10, 25, 5, 30));

        Assert.Equal(TimeSpan.FromHours(2.5), spring.Duration);
        Assert.Equal(Complexity.Small, RiskRules.ComplexityOf(spring.Duration, Default));
        Assert.Equal(TimeSpan.FromHours(6.5), autumn.Duration);
        Assert.Equal(Complexity.Large, RiskRules.ComplexityOf(autumn.Duration, Default));
    }

    [Theory]
    [InlineData(ChangeType.UserSystem, Complexity.Small, Impact.Minor)]
    [InlineData(ChangeType.UserSystem, Complexity.Medium, Impact.Moderate)]
    [InlineData(ChangeType.UserSystem, Complexity.Large, Impact.Major)]
    [InlineData(ChangeType.Firmware, Complexity.Small, Impact.Moderate)]
    [InlineData(ChangeType.Firmware, Complexity.Medium, Impact.Moderate)]
    [InlineData(ChangeType.Firmware, Complexity.Large, Impact.Moderate)]
    [InlineData(ChangeType.BusinessCritical, Complexity.Small, Impact.Major)]
    [InlineData(ChangeType.BusinessCritical, Complexity.Medium, Impact.Major)]
    [InlineData(ChangeType.BusinessCritical, Complexity.Large, Impact.Major)]
    public void Impact_follows_the_type_and_complexity_table(ChangeType type, Complexity complexity, Impact expected) =>
        Assert.Equal(expected, RiskRules.ImpactOf(type, complexity, Default));

    [Theory]
    [InlineData(ChangeType.UserSystem, 179, Impact.Minor)]
    [InlineData(ChangeType.UserSystem, 180, Impact.Moderate)]
    [InlineData(ChangeType.UserSystem, 361, Impact.Major)]
    [InlineData(ChangeType.Firmware, 30, Impact.Moderate)]
    [InlineData(ChangeType.BusinessCritical, 30, Impact.Major)]
    public void Impact_of_a_window_uses_its_duration(ChangeType type, int minutes, Impact expected)
    {
        var start = London.At(2026, 6, 10, 22);
        Assert.Equal(expected, RiskRules.ImpactOf(type, new OutageWindow(start, start.AddMinutes(minutes)), Default));
    }

    [Theory]
    [InlineData(Impact.Major, Probability.Unlikely, RiskStatus.Green)]
    [InlineData(Impact.Major, Probability.Likely, RiskStatus.Amber)]
    [InlineData(Impact.Major, Probability.HighlyLikely, RiskStatus.Red)]
    [InlineData(Impact.Moderate, Probability.Unlikely, RiskStatus.Green)]
    [InlineData(Impact.Moderate, Probability.Likely, RiskStatus.Amber)]
    [InlineData(Impact.Moderate, Probability.HighlyLikely, RiskStatus.Amber)]
    [InlineData(Impact.Minor, Probability.Unlikely, RiskStatus.Green)]
    [InlineData(Impact.Minor, Probability.Likely, RiskStatus.Green)]
    [InlineData(Impact.Minor, Probability.HighlyLikely, RiskStatus.Green)]
    public void Risk_follows_the_impact_by_probability_matrix(Impact impact, Probability probability, RiskStatus expected)
    {
        Assert.Equal(expected, RiskRules.RiskOf(impact, probability, Default));
        Assert.Equal(new RiskRange(expected, expected), RiskRules.RangeOf(impact, probability, Default));
        Assert.True(RiskRules.RangeOf(impact, probability, Default).IsKnown);
    }

    [Theory]
    [InlineData(Impact.Minor, RiskStatus.Green, RiskStatus.Green, true)]
    [InlineData(Impact.Moderate, RiskStatus.Green, RiskStatus.Amber, false)]
    [InlineData(Impact.Major, RiskStatus.Green, RiskStatus.Red, false)]
    public void An_unassessed_change_ranges_from_the_Unlikely_to_the_HighlyLikely_column(
        Impact impact, RiskStatus lowest, RiskStatus highest, bool known)
    {
        var range = RiskRules.RangeOf(impact, null, Default);

        Assert.Equal(new RiskRange(lowest, highest), range);
        Assert.Equal(known, range.IsKnown);
    }

    /// <summary>
    /// 7 and 14 are not products of two scores from 1 to 5, so the reachable edges are 6 | 8 (Green to Amber) and
    /// 12 | 15 (Amber to Red), with 1x1 and 5x5 at the ends.
    /// </summary>
    [Theory]
    [InlineData(1, 1, RiskStatus.Green)]
    [InlineData(2, 3, RiskStatus.Green)]
    [InlineData(3, 2, RiskStatus.Green)]
    [InlineData(2, 4, RiskStatus.Amber)]
    [InlineData(3, 4, RiskStatus.Amber)]
    [InlineData(3, 5, RiskStatus.Red)]
    [InlineData(5, 3, RiskStatus.Red)]
    [InlineData(5, 5, RiskStatus.Red)]
    public void Internal_risk_maps_the_score_at_the_edges_of_its_ranges(int impact, int probability, RiskStatus expected) =>
        Assert.Equal(expected, RiskRules.InternalRiskOf(impact, probability, Default));

    [Fact]
    public void Internal_risk_over_the_whole_5_by_5_grid()
    {
        string[] grid =
        [
            "GGGGG",
            "GGGAA",
            "GGAAR",
            "GAARR",
            "GARRR",
        ];
        for (var impact = 1; impact <= 5; impact++)
        {
            for (var probability = 1; probability <= 5; probability++)
            {
                var expected = grid[impact - 1][probability - 1] switch
                {
                    'G' => RiskStatus.Green,
                    'A' => RiskStatus.Amber,
                    _ => RiskStatus.Red,
                };
                Assert.Equal(expected, RiskRules.InternalRiskOf(impact, probability, Default));
            }
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(6, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 6)]
    [InlineData(-1, -1)]
    public void Internal_scores_outside_1_to_5_are_refused(int impact, int probability) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskRules.InternalRiskOf(impact, probability, Default));
}
