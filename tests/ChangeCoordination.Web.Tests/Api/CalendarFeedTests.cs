using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class CalendarFeedTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    [Fact]
    public async Task The_TOC_red_day_feed_opens_without_signing_in_and_stops_when_revoked()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var date = new DateOnly(2026, 12, 10);
        await assessor.CreateInternalAsync(Bodies.Internal(date, 5, 3));
        var feed = await (await toc.SendJsonAsync(HttpMethod.Post, "/api/v1/feeds", new { kind = "RedDays", label = "TOC rota" })).ExpectAsync(HttpStatusCode.Created);
        var url = new Uri(feed.Text("url")!);
        var anonymous = app.CreateClient();

        var calendar = await TestApi.EventuallyAsync(() => anonymous.GetStringAsync(url.PathAndQuery), c => c.Contains("support plan Unassigned", StringComparison.Ordinal), "the red day in the feed");
        Assert.Contains($"UID:red-day-{TestDates.Iso(date)}@change-coordination", calendar, StringComparison.Ordinal);
        Assert.Contains("X-WR-CALNAME:TOC rota", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain((await toc.GetJsonAsync("/api/v1/feeds")).EnumerateArray(), f => f.GetProperty("url").ValueKind != JsonValueKind.Null);

        Assert.Equal(HttpStatusCode.NoContent, (await toc.DeleteAsync(new Uri($"/api/v1/feeds/{feed.GetProperty("id").GetInt32()}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task A_DCC_Users_feed_holds_its_own_organisations_changes_and_no_one_elses()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        var supplierB = await app.ClientForAsync(DemoUsers.SupplierB);
        var mine = await supplierA.NotifyAsync(Bodies.Change(new DateOnly(2026, 12, 15), "UserSystem"));
        var theirs = await supplierB.NotifyAsync(Bodies.Change(new DateOnly(2026, 12, 16), "UserSystem"));

        var feed = await (await supplierA.SendJsonAsync(HttpMethod.Post, "/api/v1/feeds", new { kind = "OrganisationChanges" })).ExpectAsync(HttpStatusCode.Created);
        var calendar = await app.CreateClient().GetStringAsync(new Uri(feed.Text("url")!).PathAndQuery);

        Assert.Contains($"UID:{mine.Reference()}@change-coordination", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Reference(), calendar, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoUsers.SupplierA, "RedDays")]
    [InlineData(DemoUsers.Toc, "OrganisationChanges")]
    public async Task Each_party_may_make_only_its_own_kind_of_feed(string user, string kind)
    {
        var client = await app.ClientForAsync(user);

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/feeds", new { kind });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "kind");
    }

    [Fact]
    public async Task An_unknown_secret_opens_no_feed()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/feeds/0123456789abcdef.ics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
