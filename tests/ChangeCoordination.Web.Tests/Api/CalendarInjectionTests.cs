using System.Net;
using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;
using Ical.Net;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>
/// Text a person typed (an internal change's title, a support plan's leads, a feed's label) must stay inside its own
/// property of every calendar the product writes: each feed and export.ics is read back with a real iCalendar parser.
/// </summary>
public sealed class CalendarInjectionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string FakeEvent =
        $"END:VEVENT\rBEGIN:VEVENT\rUID:fake@attacker.example\rDTSTART:{TestClock.Today.AddDays(30):yyyyMMdd}T000000Z\rDTEND:{TestClock.Today.AddDays(31):yyyyMMdd}T000000Z\rSUMMARY:All clear\r";

    /// <summary>Days inside every feed's window (the red days' ends 180 days ahead), each test its own: the run-wide <see cref="TestDates"/> may pass them.</summary>
    private static DateOnly Day(int offset) => TestClock.Today.AddDays(offset);

    [Fact]
    public async Task An_internal_change_title_with_bare_CRs_is_one_event_in_export_ics_with_its_title_whole()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var body = Bodies.Internal(Day(20), 2, 2);
        body["title"] = "Patch\r" + FakeEvent + "X-END:;,\\";
        var change = await assessor.CreateInternalAsync(body);

        var calendar = Parse(await assessor.GetStringAsync(new Uri("/api/v1/internal-changes/export.ics", UriKind.Relative)));

        var schedule = await assessor.GetJsonAsync("/api/v1/internal-changes");
        Assert.Equal(schedule.GetArrayLength(), calendar.Events.Count);
        Assert.DoesNotContain(calendar.Events, e => e.Uid == "fake@attacker.example");
        var item = Assert.Single(calendar.Events, e => e.Uid == $"{change.Reference()}@change-coordination");
        Assert.Equal("Planned Maintenance: Patch\n" + FakeEvent.Replace('\r', '\n') + "X-END:;,\\ (Green)", item.Summary);
        Assert.Equal(change.Revision(), item.Sequence);
    }

    [Fact]
    public async Task A_moved_internal_change_carries_its_new_revision_as_SEQUENCE()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = Day(23);
        var change = await assessor.CreateInternalAsync(Bodies.Internal(date, 2, 2));
        using var moved = await assessor.SendJsonAsync(HttpMethod.Put, $"/api/v1/internal-changes/{change.Reference()}", Bodies.Internal(date.AddDays(1), 2, 2), change.Revision());
        var updated = await moved.ExpectAsync(HttpStatusCode.OK);

        var calendar = Parse(await assessor.GetStringAsync(new Uri("/api/v1/internal-changes/export.ics", UriKind.Relative)));

        var item = Assert.Single(calendar.Events, e => e.Uid == $"{change.Reference()}@change-coordination");
        Assert.True(updated.Revision() > change.Revision());
        Assert.Equal(updated.Revision(), item.Sequence);
        Assert.Equal(London.At(date.AddDays(1), 21).UtcDateTime, item.DtStart!.AsUtc);
    }

    [Fact]
    public async Task A_support_plan_lead_and_a_feed_label_with_bare_CRs_stay_inside_the_red_day_feed()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var date = Day(27);
        await assessor.CreateInternalAsync(Bodies.Internal(date, 5, 3));
        var iso = TestDates.Iso(date);
        var supportPlan = await assessor.SupportPlanOfRedDayAsync(date);
        var lead = "Tom\r" + FakeEvent + "X-END:";
        using var assigned = await manager.SendJsonAsync(HttpMethod.Put, $"/api/v1/support-plans/{iso}/assignment", new { tocLead = lead, majorIncidentContact = "MIM duty manager" }, supportPlan.Revision());
        var plan = await assigned.ExpectAsync(HttpStatusCode.OK);
        var label = "Rota\r" + FakeEvent + "END:VEVENT\rBEGIN:VEVENT\rX-END:";
        var feed = await (await toc.SendJsonAsync(HttpMethod.Post, "/api/v1/feeds", new { kind = "RedDays", label })).ExpectAsync(HttpStatusCode.Created);

        var calendar = Parse(await app.CreateClient().GetStringAsync(new Uri(feed.Text("url")!).PathAndQuery));

        var redDays = await toc.GetJsonAsync($"/api/v1/high-risk-days?from={TestDates.Iso(TestClock.Today.AddDays(-30))}&to={TestDates.Iso(TestClock.Today.AddDays(180))}");
        Assert.Equal(redDays.GetArrayLength(), calendar.Events.Count);
        Assert.DoesNotContain(calendar.Events, e => e.Uid == "fake@attacker.example");
        var item = Assert.Single(calendar.Events, e => e.Uid == $"red-day-{iso}@change-coordination");
        Assert.Contains($"TOC monitoring lead: {lead.Replace('\r', '\n')}.", item.Description, StringComparison.Ordinal);
        Assert.Equal(plan.Revision(), item.Sequence);
        Assert.Equal(label.Replace('\r', '\n'), calendar.Properties["X-WR-CALNAME"]?.Value as string);
    }

    [Fact]
    public async Task A_DCC_Users_feed_with_a_hostile_label_holds_exactly_its_changes_each_at_its_revision()
    {
        var supplier = await app.ClientForAsync(DemoUsers.NetworkC);
        var date = Day(30);
        var change = await supplier.NotifyAsync(Bodies.Change(date));
        var updated = await supplier.UpdateAsync(change.Reference(), change.Revision(), Bodies.Change(date.AddDays(1)));
        var label = "Ours\r" + FakeEvent + "END:VEVENT\rBEGIN:VEVENT\rX-END:";
        var feed = await (await supplier.SendJsonAsync(HttpMethod.Post, "/api/v1/feeds", new { kind = "OrganisationChanges", label })).ExpectAsync(HttpStatusCode.Created);

        var calendar = Parse(await app.CreateClient().GetStringAsync(new Uri(feed.Text("url")!).PathAndQuery));

        var item = Assert.Single(calendar.Events);
        Assert.Equal($"{change.Reference()}@change-coordination", item.Uid);
        Assert.Equal(updated.Revision(), item.Sequence);
        Assert.Equal(label.Replace('\r', '\n'), calendar.Properties["X-WR-CALNAME"]?.Value as string);
    }

    /// <summary>Reads a calendar as a client would.</summary>
    private static Calendar Parse(string text) => Assert.Single(CalendarCollection.Load(text));
}
