using ChangeCoordination.Web.Features.Calendar;
using Bunit;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Operations;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Components;

/// <summary>The report page without a month: it opens where the data is, over the test app's own fresh database.</summary>
public sealed class ReportPageTests : ComponentTest, IClassFixture<CalendarAppFactory>
{
    private readonly IDbContextFactory<ChangeCoordinationDb> dbFactory;

    public ReportPageTests(CalendarAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        dbFactory = app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>();
        Services.AddSingleton(new PerformanceReports(new OperationsStore(dbFactory), app.Services.GetRequiredService<VariantBook>()));
        Services.AddSingleton(app.Services.GetRequiredService<PlanningHorizon>());
    }

    private async Task AddIncidentAsync(string reference, DateTimeOffset opened)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Incidents.Add(new IncidentRow { Reference = reference, Category = 3, Opened = opened, ResponsibleParty = ResponsibleParty.Dcc, ImportedAt = CalendarAppFactory.Start });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Without_a_month_the_report_says_when_nothing_is_imported_then_opens_on_the_latest_month_with_data()
    {
        var before = Render<ReportPage>();
        before.WaitForAssertion(() => Assert.Contains("No operational data has been imported yet", before.Find("[data-testid=report-none]").TextContent, StringComparison.Ordinal));
        Assert.Empty(before.FindAll("figure.ops-chart"));

        // October holds a record; November and the current month (December) hold none; a record dated ahead of the clock does not count.
        await AddIncidentAsync("INC-OCT", CalendarAppFactory.Start.AddDays(-45));
        await AddIncidentAsync("INC-AHEAD", CalendarAppFactory.Start.AddDays(70));

        var after = Render<ReportPage>();
        after.WaitForAssertion(() => Assert.Contains("Performance Measurement Report: October 2026", after.Find("h1").TextContent, StringComparison.Ordinal));
        Assert.Contains("1 incident.", after.Find("[data-testid=report-coverage]").TextContent, StringComparison.Ordinal);
        Assert.Empty(after.FindAll("[data-testid=report-none]"));

        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("operations/report?month=2026-12");
        var asked = Render<ReportPage>();
        asked.WaitForAssertion(() => Assert.Contains("No operational data for December 2026 yet", asked.Find("[data-testid=report-coverage]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0001-01")]
    [InlineData("9999-12")]
    [InlineData("2026-13")]
    public void A_month_outside_the_planning_horizon_or_no_month_at_all_shows_this_month_with_a_warning(string month)
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"operations/report?month={month}");

        var page = Render<ReportPage>();

        page.WaitForAssertion(() => Assert.Contains("Performance Measurement Report: December 2026", page.Find("h1").TextContent, StringComparison.Ordinal));
        Assert.Contains($"\"{month}\" is not a month of the planning horizon", page.Markup, StringComparison.Ordinal);
    }
}
