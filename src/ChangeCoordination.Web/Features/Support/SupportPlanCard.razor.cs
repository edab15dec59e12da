using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ChangeCoordination.Web.Features.Support;

/// <summary>One high-risk day's plan: why it is Red, its leads, the TOC's acknowledgement, the checklist and the log.</summary>
public sealed partial class SupportPlanCard
{
    private string? tocLead;
    private string? mimContact;
    private string? note;
    private string? message;
    private Severity severity = Severity.Info;
    private IDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    [Parameter, EditorRequired]
    public required SupportPlanView View { get; set; }

    [Parameter, EditorRequired]
    public required Caller Caller { get; set; }

    /// <summary>Raised after a write, so the list reloads (the plan feed also tells every other viewer).</summary>
    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject]
    private SupportPlanService Service { get; set; } = default!;

    private SupportPlanResponse Plan => View.Plan;

    private string Title => Plan.Date.ToString("dddd d MMMM yyyy", UkEnglish.Culture);

    private bool IsManager => Caller.Role == PartyRole.DccManager;

    private bool IsToc => Caller.Role == PartyRole.TocOperator;

    private bool CanTick => (IsManager || IsToc) && Plan.State != SupportPlanState.StoodDown;

    private string StateText => Plan.State switch
    {
        SupportPlanState.Unassigned => "Unassigned: no leads yet",
        SupportPlanState.Assigned => "Assigned: awaiting the TOC's acknowledgement",
        SupportPlanState.Acknowledged => $"Acknowledged by {Plan.AcknowledgedBy}",
        _ => $"Stood down {(Plan.StoodDownAt is { } at ? LondonTime.ToLondon(at).ToString("d MMM HH:mm", UkEnglish.Culture) : "")}",
    };

    protected override void OnParametersSet()
    {
        tocLead ??= Plan.TocLead;
        mimContact ??= Plan.MajorIncidentContact;
    }

    private string? Error(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private Task AssignAsync() => ShowAsync(Service.AssignAsync(Caller, Plan.Date, Plan.Revision, new AssignmentInput(tocLead, mimContact), CancellationToken.None), "Leads assigned.");

    private Task AcknowledgeAsync() => ShowAsync(Service.AcknowledgeAsync(Caller, Plan.Date, Plan.Revision, CancellationToken.None), "Plan acknowledged.");

    private Task TickAsync(ChecklistInput input) => ShowAsync(Service.SetChecklistAsync(Caller, Plan.Date, Plan.Revision, input, CancellationToken.None), null);

    private async Task AddNoteAsync()
    {
        await ShowAsync(Service.AddLogAsync(Caller, Plan.Date, new LogInput(note), CancellationToken.None), null);
        if (errors.Count == 0)
        {
            note = null;
        }
    }

    private async Task ShowAsync(Task<Outcome<SupportPlanResponse>> write, string? done)
    {
        var outcome = await write;
        errors = outcome.Errors?.ToDictionary() ?? new Dictionary<string, string[]>();
        (message, severity) = outcome.Kind switch
        {
            OutcomeKind.Ok => (done, Severity.Success),
            OutcomeKind.Stale => ("Someone else updated this plan a moment ago; nothing was saved. It has been reloaded: check it and try again.", Severity.Warning),
            OutcomeKind.Conflict => (outcome.Detail, Severity.Warning),
            OutcomeKind.Invalid => (null, Severity.Error),
            _ => ("This plan no longer exists.", Severity.Warning),
        };
        await OnChanged.InvokeAsync();
    }
}
