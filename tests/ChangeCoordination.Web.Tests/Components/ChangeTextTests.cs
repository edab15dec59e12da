using ChangeCoordination.Core;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>The pure helpers behind the change pages: words, derived values, the diff and the CSV.</summary>
public sealed class ChangeTextTests
{
    private static readonly RuleBook Rules = new(TimeProvider.System, new PlanningHorizon(Options.Create(new PlanningSettings())));

    [Fact]
    public void A_window_across_the_spring_clock_change_shows_each_end_in_its_own_zone_and_counts_real_hours()
    {
        var start = DateTimeOffset.Parse("2027-03-27T23:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse("2027-03-28T03:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("Sat 27 Mar 2027 23:00 GMT to Sun 28 Mar 2027 03:00 BST", ChangeText.Window(start, end));
        var figures = ChangeFigures.Of(ChangeType.UserSystem, ChangeKind.Planned, start, end, new DateOnly(2027, 1, 4), Rules);
        Assert.Equal(TimeSpan.FromHours(3), figures.Duration);
        Assert.Equal(Complexity.Medium, figures.Complexity);
    }

    [Theory]
    [InlineData("2026-12-08T20:00:00+00:00", "2026-12-08T23:00:00+00:00", "Tue 08/12 20:00–23:00")]
    [InlineData("2026-12-08T22:00:00+00:00", "2026-12-09T00:00:00+00:00", "Tue 08/12 22:00–24:00")]
    [InlineData("2026-12-08T22:00:00+00:00", "2026-12-09T02:00:00+00:00", "Tue 08/12 22:00–02:00+1")]
    [InlineData("2026-12-08T22:00:00+00:00", "2026-12-11T02:00:00+00:00", "Tue 08/12 22:00–Fri 11/12 02:00")]
    [InlineData("2027-06-01T19:00:00+00:00", "2027-06-01T21:00:00+00:00", "Tue 01/06 20:00–22:00")]
    public void A_short_window_reads_on_one_line_in_London_time_marking_an_end_on_the_next_day_with_plus_one(string start, string end, string expected) =>
        Assert.Equal(expected, ChangeText.ShortWindow(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-12-08T20:00:00+00:00", "2026-12-08T23:00:00+00:00", "Tue 8 Dec 20:00 – 23:00")]
    [InlineData("2026-12-08T22:00:00+00:00", "2026-12-09T02:00:00+00:00", "Tue 8 Dec 22:00 – Wed 9 Dec 02:00")]
    [InlineData("2027-01-12T20:00:00+00:00", "2027-01-12T22:00:00+00:00", "Tue 12 Jan 2027 20:00 – 22:00")]
    [InlineData("2026-10-24T23:00:00+01:00", "2026-10-25T03:00:00+00:00", "Sat 24 Oct 23:00 BST – Sun 25 Oct 03:00 GMT")]
    public void A_compact_window_names_the_end_date_the_year_and_the_zones_only_when_they_differ(string start, string end, string expected)
    {
        var parse = (string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, ChangeText.CompactWindow(parse(start), parse(end), 2026));
    }

    [Fact]
    public void An_unplanned_change_is_never_flagged_as_late_notice()
    {
        var start = DateTimeOffset.Parse("2026-12-03T20:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture);

        var figures = ChangeFigures.Of(ChangeType.Firmware, ChangeKind.Unplanned, start, start.AddHours(1), new DateOnly(2026, 12, 1), Rules);

        Assert.False(figures.LateNotice);
        Assert.Equal(1, figures.NoticeWorkingDays);
        Assert.Equal(Impact.Moderate, figures.Impact);
    }

    [Fact]
    public void The_CSV_quotes_commas_and_defuses_formulas()
    {
        var change = Change() with { Description = "=HYPERLINK(\"x\"), then more" };

        var csv = ChangeCsv.Write([change]);

        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\"), then more\"\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diff_names_only_the_fields_that_changed()
    {
        var before = Change();
        var after = before with { Description = "New words.", Revision = 2 };

        var diff = RevisionDiff.Between(before, after);

        var only = Assert.Single(diff);
        Assert.Equal(new FieldChange("Description", "Old words.", "New words."), only);
    }

    private static ChangeResponse Change() => new(
        "CHG-00001", "Supplier A", ChangeKind.Planned, ChangeType.UserSystem,
        DateTimeOffset.Parse("2027-01-12T20:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset.Parse("2027-01-12T22:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture),
        120, Complexity.Small, Impact.Minor, null, RiskStatus.Green, new RiskRangeResponse(RiskStatus.Green, RiskStatus.Green),
        ChangeStatus.AwaitingAssessment, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 26, false, null, "Old words.", []);
}
