using System.Globalization;
using ChangeCoordination.Core.Calendar;

namespace ChangeCoordination.Core.Tests;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2026, 6, 8, true)]
    [InlineData(2026, 6, 12, true)]
    [InlineData(2026, 6, 13, false)]
    [InlineData(2026, 6, 14, false)]
    [InlineData(2026, 5, 4, false)]
    [InlineData(2026, 4, 3, false)]
    [InlineData(2026, 12, 28, false)]
    [InlineData(2026, 12, 29, true)]
    [InlineData(2022, 5, 30, true)]
    [InlineData(2022, 9, 19, false)]
    public void A_working_day_is_a_weekday_that_is_not_a_bank_holiday(int year, int month, int day, bool expected) =>
        Assert.Equal(expected, Calendar.IsWorkingDay(new DateOnly(year, month, day)));

    [Theory]
    [InlineData("2026-06-08", "2026-06-15", 4)]
    [InlineData("2026-06-08", "2026-06-08", 0)]
    [InlineData("2026-06-08", "2026-06-09", 0)]
    [InlineData("2026-06-08", "2026-06-10", 1)]
    [InlineData("2026-06-12", "2026-06-16", 1)]
    [InlineData("2026-06-13", "2026-06-16", 1)]
    [InlineData("2026-06-15", "2026-06-08", 0)]
    [InlineData("2026-04-02", "2026-04-07", 0)]
    [InlineData("2026-06-01", "2026-06-30", 20)]
    [InlineData("2026-06-01", "2026-06-29", 19)]
    public void Working_days_are_counted_strictly_after_notification_and_strictly_before_the_start(string notified, string start, int expected) =>
        Assert.Equal(expected, Calendar.WorkingDaysBetween(Date(notified), Date(start)));

    [Fact]
    public void Lead_time_across_Christmas_skips_the_bank_holidays()
    {
        Assert.Equal(7, Calendar.WorkingDaysBetween(new DateOnly(2025, 12, 19), new DateOnly(2026, 1, 5)));
        Assert.Equal(5, Calendar.WorkingDaysBetween(new DateOnly(2026, 12, 23), new DateOnly(2027, 1, 5)));
    }

    [Theory]
    [InlineData("2026-06-30", 20, "2026-06-01")]
    [InlineData("2026-06-29", 20, "2026-05-31")]
    [InlineData("2026-06-15", 1, "2026-06-11")]
    [InlineData("2026-06-16", 1, "2026-06-14")]
    [InlineData("2026-04-07", 1, "2026-04-01")]
    [InlineData("2026-06-10", 0, "2026-06-09")]
    public void The_notice_deadline_is_the_last_date_that_still_gives_the_clear_working_days(string start, int workingDays, string deadline) =>
        Assert.Equal(Date(deadline), Calendar.NoticeDeadline(Date(start), workingDays));

    [Fact]
    public void The_notice_deadline_for_a_January_start_reaches_back_past_Christmas()
    {
        var start = new DateOnly(2026, 1, 12);

        var deadline = Calendar.NoticeDeadline(start, 20);

        Assert.Equal(new DateOnly(2025, 12, 9), deadline);
        Assert.Equal(20, Calendar.WorkingDaysBetween(deadline, start));
        Assert.Equal(19, Calendar.WorkingDaysBetween(deadline.AddDays(1), start));
    }

    [Fact]
    public void A_negative_notice_period_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.NoticeDeadline(new DateOnly(2026, 6, 10), -1));
}
