using ChangeCoordination.Core.Calendar;

namespace ChangeCoordination.Core.Tests;

public class BankHolidayTests
{
    /// <summary>The England and Wales bank holidays 2019 to 2028 as GOV.UK lists them.</summary>
    internal static readonly DateOnly[] GovUkEnglandAndWales =
    [
        new(2019, 1, 1), new(2019, 4, 19), new(2019, 4, 22), new(2019, 5, 6), new(2019, 5, 27), new(2019, 8, 26), new(2019, 12, 25), new(2019, 12, 26),
        new(2020, 1, 1), new(2020, 4, 10), new(2020, 4, 13), new(2020, 5, 8), new(2020, 5, 25), new(2020, 8, 31), new(2020, 12, 25), new(2020, 12, 28),
        new(2021, 1, 1), new(2021, 4, 2), new(2021, 4, 5), new(2021, 5, 3), new(2021, 5, 31), new(2021, 8, 30), new(2021, 12, 27), new(2021, 12, 28),
        new(2022, 1, 3), new(2022, 4, 15), new(2022, 4, 18), new(2022, 5, 2), new(2022, 6, 2), new(2022, 6, 3), new(2022, 8, 29), new(2022, 9, 19), new(2022, 12, 26), new(2022, 12, 27),
        new(2023, 1, 2), new(2023, 4, 7), new(2023, 4, 10), new(2023, 5, 1), new(2023, 5, 8), new(2023, 5, 29), new(2023, 8, 28), new(2023, 12, 25), new(2023, 12, 26),
        new(2024, 1, 1), new(2024, 3, 29), new(2024, 4, 1), new(2024, 5, 6), new(2024, 5, 27), new(2024, 8, 26), new(2024, 12, 25), new(2024, 12, 26),
        new(2025, 1, 1), new(2025, 4, 18), new(2025, 4, 21), new(2025, 5, 5), new(2025, 5, 26), new(2025, 8, 25), new(2025, 12, 25), new(2025, 12, 26),
        new(2026, 1, 1), new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 4), new(2026, 5, 25), new(2026, 8, 31), new(2026, 12, 25), new(2026, 12, 28),
        new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29), new(2027, 5, 3), new(2027, 5, 31), new(2027, 8, 30), new(2027, 12, 27), new(2027, 12, 28),
        new(2028, 1, 3), new(2028, 4, 14), new(2028, 4, 17), new(2028, 5, 1), new(2028, 5, 29), new(2028, 8, 28), new(2028, 12, 25), new(2028, 12, 26),
    ];

    public static TheoryData<int> Years => [.. Enumerable.Range(2019, 10)];

    internal static IEnumerable<DateOnly> GovUkIn(int year) => GovUkEnglandAndWales.Where(d => d.Year == year);

    [Theory]
    [MemberData(nameof(Years))]
    public void The_shipped_calendar_matches_the_GOV_UK_list(int year) =>
        Assert.Equal(GovUkIn(year), WorkingDayCalendar.EnglandAndWales.BankHolidaysIn(year).Select(h => h.Date));

    [Theory]
    [InlineData(2019, 4, 21)]
    [InlineData(2020, 4, 12)]
    [InlineData(2021, 4, 4)]
    [InlineData(2022, 4, 17)]
    [InlineData(2023, 4, 9)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void Easter_Sunday_follows_the_Gregorian_computus(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), BankHolidayRules.EasterSunday(year));

    [Fact]
    public void Rule_holidays_falling_on_a_weekend_move_to_the_next_free_weekday()
    {
        Assert.Equal(
            [new DateOnly(2022, 1, 3), new DateOnly(2022, 4, 15), new DateOnly(2022, 4, 18), new DateOnly(2022, 5, 2),
             new DateOnly(2022, 5, 30), new DateOnly(2022, 8, 29), new DateOnly(2022, 12, 26), new DateOnly(2022, 12, 27)],
            BankHolidayRules.ForYear(2022).Select(h => h.Date));
        Assert.Equal(
            [new DateOnly(2021, 12, 27), new DateOnly(2021, 12, 28)],
            BankHolidayRules.ForYear(2021).Where(h => h.Date.Month == 12).Select(h => h.Date));
        Assert.Equal(
            [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)],
            BankHolidayRules.ForYear(2026).Where(h => h.Date.Month == 12).Select(h => h.Date));
    }

    [Fact]
    public void A_bank_holiday_is_known_by_its_name()
    {
        var calendar = WorkingDayCalendar.EnglandAndWales;

        Assert.Equal("Good Friday", calendar.BankHolidayOn(new DateOnly(2026, 4, 3))?.Name);
        Assert.Equal("Bank Holiday for the State Funeral of Queen Elizabeth II", calendar.BankHolidayOn(new DateOnly(2022, 9, 19))?.Name);
        Assert.Null(calendar.BankHolidayOn(new DateOnly(2026, 4, 4)));
    }

    [Fact]
    public void The_shipped_calendar_carries_the_known_one_off_changes()
    {
        Assert.Equal(
            BankHolidayRules.KnownOneOffs.OrderBy(o => o.Date),
            WorkingDayCalendar.EnglandAndWales.Overrides.OrderBy(o => o.Date));
        Assert.False(WorkingDayCalendar.EnglandAndWales.IsBankHoliday(new DateOnly(2022, 5, 30)));
        Assert.False(WorkingDayCalendar.EnglandAndWales.IsBankHoliday(new DateOnly(2020, 5, 4)));
    }

    [Fact]
    public void An_operator_override_adds_a_one_off_holiday()
    {
        var extra = new DateOnly(2026, 6, 15);
        var calendar = new WorkingDayCalendar([new BankHolidayOverride(extra, true, "One-off holiday")]);

        Assert.True(calendar.IsBankHoliday(extra));
        Assert.False(calendar.IsWorkingDay(extra));
        Assert.Equal("One-off holiday", calendar.BankHolidayOn(extra)?.Name);
        Assert.Equal(9, calendar.BankHolidaysIn(2026).Count);
        Assert.Equal(extra, calendar.BankHolidaysIn(2026)[5].Date);
        Assert.True(WorkingDayCalendar.EnglandAndWales.IsWorkingDay(extra));
    }

    [Fact]
    public void An_operator_override_removes_a_rule_holiday()
    {
        var moved = new DateOnly(2026, 5, 4);
        var calendar = new WorkingDayCalendar([new BankHolidayOverride(moved, false, "Early May bank holiday (moved)")]);

        Assert.False(calendar.IsBankHoliday(moved));
        Assert.True(calendar.IsWorkingDay(moved));
        Assert.Equal(7, calendar.BankHolidaysIn(2026).Count);
        Assert.DoesNotContain(moved, calendar.BankHolidaysIn(2026).Select(h => h.Date));
        Assert.Equal(8, calendar.BankHolidaysIn(2027).Count);
    }

    [Fact]
    public void Without_overrides_the_rules_alone_apply()
    {
        var calendar = new WorkingDayCalendar([]);

        Assert.True(calendar.IsBankHoliday(new DateOnly(2022, 5, 30)));
        Assert.False(calendar.IsBankHoliday(new DateOnly(2022, 9, 19)));
        Assert.Equal(BankHolidayRules.ForYear(2030), calendar.BankHolidaysIn(2030));
    }

    [Theory]
    [InlineData(2022, "2022-12-26", "Boxing Day", "2022-12-27", "Christmas Day (substitute day)")]
    [InlineData(2021, "2021-12-27", "Christmas Day (substitute day)", "2021-12-28", "Boxing Day (substitute day)")]
    [InlineData(2026, "2026-12-25", "Christmas Day", "2026-12-28", "Boxing Day (substitute day)")]
    public void Christmas_substitute_days_carry_GOV_UK_names(int year, string first, string firstName, string second, string secondName)
    {
        var christmas = WorkingDayCalendar.EnglandAndWales.BankHolidaysIn(year).Where(h => h.Date.Month == 12).ToList();

        Assert.Equal(
            [new BankHoliday(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), firstName), new BankHoliday(DateOnly.Parse(second, System.Globalization.CultureInfo.InvariantCulture), secondName)],
            christmas);
    }
}
