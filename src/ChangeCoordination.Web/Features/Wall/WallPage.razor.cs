using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Features.Days;
using ChangeCoordination.Web.Features.Support;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using ChangeCoordination.Web.Observability;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ChangeCoordination.Web.Features.Wall;

/// <summary>
/// The TOC wall display: today's status big, six weeks of the Overall heatmap, what is in progress and the next
/// red days with their support plans. Kept live by the feed and a one-minute tick (changes start and end). A push
/// is shown from the server's live state (the ledger's statuses and red days, the plans the wall last read); only a
/// push that moved today reads the database again, for what is in progress.
/// </summary>
public sealed partial class WallPage : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    /// <summary>The lines each list under the heatmap has room for at 1920x1080 in the wall's type sizes.</summary>
    private const int StripRows = 7;

    private const int RedDayHorizonDays = 90;

    private readonly CancellationTokenSource stopping = new();

    /// <summary>The changes this wall has shown a caller with detail access: each is audited as read once, not every minute.</summary>
    private readonly HashSet<string> readHere = new(StringComparer.Ordinal);
    private IDisposable? plansSubscription;
    private IDisposable? busSubscription;

    /// <summary>What the bar says while this server cannot hear the other servers (wall.js shows the same words).</summary>
    private string? busLost;

    /// <summary>Whether the last read of the database failed: the wall then says since when it is not up to date.</summary>
    private bool unread;

    private PushCoalescer? pushes;

    /// <summary>Whether a push since the last refresh for pushes moved today, so that what is in progress is read again.</summary>
    private bool todayMoved;
    private Caller? caller;
    private DateOnly today;
    private DateOnly weekStart;
    private DayStatus todayStatus;
    private List<DayTimelineRow> inProgress = [];
    private IReadOnlyList<HighRiskDayResponse> redDays = [];
    private IReadOnlyDictionary<DateOnly, SupportPlanResponse> plans = new Dictionary<DateOnly, SupportPlanResponse>();
    private DateTimeOffset lastUpdate;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ClientAddress ClientAddress { get; set; } = default!;

    [Inject]
    private AppMetrics Metrics { get; set; } = default!;

    [Inject]
    private DayReader Days { get; set; } = default!;

    [Inject]
    private HighRiskDays HighRiskDays { get; set; } = default!;

    [Inject]
    private RiskLedger Ledger { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private SupportPlanFeed Plans { get; set; } = default!;

    [Inject]
    private LiveBus Bus { get; set; } = default!;

    [Inject]
    private ILogger<WallPage> Logger { get; set; } = default!;

    /// <summary>Why the wall is not live as far as the server knows (the circuit's own loss is wall.js's to tell).</summary>
    private string? NotLive => busLost ?? (unread
        ? lastUpdate == default
            ? "Not up to date: the database did not answer; trying again every minute"
            : $"Not up to date since {lastUpdate.ToString("HH:mm", UkEnglish.Culture)}: the database did not answer; trying again every minute"
        : null);

    public void Dispose()
    {
        plansSubscription?.Dispose();
        busSubscription?.Dispose();
        stopping.Cancel();
        stopping.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        caller = Caller.From((await AuthenticationState).User, ClientAddress.Value);
        pushes = new PushCoalescer(RefreshForPushesAsync, stopping.Token);
        await ReloadAsync();
        plansSubscription = Plans.Subscribe(_ => InvokeAsync(() => RefreshAsync(readInProgress: false, readPlans: true)));
        busSubscription = Bus.StatusChanged.Subscribe(_ => InvokeAsync(ReloadAsync));
        _ = TickAsync();
    }

    /// <summary>Reads the whole of the wall's state again, the database's part with it, and renders it.</summary>
    private Task ReloadAsync() => RefreshAsync(readInProgress: true, readPlans: true);

    /// <summary>
    /// Shows the wall's state as it stands now and renders it, reading from the database only what is asked for. When
    /// the database does not answer, the wall keeps what it last read and says since when it is not up to date, until
    /// a whole reload (the next tick) finds it answering again.
    /// </summary>
    private async Task RefreshAsync(bool readInProgress, bool readPlans)
    {
        try
        {
            var now = Clock.GetUtcNow();
            await LoadAsync(now, readInProgress, readPlans);
            if (readInProgress && readPlans)
            {
                unread = false;
            }

            if (!unread)
            {
                lastUpdate = LondonTime.ToLondon(now);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            unread = true;
            LogUnread(Logger, exception);
        }

        StateHasChanged();
    }

    private async Task LoadAsync(DateTimeOffset now, bool readInProgress, bool readPlans)
    {
        today = LondonTime.DateOf(now);
        weekStart = Weeks.MondayOf(today);
        todayStatus = Ledger.Get(HeatmapView.Overall, today);
        var bus = Bus.Status;
        busLost = bus.State == LiveBusState.Lost
            ? $"Not live since {LondonTime.ToLondon(bus.Since).ToString("HH:mm", UkEnglish.Culture)}: this server has lost the other servers (live bus); it shows its own changes only"
            : null;
        if (caller is null)
        {
            return;
        }

        var horizon = today.AddDays(RedDayHorizonDays);
        if (readInProgress)
        {
            var day = await Days.ReadAsync(caller, today, stopping.Token, readHere);
            inProgress = [.. DayTimelineRow.From(day).Where(r => r.Start <= now && now < r.End)];
        }

        if (readPlans)
        {
            plans = await HighRiskDays.PlansAsync(today, horizon, stopping.Token);
        }

        redDays = HighRiskDays.Red(today, horizon, plans);
    }

    /// <summary>
    /// A window in the wall's few words: London times, with the day only for an end that is not today (the wall's
    /// clock is London's, so no zone).
    /// </summary>
    private string Window(DayTimelineRow row)
    {
        string End(DateTimeOffset instant)
        {
            var london = LondonTime.ToLondon(instant);
            return DateOnly.FromDateTime(london.DateTime) == today
                ? london.ToString("HH:mm", UkEnglish.Culture)
                : london.ToString("d MMM HH:mm", UkEnglish.Culture);
        }

        return $"{End(row.Start)} to {End(row.End)}";
    }

    /// <summary>
    /// A push moved days on the heatmap: the wall shows them through its <see cref="PushCoalescer"/>. The heatmap is
    /// not kept waiting.
    /// </summary>
    private Task OnDaysChangedAsync(IReadOnlyList<DayStatusChange> changes)
    {
        todayMoved |= changes.Any(change => change.Date == today);
        pushes?.Push();
        return Task.CompletedTask;
    }

    private async Task RefreshForPushesAsync()
    {
        var readToday = todayMoved;
        todayMoved = false;
        await RefreshAsync(readInProgress: readToday, readPlans: false);
        Metrics.Rendered("wall");
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(Tick, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                await InvokeAsync(ReloadAsync);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The wall could not read its state from the database; it shows what it last read, says so, and tries again.")]
    private static partial void LogUnread(ILogger logger, Exception exception);
}
