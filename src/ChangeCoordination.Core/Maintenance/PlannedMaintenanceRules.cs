using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Maintenance;

/// <summary>One DCC Planned Maintenance entry as the SEC H8.3 and H8.4 checks need it.</summary>
public readonly record struct MaintenanceWindow(OutageWindow Window, bool SelfServiceInterface, DateOnly PublishedOn);

/// <summary>A rule the Planned Maintenance schedule breaks: a warning, never a block.</summary>
public sealed record MaintenanceWarning(string Rule, string Message);

/// <summary>
/// SEC H8.3 and H8.4 (seed 002): Planned Maintenance only between 20:00 and 08:00; at most 4 hours a month of
/// the Self-Service Interface and 6 hours a month of the DCC Systems as a whole; each month's schedule
/// published at least 20 working days before the month starts.
/// </summary>
public static class PlannedMaintenanceRules
{
    private static readonly System.Globalization.CultureInfo UkEnglish = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    public static readonly TimeOnly NightStarts = new(20, 0);
    public static readonly TimeOnly NightEnds = new(8, 0);
    public static readonly TimeSpan SelfServiceMonthlyLimit = TimeSpan.FromHours(4);
    public static readonly TimeSpan DccSystemsMonthlyLimit = TimeSpan.FromHours(6);
    public const int PublicationWorkingDays = 20;

    /// <summary>True when any part of the window falls between 08:00 and 20:00 London time.</summary>
    public static bool FallsOutsideNight(OutageWindow window)
    {
        var first = LondonTime.DateOf(window.Start);
        var last = LondonTime.DateOf(window.End);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var daytime = new OutageWindow(LondonTime.At(day, NightEnds), LondonTime.At(day, NightStarts));
            if (window.Overlaps(daytime))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Time under maintenance within one London calendar month: overlapping windows count once.</summary>
    public static TimeSpan HoursInMonth(IEnumerable<OutageWindow> windows, int year, int month)
    {
        var monthStart = LondonTime.StartOf(new DateOnly(year, month, 1));
        var monthEnd = LondonTime.StartOf(new DateOnly(year, month, 1).AddMonths(1));
        var clipped = windows
            .Where(w => w.Start < monthEnd && w.End > monthStart)
            .Select(w => (Start: w.Start < monthStart ? monthStart : w.Start, End: w.End > monthEnd ? monthEnd : w.End))
            .OrderBy(w => w.Start)
            .ToList();
        var total = TimeSpan.Zero;
        DateTimeOffset? runStart = null;
        DateTimeOffset runEnd = default;
        foreach (var (start, end) in clipped)
        {
            if (runStart is null || start > runEnd)
            {
                if (runStart is { } s)
                {
                    total += runEnd - s;
                }

                (runStart, runEnd) = (start, end);
            }
            else if (end > runEnd)
            {
                runEnd = end;
            }
        }

        return runStart is { } last ? total + (runEnd - last) : total;
    }

    /// <summary>The warnings for one entry, judged against the whole Planned Maintenance schedule it belongs to.</summary>
    public static IReadOnlyList<MaintenanceWarning> Check(MaintenanceWindow entry, IReadOnlyCollection<MaintenanceWindow> schedule, WorkingDayCalendar calendar)
    {
        var warnings = new List<MaintenanceWarning>();
        if (FallsOutsideNight(entry.Window))
        {
            warnings.Add(new("H8.3(a)", "Part of this window falls between 08:00 and 20:00: Planned Maintenance belongs between 20:00 and 08:00."));
        }

        foreach (var (year, month) in Months(entry.Window))
        {
            var name = new DateOnly(year, month, 1).ToString("MMMM yyyy", UkEnglish);
            if (entry.SelfServiceInterface)
            {
                var ssi = HoursInMonth(schedule.Where(s => s.SelfServiceInterface).Select(s => s.Window), year, month);
                if (ssi > SelfServiceMonthlyLimit)
                {
                    warnings.Add(new("H8.3(b)", $"Self-Service Interface maintenance in {name} comes to {Hours(ssi)}, over the {Hours(SelfServiceMonthlyLimit)} a month limit."));
                }
            }

            var all = HoursInMonth(schedule.Select(s => s.Window), year, month);
            if (all > DccSystemsMonthlyLimit)
            {
                warnings.Add(new("H8.3(c)", $"Planned Maintenance of the DCC Systems in {name} comes to {Hours(all)}, over the {Hours(DccSystemsMonthlyLimit)} a month limit."));
            }

            var monthStart = new DateOnly(year, month, 1);
            if (calendar.WorkingDaysBetween(entry.PublishedOn, monthStart) < PublicationWorkingDays)
            {
                warnings.Add(new("H8.4", $"Published on {entry.PublishedOn.ToString("d MMM yyyy", UkEnglish)}, less than {PublicationWorkingDays} working days before {name} starts."));
            }
        }

        return warnings;
    }

    private static IEnumerable<(int Year, int Month)> Months(OutageWindow window)
    {
        var first = LondonTime.DateOf(window.Start);
        var last = LondonTime.DateOf(window.End.AddTicks(-1));
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            yield return (month.Year, month.Month);
        }
    }

    private static string Hours(TimeSpan span) =>
        span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes:00} min";
}
