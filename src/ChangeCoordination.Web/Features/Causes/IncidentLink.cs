using ChangeCoordination.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChangeCoordination.Web.Features.Causes;

/// <summary>What a change had to do with an incident, as DCC staff judged it.</summary>
public enum IncidentRole { Caused, Contributed }

/// <summary>
/// A DCC User's change tied to an imported incident by DCC staff: the product suggests candidates and never links by
/// itself. Removed with the change (disposal) or the incident.
/// </summary>
public sealed class IncidentLink
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public IncidentRow? Incident { get; set; }

    public long ChangeId { get; set; }

    public Change? Change { get; set; }

    public IncidentRole Role { get; set; }

    public required string LinkedBy { get; set; }

    public DateTimeOffset LinkedAt { get; set; }
}

internal sealed class IncidentLinkConfiguration : IEntityTypeConfiguration<IncidentLink>
{
    public void Configure(EntityTypeBuilder<IncidentLink> builder)
    {
        builder.ToTable("IncidentLinks");
        builder.HasOne(l => l.Incident).WithMany().HasForeignKey(l => l.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Change).WithMany().HasForeignKey(l => l.ChangeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.IncidentId, l.ChangeId }).IsUnique();
        builder.HasIndex(l => l.ChangeId);
        builder.Property(l => l.LinkedBy).HasMaxLength(320);
    }
}
