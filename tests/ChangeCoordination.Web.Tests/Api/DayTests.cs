using System.Text.Json;
using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class DayTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_day_carries_its_three_statuses_its_changes_and_its_internal_changes()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var external = await supplier.NotifyAsync(Bodies.Change(date, "Firmware"));
        var internalChange = await assessor.CreateInternalAsync(Bodies.Internal(date, 3, 4));
        await supplier.NotifyAsync(Bodies.Change(date.AddDays(1)));

        var day = await assessor.GetJsonAsync($"/api/v1/days/{TestDates.Iso(date)}");

        Assert.Equal(TestDates.Iso(date), day.Text("date"));
        Assert.Equal(("Amber", "Amber"), (day.GetProperty("overall").Text("status"), day.GetProperty("overall").Text("provisionalStatus")));
        Assert.Equal(("Green", "Amber"), (day.GetProperty("user").Text("status"), day.GetProperty("user").Text("provisionalStatus")));
        Assert.Equal(("Amber", "Amber"), (day.GetProperty("internal").Text("status"), day.GetProperty("internal").Text("provisionalStatus")));
        Assert.Equal([external.Reference()], day.GetProperty("changes").EnumerateArray().Select(c => c.Reference()));
        Assert.Equal([internalChange.Reference()], day.GetProperty("internalChanges").EnumerateArray().Select(c => c.Reference()));
        Assert.Equal(JsonValueKind.Null, day.GetProperty("supportPlan").ValueKind);
    }

    [Fact]
    public async Task An_empty_day_is_White_in_every_view()
    {
        var wall = await app.ClientForAsync(DemoUsers.Wall);

        var day = await wall.GetJsonAsync($"/api/v1/days/{TestDates.Iso(TestDates.Next())}");

        Assert.All(["overall", "user", "internal"], view => Assert.Equal("White", day.GetProperty(view).Text("status")));
        Assert.Empty(day.GetProperty("changes").EnumerateArray());
        Assert.Empty(day.GetProperty("internalChanges").EnumerateArray());
    }

    [Fact]
    public async Task Cancelled_changes_do_not_show_on_their_day()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        var kept = await supplier.NotifyAsync(Bodies.Change(date, startHour: 9));
        var cancelled = await supplier.NotifyAsync(Bodies.Change(date, startHour: 14));
        await supplier.CancelAsync(cancelled.Reference());

        var day = await supplier.GetJsonAsync($"/api/v1/days/{TestDates.Iso(date)}");

        Assert.Equal([kept.Reference()], day.GetProperty("changes").EnumerateArray().Select(c => c.Reference()));
    }

    [Fact]
    public async Task An_overnight_change_shows_on_both_of_its_days()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.NextRange(2);
        var created = await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical", hours: 6, startHour: 20));

        var first = await supplier.GetJsonAsync($"/api/v1/days/{TestDates.Iso(date)}");
        var second = await supplier.GetJsonAsync($"/api/v1/days/{TestDates.Iso(date.AddDays(1))}");

        Assert.All([first, second], day =>
        {
            Assert.Equal([created.Reference()], day.GetProperty("changes").EnumerateArray().Select(c => c.Reference()));
            Assert.Equal(("Green", "Red"), (day.GetProperty("user").Text("status"), day.GetProperty("user").Text("provisionalStatus")));
        });
    }

    [Fact]
    public async Task Another_organisations_change_shows_to_a_DCC_User_as_start_and_end_only()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        var supplierB = await app.ClientForAsync(DemoUsers.SupplierB);
        var date = TestDates.Next();
        await supplierA.NotifyAsync(Bodies.Change(date, "Firmware", startHour: 9));
        var own = await supplierB.NotifyAsync(Bodies.Change(date, "BusinessCritical", startHour: 15));

        var day = await supplierB.GetJsonAsync($"/api/v1/days/{TestDates.Iso(date)}");

        var changes = day.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal(["end", "start"], changes[0].PropertyNames());
        Assert.Equal(London.At(date, 9), changes[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(London.At(date, 11), changes[0].GetProperty("end").GetDateTimeOffset());
        Assert.Equal(own.ToString(), changes[1].ToString());
        Assert.Equal("Supplier B", changes[1].Text("organisation"));
        Assert.Equal("Head-end system release", changes[1].Text("description"));
    }

    [Fact]
    public async Task The_wall_display_sees_organisation_and_type_but_never_description_or_devices()
    {
        var supplier = await app.ClientForAsync(DemoUsers.NetworkC);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var wall = await app.ClientForAsync(DemoUsers.Wall);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "Firmware"));
        await assessor.AssessAsync(created.Reference(), 1, "Likely");

        var day = await wall.GetJsonAsync($"/api/v1/days/{TestDates.Iso(date)}");
        var one = await wall.GetJsonAsync($"/api/v1/changes/{created.Reference()}");
        var list = await wall.GetJsonAsync($"/api/v1/changes?from={TestDates.Iso(date)}&to={TestDates.Iso(date)}");
        var revisions = await wall.GetJsonAsync($"/api/v1/changes/{created.Reference()}/revisions");

        JsonElement[] seen = [Assert.Single(day.GetProperty("changes").EnumerateArray()), one, Assert.Single(list.EnumerateArray()), .. revisions.EnumerateArray().Select(r => r.GetProperty("change"))];
        Assert.Equal(5, seen.Length);
        Assert.All(seen, change =>
        {
            Assert.Equal(created.Reference(), change.Reference());
            Assert.Equal("Network C", change.Text("organisation"));
            Assert.Equal("Firmware", change.Text("type"));
            Assert.Equal(JsonValueKind.Null, change.GetProperty("description").ValueKind);
            Assert.Equal(JsonValueKind.Null, change.GetProperty("deviceCombinations").ValueKind);
            Assert.Equal(JsonValueKind.Null, change.GetProperty("assessmentRationale").ValueKind);
        });
    }

    [Theory]
    [InlineData(DemoUsers.Assessor)]
    [InlineData(DemoUsers.Toc)]
    [InlineData(DemoUsers.Manager)]
    [InlineData(DemoUsers.Owner)]
    public async Task DCC_staff_with_access_see_a_change_in_full(string staff)
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var reader = await app.ClientForAsync(staff);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "Firmware"));

        var day = await reader.GetJsonAsync($"/api/v1/days/{TestDates.Iso(date)}");
        var one = await reader.GetJsonAsync($"/api/v1/changes/{created.Reference()}");

        Assert.Equal(created.ToString(), Assert.Single(day.GetProperty("changes").EnumerateArray()).ToString());
        Assert.Equal(created.ToString(), one.ToString());
        Assert.Equal("Supplier A", one.Text("organisation"));
        Assert.Single(one.GetProperty("deviceCombinations").EnumerateArray());
    }

    [Fact]
    public async Task A_DCC_Users_list_holds_only_its_own_organisations_changes()
    {
        var supplierA = await app.ClientForAsync(DemoUsers.SupplierA);
        var supplierB = await app.ClientForAsync(DemoUsers.SupplierB);
        var manager = await app.ClientForAsync(DemoUsers.Manager);
        var date = TestDates.Next();
        var mine = await supplierA.NotifyAsync(Bodies.Change(date, startHour: 9));
        var theirs = await supplierB.NotifyAsync(Bodies.Change(date, startHour: 13));
        var iso = TestDates.Iso(date);

        var listA = await supplierA.GetJsonAsync($"/api/v1/changes?from={iso}&to={iso}");
        var everything = await supplierA.GetJsonAsync("/api/v1/changes");
        var listManager = await manager.GetJsonAsync($"/api/v1/changes?from={iso}&to={iso}");

        Assert.Equal([mine.Reference()], listA.EnumerateArray().Select(c => c.Reference()));
        Assert.All(everything.EnumerateArray(), c => Assert.Equal("Supplier A", c.Text("organisation")));
        Assert.DoesNotContain(everything.EnumerateArray(), c => c.Reference() == theirs.Reference());
        Assert.Equal([mine.Reference(), theirs.Reference()], listManager.EnumerateArray().Select(c => c.Reference()));
    }
}
