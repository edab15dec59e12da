using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Observability;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ChangeCoordination.Web.Features.Days;

/// <summary>The drill-down of one day: its statuses, every change in it hour by hour, its support plan. Live.</summary>
public sealed partial class DayPage
{
    private DateOnly? date;
    private string? outside;
    private DayResponse? model;
    private List<DayTimelineRow> rows = [];
    private IDisposable? subscription;
    private PushCoalescer? pushes;
    private readonly CancellationTokenSource closed = new();

    /// <summary>The changes this page has shown: each is audited as read once, not on every push that reloads the day.</summary>
    private readonly HashSet<string> readHere = new(StringComparer.Ordinal);
    private Caller? caller;

    [Parameter]
    public string DateText { get; set; } = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ClientAddress ClientAddress { get; set; } = default!;

    [Inject]
    private AppMetrics Metrics { get; set; } = default!;

    [Inject]
    private DayReader Reader { get; set; } = default!;

    [Inject]
    private DayStatusFeed Feed { get; set; } = default!;

    [Inject]
    private RuleBook Rules { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private string Title => date is { } d ? d.ToString("dddd d MMMM yyyy", UkEnglish.Culture) : "Day";

    public void Dispose()
    {
        subscription?.Dispose();
        closed.Cancel();
        closed.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        caller = Caller.From((await AuthenticationState).User, ClientAddress.Value);
        pushes = new PushCoalescer(RefreshForPushesAsync, closed.Token);
        subscription = Feed.Subscribe(OnFeedAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        date = DateOnly.TryParseExact(DateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        var errors = new FieldErrors();
        outside = date is { } day && !Rules.Horizon.CheckRead(day, "date", Clock.GetUtcNow(), errors) ? errors.ToDictionary()["date"][0] : null;
        if (outside is not null)
        {
            date = null;
        }

        await LoadAsync();
    }

    private static string DayLink(DateOnly day) => $"days/{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static string Short(DateOnly day) => day.ToString("ddd d MMM", UkEnglish.Culture);

    private static string ZoneName(DateOnly day)
    {
        var start = LondonTime.StartOf(day).Offset;
        var end = LondonTime.StartOf(day.AddDays(1)).Offset;
        static string Name(TimeSpan offset) => offset == TimeSpan.Zero ? "GMT" : "BST";
        return start == end ? Name(start) : $"{Name(start)} to {Name(end)}: the clocks change today";
    }

    private async Task LoadAsync()
    {
        if (date is not { } day || caller is null)
        {
            model = null;
            return;
        }

        model = await Reader.ReadAsync(caller, day, CancellationToken.None, readHere);
        rows = DayTimelineRow.From(model);
    }

    /// <summary>A push that moved this day reloads it, through the page's <see cref="PushCoalescer"/>.</summary>
    private async Task OnFeedAsync(IReadOnlyList<DayStatusChange> changes)
    {
        if (date is { } day && changes.Any(c => c.Date == day))
        {
            await InvokeAsync(() => pushes?.Push());
        }
    }

    private async Task RefreshForPushesAsync()
    {
        try
        {
            await LoadAsync();
            StateHasChanged();
            Metrics.Rendered("day");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await DispatchExceptionAsync(exception);
        }
    }
}
