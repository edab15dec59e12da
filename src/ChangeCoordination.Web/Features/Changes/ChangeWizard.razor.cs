using System.Globalization;
using System.Text;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>
/// The change wizard: notify a new change (<c>/changes/new</c>) or update one (<c>/changes/{reference}/edit</c>).
/// Every keystroke is checked with the API's own validator; the server's answer is shown against the same fields.
/// </summary>
public sealed partial class ChangeWizard
{
    internal const int KindStep = 0;
    internal const int TypeStep = 1;
    internal const int WindowStep = 2;
    internal const int DetailsStep = 3;
    internal const int ReviewStep = 4;

    private const string StartField = "start";
    private const string EndField = "end";
    private const string KindField = "kind";
    private const string TypeField = "type";
    private const string DescriptionField = "description";
    private const string DevicesField = "deviceCombinations";
    private const int DescriptionLimit = ChangeLimits.DescriptionMaxLength;

    private readonly HashSet<string> touched = new(StringComparer.Ordinal);
    private readonly HashSet<int> attempted = [];
    private ChangeForm? form;
    private ChangeResponse? original;
    private IReadOnlyDictionary<string, string> problems = new Dictionary<string, string>();
    private Dictionary<string, string> serverErrors = new(StringComparer.Ordinal);
    private Caller? caller;
    private ChangeResponse? done;
    private string? loadProblem;
    private string? refusal;
    private int? stale;
    private int revision;
    private int step;
    private bool dirty;
    private bool submitting;
    private string? loadedFor;

    /// <summary>Set when updating an existing change.</summary>
    [Parameter]
    public string? Reference { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ClientAddress ClientAddress { get; set; } = default!;

    [Inject]
    private ChangeService Service { get; set; } = default!;

    [Inject]
    private RuleBook Rules { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private bool IsUpdate => Reference is not null;

    private string Heading => IsUpdate ? $"Update {Reference}" : "Notify a change";

    /// <summary>The problems to show now: the server's, and the wizard's own for fields touched or steps tried.</summary>
    private IReadOnlyDictionary<string, string> VisibleErrors
    {
        get
        {
            var visible = new Dictionary<string, string>(serverErrors, StringComparer.Ordinal);
            foreach (var (name, message) in problems)
            {
                if (!visible.ContainsKey(name) && (attempted.Contains(StepOf(name)) || touched.Contains(Root(name))))
                {
                    visible[name] = message;
                }
            }

            return visible;
        }
    }

    private ChangeFigures Figures
    {
        get
        {
            var figures = ChangeFigures.Of(form!.Type, form.Kind, form.Start, form.End, LondonTime.DateOf(Clock.GetUtcNow()), Rules);
            if (original is not { } notified || form.Start != notified.Start || form.End != notified.End)
            {
                return figures;
            }

            // The window is the one already notified: its notice counts from when the DCC was told of it.
            return figures with
            {
                NoticeWorkingDays = notified.LeadTimeWorkingDays,
                LateNotice = form.Kind != ChangeKind.Unplanned && notified.LeadTimeWorkingDays < figures.RecommendedNotice,
            };
        }
    }

    private string? WindowText => form?.Start is { } s && form.End is { } e && e > s ? ChangeText.Window(s, e) : null;

    /// <summary>Monday of the week before the start to the Sunday of the week after the end, at least five weeks.</summary>
    private (DateOnly From, DateOnly To)? HeatmapRange
    {
        get
        {
            if (form?.Start is not { } start)
            {
                return null;
            }

            var first = LondonTime.DateOf(start);
            var last = form.End is { } end && end > start ? LondonTime.DateOf(end.AddTicks(-1)) : first;
            var from = Weeks.MondayOf(first).AddDays(-7);
            var to = Weeks.MondayOf(last).AddDays(13);
            if (to.DayNumber - from.DayNumber < 34)
            {
                to = from.AddDays(34);
            }

            return (from, to);
        }
    }

    private string HighlightCss
    {
        get
        {
            if (form?.Start is not { } start || form.End is not { } end || end <= start)
            {
                return "";
            }

            var css = new StringBuilder();
            foreach (var day in LondonTime.DaysCovered(new Core.Risk.OutageWindow(start, end)).Take(31))
            {
                css.Append(CultureInfo.InvariantCulture, $".wizard-heatmap [data-date=\"{day:yyyy-MM-dd}\"] {{ outline: 3px dashed #1a1a1a; outline-offset: 1px; }}\n");
            }

            return css.ToString();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // Parameters are set again whenever a cascading value moves, even while a load is awaited: load once per address,
        // never over the User's edits (a second load finishing late would take the User back to the review).
        if (loadedFor == (Reference ?? ""))
        {
            return;
        }

        loadedFor = Reference ?? "";
        caller ??= Caller.From((await AuthenticationState).User, ClientAddress.Value);
        await LoadAsync();
    }

    private static string Root(string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? field : field[..dot];
    }

    private static string DescribeCombination(DeviceCombinationForm combination)
    {
        var devices = combination.Devices.Count == 0 ? "no device types chosen" : string.Join(", ", combination.Devices.Order().Select(ChangeText.Device));
        var parts = new List<string?> { devices, combination.Smets?.ToString() ?? "generation not chosen", combination.Manufacturer, combination.Model };
        parts.Add(string.IsNullOrWhiteSpace(combination.FirmwareVersion) ? null : $"firmware {combination.FirmwareVersion}");
        return string.Join(" · ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    private async Task LoadAsync()
    {
        loadProblem = null;
        stale = null;
        refusal = null;
        serverErrors = new(StringComparer.Ordinal);
        touched.Clear();
        attempted.Clear();
        done = null;
        dirty = false;
        if (Reference is null)
        {
            original = null;
            form = new ChangeForm();
            step = KindStep;
        }
        else
        {
            original = caller is null ? null : await Service.GetAsync(caller, Reference, CancellationToken.None);
            if (original is null)
            {
                form = null;
                loadProblem = $"There is no change {Reference} of your organisation's: check the reference in My organisation's changes.";
                return;
            }

            if (original.Status is ChangeStatus.Cancelled or ChangeStatus.Archived)
            {
                form = null;
                loadProblem = $"{Reference} is {ChangeText.Status(original.Status).ToLowerInvariant()}: it cannot be updated. Notify a new change instead.";
                return;
            }

            form = ChangeForm.From(original);
            revision = original.Revision;
            step = ReviewStep;
        }

        Revalidate();
    }

    private async Task ReloadAsync() => await LoadAsync();

    private void StartAgain()
    {
        form = new ChangeForm();
        done = null;
        touched.Clear();
        attempted.Clear();
        serverErrors = new(StringComparer.Ordinal);
        step = KindStep;
        Revalidate();
    }

    private void Revalidate() => problems = form!.Validate(Clock.GetUtcNow(), Rules, isNew: !IsUpdate);

    /// <summary>The step on which a field is entered (a firmware deployment's first devices are asked with its type).</summary>
    private int StepOf(string field)
    {
        if (field == "kind")
        {
            return KindStep;
        }

        if (field == "type")
        {
            return TypeStep;
        }

        if (field is StartField or EndField)
        {
            return WindowStep;
        }

        var firmwareDevices = form?.Type == ChangeType.Firmware
            && (field == "deviceCombinations" || field.StartsWith("deviceCombinations[0]", StringComparison.Ordinal));
        return firmwareDevices ? TypeStep : DetailsStep;
    }

    private string? Error(string field) => VisibleErrors.TryGetValue(field, out var message) ? message : null;

    private bool ShowsError(int index) => VisibleErrors.Keys.Any(field => StepOf(field) == index);

    private bool IsComplete(int index) => index < step && !problems.Keys.Any(field => StepOf(field) == index);

    private void Edited(string root)
    {
        touched.Add(root);
        dirty = true;
        serverErrors = new(StringComparer.Ordinal);
        stale = null;
        refusal = null;
        Revalidate();
    }

    private void OnKindChanged(ChangeKind? kind)
    {
        form!.Kind = kind;
        Edited("kind");
    }

    private void OnTypeChanged(ChangeType? type)
    {
        form!.Type = type;
        Edited("type");
    }

    private static DateOnly? AsDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static TimeOnly? AsTime(string? value) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static string? DateText(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? TimeText(TimeOnly? value) => value?.ToString("HH:mm", CultureInfo.InvariantCulture);

    private void OnStartDateChanged(DateOnly? value)
    {
        var sameDay = form!.StartDate == form.EndDate;
        form.StartDate = DateText(value);
        if (string.IsNullOrEmpty(form.EndDate) || (sameDay && !touched.Contains(EndField)))
        {
            form.EndDate = form.StartDate;
        }

        Edited(StartField);
    }

    private void OnStartTimeChanged(TimeOnly? value)
    {
        form!.StartTime = TimeText(value);
        Edited(StartField);
    }

    private void OnEndDateChanged(DateOnly? value)
    {
        form!.EndDate = DateText(value);
        Edited(EndField);
    }

    private void OnEndTimeChanged(TimeOnly? value)
    {
        form!.EndTime = TimeText(value);
        Edited(EndField);
    }

    private void OnDescriptionChanged(string? value)
    {
        form!.Description = value;
        Edited("description");
    }

    private void OnCombinationChanged(int index)
    {
        touched.Add("deviceCombinations");
        Edited(string.Create(CultureInfo.InvariantCulture, $"deviceCombinations[{index}]"));
    }

    private void AddCombination()
    {
        form!.DeviceCombinations.Add(new DeviceCombinationForm());
        dirty = true;
        Revalidate();
    }

    private void RemoveCombination(int index)
    {
        form!.DeviceCombinations.RemoveAt(index);
        Edited("deviceCombinations");
    }

    /// <summary>Moves on only when every step up to this one is right; otherwise shows what to fix, where.</summary>
    private bool CanLeave(int upTo)
    {
        Revalidate();
        var blocking = VisibleAfterAttempt(upTo);
        if (blocking is null)
        {
            return true;
        }

        step = blocking.Value;
        return false;
    }

    private int? VisibleAfterAttempt(int upTo)
    {
        for (var i = 0; i <= upTo; i++)
        {
            attempted.Add(i);
        }

        var steps = problems.Keys.Select(StepOf).Where(s => s <= upTo).ToList();
        return steps.Count == 0 ? null : steps.Min();
    }

    private void Next()
    {
        if (CanLeave(step))
        {
            step++;
        }
    }

    private void Back()
    {
        if (step > 0)
        {
            step--;
        }
    }

    private void GoTo(int index) => step = index;

    private Task OnPreviewInteraction(StepperInteractionEventArgs args)
    {
        if (args.Action == StepAction.Activate && args.StepIndex > step && !CanLeave(args.StepIndex - 1))
        {
            args.Cancel = true;
        }

        return Task.CompletedTask;
    }

    private async Task SubmitAsync()
    {
        // A second click that reaches the circuit before the disabled button reaches the browser (a double click)
        // finds the first still submitting, or done: it must not notify the same change again.
        if (form is null || caller is null || submitting || done is not null || !CanLeave(ReviewStep))
        {
            return;
        }

        submitting = true;
        try
        {
            var input = form.ToInput();
            var outcome = IsUpdate
                ? await Service.UpdateAsync(caller, Reference!, revision, input, CancellationToken.None)
                : await Service.NotifyAsync(caller, input, CancellationToken.None);
            Show(outcome);
        }
        finally
        {
            submitting = false;
        }
    }

    private void Show(Outcome<ChangeResponse> outcome)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok or OutcomeKind.Created:
                done = outcome.Value;
                dirty = false;
                break;
            case OutcomeKind.Invalid:
                serverErrors = outcome.Errors!.ToDictionary().ToDictionary(e => form!.Position(e.Key), e => e.Value[0], StringComparer.Ordinal);
                step = serverErrors.Keys.Select(StepOf).DefaultIfEmpty(ReviewStep).Min();
                break;
            case OutcomeKind.Stale:
                stale = outcome.CurrentRevision;
                break;
            case OutcomeKind.NotFound:
                refusal = $"{Reference} is no longer there for you to update: it may have been disposed of. Nothing was saved.";
                break;
            default:
                refusal = outcome.Detail ?? "The change could not be saved: nothing was changed.";
                break;
        }
    }

    private IEnumerable<string> NextSteps(ChangeResponse change)
    {
        var range = change.RiskRange.Lowest == change.RiskRange.Highest
            ? $"{change.RiskRange.Lowest}"
            : $"{change.RiskRange.Lowest} to {change.RiskRange.Highest}";
        if (change.Status == ChangeStatus.AwaitingAssessment)
        {
            yield return $"A DCC Assessor judges how likely it is to disrupt the network; its risk will be {range}. Until then the heatmap counts it as {change.RiskRange.Lowest} and marks its days “may rise”.";
        }
        else
        {
            yield return $"Its assessment stands: {change.Risk}. Only a new type, window or devices sends it back to the DCC's queue.";
        }

        if (change.LateNotice)
        {
            yield return $"It gives {ChangeText.Plural(change.LeadTimeWorkingDays, "working day")} of notice, under the recommended {Rules.Methodology.NoticeWorkingDays}: it is accepted and flagged as late notice.";
        }

        if (change.Kind == ChangeKind.Unplanned && (change.Description is null || change.DeviceCombinations is not { Count: > 0 }))
        {
            yield return "Add the description and devices when you know them: open the change and choose Update.";
        }

        yield return "If anything changes, update it from its page: every update is kept as a revision the DCC can compare.";
    }

    private async Task OnBeforeInternalNavigationAsync(LocationChangingContext context)
    {
        if (!dirty)
        {
            return;
        }

        var leave = await Dialogs.ShowMessageBoxAsync(
            "Leave without submitting?",
            IsUpdate ? $"Your edits to {Reference} are not saved. Leave and discard them?" : "This change is not submitted yet. Leave and discard what you entered?",
            yesText: "Discard and leave",
            cancelText: "Stay");
        if (leave != true)
        {
            context.PreventNavigation();
        }
    }
}
