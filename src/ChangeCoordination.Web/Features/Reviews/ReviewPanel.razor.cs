using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace ChangeCoordination.Web.Features.Reviews;

public sealed partial class ReviewPanel
{
    private const string StartField = "actualStart";
    private const string EndField = "actualEnd";
    private const string NoteField = "note";

    private ReviewOutcome? outcome;
    private DateOnly? startDate;
    private TimeOnly? startTime;
    private DateOnly? endDate;
    private TimeOnly? endTime;
    private string? note;
    private bool editing;
    private bool busy;
    private string? message;
    private Dictionary<string, string> errors = [];
    private (string Reference, int Revision)? filledFrom;

    /// <summary>The change as its own organisation sees it (the page is for DCC Users of that organisation only).</summary>
    [Parameter, EditorRequired]
    public required ChangeResponse Change { get; set; }

    [Parameter, EditorRequired]
    public required Caller Caller { get; set; }

    /// <summary>Called with a line for the page to show once the review is saved; the page reloads the change.</summary>
    [Parameter]
    public EventCallback<string> OnRecorded { get; set; }

    [Inject]
    private ChangeService Service { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private bool Ended => Change.End <= Clock.GetUtcNow();

    private bool Reviewable => Ended && Change.Status is not (ChangeStatus.Cancelled or ChangeStatus.Archived);

    protected override void OnParametersSet()
    {
        // A new revision of the change (saved here, or read afresh) fills the form again from what it now holds.
        if (filledFrom != (Change.Reference, Change.Revision))
        {
            filledFrom = (Change.Reference, Change.Revision);
            editing = false;
            Fill();
        }
    }

    private void StartCorrecting()
    {
        Fill();
        editing = true;
    }

    private void Fill()
    {
        var review = Change.Review;
        outcome = review?.Outcome;
        var start = LondonTime.ToLondon(review is null ? Change.Start : review.ActualStart ?? Change.Start);
        var end = LondonTime.ToLondon(review is null ? Change.End : review.ActualEnd ?? Change.End);
        var withTimes = review is null || review.ActualStart is not null || review.ActualEnd is not null;
        startDate = withTimes ? DateOnly.FromDateTime(start.DateTime) : null;
        startTime = withTimes ? TimeOnly.FromDateTime(start.DateTime) : null;
        endDate = withTimes ? DateOnly.FromDateTime(end.DateTime) : null;
        endTime = withTimes ? TimeOnly.FromDateTime(end.DateTime) : null;
        note = review?.Note;
        errors = [];
        message = null;
    }

    private void OnOutcomeChanged(ReviewOutcome? value)
    {
        outcome = value;
        errors.Remove("outcome");
    }

    private string? ErrorOf(string field) => errors.GetValueOrDefault(field);

    private async Task SaveAsync()
    {
        errors = [];
        message = null;
        var notStarted = outcome == ReviewOutcome.NotStarted;
        var start = notStarted ? null : Instant(startDate, startTime, StartField, "start");
        var end = notStarted ? null : Instant(endDate, endTime, EndField, "end");
        if (outcome is null)
        {
            errors["outcome"] = "Choose what happened: one of the outcomes above.";
        }

        if (errors.Count > 0)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await Service.ReviewAsync(Caller, Change.Reference, Change.Revision, new ReviewInput(outcome.ToString(), start, end, note), CancellationToken.None);
            switch (result.Kind)
            {
                case OutcomeKind.Ok:
                    await OnRecorded.InvokeAsync($"{Change.Reference}: what happened is recorded ({ReviewText.Outcome(outcome!.Value).ToLowerInvariant()}).");
                    break;
                case OutcomeKind.Invalid:
                    errors = result.Errors!.ToDictionary().ToDictionary(e => e.Key, e => InWords(e.Value[0]));
                    break;
                case OutcomeKind.Stale:
                    message = $"Someone else changed {Change.Reference} while you were reading it (it is now at revision {result.CurrentRevision}). Nothing was saved: reload the page, check it, then record again.";
                    break;
                default:
                    message = result.Detail ?? "The review could not be saved: nothing was changed.";
                    break;
            }
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>An API message as the page says it: the fields by their labels, not the API's names.</summary>
    private static string InWords(string apiMessage)
    {
        var words = apiMessage
            .Replace("'actualStart'", "the actual start", StringComparison.Ordinal)
            .Replace("'actualEnd'", "the actual end", StringComparison.Ordinal)
            .Replace("'note'", "the note", StringComparison.Ordinal)
            .Replace("'outcome'", "the outcome", StringComparison.Ordinal);
        return string.Concat(char.ToUpperInvariant(words[0]).ToString(), words[1..]);
    }

    /// <summary>The pair of fields as the API's instant, or null when both are empty; half a pair is an error on its field.</summary>
    private string? Instant(DateOnly? date, TimeOnly? time, string field, string which)
    {
        if (date is { } d && time is { } t)
        {
            return LondonTime.At(d, t).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }

        if (date is not null || time is not null)
        {
            errors[field] = $"Give both the date and the time of the actual {which}, or leave both empty.";
        }

        return null;
    }
}
