using System.Linq.Expressions;
using ChangeCoordination.Core;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Data;

namespace ChangeCoordination.Web.Features.Reviews;

/// <summary>When a change may be reviewed, what a review must hold, and which changes still await one.</summary>
public static class ReviewRules
{
    /// <summary>The API's word for the filter <c>?review=awaiting</c>.</summary>
    public const string AwaitingFilter = "awaiting";

    /// <summary>Ended by <paramref name="now"/>, neither cancelled nor archived, and not yet reviewed: SQL on every provider.</summary>
    public static Expression<Func<Change, bool>> Awaiting(DateTimeOffset now) =>
        c => c.End <= now && c.Status != ChangeStatus.Cancelled && c.ArchivedAt == null && c.Review == null;

    /// <summary>The same rule for a change as a caller sees it (a page's list already in memory).</summary>
    public static bool IsAwaiting(Features.Changes.ChangeResponse change, DateTimeOffset now) =>
        change.End <= now && change.Status is not (ChangeStatus.Cancelled or ChangeStatus.Archived) && change.Review is null;

    /// <summary>
    /// Went wrong (overran, partly done, rolled back, or tied to an incident), went right (reviewed otherwise), or
    /// unknown (neither reviewed nor tied): what the calibration and the assessor's advice count.
    /// </summary>
    public static bool? WentWrong(ReviewOutcome? outcome, bool tiedToIncident) =>
        tiedToIncident || outcome is ReviewOutcome.Overran or ReviewOutcome.PartlyDone or ReviewOutcome.RolledBack
            ? true
            : outcome is null ? null : false;

    /// <summary>Why the change cannot be reviewed now (a 409), or null when it can.</summary>
    public static string? Refusal(Change change, DateTimeOffset now) =>
        change.Status == ChangeStatus.Cancelled
            ? "A cancelled change has nothing to review: it never took place."
            : change.End > now
                ? "This change's window has not ended yet: record what happened once it has."
                : null;

    /// <summary>
    /// Validates the input into <paramref name="errors"/> and, when it is whole, records it as the change's review (a
    /// correction replaces the fields).
    /// </summary>
    public static void Record(Change change, ReviewInput input, string by, DateTimeOffset now, FieldErrors errors)
    {
        var outcome = InputParsing.Enum<ReviewOutcome>(input.Outcome, "outcome", errors);
        var start = OptionalInstant(input.ActualStart, "actualStart", now, errors);
        var end = OptionalInstant(input.ActualEnd, "actualEnd", now, errors);
        var note = InputParsing.Text(input.Note, "note", ChangeLimits.ReviewNoteMaxLength, errors);
        if (start is { } s && end is { } e && e <= s)
        {
            errors.Add("actualEnd", "'actualEnd' must be after 'actualStart': give when the work really finished, after it began.");
        }

        if (outcome == ReviewOutcome.NotStarted && (start is not null || end is not null))
        {
            errors.Add(start is not null ? "actualStart" : "actualEnd", "A change that did not start has no actual times: leave them out, or choose the outcome that happened.");
        }

        if (errors.Any)
        {
            return;
        }

        var review = change.Review ??= new ChangeReview();
        review.Outcome = outcome!.Value;
        review.ActualStart = start;
        review.ActualEnd = end;
        review.Note = note;
        review.ReviewedAt = now;
        review.ReviewedBy = by;
    }

    private static DateTimeOffset? OptionalInstant(string? value, string field, DateTimeOffset now, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var instant = InputParsing.Instant(value, field, errors);
        if (instant > now)
        {
            errors.Add(field, $"'{field}' is in the future: give the time it really happened, up to now.");
            return null;
        }

        return instant;
    }
}
