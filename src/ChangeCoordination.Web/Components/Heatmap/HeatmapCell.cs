using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Components.Status;
using Microsoft.AspNetCore.Components;

namespace ChangeCoordination.Web.Components.Heatmap;

/// <summary>How one calendar shows a cell beyond the day's own facts.</summary>
[Flags]
public enum CellMarks
{
    None = 0,

    /// <summary>Not a link (the wall display): a labelled image of the day.</summary>
    Passive = 1,

    Today = 2,

    /// <summary>The earliest start that still gives the recommended notice.</summary>
    NoticeLine = 4,

    /// <summary>The day that takes Tab focus in the grid (roving tab index).</summary>
    Focus = 8,

    /// <summary>The day number carries its month ("1 Dec"), where a block spans months.</summary>
    MonthLabel = 16,
}

/// <summary>
/// What a calendar cell shows, for one day of one view: its status, how the calendar marks it and its accessible
/// name. A cell is immutable and shared by every open calendar (<see cref="HeatmapCells"/>), and renders as one markup
/// string per set of <see cref="CellMarks"/>, built once: a viewer's circuit holds a reference per day, not its own
/// strings and render-tree frames.
/// </summary>
public sealed class HeatmapCell
{
    private readonly string?[] markup = new string?[32];

    public HeatmapCell(DayStatus status, bool nonWorking, string? bankHoliday, string? freeze, string? difference = null)
    {
        Status = status;
        NonWorking = nonWorking;
        BankHoliday = bankHoliday;
        Freeze = freeze;
        Difference = difference;
        Label = AccessibleName(status, bankHoliday, freeze) + (difference is null ? "" : $"; {difference}");
    }

    public DayStatus Status { get; }

    public DateOnly Date => Status.Date;

    public bool NonWorking { get; }

    public string? BankHoliday { get; }

    public string? Freeze { get; }

    /// <summary>What sets the day apart when two heatmaps are compared (a what-if), such as "would change with version
    /// 2.0": the day is outlined, marked Δ and says so in its name. Null on a heatmap of its own.</summary>
    public string? Difference { get; }

    /// <summary>"Tuesday 8 December 2026: Amber, 3 changes, 1 awaiting assessment".</summary>
    public string Label { get; }

    /// <summary>The cell as a table cell, with the marks this calendar gives it.</summary>
    public MarkupString Markup(CellMarks marks) => new(markup[(int)marks] ??= Build(marks));

    /// <summary>The "may rise" corner: the provisional status's colour, pattern and letter, so Amber and Red differ
    /// without colour too. The day's accessible name says the same in words.</summary>
    public static string RiseMark(RiskStatus provisional) =>
        $"<span class=\"day-rise {StatusStyle.CssClass(provisional)}\" data-letter=\"{StatusStyle.Letter(provisional)}\" aria-hidden=\"true\"></span>";

    public bool Shows(DayStatus status, bool nonWorking, string? bankHoliday, string? freeze) =>
        Status == status && NonWorking == nonWorking && BankHoliday == bankHoliday && Freeze == freeze;

    private static string AccessibleName(DayStatus status, string? bankHoliday, string? freeze)
    {
        var text = new StringBuilder(status.Date.ToString("dddd d MMMM yyyy", UkEnglish.Culture)).Append(": ");
        text.Append(status.ChangeCount == 0 ? "no changes" : $"{status.Status}, {Plural(status.ChangeCount, "change")}");
        if (status.UnassessedCount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {status.UnassessedCount} awaiting assessment");
        }

        if (status.MayRise)
        {
            text.Append(CultureInfo.InvariantCulture, $", may rise to {status.ProvisionalStatus}");
        }

        if (bankHoliday is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({bankHoliday})");
        }

        if (freeze is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"; change freeze: {freeze}");
        }

        return text.ToString();
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private string Build(CellMarks marks)
    {
        var html = new StringBuilder(320).Append("<td class=\"day ").Append(StatusStyle.CssClass(Status.Status));
        if (Status.MayRise)
        {
            html.Append(" may-rise ").Append(StatusStyle.MayRiseClass(Status.ProvisionalStatus));
        }

        Mark(html, NonWorking, " non-working");
        Mark(html, marks.HasFlag(CellMarks.Today), " today");
        Mark(html, Freeze is not null, " frozen");
        Mark(html, marks.HasFlag(CellMarks.NoticeLine), " notice-line");
        Mark(html, Difference is not null, " marked");
        var iso = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var label = HtmlEncoder.Default.Encode(Label);
        html.Append("\">");
        html.Append(marks.HasFlag(CellMarks.Passive)
            ? $"<span class=\"day-link\" data-date=\"{iso}\" role=\"img\" aria-label=\"{label}\" title=\"{label}\">"
            : $"<a class=\"day-link\" href=\"days/{iso}\" data-date=\"{iso}\" tabindex=\"{(marks.HasFlag(CellMarks.Focus) ? 0 : -1)}\" aria-label=\"{label}\" title=\"{label}\">");
        var number = marks.HasFlag(CellMarks.MonthLabel) ? Date.ToString("d MMM", UkEnglish.Culture) : Date.Day.ToString(UkEnglish.Culture);
        // The letters are drawn by the stylesheet (data-letter), so the day's visible text is its number alone and voice
        // control finds the link by the number it shows, inside its accessible name.
        html.Append("<span class=\"day-num\">").Append(number).Append("</span><span class=\"day-letter\" data-letter=\"")
            .Append(StatusStyle.Letter(Status.Status)).Append("\" aria-hidden=\"true\"></span>");
        Mark(html, Status.MayRise, RiseMark(Status.ProvisionalStatus));
        Mark(html, Difference is not null, "<span class=\"day-mark\" aria-hidden=\"true\">Δ</span>");
        html.Append(marks.HasFlag(CellMarks.Passive) ? "</span></td>" : "</a></td>");
        return html.ToString();
    }

    private static void Mark(StringBuilder html, bool on, string mark)
    {
        if (on)
        {
            html.Append(mark);
        }
    }
}
