using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace ChangeCoordination.Web.Components.Heatmap;

/// <summary>
/// A block of consecutive days of a heatmap (a month, or the wall's six weeks) as week rows, Monday first. It
/// renders only when its <see cref="Version"/> moves, so a live update repaints the blocks whose days changed.
/// </summary>
public partial class CalendarBlock
{
    private static readonly CultureInfo UkEnglish = CultureInfo.GetCultureInfo("en-GB");

    private static readonly (string Abbr, string Name)[] WeekDays =
    [
        ("Mon", "Monday"), ("Tue", "Tuesday"), ("Wed", "Wednesday"), ("Thu", "Thursday"), ("Fri", "Friday"), ("Sat", "Saturday"), ("Sun", "Sunday"),
    ];

    private int renderedVersion = -1;

    /// <summary>The heading, such as "December 2026".</summary>
    [Parameter, EditorRequired]
    public required string Title { get; set; }

    /// <summary>The first day of the block.</summary>
    [Parameter, EditorRequired]
    public required DateOnly Start { get; set; }

    /// <summary>One entry per day from <see cref="Start"/>, in order.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<HeatmapDay> Days { get; set; }

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

    /// <summary>Days marked as differing from another heatmap (a what-if): outlined with a Δ, and said in their name.</summary>
    [Parameter]
    public IReadOnlySet<DateOnly>? Marked { get; set; }

    /// <summary>What a marked day's accessible name adds, such as "would change".</summary>
    [Parameter]
    public string MarkedLabel { get; set; } = "would change";

    public static string AccessibleName(DateOnly date, HeatmapDay day)
    {
        var status = day.Status;
        var text = $"{date.ToString("dddd d MMMM yyyy", UkEnglish)}: {(status.ChangeCount == 0 ? "no changes" : $"{status.Status}, {Plural(status.ChangeCount, "change")}")}";
        if (status.UnassessedCount > 0)
        {
            text += $", {status.UnassessedCount} awaiting assessment";
        }

        if (status.MayRise)
        {
            text += $", may rise to {status.ProvisionalStatus}";
        }

        if (day.BankHoliday is { } holiday)
        {
            text += $" ({holiday})";
        }

        if (day.Freeze is { } freeze)
        {
            text += $"; change freeze: {freeze}";
        }

        return text;
    }

    protected override bool ShouldRender() => renderedVersion != Version;

    protected override void OnAfterRender(bool firstRender) => renderedVersion = Version;

    private string DayNumber(DateOnly date) =>
        LabelMonths && (date.Day == 1 || date == Start) ? date.ToString("d MMM", UkEnglish) : date.Day.ToString(UkEnglish);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private string CellClass(DateOnly date, HeatmapDay day)
    {
        var classes = $"day {Status.StatusStyle.CssClass(day.Status.Status)}";
        if (day.Status.MayRise)
        {
            classes += $" may-rise {Status.StatusStyle.MayRiseClass(day.Status.ProvisionalStatus)}";
        }

        if (day.NonWorking)
        {
            classes += " non-working";
        }

        if (date == Today)
        {
            classes += " today";
        }

        if (day.Freeze is not null)
        {
            classes += " frozen";
        }

        if (date == NoticeLine)
        {
            classes += " notice-line";
        }

        return classes;
    }

    private IEnumerable<DateOnly[]> Weeks()
    {
        var start = Start.AddDays(-(((int)Start.DayOfWeek + 6) % 7));
        var last = Start.AddDays(Days.Count - 1);
        for (var weekStart = start; weekStart <= last; weekStart = weekStart.AddDays(7))
        {
            yield return [.. Enumerable.Range(0, 7).Select(weekStart.AddDays)];
        }
    }
}
