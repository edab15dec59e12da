using Microsoft.AspNetCore.Components;

namespace ChangeCoordination.Web.Components.Heatmap;

/// <summary>
/// A block of consecutive days of a heatmap (a month, or the wall's six weeks) as week rows, Monday first. It
/// renders only when its <see cref="Version"/> moves, so a live update repaints the blocks whose days changed; each
/// day is one shared markup frame (<see cref="HeatmapCell"/>), so a block holds a few dozen render-tree frames.
/// </summary>
public partial class CalendarBlock
{
    private static readonly MarkupString WeekDayHeader = new(
        "<thead><tr>" + string.Concat(
            new[] { ("Mon", "Monday"), ("Tue", "Tuesday"), ("Wed", "Wednesday"), ("Thu", "Thursday"), ("Fri", "Friday"), ("Sat", "Saturday"), ("Sun", "Sunday") }
                .Select(d => $"<th scope=\"col\" abbr=\"{d.Item2}\">{d.Item1}</th>")) + "</tr></thead>");

    private static readonly MarkupString Outside = new("<td class=\"day outside\"></td>");

    private int renderedVersion = -1;

    /// <summary>The heading, such as "December 2026".</summary>
    [Parameter, EditorRequired]
    public required string Title { get; set; }

    /// <summary>The first day of the block.</summary>
    [Parameter, EditorRequired]
    public required DateOnly Start { get; set; }

    /// <summary>One entry per day from <see cref="Start"/>, in order; null for a day outside the calendar's range.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<HeatmapCell?> Days { get; set; }

    /// <summary>Moves whenever <see cref="Days"/> changes.</summary>
    [Parameter, EditorRequired]
    public required int Version { get; set; }

    [Parameter]
    public DateOnly Today { get; set; }

    /// <summary>The earliest start that still gives the recommended notice if notified today; a rule marks it.</summary>
    [Parameter]
    public DateOnly? NoticeLine { get; set; }

    /// <summary>The day that takes Tab focus in the grid (roving tab index).</summary>
    [Parameter]
    public DateOnly? FocusDate { get; set; }

    /// <summary>Days are links to their drill-down; false for the wall display.</summary>
    [Parameter]
    public bool Interactive { get; set; } = true;

    /// <summary>Shows the month with the day number where a block spans months ("1 Dec").</summary>
    [Parameter]
    public bool LabelMonths { get; set; }

    protected override bool ShouldRender() => renderedVersion != Version;

    protected override void OnAfterRender(bool firstRender) => renderedVersion = Version;

    private MarkupString Cell(DateOnly date)
    {
        var index = date.DayNumber - Start.DayNumber;
        if (index < 0 || index >= Days.Count || Days[index] is not { } cell)
        {
            return Outside;
        }

        var marks = Interactive ? CellMarks.None : CellMarks.Passive;
        marks |= date == Today ? CellMarks.Today : CellMarks.None;
        marks |= date == NoticeLine ? CellMarks.NoticeLine : CellMarks.None;
        marks |= Interactive && date == FocusDate ? CellMarks.Focus : CellMarks.None;
        marks |= LabelMonths && (date.Day == 1 || date == Start) ? CellMarks.MonthLabel : CellMarks.None;
        return cell.Markup(marks);
    }

    private IEnumerable<DateOnly[]> Weeks()
    {
        var start = Core.Calendar.Weeks.MondayOf(Start);
        var last = Start.AddDays(Days.Count - 1);
        for (var weekStart = start; weekStart <= last; weekStart = weekStart.AddDays(7))
        {
            yield return [.. Enumerable.Range(0, 7).Select(weekStart.AddDays)];
        }
    }
}
