using ChangeCoordination.Web.Features.Changes;

namespace ChangeCoordination.Web.Features.Reviews;

/// <summary>A review in words, as people read it.</summary>
public static class ReviewText
{
    public static string Outcome(ReviewOutcome outcome) => outcome switch
    {
        ReviewOutcome.AsPlanned => "As planned",
        ReviewOutcome.Overran => "Overran",
        ReviewOutcome.PartlyDone => "Partly done",
        ReviewOutcome.RolledBack => "Rolled back",
        ReviewOutcome.NotStarted => "Not started",
        _ => outcome.ToString(),
    };

    /// <summary>What each outcome means, to choose between them.</summary>
    public static string WhenToChoose(ReviewOutcome outcome) => outcome switch
    {
        ReviewOutcome.AsPlanned => "Done in full, inside the window.",
        ReviewOutcome.Overran => "Done, but it ran past the end of the window.",
        ReviewOutcome.PartlyDone => "Some of the work was done; the rest is still to do.",
        ReviewOutcome.RolledBack => "Started, then undone: the systems are as they were.",
        ReviewOutcome.NotStarted => "The work never began.",
        _ => "",
    };

    /// <summary>"Overran · 20:00 to 23:40 GMT · the note", for one line of a revision's differences.</summary>
    public static string Summary(ReviewResponse review) =>
        string.Join(" · ", new[] { Outcome(review.Outcome), Actual(review), review.Note }.Where(part => !string.IsNullOrEmpty(part)));

    /// <summary>The actual times in words, as far as they were given; empty when neither was.</summary>
    public static string Actual(ReviewResponse review) => (review.ActualStart, review.ActualEnd) switch
    {
        ({ } start, { } end) => ChangeText.Window(start, end),
        ({ } start, null) => $"began {ChangeText.Instant(start)}",
        (null, { } end) => $"ended {ChangeText.Instant(end)}",
        _ => "",
    };
}
