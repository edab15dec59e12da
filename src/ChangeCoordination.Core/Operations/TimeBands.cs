using ChangeCoordination.Core.Calendar;

namespace ChangeCoordination.Core.Operations;

/// <summary>The time-of-day bands of seed 004 that availability is reported by.</summary>
public enum TimeBand
{
    /// <summary>Monday to Friday 08:00-20:00: installations.</summary>
    WeekdayDay,

    /// <summary>Monday to Friday 20:00 to 08:00 the next morning: Change of Supplier and other processes.</summary>
    WeekdayNight,

    /// <summary>Saturday 08:00-12:00: on-site work still goes on.</summary>
    SaturdayMorning,

    /// <summary>Saturday 12:00 to Sunday 08:00.</summary>
    SaturdayRest,

    /// <summary>Sunday 08:00 to Monday 08:00: no on-site operations.</summary>
    Sunday,
}

public static class TimeBands
{
    /// <summary>
    /// The band of an instant, by London wall-clock time. A band's night runs to 08:00 the next morning, so the
    /// hours before 08:00 belong to the evening before: Saturday 03:00 is Friday's night.
    /// </summary>
    public static TimeBand Of(DateTimeOffset instant)
    {
        var local = LondonTime.ToLondon(instant);
        var day = local.Hour < 8 ? local.Date.AddDays(-1).DayOfWeek : local.DayOfWeek;
        return day switch
        {
            DayOfWeek.Saturday => local.Hour is >= 8 and < 12 ? TimeBand.SaturdayMorning : TimeBand.SaturdayRest,
            DayOfWeek.Sunday => TimeBand.Sunday,
            _ => local.Hour is >= 8 and < 20 ? TimeBand.WeekdayDay : TimeBand.WeekdayNight,
        };
    }

    /// <summary>
    /// How much of each period falls in each band. Every band boundary is a whole London hour, and London's offset
    /// is a whole number of hours, so the periods are cut at whole UTC hours.
    /// </summary>
    public static Dictionary<TimeBand, TimeSpan> Split(IEnumerable<Period> periods)
    {
        var totals = Enum.GetValues<TimeBand>().ToDictionary(b => b, _ => TimeSpan.Zero);
        foreach (var period in periods)
        {
            var cursor = period.Start;
            while (cursor < period.End)
            {
                var utc = cursor.ToUniversalTime();
                var nextHour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
                var next = nextHour < period.End ? nextHour : period.End;
                totals[Of(cursor)] += next - cursor;
                cursor = next;
            }
        }

        return totals;
    }
}
