using System.Globalization;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Tests;

public class LondonTimeTests
{
    private static DateOnly[] Days(OutageWindow window) => [.. LondonTime.DaysCovered(window)];

    private static OutageWindow Instants(string start, string end) =>
        new(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(end, CultureInfo.InvariantCulture));

    [Fact]
    public void A_20_00_to_02_00_change_covers_two_days()
    {
        var window = London.Window(London.At(2026, 6, 10, 20), London.At(2026, 6, 11, 2));

        Assert.Equal([new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 11)], Days(window));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(12)]
    public void A_window_ending_exactly_at_midnight_does_not_touch_the_later_day(int month)
    {
        var window = London.Window(London.At(2026, month, 10, 20), London.At(2026, month, 11, 0));

        Assert.Equal([new DateOnly(2026, month, 10)], Days(window));
    }

    [Fact]
    public void A_window_on_the_last_day_of_the_calendar_covers_that_day_and_stops()
    {
        var window = Instants("9999-12-31T20:00:00+00:00", "9999-12-31T23:00:00+00:00");

        Assert.Equal([DateOnly.MaxValue], Days(window));
    }

    [Fact]
    public void A_window_starting_exactly_at_midnight_covers_that_day_only()
    {
        var window = London.Window(London.At(2026, 6, 11, 0), London.At(2026, 6, 11, 0, 1));

        Assert.Equal([new DateOnly(2026, 6, 11)], Days(window));
    }

    [Fact]
    public void A_window_one_minute_past_midnight_touches_the_later_day()
    {
        var window = London.Window(London.At(2026, 6, 10, 23, 59), London.At(2026, 6, 11, 0, 1));

        Assert.Equal([new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 11)], Days(window));
    }

    [Fact]
    public void A_window_over_several_days_covers_each_of_them()
    {
        var window = London.Window(London.At(2026, 6, 10, 22), London.At(2026, 6, 13, 1));

        Assert.Equal(
            [new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 11), new DateOnly(2026, 6, 12), new DateOnly(2026, 6, 13)],
            Days(window));
    }

    [Fact]
    public void The_23_hour_spring_clock_change_day_is_one_day()
    {
        var window = London.Window(London.At(2026, 3, 29, 0), London.At(2026, 3, 30, 0));

        Assert.Equal(TimeSpan.FromHours(23), window.Duration);
        Assert.Equal([new DateOnly(2026, 3, 29)], Days(window));
    }

    [Fact]
    public void The_25_hour_autumn_clock_change_day_is_one_day()
    {
        var window = London.Window(London.At(2026, 10, 25, 0), London.At(2026, 10, 26, 0));

        Assert.Equal(TimeSpan.FromHours(25), window.Duration);
        Assert.Equal([new DateOnly(2026, 10, 25)], Days(window));
    }

    [Fact]
    public void A_night_across_the_spring_clock_change_covers_both_days()
    {
        var window = Instants("2026-03-28T22:00:00+00:00", "2026-03-29T02:00:00+00:00");

        Assert.Equal(London.At(2026, 3, 29, 3), window.End);
        Assert.Equal([new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 29)], Days(window));
    }

    [Fact]
    public void A_night_across_the_autumn_clock_change_covers_both_days()
    {
        var window = Instants("2026-10-24T22:00:00+00:00", "2026-10-25T02:00:00+00:00");

        Assert.Equal(London.At(2026, 10, 24, 23), window.Start);
        Assert.Equal([new DateOnly(2026, 10, 24), new DateOnly(2026, 10, 25)], Days(window));
    }

    [Fact]
    public void The_last_BST_hour_before_the_autumn_midnight_belongs_to_the_earlier_day()
    {
        var window = Instants("2026-10-24T22:30:00+00:00", "2026-10-24T23:00:00+00:00");

        Assert.Equal([new DateOnly(2026, 10, 24)], Days(window));
    }

    [Fact]
    public void A_summer_window_given_in_UTC_maps_to_London_dates()
    {
        var afterLondonMidnight = Instants("2026-07-01T23:30:00+00:00", "2026-07-02T00:30:00+00:00");
        var acrossLondonMidnight = Instants("2026-07-01T22:30:00Z", "2026-07-01T23:30:00Z");

        Assert.Equal([new DateOnly(2026, 7, 2)], Days(afterLondonMidnight));
        Assert.Equal([new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 2)], Days(acrossLondonMidnight));
    }

    [Fact]
    public void A_window_given_in_a_foreign_offset_maps_to_London_dates()
    {
        var window = Instants("2026-07-02T00:30:00+02:00", "2026-07-02T01:30:00+02:00");

        Assert.Equal([new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 2)], Days(window));
    }

    [Fact]
    public void A_London_wall_time_carries_the_offset_in_force()
    {
        Assert.Equal(TimeSpan.Zero, London.At(2026, 1, 15, 12).Offset);
        Assert.Equal(TimeSpan.FromHours(1), London.At(2026, 7, 15, 12).Offset);
        Assert.Equal(TimeSpan.Zero, LondonTime.StartOf(new DateOnly(2026, 3, 29)).Offset);
        Assert.Equal(TimeSpan.FromHours(1), LondonTime.StartOf(new DateOnly(2026, 10, 25)).Offset);
    }

    [Fact]
    public void The_London_date_of_an_instant_does_not_depend_on_its_offset()
    {
        var instant = DateTimeOffset.Parse("2026-07-01T23:30:00Z", CultureInfo.InvariantCulture);

        Assert.Equal(new DateOnly(2026, 7, 2), LondonTime.DateOf(instant));
        Assert.Equal(new DateOnly(2026, 7, 2), LondonTime.DateOf(instant.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal(new DateOnly(2026, 12, 31), LondonTime.DateOf(London.At(2026, 12, 31, 23, 59)));
    }
}
