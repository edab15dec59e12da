using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Components.Heatmap;

namespace ChangeCoordination.Web.Tests.Components;

public sealed class CalendarBlockTests : ComponentTest
{
    private static readonly DateOnly December = new(2026, 12, 1);

    [Fact]
    public void Weeks_start_on_Monday_so_December_2026_opens_with_an_empty_Monday()
    {
        var month = RenderDecember();

        var firstRow = month.FindAll("tbody tr")[0].QuerySelectorAll("td");
        Assert.Contains("outside", firstRow[0].ClassList);
        Assert.Equal("2026-12-01", firstRow[1].QuerySelector("a")!.GetAttribute("data-date"));
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], month.FindAll("thead th").Select(th => th.TextContent));
    }

    [Fact]
    public void A_day_has_an_accessible_name_with_status_counts_and_pending_assessments()
    {
        var month = RenderDecember(days => days[7] = Day(new DateOnly(2026, 12, 8), RiskStatus.Amber, RiskStatus.Amber, 3, 1));

        var cell = Cell(month, "2026-12-08");
        Assert.Equal("Tuesday 8 December 2026: Amber, 3 changes, 1 awaiting assessment", cell.GetAttribute("aria-label"));
        Assert.Equal("A", cell.QuerySelector(".day-letter")!.GetAttribute("data-letter"));
    }

    [Fact]
    public void A_day_that_may_rise_says_so_and_carries_the_corner_mark()
    {
        var month = RenderDecember(days => days[9] = Day(new DateOnly(2026, 12, 10), RiskStatus.Green, RiskStatus.Red, 1, 1));

        var cell = Cell(month, "2026-12-10");
        Assert.EndsWith("may rise to Red", cell.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("rise-red", cell.ParentElement!.ClassList);
    }

    [Theory]
    [InlineData(RiskStatus.Amber, "st-amber", "A")]
    [InlineData(RiskStatus.Red, "st-red", "R")]
    public void The_may_rise_corner_carries_the_provisional_letter_and_pattern_so_it_reads_in_greyscale(RiskStatus provisional, string pattern, string letter)
    {
        var month = RenderDecember(days => days[9] = Day(new DateOnly(2026, 12, 10), RiskStatus.Green, provisional, 1, 1));

        var corner = Cell(month, "2026-12-10").QuerySelector(".day-rise")!;
        Assert.Equal(letter, corner.GetAttribute("data-letter"));
        Assert.Contains(pattern, corner.ClassList);
        Assert.Equal("true", corner.GetAttribute("aria-hidden"));
        Assert.Null(Cell(month, "2026-12-11").QuerySelector(".day-rise"));
    }

    [Fact]
    public void The_legend_shows_the_may_rise_corner_for_Amber_and_for_Red()
    {
        var legend = Render<HeatmapLegend>();

        var corners = legend.FindAll(".legend-swatch .day-rise");
        Assert.Equal(["A", "R"], corners.Select(c => c.GetAttribute("data-letter")));
        Assert.Equal(["st-amber", "st-red"], corners.Select(c => c.ClassList.Single(k => k.StartsWith("st-", StringComparison.Ordinal))));
    }

    [Fact]
    public void Weekends_and_bank_holidays_are_marked_and_today_is_outlined()
    {
        var month = RenderDecember();

        Assert.Contains("non-working", Cell(month, "2026-12-05").ParentElement!.ClassList);
        Assert.Contains("non-working", Cell(month, "2026-12-25").ParentElement!.ClassList);
        Assert.Contains("Christmas Day", Cell(month, "2026-12-25").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.DoesNotContain("non-working", Cell(month, "2026-12-24").ParentElement!.ClassList);
        Assert.Contains("today", Cell(month, "2026-12-01").ParentElement!.ClassList);
    }

    [Fact]
    public void Only_the_focus_day_is_in_the_tab_order_and_every_day_opens_its_drill_down()
    {
        var month = RenderDecember();

        var tabbable = month.FindAll("a.day-link").Where(a => a.GetAttribute("tabindex") == "0").ToList();
        Assert.Single(tabbable);
        Assert.Equal("2026-12-01", tabbable[0].GetAttribute("data-date"));
        Assert.Equal("days/2026-12-31", Cell(month, "2026-12-31").GetAttribute("href"));
    }

    [Fact]
    public void A_passive_calendar_for_the_wall_has_no_links()
    {
        var month = Render<CalendarBlock>(p => p
            .Add(c => c.Title, "December 2026")
            .Add(c => c.Start, December)
            .Add(c => c.Days, EmptyDays())
            .Add(c => c.Version, 0)
            .Add(c => c.Interactive, false));

        Assert.Empty(month.FindAll("a"));
        Assert.Equal(31, month.FindAll("span.day-link[role=img]").Count);
    }

    [Fact]
    public void A_day_in_a_change_freeze_carries_the_band_and_says_so()
    {
        var month = RenderDecember(days => days[23] = new HeatmapCell(days[23]!.Status, false, null, "Christmas change freeze"));

        var cell = Cell(month, "2026-12-24");
        Assert.Contains("frozen", cell.ParentElement!.ClassList);
        Assert.EndsWith("change freeze: Christmas change freeze", cell.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    private static AngleSharp.Dom.IElement Cell(IRenderedComponent<CalendarBlock> month, string date) =>
        month.Find($"[data-date='{date}']");

    private static HeatmapCell Day(DateOnly date, RiskStatus status, RiskStatus provisional, int changes, int unassessed) =>
        new(new DayStatus(date, status, provisional, changes, unassessed), false, null, null);

    private HeatmapCell?[] EmptyDays() =>
        [.. Enumerable.Range(0, 31).Select(i => December.AddDays(i)).Select(d => new HeatmapCell(
            DayStatus.Empty(d),
            !Rules.Calendar.IsWorkingDay(d),
            Rules.Calendar.BankHolidayOn(d)?.Name,
            null))];

    private IRenderedComponent<CalendarBlock> RenderDecember(Action<HeatmapCell?[]>? arrange = null)
    {
        var days = EmptyDays();
        arrange?.Invoke(days);
        return Render<CalendarBlock>(p => p
            .Add(c => c.Title, "December 2026")
            .Add(c => c.Start, December)
            .Add(c => c.Days, days)
            .Add(c => c.Version, 0)
            .Add(c => c.Today, December)
            .Add(c => c.FocusDate, December));
    }
}
