using ChangeCoordination.Core;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ChangeCoordination.Web.Features.Changes;

/// <summary>One of the caller's organisation's changes: its fields, its assessment, every revision with what changed, and its actions.</summary>
public sealed partial class ChangeDetailPage
{
    private ChangeResponse? change;
    private List<RevisionResponse> revisions = [];
    private Caller? caller;
    private bool loaded;
    private DateTimeOffset? disposedAt;
    private bool cancelling;
    private bool busy;
    private string? reason;
    private string? reasonError;
    private string? message;
    private Severity messageSeverity = Severity.Info;

    [Parameter, EditorRequired]
    public required string Reference { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ClientAddress ClientAddress { get; set; } = default!;

    [Inject]
    private ChangeService Service { get; set; } = default!;

    private RevisionResponse? LastAssessment => revisions.LastOrDefault(r => r.Action == nameof(RevisionAction.Assessed));

    protected override async Task OnParametersSetAsync()
    {
        caller ??= Caller.From((await AuthenticationState).User, ClientAddress.Value);
        message = null;
        cancelling = false;
        await LoadAsync();
    }

    private static string ActionWords(string action) => action switch
    {
        nameof(RevisionAction.Notified) => "notified",
        nameof(RevisionAction.Updated) => "updated",
        nameof(RevisionAction.Assessed) => "assessed by the DCC",
        nameof(RevisionAction.Cancelled) => "cancelled",
        nameof(RevisionAction.Reviewed) => "reviewed: what happened recorded",
        _ => action.ToLowerInvariant(),
    };

    private async Task LoadAsync()
    {
        if (caller is null)
        {
            return;
        }

        change = await Service.GetAsync(caller, Reference, CancellationToken.None);
        revisions = change is null ? [] : [.. await Service.RevisionsAsync(caller, Reference, CancellationToken.None) ?? []];
        disposedAt = change is null ? await Service.DisposedAtAsync(Reference, CancellationToken.None) : null;
        loaded = true;
    }

    private async Task CancelAsync()
    {
        if (caller is null || change is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            reasonError = "Say why it is cancelled: one sentence is enough.";
            return;
        }

        busy = true;
        try
        {
            var outcome = await Service.CancelAsync(caller, Reference, change.Revision, new CancellationInput(reason), CancellationToken.None);
            reasonError = null;
            switch (outcome.Kind)
            {
                case OutcomeKind.Ok:
                    cancelling = false;
                    await LoadAsync();
                    Say(Severity.Success, $"{Reference} is cancelled: it no longer counts on the heatmap.");
                    break;
                case OutcomeKind.Invalid:
                    reasonError = outcome.Errors!.ToDictionary().TryGetValue("reason", out var problems) ? problems[0] : "Check the reason.";
                    break;
                case OutcomeKind.Stale:
                    await LoadAsync();
                    Say(Severity.Error, $"Someone else updated {Reference} while you were reading it (it is now at revision {outcome.CurrentRevision}). Nothing was cancelled: check the change below, then cancel again if you still mean to.");
                    break;
                default:
                    Say(Severity.Error, outcome.Detail ?? "The change could not be cancelled: nothing was changed.");
                    break;
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task OnReviewedAsync(string text)
    {
        await LoadAsync();
        Say(Severity.Success, text);
    }

    private void Say(Severity severity, string text)
    {
        messageSeverity = severity;
        message = text;
    }
}
