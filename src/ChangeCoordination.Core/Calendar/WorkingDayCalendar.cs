using System.Collections.Concurrent;

namespace ChangeCoordination.Core.Calendar;

/// <summary>
/// Working Days in England and Wales: Monday to Friday and not a bank holiday, the bank holidays computed by
/// rule and corrected by a table of one-off overrides that operators edit.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, BankHolidayOverride> overrides;
    private readonly ConcurrentDictionary<int, IReadOnlyList<BankHoliday>> years = new();

    public WorkingDayCalendar(IEnumerable<BankHolidayOverride> overrides)
    {
        this.overrides = overrides.ToDictionary(o => o.Date);
    }

    /// <summary>The rules with the one-off changes known when this version shipped.</summary>
    public static WorkingDayCalendar EnglandAndWales { get; } = new(BankHolidayRules.KnownOneOffs);

    public IReadOnlyCollection<BankHolidayOverride> Overrides => overrides.Values;

    public IReadOnlyList<BankHoliday> BankHolidaysIn(int year) => years.GetOrAdd(year, Compute);

    public BankHoliday? BankHolidayOn(DateOnly date)
    {
        foreach (var holiday in BankHolidaysIn(date.Year))
        {
            if (holiday.Date == date)
            {
                return holiday;
            }
        }

        return null;
    }

    public bool IsBankHoliday(DateOnly date) => BankHolidayOn(date) is not null;

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsBankHoliday(date);

    /// <summary>Working days strictly after <paramref name="notified"/> and strictly before <paramref name="start"/>.</summary>
    public int WorkingDaysBetween(DateOnly notified, DateOnly start)
    {
        var count = 0;
        for (var date = notified.AddDays(1); date < start; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The last notification date that still leaves <paramref name="workingDays"/> clear working days before <paramref name="start"/>.</summary>
    public DateOnly NoticeDeadline(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start.AddDays(-1);
        for (var counted = 0; counted < workingDays; date = date.AddDays(-1))
        {
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>The earliest start date that a change notified on <paramref name="notified"/> can have and still give <paramref name="workingDays"/> clear working days.</summary>
    public DateOnly FirstOnTimeStart(DateOnly notified, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = notified;
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date.AddDays(1);
    }

    private List<BankHoliday> Compute(int year)
    {
        var holidays = BankHolidayRules.ForYear(year)
            .Where(h => !overrides.TryGetValue(h.Date, out var o) || o.IsHoliday)
            .ToDictionary(h => h.Date);
        foreach (var extra in overrides.Values.Where(o => o.IsHoliday && o.Date.Year == year))
        {
            holidays[extra.Date] = new BankHoliday(extra.Date, extra.Name);
        }

        return [.. holidays.Values.OrderBy(h => h.Date)];
    }
}
