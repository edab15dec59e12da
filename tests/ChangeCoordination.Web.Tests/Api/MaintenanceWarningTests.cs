using ChangeCoordination.Web.Tests.Infrastructure;

namespace ChangeCoordination.Web.Tests.Api;

public sealed class MaintenanceWarningTests(CalendarAppFactory app) : IClassFixture<CalendarAppFactory>
{
    [Fact]
    public async Task Planned_Maintenance_in_the_daytime_is_accepted_with_an_H8_3_warning()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);

        var created = await assessor.CreateInternalAsync(Bodies.Internal(new DateOnly(2027, 3, 9), 2, 2, hours: 2, startHour: 7));

        var warning = Assert.Single(created.GetProperty("warnings").EnumerateArray());
        Assert.Equal("H8.3(a)", warning.Text("rule"));
    }

    [Fact]
    public async Task Planned_Maintenance_ending_at_08_00_exactly_and_published_early_carries_no_warning()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);

        var created = await assessor.CreateInternalAsync(Bodies.Internal(new DateOnly(2027, 4, 13), 2, 2, hours: 2, startHour: 6));

        Assert.Empty(created.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task Planned_Maintenance_for_next_month_entered_today_is_warned_of_as_published_late()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);

        var created = await assessor.CreateInternalAsync(Bodies.Internal(new DateOnly(2026, 12, 15), 2, 2));

        Assert.Contains(created.GetProperty("warnings").EnumerateArray(), w => w.Text("rule") == "H8.4");
    }

    [Fact]
    public async Task Self_Service_Interface_maintenance_over_four_hours_in_a_month_warns_on_the_entry_that_breaks_the_limit()
    {
        var assessor = await app.ClientForAsync(DemoUsers.Assessor);
        var first = Bodies.Internal(new DateOnly(2027, 5, 11), 2, 2, hours: 3, startHour: 21);
        first["services"] = new[] { "SelfServiceInterface" };
        var second = Bodies.Internal(new DateOnly(2027, 5, 18), 2, 2, hours: 1.5, startHour: 21);
        second["services"] = new[] { "SelfServiceInterface" };

        var within = await assessor.CreateInternalAsync(first);
        var over = await assessor.CreateInternalAsync(second);

        Assert.Empty(within.GetProperty("warnings").EnumerateArray());
        Assert.Contains(over.GetProperty("warnings").EnumerateArray(), w => w.Text("rule") == "H8.3(b)");
    }
}
