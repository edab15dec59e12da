using ChangeCoordination.Core.Calendar;

namespace ChangeCoordination.Web.Features.Reviews;

/// <summary>The body of <c>PUT /api/v1/changes/{reference}/review</c>. Strings, so that every bad value gets a message naming its field.</summary>
public sealed record ReviewInput(string? Outcome, string? ActualStart, string? ActualEnd, string? Note);

/// <summary>A change's review as a caller sees it: the note only for those who see the change's details.</summary>
public sealed record ReviewResponse(
    ReviewOutcome Outcome,
    DateTimeOffset? ActualStart,
    DateTimeOffset? ActualEnd,
    string? Note,
    DateTimeOffset ReviewedAt,
    string ReviewedBy)
{
    public static ReviewResponse? From(ChangeReview? review, bool details) =>
        review is null
            ? null
            : new ReviewResponse(
                review.Outcome,
                review.ActualStart is { } start ? LondonTime.ToLondon(start) : null,
                review.ActualEnd is { } end ? LondonTime.ToLondon(end) : null,
                details ? review.Note : null,
                LondonTime.ToLondon(review.ReviewedAt),
                review.ReviewedBy);
}

/// <summary>One organisation's count of ended changes still awaiting their review.</summary>
public sealed record AwaitingReviewCount(string Organisation, int Changes);
