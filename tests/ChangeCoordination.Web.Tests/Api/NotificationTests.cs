using System.Net;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class NotificationTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    [Fact]
    public async Task The_TOC_and_managers_are_told_when_a_day_turns_Red_and_again_when_it_is_near_and_unassigned()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var toc = await app.ClientForAsync(DemoUsers.Toc);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var near = new DateOnly(2026, 12, 3);

        await assessor.CreateInternalAsync(Bodies.Internal(near, 5, 3));

        var notes = await TestApi.EventuallyAsync(
            () => toc.GetJsonAsync("/api/v1/notifications"),
            n => n.GetProperty("recent").EnumerateArray().Count(r => r.Text("link") == "days/2026-12-03") == 2,
            "two notifications about Thu 3 Dec");
        Assert.Contains(notes.GetProperty("recent").EnumerateArray(), r => r.Text("text") == "Thu 3 Dec 2026 turned Red: a support plan is open for it.");
        Assert.Contains(notes.GetProperty("recent").EnumerateArray(), r => r.Text("text") == "Thu 3 Dec 2026 is Red and within 5 working days, and no one is assigned to it.");
        Assert.True((await manager.GetJsonAsync("/api/v1/notifications")).GetProperty("unread").GetInt32() >= 2);
        Assert.DoesNotContain((await supplier.GetJsonAsync("/api/v1/notifications")).GetProperty("recent").EnumerateArray(), r => r.Text("link") == "days/2026-12-03");
    }

    [Fact]
    public async Task Marking_notifications_read_clears_the_unread_count()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        await assessor.CreateInternalAsync(Bodies.Internal(TestDates.Next(), 5, 3));
        var seen = await TestApi.EventuallyAsync(() => manager.GetJsonAsync("/api/v1/notifications"), n => n.GetProperty("unread").GetInt32() > 0, "an unread notification");
        var seenIds = seen.GetProperty("recent").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToHashSet();

        var read = await manager.PostAsync(new Uri("/api/v1/notifications/read", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        var after = await manager.GetJsonAsync("/api/v1/notifications");
        var recent = after.GetProperty("recent").EnumerateArray().ToList();
        Assert.All(recent.Where(r => seenIds.Contains(r.GetProperty("id").GetInt64())), r => Assert.True(r.GetProperty("read").GetBoolean()));

        // Red-day notices are written in the background: one may land between the count and the list of one answer.
        await TestApi.EventuallyAsync(
            () => manager.GetJsonAsync("/api/v1/notifications"),
            n => n.GetProperty("recent").EnumerateArray().Count(r => !seenIds.Contains(r.GetProperty("id").GetInt64()) && !r.GetProperty("read").GetBoolean()) == n.GetProperty("unread").GetInt32(),
            "the unread count to be the notifications that came after the reading");
    }

    [Fact]
    public async Task A_DCC_User_is_told_when_its_change_is_assessed_and_another_organisation_is_not()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        var supplierB = await app.ClientForAsync(DemoUsers.SupplierB);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var change = await supplierA.NotifyAsync(Bodies.Change(TestDates.Next(), "BusinessCritical"));

        await assessor.AssessAsync(change.Reference(), change.Revision(), "Likely");

        var notes = await supplierA.GetJsonAsync("/api/v1/notifications");
        Assert.Contains(notes.GetProperty("recent").EnumerateArray(), n => n.Text("text") == $"{change.Reference()} was assessed Likely: risk Amber." && n.Text("link") == $"changes/{change.Reference()}");
        Assert.DoesNotContain((await supplierB.GetJsonAsync("/api/v1/notifications")).GetProperty("recent").EnumerateArray(), n => n.Text("text")!.Contains(change.Reference(), StringComparison.Ordinal));
    }
}
