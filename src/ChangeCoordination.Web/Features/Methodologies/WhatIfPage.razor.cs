using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Components.Heatmap;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Features.Heatmap;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ChangeCoordination.Web.Features.Methodologies;

/// <summary>
/// A version's heatmap beside the one as it stands, month by month, over a range picked as on /heatmap: the days
/// that would change are outlined, marked and counted in words, so the Panel sees a proposal's effect before approving it.
/// </summary>
public sealed partial class WhatIfPage : IDisposable
{
    private static readonly HeatmapView[] Views = [HeatmapView.Overall, HeatmapView.User, HeatmapView.Internal];

    private Methodology? proposal;
    private HeatmapView view;
    private DateOnly from;
    private DateOnly to;
    private DateOnly today;
    private int version;
    private IReadOnlyList<DayDifference> differences = [];
    private HashSet<DateOnly> changed = [];
    private List<MonthPair> months = [];
    private string summary = "";
    private IDisposable? subscription;

    [Parameter]
    public required string Version { get; set; }

    [SupplyParameterFromQuery(Name = "view")]
    public string? ViewQuery { get; set; }

    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ClientAddress ClientAddress { get; set; } = default!;

    [Inject]
    private MethodologyService Service { get; set; } = default!;

    [Inject]
    private RiskLedger Ledger { get; set; } = default!;

    [Inject]
    private RuleBook Rules { get; set; } = default!;

    [Inject]
    private FreezeCalendar Freezes { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private PlanningHorizon Horizon { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private DayStatusFeed Feed { get; set; } = default!;

    private string Range { get; set; } = "3m";

    private int ViewIndex => Array.IndexOf(Views, view);

    private string Period => Range switch
    {
        "month" => "this month",
        "12m" => "over the next 12 months",
        "custom" => $"from {MethodologyText.Date(from)} to {MethodologyText.Date(to)}",
        _ => "over the next 3 months",
    };

    protected override async Task OnParametersSetAsync()
    {
        today = LondonTime.DateOf(Clock.GetUtcNow());
        (view, Range, from, to) = HeatmapChoice.Read(ViewQuery, RangeQuery, FromQuery, ToQuery, today, Horizon.Readable(today));
        var caller = Caller.From((await AuthenticationState).User, ClientAddress.Value);
        proposal = caller is null ? null : await Service.MethodologyAsync(caller, Version, CancellationToken.None);
        Compute();
    }

    public void Dispose() => subscription?.Dispose();

    /// <summary>Live, like every heatmap: a write (or a version taking force) that moves a day in range recomputes both sides.</summary>
    protected override void OnInitialized() => subscription = Feed.Subscribe(async changes =>
    {
        if (changes.Any(c => c.View == view && c.Date >= from && c.Date <= to))
        {
            await InvokeAsync(async () =>
            {
                try
                {
                    Compute();
                    StateHasChanged();
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    await DispatchExceptionAsync(exception);
                }
            });
        }
    });

    private void Compute()
    {
        if (proposal is null)
        {
            return;
        }

        today = LondonTime.DateOf(Clock.GetUtcNow());
        var first = new DateOnly(from.Year, from.Month, 1);
        var last = new DateOnly(to.Year, to.Month, 1).AddMonths(1).AddDays(-1);
        var current = Ledger.Range(view, first, last);
        var proposed = Ledger.RangeUnder(proposal, view, first, last);
        differences = [.. HeatmapComparison.Differences(current, proposed).Where(d => d.Date >= from && d.Date <= to)];
        changed = [.. differences.Select(d => d.Date)];
        summary = MethodologyText.WhatIf(differences, Period);
        months = [];
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            var offset = month.DayNumber - first.DayNumber;
            var length = month.AddMonths(1).DayNumber - month.DayNumber;
            months.Add(new MonthPair(
                month,
                month.ToString("MMMM yyyy", UkEnglish.Culture),
                [.. current.Skip(offset).Take(length).Select(d => Day(d, $"would change with version {Version}"))],
                [.. proposed.Skip(offset).Take(length).Select(d => Day(d, "differs from the heatmap as it stands"))]));
        }

        version++;
    }

    private HeatmapCell? Day(DayStatus status, string difference) => status.Date < from || status.Date > to ? null : new(
        status,
        !Rules.Calendar.IsWorkingDay(status.Date),
        Rules.Calendar.BankHolidayOn(status.Date)?.Name,
        Freezes.On(status.Date)?.Title,
        changed.Contains(status.Date) ? difference : null);

    private void OnViewChanged(int index) => Go(Views[index], Range, from, to);

    private void OnRangeChanged(string range) => Go(view, range, from, to);

    private void OnCustomChanged(DateOnly? newFrom, DateOnly? newTo)
    {
        if (newFrom is not null || newTo is not null)
        {
            Go(view, "custom", newFrom ?? from, newTo ?? to);
        }
    }

    private void Go(HeatmapView newView, string range, DateOnly newFrom, DateOnly newTo)
    {
        var query = new Dictionary<string, object?>
        {
            ["view"] = HeatmapEndpoints.ViewName(newView),
            ["range"] = range,
            ["from"] = range == "custom" ? newFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            ["to"] = range == "custom" ? newTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query));
    }

    private sealed record MonthPair(DateOnly First, string Title, IReadOnlyList<HeatmapCell?> Current, IReadOnlyList<HeatmapCell?> Proposed);
}
