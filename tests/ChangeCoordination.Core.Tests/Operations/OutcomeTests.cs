using ChangeCoordination.Core.Operations;

namespace ChangeCoordination.Core.Tests.Operations;

public class OutcomeTests
{
    private static DayOutcome Day(int december, RiskStatus status, int incidents, int downtimeMinutes, int requests, int failures) =>
        new(new DateOnly(2026, 12, december), status, incidents, TimeSpan.FromMinutes(downtimeMinutes), requests, failures);

    private static readonly DayOutcome[] Days =
    [
        Day(1, RiskStatus.Red, 2, 60, 100, 10),
        Day(2, RiskStatus.Red, 0, 0, 100, 0),
        Day(3, RiskStatus.Green, 1, 30, 200, 2),
    ];

    [Fact]
    public void Days_group_by_predicted_status_with_the_hand_computed_figures()
    {
        var groups = Outcomes.ByStatus(Days).ToDictionary(g => g.Key);

        Assert.Equal(["White", "Green", "Amber", "Red"], Outcomes.ByStatus(Days).Select(g => g.Key));
        Assert.Equal(new OutcomeGroup("Red", 2, 1, 2, 1.00m, 200, 10), groups["Red"]);
        Assert.Equal(1.0, groups["Red"].IncidentsPerDay);
        Assert.Equal(0.5, groups["Red"].DowntimeHoursPerDay);
        Assert.Equal(0.05, groups["Red"].FailureShare);
        Assert.Equal(new OutcomeGroup("Green", 1, 1, 1, 0.50m, 200, 2), groups["Green"]);
        Assert.Equal(0.01, groups["Green"].FailureShare);
        Assert.Equal(0, groups["White"].Days);
        Assert.Null(groups["White"].IncidentsPerDay);
        Assert.Null(groups["White"].FailureShare);
    }

    [Fact]
    public void Fewer_than_five_days_are_too_few_to_tell()
    {
        var five = Enumerable.Range(1, 5).Select(d => Day(d, RiskStatus.Amber, 0, 0, 0, 0));

        Assert.False(Outcomes.Summarise("Red", Days.Take(2)).EnoughToTell);
        Assert.True(Outcomes.Summarise("Amber", five).EnoughToTell);
    }

    [Fact]
    public void A_day_counts_once_under_each_change_type_it_carries()
    {
        var keys = new Dictionary<DateOnly, string[]>
        {
            [new DateOnly(2026, 12, 1)] = ["Firmware", "UserSystem", "Firmware"],
            [new DateOnly(2026, 12, 2)] = ["Firmware"],
            [new DateOnly(2026, 12, 3)] = [],
        };

        var groups = Outcomes.ByKeys(Days, d => keys[d]);

        Assert.Equal(["Firmware", "UserSystem"], groups.Select(g => g.Key));
        Assert.Equal(new OutcomeGroup("Firmware", 2, 1, 2, 1.00m, 200, 10), groups[0]);
        Assert.Equal(new OutcomeGroup("UserSystem", 1, 1, 2, 1.00m, 100, 10), groups[1]);
    }
}
