using System.Globalization;
using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Features.Days;
using ChangeCoordination.Web.Features.Heatmap;
using ChangeCoordination.Web.Features.InternalChanges;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>The day's hour-by-hour timeline: each bar says whose change it is and what kind, as far as the viewer may know.</summary>
public sealed class DayTimelineTests : ComponentTest
{
    private static readonly DateOnly Day = new(2026, 12, 8);

    private static DateTimeOffset At(int hour) => new DateTimeOffset(Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(hour);

    private static DayResponse DayWith(params DayChange[] changes)
    {
        var status = new HeatmapDayResponse(Day, RiskStatus.Amber, RiskStatus.Red, changes.Length + 1, 1);
        var release = new InternalChangeResponse("FSC-00001", "Release to the Registration Data Interface", [DccService.RegistrationDataInterface], true,
            At(0), At(24), 1440, 2, 2, 4, RiskStatus.Green, "Scheduled", 1, At(0), []);
        return new DayResponse(Day, status, status, status, true, null, changes, [release], null, null);
    }

    private static ChangeResponse Own() => new(
        "CHG-00007", "Supplier A", ChangeKind.Planned, ChangeType.Firmware, At(20), At(23), 180, Complexity.Medium, Impact.Moderate,
        Probability.Likely, RiskStatus.Amber, new RiskRangeResponse(RiskStatus.Green, RiskStatus.Amber), ChangeStatus.Assessed, 1,
        At(-500), At(-500), 25, false, null, "Firmware 4.2 to ESME.", []);

    private IRenderedComponent<DayTimeline> Render(DayResponse day) =>
        Render<DayTimeline>(p => p.Add(t => t.Day, Day).Add(t => t.Rows, DayTimelineRow.From(day)));

    [Fact]
    public void Each_bar_is_labelled_with_the_organisation_and_the_type_in_words()
    {
        var timeline = Render(DayWith(Own()));

        var labels = timeline.FindAll("[data-testid=timeline-text]").Select(l => l.TextContent).ToList();
        Assert.Equal(["DCC · Planned Maintenance: Release to the Registration Data Interface", "Supplier A · Firmware deployment"], labels);
    }

    [Fact]
    public void Another_organisations_bar_says_only_what_the_days_table_shows_of_it()
    {
        var other = new WindowOnlyChange(At(2), At(4));
        var rows = DayTimelineRow.From(DayWith(other));

        var timeline = Render(DayWith(other));

        var row = rows.Single(r => r.Start == other.Start);
        var label = timeline.FindAll("[data-testid=timeline-text]").Single(l => l.TextContent.StartsWith("Another", StringComparison.Ordinal));
        Assert.Equal("Another organisation", label.TextContent);
        Assert.Equal(row.Organisation, label.TextContent);
        Assert.Equal("—", row.Type);
        Assert.DoesNotContain("Supplier", timeline.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_goes_beside_its_bar_where_there_is_room_and_inside_a_bar_that_fills_the_day()
    {
        var timeline = Render(DayWith(Own(), new WindowOnlyChange(At(2), At(4))));

        var labels = timeline.FindAll("[data-testid=timeline-text]");
        var fullDay = labels.Single(l => l.TextContent.StartsWith("DCC", StringComparison.Ordinal));
        Assert.Contains("inside", fullDay.ClassList);
        var early = labels.Single(l => l.TextContent == "Another organisation");
        Assert.StartsWith("left: calc(" + (4 / 24.0 * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%", early.GetAttribute("style"), StringComparison.Ordinal);
        var late = labels.Single(l => l.TextContent.StartsWith("Supplier A", StringComparison.Ordinal));
        Assert.StartsWith("right: calc(" + (4 / 24.0 * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%", late.GetAttribute("style"), StringComparison.Ordinal);
        Assert.DoesNotContain("inside", late.ClassList);
    }
}
