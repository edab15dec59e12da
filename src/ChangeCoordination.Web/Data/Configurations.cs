using System.Text.Json;
using ChangeCoordination.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChangeCoordination.Web.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.HasIndex(o => o.Name).IsUnique();
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.Property(p => p.Subject).HasMaxLength(200);
        builder.HasIndex(p => p.Subject).IsUnique();
    }
}

internal sealed class ChangeConfiguration : IEntityTypeConfiguration<Change>
{
    public void Configure(EntityTypeBuilder<Change> builder)
    {
        builder.Property(c => c.Reference).HasMaxLength(40);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasIndex(c => new { c.Start, c.End });
        builder.HasIndex(c => c.Status);
        builder.Property(c => c.Description).HasMaxLength(ChangeLimits.DescriptionMaxLength);
        builder.Property(c => c.AssessmentRationale).HasMaxLength(ChangeLimits.RationaleMaxLength);
        builder.Property(c => c.CancellationReason).HasMaxLength(ChangeLimits.RationaleMaxLength);
        builder.Property(c => c.AssessedBy).HasMaxLength(320);
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.Property(c => c.DeviceCombinations).HasConversion(
            v => JsonSerializer.Serialize(v, ChangeCoordinationDb.ColumnJson),
            v => JsonSerializer.Deserialize<List<DeviceCombination>>(v, ChangeCoordinationDb.ColumnJson) ?? new List<DeviceCombination>(),
            new ValueComparer<List<DeviceCombination>>(
                (a, b) => a!.SequenceEqual(b!, DeviceCombinationComparer.Instance),
                v => v.Count,
                v => v.ToList()));
        builder.HasMany(c => c.Revisions).WithOne().HasForeignKey(r => r.ChangeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChangeRevisionConfiguration : IEntityTypeConfiguration<ChangeRevision>
{
    public void Configure(EntityTypeBuilder<ChangeRevision> builder)
    {
        builder.HasIndex(r => new { r.ChangeId, r.Revision }).IsUnique();
        builder.Property(r => r.By).HasMaxLength(320);
    }
}

internal sealed class InternalChangeConfiguration : IEntityTypeConfiguration<InternalChange>
{
    public void Configure(EntityTypeBuilder<InternalChange> builder)
    {
        builder.Property(c => c.Reference).HasMaxLength(40);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasIndex(c => new { c.Start, c.End });
        builder.Property(c => c.Title).HasMaxLength(ChangeLimits.TitleMaxLength);
        builder.Property(c => c.UpdatedBy).HasMaxLength(320);
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.Property(c => c.Services).HasConversion(
            v => string.Join(',', v),
            v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<DccService>).ToList(),
            new ValueComparer<List<DccService>>(
                (a, b) => a!.SequenceEqual(b!),
                v => v.Count,
                v => v.ToList()));
    }
}

internal sealed class SupportPlanConfiguration : IEntityTypeConfiguration<SupportPlan>
{
    public void Configure(EntityTypeBuilder<SupportPlan> builder)
    {
        builder.HasIndex(p => p.Date).IsUnique();
        builder.Property(p => p.TocLead).HasMaxLength(200);
        builder.Property(p => p.MajorIncidentContact).HasMaxLength(200);
        builder.Property(p => p.AcknowledgedBy).HasMaxLength(320);
        builder.Property(p => p.StoodDownCause).HasMaxLength(200);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.HasMany(p => p.Log).WithOne().HasForeignKey(l => l.SupportPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupportPlanLogEntryConfiguration : IEntityTypeConfiguration<SupportPlanLogEntry>
{
    public void Configure(EntityTypeBuilder<SupportPlanLogEntry> builder)
    {
        builder.Property(l => l.By).HasMaxLength(320);
        builder.Property(l => l.Text).HasMaxLength(ChangeLimits.RationaleMaxLength);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.HasIndex(a => a.At);
        builder.Property(a => a.Actor).HasMaxLength(320);
        builder.Property(a => a.Action).HasMaxLength(60);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.Property(a => a.FromAddress).HasMaxLength(64);
    }

    /// <summary>
    /// The database itself refuses to change or delete an audit event. Created at every start (idempotently) rather
    /// than in a migration, so that regenerating the migrations can never drop them.
    /// </summary>
    public static async Task MakeAppendOnlyAsync(ChangeCoordinationDb db)
    {
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER IF NOT EXISTS AuditEvents_NoUpdate BEFORE UPDATE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: events cannot be changed.'); END;");
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER IF NOT EXISTS AuditEvents_NoDelete BEFORE DELETE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: events cannot be deleted.'); END;");
    }
}

internal sealed class BankHolidayOverrideConfiguration : IEntityTypeConfiguration<BankHolidayOverrideRow>
{
    public void Configure(EntityTypeBuilder<BankHolidayOverrideRow> builder)
    {
        builder.ToTable("BankHolidayOverrides");
        builder.HasKey(o => o.Date);
        builder.Property(o => o.Name).HasMaxLength(200);
    }
}

internal sealed class MethodologyVersionConfiguration : IEntityTypeConfiguration<MethodologyVersion>
{
    public void Configure(EntityTypeBuilder<MethodologyVersion> builder)
    {
        builder.HasKey(m => m.Version);
        builder.Property(m => m.Version).HasMaxLength(20);
    }
}

internal sealed class FreezeWindowConfiguration : IEntityTypeConfiguration<FreezeWindow>
{
    public void Configure(EntityTypeBuilder<FreezeWindow> builder)
    {
        builder.Property(f => f.Title).HasMaxLength(ChangeLimits.TitleMaxLength);
        builder.Property(f => f.CreatedBy).HasMaxLength(320);
        builder.HasIndex(f => new { f.From, f.To });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.Property(f => f.SecretHash).HasMaxLength(64);
        builder.HasIndex(f => f.SecretHash).IsUnique();
        builder.Property(f => f.Label).HasMaxLength(ChangeLimits.TitleMaxLength);
        builder.Property(f => f.CreatedBy).HasMaxLength(320);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(ChangeLimits.TitleMaxLength);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.HasIndex(k => k.SecretHash).IsUnique();
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.IssuedBy).HasMaxLength(320);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.RecipientEmail).HasMaxLength(320);
        builder.Property(n => n.Text).HasMaxLength(500);
        builder.Property(n => n.Link).HasMaxLength(200);
        builder.HasIndex(n => new { n.RecipientEmail, n.ReadAt });
    }
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(e => e.Recipient).HasMaxLength(320);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.Body).HasMaxLength(2000);
        builder.Property(e => e.LastError).HasMaxLength(500);
        builder.HasIndex(e => new { e.SentAt, e.NextAttemptAt });
    }
}

internal sealed class DeviceCombinationComparer : IEqualityComparer<DeviceCombination>
{
    public static DeviceCombinationComparer Instance { get; } = new();

    public bool Equals(DeviceCombination? x, DeviceCombination? y) =>
        x is not null && y is not null && x.Devices.SequenceEqual(y.Devices) && x.Smets == y.Smets
        && x.Manufacturer == y.Manufacturer && x.Model == y.Model && x.FirmwareVersion == y.FirmwareVersion;

    public int GetHashCode(DeviceCombination obj) => HashCode.Combine(obj.Smets, obj.Devices.Count, obj.Model);
}
