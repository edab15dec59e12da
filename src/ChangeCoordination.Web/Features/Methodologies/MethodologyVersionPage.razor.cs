using System.Globalization;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Components.Forms;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ChangeCoordination.Web.Features.Methodologies;

/// <summary>
/// One methodology version: its values against the version in force, its history, and the next step for whoever
/// may take it (the Site Owner: consultation, approval, withdrawal; a DCC User: its organisation's response).
/// </summary>
public sealed partial class MethodologyVersionPage
{
    private MethodologyVersionResponse? version;
    private IReadOnlyList<ConsultationResponse> responses = [];
    private Methodology inForce = Methodology.Default;
    private Caller? caller;
    private DateOnly today;
    private bool busy;
    private string? message;
    private Severity messageSeverity = Severity.Success;
    private string? panelDecision;
    private DateOnly? effectiveFrom;
    private string? responseText;
    private IDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    [Parameter]
    public required string Version { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ClientAddress ClientAddress { get; set; } = default!;

    [Inject]
    private MethodologyService Service { get; set; } = default!;

    [Inject]
    private RuleBook Rules { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private bool IsOwner => caller?.Role == PartyRole.SiteOwner;

    protected override async Task OnParametersSetAsync()
    {
        caller = Caller.From((await AuthenticationState).User, ClientAddress.Value);
        await LoadAsync();
        responseText ??= responses is [var own, ..] && caller?.IsDccUser == true ? own.Text : null;
    }

    private async Task LoadAsync()
    {
        today = LondonTime.DateOf(Clock.GetUtcNow());
        inForce = Rules.Methodology;
        version = caller is null ? null : await Service.GetAsync(caller, Version, CancellationToken.None);
        responses = version is null || caller is null ? [] : await Service.ResponsesAsync(caller, Version, CancellationToken.None) ?? [];
    }

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var messages) ? UkDates.Reworded(string.Join(" ", messages)) : null;

    private Task OpenConsultationAsync() => StepAsync(
        () => Service.OpenConsultationAsync(caller!, Version, version!.Revision, CancellationToken.None),
        "The version is open for consultation: DCC Users can read it and respond.");

    private Task WithdrawAsync() => StepAsync(
        () => Service.WithdrawAsync(caller!, Version, version!.Revision, CancellationToken.None),
        "The version is withdrawn.");

    private Task ApproveAsync() => StepAsync(
        () => Service.ApproveAsync(caller!, Version, version!.Revision, new MethodologyApprovalInput(panelDecision, effectiveFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), CancellationToken.None),
        "The Panel's approval is recorded: the version takes force at midnight on its effective date.");

    private async Task RespondAsync()
    {
        busy = true;
        try
        {
            var outcome = await Service.RespondAsync(caller!, Version, new ConsultationResponseInput(responseText), CancellationToken.None);
            Show(outcome.Kind, outcome.Errors, outcome.Detail, outcome.Kind == OutcomeKind.Created ? "Your organisation's response is sent to the DCC." : "Your organisation's response is replaced.");
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task StepAsync(Func<Task<Outcome<MethodologyVersionResponse>>> step, string done)
    {
        busy = true;
        try
        {
            var outcome = await step();
            Show(outcome.Kind, outcome.Errors, outcome.Detail, done);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private void Show(OutcomeKind kind, FieldErrors? fieldErrors, string? detail, string done)
    {
        errors = fieldErrors?.ToDictionary() ?? new Dictionary<string, string[]>();
        (message, messageSeverity) = kind switch
        {
            OutcomeKind.Ok or OutcomeKind.Created => (done, Severity.Success),
            OutcomeKind.Invalid => ("Nothing was changed: correct the fields marked below.", Severity.Error),
            OutcomeKind.Stale => ("Someone changed this version since you opened it: it is shown as it stands now; try again.", Severity.Warning),
            _ => (detail ?? "Nothing was changed.", Severity.Warning),
        };
    }
}
