using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChangeCoordination.Web.Features.Reviews;

/// <summary>What happened to a change, as its organisation recorded it after the window ended.</summary>
public enum ReviewOutcome { AsPlanned, Overran, PartlyDone, RolledBack, NotStarted }

/// <summary>
/// The post-implementation review of one change: owned by the change (no review without its change, one per change),
/// so the change's revision guards it, a revision's snapshot carries it and disposal takes it with the change.
/// </summary>
public sealed class ChangeReview
{
    public ReviewOutcome Outcome { get; set; }

    public DateTimeOffset? ActualStart { get; set; }

    public DateTimeOffset? ActualEnd { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset ReviewedAt { get; set; }

    public string ReviewedBy { get; set; } = "";
}

/// <summary>
/// Stored in a table of its own keyed by the change, so the Changes table (and every earlier answer built from it) is
/// untouched; the note is the User's text, encrypted at rest like a description. Applied by the context with its keys.
/// </summary>
internal sealed class ChangeReviewConfiguration(FieldProtection protection)
{
    public void Configure(EntityTypeBuilder<Change> builder) =>
        builder.OwnsOne(c => c.Review, review =>
        {
            review.ToTable("ChangeReviews");
            review.WithOwner().HasForeignKey("ChangeId");
            review.HasKey("ChangeId");
            review.Property(r => r.Note).HasConversion(protection.Converter(FieldProtection.ReviewNote));
            review.Property(r => r.ReviewedBy).HasMaxLength(320);
        });
}
