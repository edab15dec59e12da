using Bunit;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Web.Features.Operations;

namespace ChangeCoordination.Web.Tests.Components;

public sealed class OperationsViewTests : ComponentTest
{
    private static readonly DateOnly November = new(2030, 11, 1);

    private static PerformanceReportResponse Report(DateOnly? dataThrough) => new(
        "2030-11",
        November,
        November.AddMonths(1).AddDays(-1),
        dataThrough,
        5,
        1,
        2,
        [new RsvpRow(BusinessProcess.Prepayment, SmetsGeneration.SMETS2, CspRegion.North, 4, 40, 30, 10, 90, 0.5, 0.5)],
        [new RsvpDay(new DateOnly(2030, 11, 4), BusinessProcess.Prepayment, SmetsGeneration.SMETS2, CspRegion.North, 4, 40, 30, 2, 2, 0.5, 0.5)],
        [new AvailabilityRow(DccService.UserInterface, CspRegion.North, 42845.0 / 43080, 3.91m, 2m, 1, 235.0 / 60, 42845.0 / 60,
            [.. Enum.GetValues<TimeBand>().Select(b => new BandRow(b, b == TimeBand.WeekdayDay ? 0.99 : 1, b == TimeBand.WeekdayDay ? 3.91m : 0m))])],
        [new AvailabilityDay(new DateOnly(2030, 11, 6), DccService.UserInterface, 0.9, 3.91m)],
        [new IncidentCategoryRow(3, 2, 1, 1, 0, 34, 34, 48, 4, 24), new IncidentCategoryRow(4, 1, 1, 0, 1, null, null, null, 8, 72), new IncidentCategoryRow(5, 0, 0, 0, 0, null, null, null, 24, 120)],
        [new IncidentCountRow(1, 1, 0), new IncidentCountRow(2, 0, 0), new IncidentCountRow(3, 2, 2), new IncidentCountRow(4, 1, 1), new IncidentCountRow(5, 0, 0)]);

    [Fact]
    public void The_report_shows_every_figure_in_UK_words_and_units()
    {
        var view = Render<PerformanceReportView>(p => p.Add(v => v.Report, Report(new DateOnly(2030, 11, 10))));

        Assert.Contains("Data through Sun 10 Nov 2030: 5 service requests, 1 outage, 2 incidents.", view.Find("[data-testid=report-coverage]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Prepayment", view.Find("[data-testid=rsvp-processes] section h3").TextContent);
        var rsvp = view.Find("[data-testid=rsvp-table] tbody tr").TextContent;
        foreach (var figure in new[] { "SMETS2", "North", "40.0", "30.0", "10.0–90.0", "50.00%" })
        {
            Assert.Contains(figure, rsvp, StringComparison.Ordinal);
        }

        var availability = view.Find("[data-testid=availability-table] tbody tr").TextContent;
        foreach (var figure in new[] { "DCC User Interface", "99.455%", "3.91", "2.00", "3.92", "714.08" })
        {
            Assert.Contains(figure, availability, StringComparison.Ordinal);
        }

        Assert.Contains("99.00%", view.Find("[data-testid=band-table] tbody tr").TextContent, StringComparison.Ordinal);
        var cpm5 = view.FindAll("[data-testid=cpm5-table] tbody tr");
        Assert.Equal(3, cpm5.Count);
        Assert.Contains("34.00 / 34.00 / 48.00", cpm5[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("n/a / n/a / n/a", cpm5[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("category 3: 2 (2)", view.Find("[data-testid=incident-counts]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, view.FindAll("figure.ops-chart").Count);
    }

    [Fact]
    public void A_month_without_data_says_where_to_import_it()
    {
        var empty = Report(null) with { Rsvp = [], RsvpDaily = [], AvailabilityDaily = [] };

        var view = Render<PerformanceReportView>(p => p.Add(v => v.Report, empty));

        Assert.Contains("No operational data for November 2030 yet", view.Find("[data-testid=report-coverage]").TextContent, StringComparison.Ordinal);
        Assert.Empty(view.FindAll("[data-testid=rsvp-table]"));
        Assert.Empty(view.FindAll("[data-testid=availability-table]"));
        Assert.Empty(view.FindAll("figure.ops-chart"));
    }

    private static RsvpRow Rsvp(BusinessProcess process, CspRegion region, double mean, double median, double min, double max) =>
        new(process, SmetsGeneration.SMETS2, region, 10, mean, median, min, max, 0.9, 0.1);

    [Fact]
    public void Each_round_trip_column_has_one_unit_chosen_from_its_process_figures_and_named_in_its_header()
    {
        var report = Report(new DateOnly(2030, 11, 10)) with
        {
            Rsvp =
            [
                Rsvp(BusinessProcess.Billing, CspRegion.North, 3250, 9000, 7300, 30000),
                Rsvp(BusinessProcess.Billing, CspRegion.South, 2050, 8000, 7400, 20000),
                Rsvp(BusinessProcess.Prepayment, CspRegion.North, 13.1, 9.9, 1.2, 135.3),
                Rsvp(BusinessProcess.Prepayment, CspRegion.South, 12.6, 10.2, 1.1, 130.1),
            ],
        };

        var view = Render<PerformanceReportView>(p => p.Add(v => v.Report, report));

        List<string> Headers(string process) => [.. view.FindAll($"section[data-process={process}] [data-testid=rsvp-table] thead th").Select(h => h.TextContent)];
        List<List<string>> Cells(string process) => [.. view.FindAll($"section[data-process={process}] [data-testid=rsvp-table] tbody tr").Select(r => r.QuerySelectorAll("td").Skip(3).Take(3).Select(c => c.TextContent).ToList())];
        Assert.Equal(["Mean (min)", "Median (h)", "Range (h)"], Headers("Billing").Skip(3).Take(3));
        Assert.Equal([["54.2", "2.50", "2.03–8.33"], ["34.2", "2.22", "2.06–5.56"]], Cells("Billing"));
        Assert.Equal(["Mean (s)", "Median (s)", "Range (s)"], Headers("Prepayment").Skip(3).Take(3));
        Assert.Equal([["13.1", "9.9", "1.2–135.3"], ["12.6", "10.2", "1.1–130.1"]], Cells("Prepayment"));
    }

    [Fact]
    public void Each_business_process_has_its_own_chart_followed_by_the_table_of_its_days()
    {
        var fourth = new DateOnly(2030, 11, 4);
        var fifth = fourth.AddDays(1);
        var report = Report(fifth) with
        {
            Rsvp = [Rsvp(BusinessProcess.ChangeOfSupplier, CspRegion.South, 5, 5, 5, 5), Rsvp(BusinessProcess.Prepayment, CspRegion.North, 40, 30, 10, 90)],
            RsvpDaily =
            [
                new RsvpDay(fourth, BusinessProcess.Prepayment, SmetsGeneration.SMETS2, CspRegion.North, 4, 40, 30, 3, 1, 0.75, 0.25),
                new RsvpDay(fourth, BusinessProcess.Prepayment, SmetsGeneration.SMETS1, CspRegion.South, 4, 40, 30, 4, 0, 1, 0),
                new RsvpDay(fifth, BusinessProcess.ChangeOfSupplier, SmetsGeneration.SMETS1, CspRegion.South, 2, 5, 5, 1, 1, 0.5, 0.5),
            ],
        };

        var view = Render<PerformanceReportView>(p => p.Add(v => v.Report, report));

        var charts = view.FindAll("[data-testid=rsvp-processes] section figure.ops-chart");
        Assert.Equal(2, charts.Count);
        Assert.StartsWith("Change of Supplier by day:", charts[0].QuerySelector("figcaption")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(charts[0].QuerySelector("figcaption")!.Id, charts[0].GetAttribute("aria-labelledby"));
        var prepayment = charts[1];
        Assert.StartsWith("Prepayment by day:", prepayment.QuerySelector("figcaption")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(prepayment.QuerySelector("svg"));
        var table = prepayment.QuerySelector("[data-testid=daily-table]")!;
        Assert.Equal(["Day", "Requests", "Failed (%)", "Outside the target time (%)"], table.QuerySelectorAll("thead th").Select(h => h.TextContent));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(["Fri 1 Nov 2030", "0", "n/a", "n/a"], rows[0]);
        Assert.Equal(["Mon 4 Nov 2030", "8", "12.50", "12.50"], rows[3]);
        Assert.Equal(["Tue 5 Nov 2030", "0", "n/a", "n/a"], rows[4]);
        Assert.Equal("row", table.QuerySelector("tbody th")!.GetAttribute("scope"));
    }

    private static OutcomeGroupResponse Group(string key, int days, int incidents) =>
        OutcomeGroupResponse.From(new OutcomeGroup(key, days, incidents, incidents, 1.5m, 100, 2));

    [Fact]
    public void Outcomes_show_the_verdict_each_status_as_a_chip_and_groups_too_small_to_tell()
    {
        var outcomes = new OutcomesResponse(
            November,
            November.AddDays(29),
            Outcomes.MinimumDays,
            12,
            "Too few days to tell: 2 days Red and 10 days Green with operational data in this period.",
            [Group("White", 0, 0), Group("Green", 10, 1), Group("Amber", 0, 0), Group("Red", 2, 3)],
            [Group("Firmware", 6, 2)],
            [Group("Supplier A", 2, 1)],
            [new OutcomeDayResponse(new DateOnly(2030, 11, 4), RiskStatus.Red, 2, 1.5m, 100, 2, 0.02)]);

        var view = Render<OutcomesView>(p => p.Add(v => v.Outcomes, outcomes));

        Assert.Contains("Too few days to tell", view.Find("[data-testid=outcomes-verdict]").TextContent, StringComparison.Ordinal);
        var red = view.Find("[data-testid=outcomes-by-status] tr[data-key=Red]");
        Assert.Equal("R", red.QuerySelector(".status-letter")!.TextContent);
        Assert.Contains("too few to tell", red.TextContent, StringComparison.Ordinal);
        Assert.Contains("yes", view.Find("[data-testid=outcomes-by-status] tr[data-key=Green]").TextContent, StringComparison.Ordinal);
        Assert.Contains("yes", view.Find("[data-testid=outcomes-by-type] tr[data-key=Firmware]").TextContent, StringComparison.Ordinal);
        Assert.Contains("too few to tell", view.Find("[data-testid=outcomes-by-organisation] tr[data-key='Supplier A']").TextContent, StringComparison.Ordinal);
        var day = view.Find("[data-testid=outcomes-days] tbody tr");
        Assert.Equal("days/2030-11-04", day.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("2.00%", day.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void What_happened_lists_a_days_incidents_and_outages_beside_its_prediction()
    {
        var at = new DateTimeOffset(2030, 11, 6, 10, 0, 0, TimeSpan.Zero);
        var happened = new DayOperationsResponse(
            RiskStatus.Red,
            true,
            [new IncidentResponse("INC-1", 3, "Alerts delayed", at, at.AddHours(1), null, ResponsibleParty.Dcc, true, false)],
            3.91m,
            [new OutageResponse("OUT-1", [DccService.UserInterface], "DSP adapter", null, at, at.AddMinutes(235), false, 235)],
            4,
            2,
            0.5);

        var panel = Render<WhatHappenedPanel>(p => p.Add(v => v.Happened, happened));

        Assert.Equal("1", panel.Find("[data-testid=what-happened-incidents]").TextContent);
        Assert.Equal("3.91 h", panel.Find("[data-testid=what-happened-downtime]").TextContent);
        Assert.Equal("50.00% of 4 requests", panel.Find("[data-testid=what-happened-failures]").TextContent);
        Assert.Contains("INC-1 category 3, raised 10:00: Alerts delayed", panel.Markup.Replace("<strong class=\"mono\">", "", StringComparison.Ordinal).Replace("</strong>", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("unresolved; the DCC responsible", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("DSP adapter, all regions, 10:00 to 13:55", panel.Markup, StringComparison.Ordinal);
    }
}
