using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Maintenance;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ChangeCoordination.Web.Features.InternalChanges;

/// <summary>The Forward Schedule of Change: the next three months of DCC changes, monthly maintenance hours, and entry for assessors.</summary>
public sealed partial class ForwardSchedulePage
{
    private static readonly CultureInfo UkEnglish = CultureInfo.GetCultureInfo("en-GB");

    private readonly FormModel form = new();
    private IReadOnlyList<InternalChangeResponse> schedule = [];
    private List<MonthHours> months = [];
    private IDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private InternalChangeResponse? saved;
    private bool busy;
    private DateOnly today;
    private string? freezeTitle;
    private DateTime? freezeFrom;
    private DateTime? freezeTo;
    private IDictionary<string, string[]> freezeErrors = new Dictionary<string, string[]>();

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ClientAddress ClientAddress { get; set; } = default!;

    [Inject]
    private InternalChangeService Service { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private FreezeCalendar Freezes { get; set; } = default!;

    [Inject]
    private FreezeWindows FreezeWindows { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private static string ServiceName(DccService service) => service switch
    {
        DccService.UserInterface => "DCC User Interface",
        DccService.RegistrationDataInterface => "Registration Data Interface",
        DccService.SmkiRepositoryInterface => "SMKI Repository",
        DccService.SmkiServicesInterface => "SMKI Services",
        DccService.SelfServiceInterface => "Self-Service Interface",
        _ => "Other DCC systems",
    };

    private static string Hours(TimeSpan span) => span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes:00} min";

    private bool HasError(string field) => errors.ContainsKey(field);

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task LoadAsync()
    {
        today = LondonTime.DateOf(Clock.GetUtcNow());
        var first = new DateOnly(today.Year, today.Month, 1);
        var months3 = (await Service.ListAsync(first, first.AddMonths(3).AddDays(-1), CancellationToken.None)).Where(c => c.Status == nameof(Data.InternalChangeStatus.Scheduled)).ToList();
        var now = Clock.GetUtcNow();
        schedule = [.. months3.Where(c => c.End > now)];
        var maintenance = months3.Where(c => c.PlannedMaintenance).ToList();
        months = [.. Enumerable.Range(0, 3).Select(i => first.AddMonths(i)).Select(m => new MonthHours(
            m.ToString("MMMM yyyy", UkEnglish),
            PlannedMaintenanceRules.HoursInMonth(maintenance.Where(c => c.Services.Contains(DccService.SelfServiceInterface)).Select(c => new OutageWindow(c.Start, c.End)), m.Year, m.Month),
            PlannedMaintenanceRules.HoursInMonth(maintenance.Select(c => new OutageWindow(c.Start, c.End)), m.Year, m.Month)))];
    }

    private async Task CreateAsync()
    {
        busy = true;
        try
        {
            var caller = Caller.From((await AuthenticationState).User, ClientAddress.Value)!;
            var outcome = await Service.CreateAsync(caller, form.ToInput(), CancellationToken.None);
            if (outcome.Kind == OutcomeKind.Created)
            {
                saved = outcome.Value;
                errors = new Dictionary<string, string[]>();
                await LoadAsync();
            }
            else
            {
                saved = null;
                errors = outcome.Errors?.ToDictionary() ?? new Dictionary<string, string[]>();
            }
        }
        finally
        {
            busy = false;
        }
    }

    private string? FreezeError(string field) => freezeErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task DeclareFreezeAsync()
    {
        var caller = Caller.From((await AuthenticationState).User, ClientAddress.Value)!;
        var outcome = await FreezeWindows.CreateAsync(
            caller,
            new Freeze.FreezeWindowInput(freezeTitle, IsoDate(freezeFrom), IsoDate(freezeTo)),
            CancellationToken.None);
        freezeErrors = outcome.Errors?.ToDictionary() ?? new Dictionary<string, string[]>();
        if (outcome.Kind == OutcomeKind.Created)
        {
            (freezeTitle, freezeFrom, freezeTo) = (null, null, null);
        }
    }

    private async Task WithdrawAsync(int id)
    {
        var caller = Caller.From((await AuthenticationState).User, ClientAddress.Value)!;
        await FreezeWindows.DeleteAsync(caller, id, CancellationToken.None);
    }

    private static string? IsoDate(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record MonthHours(string Name, TimeSpan SelfService, TimeSpan All);

    /// <summary>The entry form's fields, turned into the same input the API takes so both validate alike.</summary>
    private sealed class FormModel
    {
        public string? Title { get; set; }

        public IReadOnlyCollection<DccService> Services { get; set; } = [];

        public bool PlannedMaintenance { get; set; } = true;

        public DateTime? StartDate { get; set; }

        public TimeSpan? StartTime { get; set; } = new TimeSpan(22, 0, 0);

        public DateTime? EndDate { get; set; }

        public TimeSpan? EndTime { get; set; } = new TimeSpan(2, 0, 0);

        public int ImpactScore { get; set; } = 2;

        public int ProbabilityScore { get; set; } = 2;

        public InternalChangeInput ToInput() => new(
            Title,
            [.. Services.Select(s => s.ToString())],
            PlannedMaintenance,
            Instant(StartDate, StartTime),
            Instant(EndDate, EndTime),
            ImpactScore,
            ProbabilityScore);

        private static string? Instant(DateTime? date, TimeSpan? time) =>
            date is { } d && time is { } t
                ? LondonTime.At(DateOnly.FromDateTime(d), TimeOnly.FromTimeSpan(t)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
                : null;
    }
}
