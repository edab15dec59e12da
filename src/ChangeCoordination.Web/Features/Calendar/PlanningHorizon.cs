using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Features.Calendar;

/// <summary>The <c>Planning</c> configuration section: how far back and ahead of today a window may start.</summary>
public sealed class PlanningSettings
{
    /// <summary>
    /// Years back: how old a window an update or a history import may still write. Eight, one more than retention's
    /// seven years from archive to disposal (<c>Retention:DisposeAfterYears</c>), so every change retention still keeps
    /// under the default 90-day archive delay can be read and corrected, while nothing is written that retention
    /// would dispose of at its next pass.
    /// </summary>
    [Range(1, 100)]
    public int YearsBack { get; set; } = 8;

    /// <summary>Years ahead: the furthest a change is planned; the Forward Schedule of Change looks months, not decades, ahead.</summary>
    [Range(1, 100)]
    public int YearsAhead { get; set; } = 3;
}

/// <summary>
/// The planning horizon, the one check every write and every range read takes its dates through, so that every path
/// says the same thing: a window starts (a freeze, an effective date, an operational record is dated) no earlier than
/// <see cref="PlanningSettings.YearsBack"/> years before today and no later than <see cref="PlanningSettings.YearsAhead"/>
/// years after it (London dates, inclusive). A window's end is bounded by its greatest length
/// (<see cref="ChangeLimits.MaxWindow"/>), so reads may reach that far past the last start day, and no stored date
/// comes near the ends of the calendar.
/// </summary>
public sealed class PlanningHorizon(IOptions<PlanningSettings> settings)
{
    private static readonly int MaxWindowDays = (int)Math.Ceiling(ChangeLimits.MaxWindow.TotalDays);

    /// <summary>The first and the last London day a window may start on, seen from <paramref name="today"/>.</summary>
    public (DateOnly First, DateOnly Last) Starts(DateOnly today) =>
        (today.AddYears(-settings.Value.YearsBack), today.AddYears(settings.Value.YearsAhead));

    /// <summary>The first and the last London day a range read may ask for: the start days and the days the longest window reaches past them.</summary>
    public (DateOnly First, DateOnly Last) Readable(DateOnly today)
    {
        var (first, last) = Starts(today);
        return (first, last.AddDays(MaxWindowDays));
    }

    /// <summary>Adds an error naming <paramref name="field"/> when the instant is not on a start day of the horizon.</summary>
    public bool CheckStart(DateTimeOffset instant, string field, DateTimeOffset now, FieldErrors errors)
    {
        var (first, last) = Starts(LondonTime.DateOf(now));

        // Compared as instants: an instant near the ends of the calendar has no London date to compare.
        if (instant >= LondonTime.StartOf(first) && instant < LondonTime.StartOf(last.AddDays(1)))
        {
            return true;
        }

        errors.Add(field, StartMessage(field, first, last));
        return false;
    }

    /// <summary>Adds an error naming <paramref name="field"/> when the date is not a start day of the horizon.</summary>
    public bool CheckStart(DateOnly date, string field, DateTimeOffset now, FieldErrors errors)
    {
        var (first, last) = Starts(LondonTime.DateOf(now));
        if (date >= first && date <= last)
        {
            return true;
        }

        errors.Add(field, StartMessage(field, first, last));
        return false;
    }

    /// <summary>Adds an error naming <paramref name="field"/> when a read asks for a day outside <see cref="Readable"/> (no date asks for none).</summary>
    public bool CheckRead(DateOnly? day, string field, DateTimeOffset now, FieldErrors errors)
    {
        if (day is not { } date)
        {
            return true;
        }

        var (first, last) = Readable(LondonTime.DateOf(now));
        if (date >= first && date <= last)
        {
            return true;
        }

        errors.Add(field, $"'{field}' is {Iso(date)}, outside the planning horizon: ask for days from {Iso(first)} to {Iso(last)} ({settings.Value.YearsBack} years back to {settings.Value.YearsAhead} years ahead, and the {MaxWindowDays} days the longest window reaches past that).");
        return false;
    }

    private string StartMessage(string field, DateOnly first, DateOnly last) =>
        $"'{field}' is outside the planning horizon: it must fall on a London day from {Iso(first)} to {Iso(last)} ({settings.Value.YearsBack} years back to {settings.Value.YearsAhead} years ahead of today).";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
