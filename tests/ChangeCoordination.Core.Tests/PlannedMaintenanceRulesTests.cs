using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Maintenance;
using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Tests;

public class PlannedMaintenanceRulesTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;
    private static readonly DateOnly EarlyPublication = new(2026, 10, 1);

    [Theory]
    [InlineData(20, 0, 8, 0, false)]
    [InlineData(22, 0, 2, 0, false)]
    [InlineData(2, 0, 8, 0, false)]
    [InlineData(7, 30, 8, 30, true)]
    [InlineData(19, 30, 21, 0, true)]
    [InlineData(12, 0, 13, 0, true)]
    public void Planned_Maintenance_belongs_between_20_00_and_08_00(int startHour, int startMinute, int endHour, int endMinute, bool outside)
    {
        var day = new DateOnly(2026, 12, 8);
        var start = LondonTime.At(day, new TimeOnly(startHour, startMinute));
        var endDay = endHour * 60 + endMinute <= startHour * 60 + startMinute ? day.AddDays(1) : day;
        var window = new OutageWindow(start, LondonTime.At(endDay, new TimeOnly(endHour, endMinute)));

        Assert.Equal(outside, PlannedMaintenanceRules.FallsOutsideNight(window));
    }

    [Fact]
    public void A_night_window_across_the_autumn_clock_change_is_still_at_night()
    {
        var window = new OutageWindow(LondonTime.At(new DateOnly(2026, 10, 24), new TimeOnly(22, 0)), LondonTime.At(new DateOnly(2026, 10, 25), new TimeOnly(7, 0)));

        Assert.False(PlannedMaintenanceRules.FallsOutsideNight(window));
    }

    [Fact]
    public void Four_hours_of_Self_Service_Interface_maintenance_in_a_month_is_within_the_limit_and_one_minute_more_is_not()
    {
        var exactly = Schedule(ssi: true, (8, 22, 120), (15, 22, 120));
        var over = Schedule(ssi: true, (8, 22, 120), (15, 22, 121));

        Assert.DoesNotContain(Check(exactly), w => w.Rule == "H8.3(b)");
        var warning = Assert.Single(Check(over), w => w.Rule == "H8.3(b)");
        Assert.Contains("4 h 01 min", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_maintenance_windows_count_once_towards_the_monthly_hours()
    {
        var windows = new[]
        {
            Night(new DateOnly(2026, 12, 8), 22, 180),
            Night(new DateOnly(2026, 12, 8), 23, 120),
        };

        Assert.Equal(TimeSpan.FromHours(3), PlannedMaintenanceRules.HoursInMonth(windows, 2026, 12));
    }

    [Fact]
    public void A_window_across_a_month_end_counts_its_hours_in_each_month()
    {
        var window = Night(new DateOnly(2026, 12, 31), 22, 240);

        Assert.Equal(TimeSpan.FromHours(2), PlannedMaintenanceRules.HoursInMonth([window], 2026, 12));
        Assert.Equal(TimeSpan.FromHours(2), PlannedMaintenanceRules.HoursInMonth([window], 2027, 1));
    }

    [Fact]
    public void More_than_six_hours_of_DCC_Systems_maintenance_in_a_month_is_warned_of()
    {
        var schedule = Schedule(ssi: false, (8, 22, 180), (15, 22, 180), (22, 22, 30));

        Assert.Contains(Check(schedule), w => w.Rule == "H8.3(c)");
        Assert.DoesNotContain(Check(Schedule(ssi: false, (8, 22, 180), (15, 22, 180))), w => w.Rule == "H8.3(c)");
    }

    [Fact]
    public void A_schedule_published_less_than_20_working_days_before_its_month_is_warned_of()
    {
        var month = new DateOnly(2027, 2, 1);
        var lastOnTime = Calendar.NoticeDeadline(month, 20);
        var window = Night(new DateOnly(2027, 2, 9), 22, 60);

        var onTime = new MaintenanceWindow(window, false, lastOnTime);
        var late = new MaintenanceWindow(window, false, lastOnTime.AddDays(1));

        Assert.DoesNotContain(PlannedMaintenanceRules.Check(onTime, [onTime], Calendar), w => w.Rule == "H8.4");
        Assert.Contains(PlannedMaintenanceRules.Check(late, [late], Calendar), w => w.Rule == "H8.4");
    }

    private static OutageWindow Night(DateOnly day, int hour, int minutes)
    {
        var start = LondonTime.At(day, new TimeOnly(hour, 0));
        return new OutageWindow(start, start.AddMinutes(minutes));
    }

    private static List<MaintenanceWindow> Schedule(bool ssi, params (int Day, int Hour, int Minutes)[] entries) =>
        [.. entries.Select(e => new MaintenanceWindow(Night(new DateOnly(2026, 12, e.Day), e.Hour, e.Minutes), ssi, EarlyPublication))];

    private static IReadOnlyList<MaintenanceWarning> Check(List<MaintenanceWindow> schedule) =>
        PlannedMaintenanceRules.Check(schedule[^1], schedule, Calendar);
}
