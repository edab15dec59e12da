namespace ChangeCoordination.Core.Calendar;

/// <summary>England and Wales bank holidays by rule, with substitute days for those falling on a weekend.</summary>
public static class BankHolidayRules
{
    /// <summary>The one-off changes known when this version shipped (royal events and moved May holidays).</summary>
    public static IReadOnlyList<BankHolidayOverride> KnownOneOffs { get; } =
    [
        new(new DateOnly(2011, 4, 29), true, "Royal wedding"),
        new(new DateOnly(2012, 5, 28), false, "Spring bank holiday (moved to 4 June)"),
        new(new DateOnly(2012, 6, 4), true, "Spring bank holiday"),
        new(new DateOnly(2012, 6, 5), true, "Queen’s Diamond Jubilee"),
        new(new DateOnly(2020, 5, 4), false, "Early May bank holiday (moved to 8 May)"),
        new(new DateOnly(2020, 5, 8), true, "Early May bank holiday (VE day)"),
        new(new DateOnly(2022, 5, 30), false, "Spring bank holiday (moved to 2 June)"),
        new(new DateOnly(2022, 6, 2), true, "Spring bank holiday"),
        new(new DateOnly(2022, 6, 3), true, "Platinum Jubilee bank holiday"),
        new(new DateOnly(2022, 9, 19), true, "Bank Holiday for the State Funeral of Queen Elizabeth II"),
        new(new DateOnly(2023, 5, 8), true, "Bank holiday for the coronation of King Charles III"),
    ];

    public static IReadOnlyList<BankHoliday> ForYear(int year)
    {
        var easter = EasterSunday(year);
        var holidays = new List<BankHoliday>
        {
            new(NextWeekday(new DateOnly(year, 1, 1)), "New Year’s Day"),
            new(easter.AddDays(-2), "Good Friday"),
            new(easter.AddDays(1), "Easter Monday"),
            new(FirstMonday(year, 5), "Early May bank holiday"),
            new(LastMonday(year, 5), "Spring bank holiday"),
            new(LastMonday(year, 8), "Summer bank holiday"),
        };
        holidays.AddRange(Christmas(year));
        return holidays;
    }

    /// <summary>Christmas Day and Boxing Day, with GOV.UK's substitute days when either falls on a weekend.</summary>
    private static BankHoliday[] Christmas(int year)
    {
        var christmas = new DateOnly(year, 12, 25);
        const string ChristmasDay = "Christmas Day";
        const string BoxingDay = "Boxing Day";
        const string Substitute = " (substitute day)";
        return christmas.DayOfWeek switch
        {
            DayOfWeek.Friday => [new(christmas, ChristmasDay), new(christmas.AddDays(3), BoxingDay + Substitute)],
            DayOfWeek.Saturday => [new(christmas.AddDays(2), ChristmasDay + Substitute), new(christmas.AddDays(3), BoxingDay + Substitute)],
            DayOfWeek.Sunday => [new(christmas.AddDays(1), BoxingDay), new(christmas.AddDays(2), ChristmasDay + Substitute)],
            _ => [new(christmas, ChristmasDay), new(christmas.AddDays(1), BoxingDay)],
        };
    }

    /// <summary>The Gregorian Easter Sunday (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly NextWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var date = new DateOnly(year, month, 1);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(-1);
        }

        return date;
    }
}
