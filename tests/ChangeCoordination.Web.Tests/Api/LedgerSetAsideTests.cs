using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>No stored row can stop a start: a row the risk ledger cannot apply is set aside, named, and the rest serves.</summary>
public sealed class LedgerSetAsideTests : IDisposable
{
    private readonly AppFactory app = new();

    [Fact]
    public async Task A_row_written_around_the_app_that_the_ledger_cannot_apply_is_set_aside_and_the_next_start_serves_and_reports_Degraded_naming_it()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var goodDay = TestDates.Next();
        var good = await supplier.NotifyAsync(Bodies.Change(goodDay));
        var backwards = await supplier.NotifyAsync(Bodies.Change(TestDates.Next()));
        var endOfTime = await supplier.NotifyAsync(Bodies.Change(TestDates.Next()));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync())
        {
            // Straight into the database, past every check: a window that ends before it starts, and the window
            // on the last day of the calendar.
            var rows = await db.Changes.Where(c => c.Reference == backwards.Reference() || c.Reference == endOfTime.Reference()).ToListAsync();
            var spoilt = rows.Single(c => c.Reference == backwards.Reference());
            spoilt.End = spoilt.Start.AddHours(-1);
            var far = rows.Single(c => c.Reference == endOfTime.Reference());
            far.Start = new DateTimeOffset(DateOnly.MaxValue.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero);
            far.End = far.Start.AddHours(3);
            await db.SaveChangesAsync();
        }

        using var restarted = app.WithWebHostBuilder(_ => { });
        using var client = await SignedInAsync(restarted, DemoUsers.SupplierA);

        var heatmap = await client.GetJsonAsync($"/api/v1/heatmap?view=user&from={TestDates.Iso(goodDay)}&to={TestDates.Iso(goodDay)}");
        Assert.Equal(1, heatmap.GetProperty("days")[0].GetProperty("changeCount").GetInt32());
        Assert.Equal(good.Reference(), (await client.GetJsonAsync($"/api/v1/changes/{good.Reference()}")).Reference());

        using var anonymous = restarted.CreateClient();
        using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var health = await ready.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Degraded", health.Text("status"));
        var ledger = health.GetProperty("checks").EnumerateArray().Single(c => c.Text("name") == "risk-ledger");
        Assert.Equal("Degraded", ledger.Text("status"));
        Assert.Contains(backwards.Reference(), ledger.Text("description"), StringComparison.Ordinal);
        Assert.DoesNotContain(endOfTime.Reference(), ledger.Text("description"), StringComparison.Ordinal);
        Assert.DoesNotContain(good.Reference(), ledger.Text("description"), StringComparison.Ordinal);

        using var owner = await restarted.PageClientForAsync(DemoUsers.Owner);
        var access = await owner.GetStringAsync(new Uri("/admin/access", UriKind.Relative));
        Assert.Contains("ledger-set-aside", access, StringComparison.Ordinal);
        Assert.Contains(backwards.Reference(), access, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_aside_change_that_its_owner_corrects_counts_again_and_health_is_Healthy()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var spoiltDay = TestDates.Next();
        var change = await supplier.NotifyAsync(Bodies.Change(spoiltDay));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync())
        {
            var row = await db.Changes.SingleAsync(c => c.Reference == change.Reference());
            row.End = row.Start.AddDays(400);
            await db.SaveChangesAsync();
        }

        using var restarted = app.WithWebHostBuilder(_ => { });
        using var client = await SignedInAsync(restarted, DemoUsers.SupplierA);
        Assert.Equal(0, (await client.GetJsonAsync($"/api/v1/heatmap?view=user&from={TestDates.Iso(spoiltDay)}&to={TestDates.Iso(spoiltDay)}")).GetProperty("days")[0].GetProperty("changeCount").GetInt32());

        await client.UpdateAsync(change.Reference(), change.Revision(), Bodies.Change(spoiltDay));

        Assert.Equal(1, (await client.GetJsonAsync($"/api/v1/heatmap?view=user&from={TestDates.Iso(spoiltDay)}&to={TestDates.Iso(spoiltDay)}")).GetProperty("days")[0].GetProperty("changeCount").GetInt32());
        using var anonymous = restarted.CreateClient();
        Assert.Equal("Healthy", (await anonymous.GetJsonAsync("/health/ready")).Text("status"));
    }

    public void Dispose() => app.Dispose();

    private static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> factory, string email)
    {
        var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/dev/token", new { email });
        var token = (await response.ExpectAsync(HttpStatusCode.OK)).Text("accessToken");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
