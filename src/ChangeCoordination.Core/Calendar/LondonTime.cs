using ChangeCoordination.Core.Risk;

namespace ChangeCoordination.Core.Calendar;

/// <summary>Calendar days in Europe/London: the days the heatmap and the notice rules count in.</summary>
public static class LondonTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToLondon(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLondon(instant).DateTime);

    /// <summary>The instant a London calendar day starts (midnight always exists in the UK: clocks change at 01:00 and 02:00).</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>A London wall-clock time as an instant with its offset.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>Every London calendar day that the window [start, end) overlaps.</summary>
    public static IEnumerable<DateOnly> DaysCovered(OutageWindow window)
    {
        var first = DateOf(window.Start).DayNumber;
        var last = DateOf(window.End.AddTicks(-1)).DayNumber;

        // Counted by day number: stepping a date past the last day of the calendar would throw.
        for (var day = first; day <= last; day++)
        {
            yield return DateOnly.FromDayNumber(day);
        }
    }
}
