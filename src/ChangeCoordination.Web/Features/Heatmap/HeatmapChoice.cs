using System.Globalization;
using ChangeCoordination.Core;

namespace ChangeCoordination.Web.Features.Heatmap;

/// <summary>
/// What a heatmap page shows, read from its address: the view (Overall unless one is named) and the range (this
/// month, the next 3 months by default, 12 months, or custom dates, at most <see cref="HeatmapEndpoints.MaxDays"/>,
/// within the days the planning horizon lets a range read: a custom date outside them is read as this month).
/// </summary>
public sealed record HeatmapChoice(HeatmapView View, string Range, DateOnly From, DateOnly To)
{
    public static HeatmapChoice Read(string? view, string? range, string? from, string? to, DateOnly today, (DateOnly First, DateOnly Last) readable)
    {
        var chosenView = Enum.TryParse<HeatmapView>(view, ignoreCase: true, out var parsed) && !(view ?? "").Any(char.IsDigit) ? parsed : HeatmapView.Overall;
        var chosenRange = range is "month" or "12m" or "custom" ? range : "3m";
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var (first, last) = chosenRange switch
        {
            "month" => (monthStart, monthStart.AddMonths(1).AddDays(-1)),
            "12m" => (monthStart, monthStart.AddMonths(12).AddDays(-1)),
            "custom" => Custom(from, to, monthStart, readable),
            _ => (monthStart, monthStart.AddMonths(3).AddDays(-1)),
        };
        return new HeatmapChoice(chosenView, chosenRange, first, last);
    }

    private static (DateOnly From, DateOnly To) Custom(string? from, string? to, DateOnly monthStart, (DateOnly First, DateOnly Last) readable)
    {
        bool Readable(DateOnly date) => date >= readable.First && date <= readable.Last;
        var start = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) && Readable(f) ? f : monthStart;
        var end = DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && Readable(t) ? t : start.AddMonths(3).AddDays(-1);
        if (end < start)
        {
            end = start;
        }

        var longest = start.AddDays(HeatmapEndpoints.MaxDays - 1);
        return (start, new[] { end, longest, readable.Last }.Min());
    }
}
