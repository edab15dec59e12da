using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Operations;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class DemoOperationsTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    [Fact]
    public async Task The_demo_month_has_every_business_process_outages_and_incidents_that_begin_during_changes_most_tied_to_them()
    {
        using var demo = app.WithWebHostBuilder(b => b.UseSetting("Demo:SeedData", "true"));
        using var client = demo.CreateClient();
        using var token = await client.PostAsJsonAsync("/api/v1/dev/token", new { email = DemoUsers.Manager });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.JsonAsync()).GetProperty("accessToken").GetString());

        // The fixed clock is Tuesday 1 December 2026: the demo month is the 30 days of November.
        var report = await client.GetJsonAsync("/api/v1/operations/report?month=2026-11");
        var outcomes = await client.GetJsonAsync("/api/v1/outcomes?from=2026-11-01&to=2026-11-30");

        Assert.InRange(report.GetProperty("serviceRequests").GetInt32(), 15_000, 35_000);
        Assert.Equal(Enum.GetNames<BusinessProcess>().Order(), report.GetProperty("rsvp").EnumerateArray().Select(r => r.Text("process")!).Distinct().Order());
        Assert.True(report.GetProperty("outages").GetInt32() > 0);
        Assert.Equal(30, outcomes.GetProperty("daysWithData").GetInt32());
        var dbFactory = demo.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var incidents = await db.Incidents.Select(i => i.Opened).ToListAsync();
        var windows = await db.Changes.Where(c => c.Status != ChangeStatus.Cancelled).Select(c => new { c.Start, c.End }).ToListAsync();
        Assert.Contains(incidents, opened => windows.Any(w => w.Start <= opened && opened < w.End));

        // The same seed and day give the same month on every provider (the seeder reads the changes in a fixed order):
        // these counts are what seed 122 gives on 1 December 2026, on SQLite and on PostgreSQL alike.
        Assert.Equal((25_302, 10, 11), (await db.ServiceRequests.CountAsync(), await db.Outages.CountAsync(), incidents.Count));

        // The TOC tied most of the incidents a change caused to it, and only to a change in progress when it opened.
        var tied = await client.GetJsonAsync("/api/v1/operations/incidents?from=2026-11-01&to=2026-11-30");
        var links = tied.EnumerateArray().SelectMany(i => i.GetProperty("links").EnumerateArray().Select(l => (Opened: i.GetProperty("opened").GetDateTimeOffset(), Change: l.Text("change")!))).ToList();
        Assert.NotEmpty(links);
        foreach (var (opened, change) in links)
        {
            var window = await client.GetJsonAsync($"/api/v1/changes/{change}");
            Assert.InRange(opened, window.GetProperty("start").GetDateTimeOffset(), window.GetProperty("end").GetDateTimeOffset());
        }
    }
}
