using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Components.Forms;
using Microsoft.AspNetCore.Components;

namespace ChangeCoordination.Web.Features.Heatmap;

/// <summary>The three published heatmaps, with the view and range in the address so a link shows the same thing.</summary>
public sealed partial class HeatmapPage
{
    private static readonly HeatmapView[] Views = [HeatmapView.Overall, HeatmapView.User, HeatmapView.Internal];
    private static readonly (string Key, string Text)[] Ranges = [("month", "This month"), ("3m", "Next 3 months"), ("12m", "12 months"), ("custom", "Custom")];

    private HeatmapView view;
    private DateOnly from;
    private DateOnly to;
    private const string FromLabel = "From";
    private const string ToLabel = "To";

    private string? rangeProblem;

    [SupplyParameterFromQuery(Name = "view")]
    public string? ViewQuery { get; set; }

    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    private string Range { get; set; } = "3m";

    private static string ViewName(HeatmapView candidate) => candidate switch
    {
        HeatmapView.User => "DCC User",
        HeatmapView.Internal => "DCC Internal",
        _ => "Overall",
    };

    private string ViewDescription => view switch
    {
        HeatmapView.User => "DCC User changes",
        HeatmapView.Internal => "DCC internal changes (Forward Schedule of Change)",
        _ => "All changes, DCC User and DCC internal",
    };

    protected override void OnParametersSet()
    {
        var today = LondonTime.DateOf(Clock.GetUtcNow());
        (view, Range, from, to) = HeatmapChoice.Read(ViewQuery, RangeQuery, FromQuery, ToQuery, today, Horizon.Readable(today));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void OnCustomChanged(string label, object? newFrom, object? newTo)
    {
        var date = UkDates.ParseDate((newFrom ?? newTo) as string, out var problem);
        rangeProblem = date is null ? $"{label}: {problem ?? $"type the date as {UkDates.DatePattern}."}" : null;
        if (date is { } d)
        {
            Navigation.NavigateTo(Link(view, "custom", newFrom is null ? from : d, newTo is null ? to : d));
        }
    }

    private string Link(HeatmapView newView, string range) => Link(newView, range, from, to);

    private string Link(HeatmapView newView, string range, DateOnly newFrom, DateOnly newTo)
    {
        var query = new Dictionary<string, object?>
        {
            ["view"] = HeatmapEndpoints.ViewName(newView),
            ["range"] = range,
            ["from"] = range == "custom" ? Iso(newFrom) : null,
            ["to"] = range == "custom" ? Iso(newTo) : null,
        };
        return Navigation.GetUriWithQueryParameters(query);
    }
}
