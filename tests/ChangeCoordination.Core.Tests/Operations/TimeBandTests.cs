using ChangeCoordination.Core.Operations;

namespace ChangeCoordination.Core.Tests.Operations;

public class TimeBandTests
{
    [Theory]
    [InlineData(9, 10, 0, TimeBand.WeekdayDay)]
    [InlineData(9, 19, 59, TimeBand.WeekdayDay)]
    [InlineData(9, 20, 0, TimeBand.WeekdayNight)]
    [InlineData(10, 7, 59, TimeBand.WeekdayNight)]
    [InlineData(12, 3, 0, TimeBand.WeekdayNight)]
    [InlineData(12, 8, 0, TimeBand.SaturdayMorning)]
    [InlineData(12, 12, 0, TimeBand.SaturdayRest)]
    [InlineData(13, 7, 0, TimeBand.SaturdayRest)]
    [InlineData(13, 8, 0, TimeBand.Sunday)]
    [InlineData(14, 7, 0, TimeBand.Sunday)]
    [InlineData(14, 8, 0, TimeBand.WeekdayDay)]
    public void Each_London_hour_of_a_week_falls_in_the_seed_004_band(int december, int hour, int minute, TimeBand band) =>
        Assert.Equal(band, TimeBands.Of(London.At(2026, 12, december, hour, minute)));

    [Fact]
    public void A_week_splits_into_60_hours_of_weekday_day_and_4_of_saturday_morning()
    {
        var week = new Period(London.At(2026, 12, 7, 8), London.At(2026, 12, 14, 8));

        var split = TimeBands.Split([week]);

        Assert.Equal(TimeSpan.FromHours(60), split[TimeBand.WeekdayDay]);
        Assert.Equal(TimeSpan.FromHours(60), split[TimeBand.WeekdayNight]);
        Assert.Equal(TimeSpan.FromHours(4), split[TimeBand.SaturdayMorning]);
        Assert.Equal(TimeSpan.FromHours(20), split[TimeBand.SaturdayRest]);
        Assert.Equal(TimeSpan.FromHours(24), split[TimeBand.Sunday]);
    }

    [Fact]
    public void Bands_follow_London_time_across_the_clock_change()
    {
        // Sunday 29 March 2026 loses an hour: Saturday 12:00 to Sunday 08:00 is 19 real hours.
        var split = TimeBands.Split([new Period(London.At(2026, 3, 28, 12), London.At(2026, 3, 29, 8))]);

        Assert.Equal(TimeSpan.FromHours(19), split[TimeBand.SaturdayRest]);
    }
}
