using System.Globalization;
using ChangeCoordination.Core.Calendar;
using Microsoft.AspNetCore.Components;

namespace ChangeCoordination.Web.Features.Days;

/// <summary>A 24-hour axis with one bar per change, coloured by risk; bars crossing midnight carry an arrow.</summary>
public sealed partial class DayTimeline
{
    [Parameter, EditorRequired]
    public required DateOnly Day { get; set; }

    [Parameter, EditorRequired]
    public required IReadOnlyList<DayTimelineRow> Rows { get; set; }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>Where a bar sits on the day's axis, in real elapsed time (a clock-change day is 23 or 25 hours long).</summary>
    private (double Left, double Width, bool FromBefore, bool ToAfter) Place(DayTimelineRow row)
    {
        var dayStart = LondonTime.StartOf(Day);
        var dayEnd = LondonTime.StartOf(Day.AddDays(1));
        var length = (dayEnd - dayStart).TotalMinutes;
        var start = row.Start < dayStart ? dayStart : row.Start;
        var end = row.End > dayEnd ? dayEnd : row.End;
        var left = (start - dayStart).TotalMinutes / length;
        var width = Math.Max((end - start).TotalMinutes / length, 0.01);
        var fromBefore = row.Start < dayStart;
        var toAfter = row.End > dayEnd;
        return (left, width, fromBefore, toAfter);
    }

    /// <summary>
    /// Where a bar's label goes: beside the bar on its roomier side while that side has room for it, otherwise inside the bar;
    /// the style pins it to its side and keeps it to the room there (as a share of the track).
    /// </summary>
    private static (string Style, bool Inside) LabelPlace(double left, double width)
    {
        const double room = 0.3;
        var right = 1 - left - width;
        if (right >= room && right >= left)
        {
            return ($"left: calc({Percent(left + width)} + .35rem); max-width: calc({Percent(right)} - .5rem)", false);
        }

        if (left >= room)
        {
            return ($"right: calc({Percent(1 - left)} + .35rem); max-width: calc({Percent(left)} - .5rem)", false);
        }

        return ($"left: calc({Percent(left)} + 1.5rem); max-width: calc({Percent(width)} - 3rem)", true);
    }
}
