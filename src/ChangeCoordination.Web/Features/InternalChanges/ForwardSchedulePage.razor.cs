using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Maintenance;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Components.Forms;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ChangeCoordination.Web.Features.InternalChanges;

/// <summary>The Forward Schedule of Change: the next three months of DCC changes, monthly maintenance hours, and entry for assessors.</summary>
public sealed partial class ForwardSchedulePage
{
    private const string FreezeTitleField = "title";
    private const string FreezeFromField = "from";
    private const string FreezeToField = "to";

    private readonly HashSet<string> touched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> refused = new(StringComparer.Ordinal);
    private ScheduleEntryForm form = new();
    private IReadOnlyDictionary<string, string> problems = new Dictionary<string, string>();
    private bool attempted;
    private IReadOnlyList<InternalChangeResponse> schedule = [];
    private List<MonthHours> months = [];
    private InternalChangeResponse? saved;
    private bool busy;
    private DateOnly today;
    private string? freezeTitle;
    private DateOnly? freezeFrom;
    private DateOnly? freezeTo;
    private Dictionary<string, string> freezeErrors = new(StringComparer.Ordinal);

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

    private static string Hours(TimeSpan span) => span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes:00} min";

    /// <summary>A field's problem, once it has been edited or a submit was tried: what the API refused, else what the form finds.</summary>
    private string? ErrorFor(string field) =>
        refused.TryGetValue(field, out var refusal) ? refusal
        : (attempted || touched.Contains(ScheduleEntryForm.Group(field))) && problems.TryGetValue(field, out var problem) ? problem
        : null;

    /// <summary>Checks the form again as each field changes, so a message goes as soon as its field is fixed.</summary>
    private void Edited(string field)
    {
        var group = ScheduleEntryForm.Group(field);
        touched.Add(group);
        foreach (var key in refused.Keys.Where(k => ScheduleEntryForm.Group(k) == group).ToList())
        {
            refused.Remove(key);
        }

        problems = form.Problems();
    }

    private async Task LoadAsync()
    {
        today = LondonTime.DateOf(Clock.GetUtcNow());
        var first = new DateOnly(today.Year, today.Month, 1);
        var months3 = (await Service.ListAsync(first, first.AddMonths(3).AddDays(-1), CancellationToken.None)).Where(c => c.Status == nameof(Data.InternalChangeStatus.Scheduled)).ToList();
        var now = Clock.GetUtcNow();
        schedule = [.. months3.Where(c => c.End > now)];
        var maintenance = months3.Where(c => c.PlannedMaintenance).ToList();
        months = [.. Enumerable.Range(0, 3).Select(i => first.AddMonths(i)).Select(m => new MonthHours(
            m.ToString("MMMM yyyy", UkEnglish.Culture),
            PlannedMaintenanceRules.HoursInMonth(maintenance.Where(c => c.Services.Contains(DccService.SelfServiceInterface)).Select(c => new OutageWindow(c.Start, c.End)), m.Year, m.Month),
            PlannedMaintenanceRules.HoursInMonth(maintenance.Select(c => new OutageWindow(c.Start, c.End)), m.Year, m.Month)))];
    }

    private async Task CreateAsync()
    {
        attempted = true;
        refused.Clear();
        problems = form.Problems();
        if (problems.Count > 0)
        {
            saved = null;
            return;
        }

        busy = true;
        try
        {
            var caller = Caller.From((await AuthenticationState).User, ClientAddress.Value)!;
            var outcome = await Service.CreateAsync(caller, form.ToInput(), CancellationToken.None);
            if (outcome.Kind == OutcomeKind.Created)
            {
                saved = outcome.Value;
                (form, attempted) = (new ScheduleEntryForm(), false);
                touched.Clear();
                problems = form.Problems();
                await LoadAsync();
            }
            else
            {
                saved = null;
                foreach (var (field, messages) in outcome.Errors?.ToDictionary() ?? new Dictionary<string, string[]>())
                {
                    var (own, message) = ScheduleEntryForm.Refusal(field, messages[0]);
                    refused.TryAdd(own, message);
                }
            }
        }
        finally
        {
            busy = false;
        }
    }

    private string? FreezeError(string field) => freezeErrors.GetValueOrDefault(field);

    private async Task DeclareFreezeAsync()
    {
        freezeErrors = FreezeProblems();
        if (freezeErrors.Count > 0)
        {
            return;
        }

        var caller = Caller.From((await AuthenticationState).User, ClientAddress.Value)!;
        var outcome = await FreezeWindows.CreateAsync(
            caller,
            new Freeze.FreezeWindowInput(freezeTitle, IsoDate(freezeFrom), IsoDate(freezeTo)),
            CancellationToken.None);
        foreach (var (field, messages) in outcome.Errors?.ToDictionary() ?? new Dictionary<string, string[]>())
        {
            freezeErrors.TryAdd(field, field == FreezeFromField ? "First frozen day: that day is outside the planning horizon; choose a day nearer today." : messages[0]);
        }

        if (outcome.Kind == OutcomeKind.Created)
        {
            (freezeTitle, freezeFrom, freezeTo) = (null, null, null);
        }
    }

    /// <summary>The freeze's dates checked in the screen's words before anything is sent.</summary>
    private Dictionary<string, string> FreezeProblems()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(freezeTitle))
        {
            found[FreezeTitleField] = "Freeze title: give the freeze a title, for example 'Christmas change freeze'.";
        }

        if (freezeFrom is null)
        {
            found[FreezeFromField] = $"First frozen day: type it as {UkDates.DatePattern}.";
        }

        if (freezeTo is null)
        {
            found[FreezeToField] = $"Last frozen day: type it as {UkDates.DatePattern} (the first day again for a one-day freeze).";
        }
        else if (freezeTo < freezeFrom)
        {
            found[FreezeToField] = "Last frozen day: it comes on or after the first frozen day.";
        }

        return found;
    }

    private async Task WithdrawAsync(int id)
    {
        var caller = Caller.From((await AuthenticationState).User, ClientAddress.Value)!;
        await FreezeWindows.DeleteAsync(caller, id, CancellationToken.None);
    }

    private static string? IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record MonthHours(string Name, TimeSpan SelfService, TimeSpan All);
}
