using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Observability;
using Microsoft.AspNetCore.Components;

namespace ChangeCoordination.Web.Components.Heatmap;

/// <summary>
/// A calendar heatmap of one view over a range of days, read from the risk ledger and kept live by the
/// day-status feed: a moved day repaints only its own block (its month, or the whole range in <see cref="Weeks"/> layout).
/// </summary>
public sealed partial class CalendarHeatmap : IDisposable
{
    private readonly List<BlockModel> blocks = [];
    private IDisposable? subscription;
    private DateOnly today;
    private DateOnly? focusDate;
    private (HeatmapView View, DateOnly From, DateOnly To)? loaded;

    [Inject]
    private AppMetrics Metrics { get; set; } = default!;

    [Inject]
    private HeatmapCells Cells { get; set; } = default!;

    [Inject]
    private DayStatusFeed Feed { get; set; } = default!;

    [Inject]
    private RuleBook Rules { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired]
    public required HeatmapView View { get; set; }

    [Parameter, EditorRequired]
    public required DateOnly From { get; set; }

    [Parameter, EditorRequired]
    public required DateOnly To { get; set; }

    [Parameter]
    public bool Interactive { get; set; } = true;

    [Parameter]
    public bool ShowLegend { get; set; } = true;

    /// <summary>One block of week rows over the whole range (the wall's six weeks) instead of one block per month.</summary>
    [Parameter]
    public bool Weeks { get; set; }

    /// <summary>Marks the earliest start date that still gives the recommended working days of notice from today.</summary>
    [Parameter]
    public bool ShowNoticeLine { get; set; } = true;

    /// <summary>Raised after live days were repainted, with the days that moved in this view.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<DayStatusChange>> OnDaysChanged { get; set; }

    private DateOnly? NoticeLine { get; set; }

    public void Dispose() => subscription?.Dispose();

    protected override void OnInitialized() => subscription = Feed.Subscribe(OnFeedAsync);

    protected override void OnParametersSet()
    {
        if (loaded == (View, From, To))
        {
            return;
        }

        loaded = (View, From, To);
        today = LondonTime.DateOf(Clock.GetUtcNow());
        NoticeLine = ShowNoticeLine ? Rules.Calendar.FirstOnTimeStart(today, Rules.Methodology.NoticeWorkingDays) : null;
        focusDate = today >= From && today <= To ? today : From;
        blocks.Clear();
        if (Weeks)
        {
            blocks.Add(Block(From, To, $"{From.ToString("d MMM", UkEnglish.Culture)} to {To.ToString("d MMM yyyy", UkEnglish.Culture)}"));
            return;
        }

        for (var first = new DateOnly(From.Year, From.Month, 1); first <= To; first = first.AddMonths(1))
        {
            blocks.Add(Block(first, first.AddMonths(1).AddDays(-1), first.ToString("MMMM yyyy", UkEnglish.Culture)));
        }
    }

    private BlockModel Block(DateOnly first, DateOnly last, string title)
    {
        var days = new HeatmapCell?[last.DayNumber - first.DayNumber + 1];
        for (var i = 0; i < days.Length; i++)
        {
            var date = first.AddDays(i);
            days[i] = date >= From && date <= To ? Cells.Get(View, date) : null;
        }

        return new BlockModel(first, title, days);
    }

    private async Task OnFeedAsync(IReadOnlyList<DayStatusChange> changes)
    {
        var mine = changes.Where(c => c.View == View && c.Date >= From && c.Date <= To).ToList();
        if (mine.Count == 0)
        {
            return;
        }

        await InvokeAsync(async () =>
        {
            try
            {
                foreach (var change in mine)
                {
                    var block = blocks.Find(b => b.Covers(change.Date));
                    if (block is not null)
                    {
                        block.Days[change.Date.DayNumber - block.First.DayNumber] = Cells.Get(View, change.Date);
                        block.Version++;
                    }
                }

                StateHasChanged();
                Metrics.Rendered("heatmap");
                await OnDaysChanged.InvokeAsync(mine);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                await DispatchExceptionAsync(exception);
            }
        });
    }

    private sealed class BlockModel(DateOnly first, string title, HeatmapCell?[] days)
    {
        public DateOnly First { get; } = first;

        public string Title { get; } = title;

        public HeatmapCell?[] Days { get; } = days;

        public int Version { get; set; }

        public bool Covers(DateOnly date) => date >= First && date.DayNumber - First.DayNumber < Days.Length;
    }
}
