using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace ChangeCoordination.Web.Features.Assessment;

/// <summary>
/// The assessor's queue: two panes, keyboard first (J/K to move, 1/2/3 to choose, Enter to confirm), the effect
/// on each day shown before confirming, and a stale revision refused rather than overwritten.
/// </summary>
public sealed partial class AssessPage : IDisposable
{
    private static readonly (string Key, Probability Probability)[] Choices =
    [
        ("1", Probability.Unlikely), ("2", Probability.Likely), ("3", Probability.HighlyLikely),
    ];

    private static readonly Dictionary<Probability, string> StandardRationale = new()
    {
        [Probability.Unlikely] = "Routine change with a tested back-out plan; no sign it will disturb DCC traffic.",
        [Probability.Likely] = "Similar changes have caused queueing or failures before; disruption is likely.",
        [Probability.HighlyLikely] = "Large or peak-time change without phasing; disruption is highly likely.",
    };

    private List<ChangeResponse> queue = [];

    /// <summary>The advice on each queued change, for the revision it was made for: a push reloads the queue, not the history.</summary>
    private Dictionary<string, (int Revision, AssessmentAdvice Advice)> advice = [];
    private List<ChangeResponse> visible = [];
    private int firstEnded;
    private int selectedIndex;
    private Probability? chosen;
    private AssessmentPreview? preview;
    private ChangeContext? context;
    private string? rationale;
    private string? rationaleError;
    private string? message;
    private Severity messageSeverity = Severity.Info;
    private string? search;
    private string? organisationFilter;
    private ChangeType? typeFilter;
    private DateOnly? weekFilter;
    private readonly HashSet<string> ticked = [];
    private bool busy;
    private Caller caller = default!;
    private ElementReference desk;
    private IDisposable? subscription;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ClientAddress ClientAddress { get; set; } = default!;

    [Inject]
    private ChangeService Changes { get; set; } = default!;

    [Inject]
    private AssessmentDesk Desk { get; set; } = default!;

    [Inject]
    private AssessmentAdvisor Advisor { get; set; } = default!;

    [Inject]
    private DayStatusFeed Feed { get; set; } = default!;

    [Inject]
    private RuleBook Rules { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The rows of the live queue and of the changes to assess after the event, as index ranges into <see cref="visible"/>; empty groups left out.</summary>
    private IEnumerable<(int From, int To, bool Ended)> Groups =>
        new[] { (From: 0, To: firstEnded, Ended: false), (From: firstEnded, To: visible.Count, Ended: true) }.Where(g => g.To > g.From);

    private string CountText =>
        ChangeText.Plural(visible.Count, "change") + " awaiting assessment" + (firstEnded == visible.Count
            ? ", soonest start first"
            : $": {firstEnded} in the live queue, soonest start first; {visible.Count - firstEnded} to assess after the event");

    private ChangeResponse? Selected => selectedIndex >= 0 && selectedIndex < visible.Count ? visible[selectedIndex] : null;

    private AssessmentAdvice? Advised => Selected is { } change ? AdviceFor(change.Reference) : null;

    public void Dispose() => subscription?.Dispose();

    protected override async Task OnInitializedAsync()
    {
        caller = Caller.From((await AuthenticationState).User, ClientAddress.Value)!;
        await LoadQueueAsync(keep: null);
        subscription = Feed.Subscribe(OnFeedAsync);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            await desk.FocusAsync();
        }
    }

    private string Age(ChangeResponse change)
    {
        var age = Clock.GetUtcNow() - change.UpdatedAt;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays} d" : age.TotalHours >= 1 ? $"{(int)age.TotalHours} h" : $"{Math.Max(0, (int)age.TotalMinutes)} min";
    }

    private async Task LoadQueueAsync(string? keep)
    {
        queue = [.. await Changes.QueueAsync(caller, CancellationToken.None)];
        await AdviseAsync();
        ApplyFilterOnly();
        var index = keep is null ? -1 : visible.FindIndex(c => c.Reference == keep);
        await SelectAsync(index >= 0 ? index : Math.Clamp(selectedIndex, 0, Math.Max(0, visible.Count - 1)));
    }

    /// <summary>Advises on the queued changes new to the page or changed since it advised on them; the rest keep theirs.</summary>
    private async Task AdviseAsync()
    {
        var stale = queue.Where(c => advice.GetValueOrDefault(c.Reference).Revision != c.Revision).ToDictionary(c => c.Reference, c => c.Revision);
        var fresh = stale.Count == 0 ? new Dictionary<string, AssessmentAdvice>() : await Advisor.AdviseAsync(stale.Keys, CancellationToken.None);
        var queued = queue.Select(c => c.Reference).ToHashSet();
        advice = advice.Where(a => queued.Contains(a.Key) && !stale.ContainsKey(a.Key))
            .Concat(fresh.Select(f => KeyValuePair.Create(f.Key, (stale[f.Key], f.Value))))
            .ToDictionary();
    }

    private AssessmentAdvice? AdviceFor(string reference) => advice.TryGetValue(reference, out var held) ? held.Advice : null;

    /// <summary>The day the change began, "20/11/26"; its whole window is the cell's title.</summary>
    private static string EvidenceDate(AdviceEvidence past) => LondonTime.DateOf(past.Start).ToString("dd/MM/yy", UkEnglish.Culture);

    /// <summary>"Overran · INC-0042", or "As planned"; went-wrong rows say so in words as well as by their mark.</summary>
    private static string WhatHappened(AdviceEvidence past)
    {
        var parts = new List<string>();
        if (past.Outcome is { } outcome)
        {
            parts.Add(Reviews.ReviewText.Outcome(outcome));
        }

        if (past.Incidents.Count > 0)
        {
            parts.Add("tied to " + string.Join(", ", past.Incidents));
        }

        return (past.WentWrong ? "✗ " : "✓ ") + string.Join(" · ", parts);
    }

    private static DateOnly WeekOf(DateTimeOffset instant) => Weeks.MondayOf(LondonTime.DateOf(instant));

    /// <summary>
    /// The changes that pass the filters: first those whose window is still to come or under way, soonest start first
    /// (the queue arrives in that order), then those whose window has ended, earliest end first, to assess after the event.
    /// </summary>
    private void ApplyFilterOnly()
    {
        var now = Clock.GetUtcNow();
        var matching = queue.Where(c =>
            (string.IsNullOrWhiteSpace(search) || $"{c.Reference} {c.Organisation} {ChangeText.Type(c.Type)}".Contains(search.Trim(), StringComparison.OrdinalIgnoreCase))
            && (organisationFilter is null || c.Organisation == organisationFilter)
            && (typeFilter is null || c.Type == typeFilter)
            && (weekFilter is null || WeekOf(c.Start) == weekFilter)).ToList();
        var live = matching.Where(c => c.End > now).ToList();
        firstEnded = live.Count;
        visible = [.. live, .. matching.Where(c => c.End <= now).OrderBy(c => c.End)];
        ticked.IntersectWith(visible.Select(c => c.Reference));
    }

    private void Tick(string reference)
    {
        if (!ticked.Remove(reference))
        {
            ticked.Add(reference);
        }
    }

    /// <summary>Assesses every ticked change with one probability and its standard rationale; a stale one is left in the queue and named.</summary>
    private async Task BulkAssessAsync(Probability probability)
    {
        busy = true;
        try
        {
            var done = new List<string>();
            var refused = new List<string>();
            foreach (var change in visible.Where(c => ticked.Contains(c.Reference)).ToList())
            {
                var outcome = await Desk.AssessAsync(caller, change.Reference, change.Revision, new AssessmentInput(probability.ToString(), StandardRationale[probability]), CancellationToken.None);
                (outcome.Kind == OutcomeKind.Ok ? done : refused).Add(change.Reference);
            }

            ticked.Clear();
            message = $"{ChangeText.Plural(done.Count, "change")} assessed {ChangeText.Probability(probability)}." + (refused.Count == 0 ? "" : $" Not saved, because someone changed them meanwhile: {string.Join(", ", refused)}. Check them again.");
            messageSeverity = refused.Count == 0 ? Severity.Success : Severity.Warning;
            await LoadQueueAsync(null);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ApplyFilter()
    {
        var keep = Selected?.Reference;
        ApplyFilterOnly();
        var index = keep is null ? 0 : Math.Max(0, visible.FindIndex(c => c.Reference == keep));
        await SelectAsync(index);
    }

    private async Task SelectAsync(int index)
    {
        var previous = Selected?.Reference;
        selectedIndex = visible.Count == 0 ? 0 : Math.Clamp(index, 0, visible.Count - 1);
        if (Selected is not { } change)
        {
            context = null;
            return;
        }

        if (change.Reference != previous)
        {
            chosen = null;
            preview = null;
            rationale = null;
            rationaleError = null;
        }

        context = await Desk.ContextAsync(caller, change, CancellationToken.None);
    }

    /// <summary>Opens a row from its button and gives the keys back to the desk, so J/K, 1/2/3 and Enter go on working.</summary>
    private async Task OpenAsync(int index)
    {
        await SelectAsync(index);
        await desk.FocusAsync();
    }

    private async Task ChooseAsync(Probability probability)
    {
        if (Selected is not { } change)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(rationale) || StandardRationale.ContainsValue(rationale))
        {
            rationale = StandardRationale[probability];
        }

        chosen = probability;
        rationaleError = null;
        preview = await Desk.PreviewAsync(change.Reference, probability, CancellationToken.None);
    }

    private async Task ConfirmAsync()
    {
        if (Selected is not { } change || chosen is not { } probability || busy)
        {
            return;
        }

        busy = true;
        try
        {
            var advised = Advised?.Suggested;
            var outcome = await Desk.AssessAsync(caller, change.Reference, change.Revision, new AssessmentInput(probability.ToString(), rationale), CancellationToken.None);
            switch (outcome.Kind)
            {
                case OutcomeKind.Ok:
                    message = $"{change.Reference} assessed {ChangeText.Probability(probability)}: {outcome.Value!.Risk}."
                        + (advised is { } suggested && suggested != probability ? $" Recorded as against the advice ({ChangeText.Probability(suggested)})." : "");
                    messageSeverity = Severity.Success;
                    queue.RemoveAll(c => c.Reference == change.Reference);
                    ApplyFilterOnly();
                    await SelectAsync(selectedIndex);
                    await desk.FocusAsync();
                    break;
                case OutcomeKind.Invalid:
                    rationaleError = outcome.Errors!.ToDictionary().TryGetValue("rationale", out var errors) ? errors[0] : null;
                    message = rationaleError is null ? "The assessment was not saved: " + string.Join(" ", outcome.Errors.ToDictionary().SelectMany(e => e.Value)) : null;
                    messageSeverity = Severity.Error;
                    break;
                case OutcomeKind.Stale:
                    message = $"{change.Reference} was changed by someone else while you looked at it (now revision {outcome.CurrentRevision}); nothing was saved. It has been reloaded: check it and assess again.";
                    messageSeverity = Severity.Warning;
                    await LoadQueueAsync(change.Reference);
                    break;
                default:
                    message = $"{change.Reference} can no longer be assessed: {outcome.Detail ?? "it is not in the queue any more"}.";
                    messageSeverity = Severity.Warning;
                    await LoadQueueAsync(null);
                    break;
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "j" or "J" or "ArrowDown":
                await SelectAsync(selectedIndex + 1);
                break;
            case "k" or "K" or "ArrowUp":
                await SelectAsync(selectedIndex - 1);
                break;
            case "1" or "2" or "3":
                await ChooseAsync(Choices[e.Key[0] - '1'].Probability);
                break;
            case "Enter":
                await ConfirmAsync();
                break;
            case "x" or "X" when Selected is { } change:
                Tick(change.Reference);
                break;
        }
    }

    private async Task OnRationaleKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && !e.ShiftKey)
        {
            await ConfirmAsync();
        }
    }

    private async Task OnFeedAsync(IReadOnlyList<DayStatusChange> changes) =>
        await InvokeAsync(async () =>
        {
            try
            {
                await LoadQueueAsync(Selected?.Reference);
                StateHasChanged();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                await DispatchExceptionAsync(exception);
            }
        });
}
