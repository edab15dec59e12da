using System.Text.Json;
using ChangeCoordination.Core;
using Microsoft.AspNetCore.DataProtection;
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
        builder.Property(p => p.Revision).IsConcurrencyToken();
    }
}

/// <summary>
/// Free text and device details encrypted at rest (<see cref="FieldProtection"/>): no SQL may filter on them. Applied
/// by the context with its keys, so not an <see cref="IEntityTypeConfiguration{TEntity}"/> found by scanning.
/// </summary>
internal sealed class ChangeConfiguration(FieldProtection protection)
{
    public void Configure(EntityTypeBuilder<Change> builder)
    {
        builder.Property(c => c.Reference).HasMaxLength(40);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasIndex(c => new { c.Start, c.End });
        builder.HasIndex(c => c.Status);
        builder.HasIndex(c => c.ArchivedAt);
        builder.Property(c => c.Description).HasConversion(protection.Converter(FieldProtection.ChangeDescription));
        builder.Property(c => c.AssessmentRationale).HasConversion(protection.Converter(FieldProtection.ChangeRationale));
        builder.Property(c => c.CancellationReason).HasConversion(protection.Converter(FieldProtection.ChangeCancellation));
        builder.Property(c => c.AssessedBy).HasMaxLength(320);
        builder.Property(c => c.Revision).IsConcurrencyToken();
        var devices = protection.For(FieldProtection.ChangeDevices);
        builder.Property(c => c.DeviceCombinations).HasConversion(
            v => devices.Protect(JsonSerializer.Serialize(v, ChangeCoordinationDb.ColumnJson)),
            v => DevicesFrom(FieldProtection.Unprotect(devices, v)),
            new ValueComparer<List<DeviceCombination>>(
                (a, b) => a!.SequenceEqual(b!, DeviceCombinationComparer.Instance),
                v => v.Count,
                v => v.ToList()));
        builder.HasMany(c => c.Revisions).WithOne().HasForeignKey(r => r.ChangeId).OnDelete(DeleteBehavior.Cascade);
    }

    /// <summary>Device details that cannot be decrypted read as none: they are details, and withheld like any other.</summary>
    private static List<DeviceCombination> DevicesFrom(string json) =>
        json == FieldProtection.Unreadable ? [] : JsonSerializer.Deserialize<List<DeviceCombination>>(json, ChangeCoordinationDb.ColumnJson) ?? [];
}

/// <summary>A revision's snapshot holds the change's details, so it is encrypted whole (applied by the context, as above).</summary>
internal sealed class ChangeRevisionConfiguration(FieldProtection protection)
{
    public void Configure(EntityTypeBuilder<ChangeRevision> builder)
    {
        builder.HasIndex(r => new { r.ChangeId, r.Revision }).IsUnique();
        builder.Property(r => r.By).HasMaxLength(320);
        builder.Property(r => r.SnapshotJson).HasConversion(protection.Converter(FieldProtection.RevisionSnapshot));
    }
}

internal sealed class DisposedChangeConfiguration : IEntityTypeConfiguration<DisposedChange>
{
    public void Configure(EntityTypeBuilder<DisposedChange> builder)
    {
        builder.HasKey(d => d.Reference);
        builder.Property(d => d.Reference).HasMaxLength(40);
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
        builder.Property(c => c.Services).HasServiceListConversion();
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
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The audit log is append-only: events cannot be %.',
                        CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END;
                END $$;
                CREATE OR REPLACE TRIGGER "AuditEvents_NoUpdate" BEFORE UPDATE ON "AuditEvents"
                    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
                CREATE OR REPLACE TRIGGER "AuditEvents_NoDelete" BEFORE DELETE ON "AuditEvents"
                    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
                CREATE OR REPLACE TRIGGER "AuditEvents_NoTruncate" BEFORE TRUNCATE ON "AuditEvents"
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
                """);
            return;
        }

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
        builder.Property(m => m.Version).HasMaxLength(20);
        builder.HasIndex(m => m.Version).IsUnique();
        builder.Property(m => m.Summary).HasMaxLength(MethodologyLimits.SummaryMaxLength);
        builder.Property(m => m.PanelDecision).HasMaxLength(MethodologyLimits.PanelDecisionMaxLength);
        builder.Property(m => m.DraftedBy).HasMaxLength(320);
        builder.Property(m => m.ConsultationOpenedBy).HasMaxLength(320);
        builder.Property(m => m.ApprovedBy).HasMaxLength(320);
        builder.Property(m => m.WithdrawnBy).HasMaxLength(320);
        builder.Property(m => m.Revision).IsConcurrencyToken();
        builder.HasMany(m => m.Responses).WithOne().HasForeignKey(r => r.MethodologyVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A consultation response is a DCC User's text, encrypted at rest like a description (applied by the context).</summary>
internal sealed class MethodologyResponseConfiguration(FieldProtection protection)
{
    public void Configure(EntityTypeBuilder<MethodologyResponse> builder)
    {
        builder.Property(r => r.Text).HasConversion(protection.Converter(FieldProtection.ConsultationResponse));
        builder.Property(r => r.RespondedBy).HasMaxLength(320);
        builder.HasIndex(r => new { r.MethodologyVersionId, r.OrganisationId }).IsUnique();
        builder.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
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

/// <summary>A feed's label is its owner's own text (a DCC User's, for an organisation's feed): encrypted at rest (applied by the context).</summary>
internal sealed class CalendarFeedConfiguration(FieldProtection protection)
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.Property(f => f.SecretHash).HasMaxLength(64);
        builder.HasIndex(f => f.SecretHash).IsUnique();
        builder.Property(f => f.Label).HasConversion(protection.Converter(FieldProtection.FeedLabel));
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

internal sealed class ServiceRequestRowConfiguration : IEntityTypeConfiguration<ServiceRequestRow>
{
    public void Configure(EntityTypeBuilder<ServiceRequestRow> builder)
    {
        builder.Property(r => r.RequestId).HasMaxLength(64);
        builder.HasIndex(r => r.RequestId).IsUnique();
        builder.HasIndex(r => r.Received);
        builder.Property(r => r.Srv).HasMaxLength(VariantLimits.SrvMaxLength);
        builder.Property(r => r.OutcomeCode).HasMaxLength(16);
        builder.Property(r => r.AlertCode).HasMaxLength(16);
    }
}

internal sealed class OutageRowConfiguration : IEntityTypeConfiguration<OutageRow>
{
    public void Configure(EntityTypeBuilder<OutageRow> builder)
    {
        builder.Property(o => o.Reference).HasMaxLength(40);
        builder.HasIndex(o => o.Reference).IsUnique();
        builder.HasIndex(o => new { o.Start, o.End });
        builder.Property(o => o.SubSystem).HasMaxLength(100);
        builder.Property(o => o.Services).HasServiceListConversion();
    }
}

internal sealed class IncidentRowConfiguration : IEntityTypeConfiguration<IncidentRow>
{
    public void Configure(EntityTypeBuilder<IncidentRow> builder)
    {
        builder.Property(i => i.Reference).HasMaxLength(40);
        builder.HasIndex(i => i.Reference).IsUnique();
        builder.HasIndex(i => i.Opened);
        builder.Property(i => i.Summary).HasMaxLength(200);
        builder.Property(i => i.LinksRevision).IsConcurrencyToken();
    }
}

internal static class ServiceListConversion
{
    /// <summary>A list of DCC services stored as one comma-separated column, compared by its items.</summary>
    public static PropertyBuilder<List<DccService>> HasServiceListConversion(this PropertyBuilder<List<DccService>> property) =>
        property.HasConversion(
            v => string.Join(',', v),
            v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<DccService>).ToList(),
            new ValueComparer<List<DccService>>(
                (a, b) => a!.SequenceEqual(b!),
                v => v.Count,
                v => v.ToList()));
}

internal sealed class VariantRuleRowConfiguration : IEntityTypeConfiguration<VariantRuleRow>
{
    public void Configure(EntityTypeBuilder<VariantRuleRow> builder)
    {
        builder.HasKey(v => v.Srv);
        builder.Property(v => v.Srv).HasMaxLength(VariantLimits.SrvMaxLength);
        builder.Property(v => v.Name).HasMaxLength(VariantLimits.NameMaxLength);
    }
}

internal sealed class VariantTableConfiguration : IEntityTypeConfiguration<VariantTable>
{
    public void Configure(EntityTypeBuilder<VariantTable> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Revision).IsConcurrencyToken();
        builder.Property(t => t.UpdatedBy).HasMaxLength(320);
    }
}
