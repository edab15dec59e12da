using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class HeatmapTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_heatmap_has_one_entry_per_date_in_range_White_days_included()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var first = TestDates.NextRange(5);
        await supplier.NotifyAsync(Bodies.Change(first.AddDays(2)));

        var heatmap = await supplier.GetJsonAsync($"/api/v1/heatmap?view=overall&from={TestDates.Iso(first)}&to={TestDates.Iso(first.AddDays(4))}");

        Assert.Equal("overall", heatmap.Text("view"));
        var days = heatmap.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => TestDates.Iso(first.AddDays(i))), days.Select(d => d.Text("date")));
        Assert.Equal(["White", "White", "Green", "White", "White"], days.Select(d => d.Text("status")));
        Assert.Equal([0, 0, 1, 0, 0], days.Select(d => d.GetProperty("changeCount").GetInt32()));
        Assert.All(days, d => Assert.Equal(
            ["changeCount", "date", "provisionalStatus", "status", "unassessedCount"],
            d.PropertyNames()));
    }

    [Fact]
    public async Task The_three_views_take_external_internal_or_both()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var first = TestDates.NextRange(3);
        await assessor.CreateInternalAsync(Bodies.Internal(first, 5, 4));
        await supplier.NotifyAsync(Bodies.Change(first.AddDays(1), "BusinessCritical"));
        await supplier.NotifyAsync(Bodies.Change(first.AddDays(2), "Firmware"));
        await assessor.CreateInternalAsync(Bodies.Internal(first.AddDays(2), 2, 4));
        var range = $"from={TestDates.Iso(first)}&to={TestDates.Iso(first.AddDays(2))}";

        var overall = await Statuses("overall");
        var user = await Statuses("user");
        var internalView = await Statuses("internal");

        Assert.Equal(["Red/Red/1/0", "Green/Red/1/1", "Amber/Amber/2/1"], overall);
        Assert.Equal(["White/White/0/0", "Green/Red/1/1", "Green/Amber/1/1"], user);
        Assert.Equal(["Red/Red/1/0", "White/White/0/0", "Amber/Amber/1/0"], internalView);

        async Task<IReadOnlyList<string>> Statuses(string view)
        {
            var heatmap = await supplier.GetJsonAsync($"/api/v1/heatmap?view={view}&{range}");
            Assert.Equal(view, heatmap.Text("view"));
            return [.. heatmap.GetProperty("days").EnumerateArray().Select(d =>
                $"{d.Text("status")}/{d.Text("provisionalStatus")}/{d.GetProperty("changeCount").GetInt32()}/{d.GetProperty("unassessedCount").GetInt32()}")];
        }
    }

    [Fact]
    public async Task An_unassessed_change_gives_its_day_the_lowest_status_and_the_highest_as_provisional()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var created = await supplier.NotifyAsync(Bodies.Change(date, "UserSystem", hours: 7, startHour: 9));

        var before = await supplier.HeatmapDayAsync("user", date);
        await assessor.AssessAsync(created.Reference(), 1, "Likely");
        var after = await supplier.HeatmapDayAsync("user", date);

        Assert.Equal(("Green", "Red", 1), (before.Text("status"), before.Text("provisionalStatus"), before.GetProperty("unassessedCount").GetInt32()));
        Assert.Equal(("Amber", "Amber", 0), (after.Text("status"), after.Text("provisionalStatus"), after.GetProperty("unassessedCount").GetInt32()));
    }

    [Fact]
    public async Task A_minor_change_needs_no_assessment_to_be_Green()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var date = TestDates.Next();
        await supplier.NotifyAsync(Bodies.Change(date, "UserSystem", hours: 1));

        var day = await supplier.HeatmapDayAsync("overall", date);

        Assert.Equal("Green", day.Text("status"));
        Assert.Equal("Green", day.Text("provisionalStatus"));
    }

    [Fact]
    public async Task An_overnight_change_applies_to_both_days_and_one_ending_at_midnight_only_to_the_first()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var overnight = TestDates.NextRange(2);
        var toMidnight = TestDates.NextRange(2);
        await supplier.NotifyAsync(Bodies.Change(overnight, "BusinessCritical", hours: 6, startHour: 20));
        await supplier.NotifyAsync(Bodies.Change(toMidnight, "BusinessCritical", hours: 4, startHour: 20));

        var overnightDays = await supplier.GetJsonAsync($"/api/v1/heatmap?view=user&from={TestDates.Iso(overnight)}&to={TestDates.Iso(overnight.AddDays(1))}");
        var midnightDays = await supplier.GetJsonAsync($"/api/v1/heatmap?view=user&from={TestDates.Iso(toMidnight)}&to={TestDates.Iso(toMidnight.AddDays(1))}");

        Assert.Equal([1, 1], overnightDays.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("changeCount").GetInt32()));
        Assert.Equal([1, 0], midnightDays.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("changeCount").GetInt32()));
    }

    [Fact]
    public async Task Days_are_London_calendar_days_in_summer_time()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);

        // A fixed summer day, beyond the days TestDates hands the other tests of this app (from 2027 on, two a test).
        var body = Bodies.Change(new DateOnly(2045, 7, 16));
        body["start"] = "2045-07-15T23:30:00Z";
        body["end"] = "2045-07-16T00:30:00Z";

        var change = await supplier.NotifyAsync(body);
        var days = await supplier.GetJsonAsync("/api/v1/heatmap?view=user&from=2045-07-15&to=2045-07-16");

        Assert.Equal("2045-07-16T00:30:00+01:00", change.Text("start"));
        Assert.Equal([0, 1], days.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("changeCount").GetInt32()));
    }

    [Fact]
    public async Task An_assessed_change_sets_the_status_while_an_unassessed_one_can_still_raise_the_provisional_status()
    {
        var supplier = await app.ClientForAsync(DemoUsers.SupplierA);
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var date = TestDates.Next();
        var firmware = await supplier.NotifyAsync(Bodies.Change(date, "Firmware", startHour: 9));
        await assessor.AssessAsync(firmware.Reference(), 1, "Likely");
        await supplier.NotifyAsync(Bodies.Change(date, "BusinessCritical", startHour: 14));

        var day = await supplier.HeatmapDayAsync("overall", date);

        Assert.Equal(("Amber", "Red"), (day.Text("status"), day.Text("provisionalStatus")));
        Assert.Equal((2, 1), (day.GetProperty("changeCount").GetInt32(), day.GetProperty("unassessedCount").GetInt32()));
    }

    [Fact]
    public async Task Without_a_view_the_heatmap_is_the_overall_one()
    {
        var wall = await app.ClientForAsync(DemoUsers.Wall);
        var date = TestDates.Next();

        var heatmap = await wall.GetJsonAsync($"/api/v1/heatmap?from={TestDates.Iso(date)}&to={TestDates.Iso(date)}");

        Assert.Equal("overall", heatmap.Text("view"));
        Assert.Single(heatmap.GetProperty("days").EnumerateArray());
    }
}
