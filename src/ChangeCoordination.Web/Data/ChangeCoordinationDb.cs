using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ChangeCoordination.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChangeCoordination.Web.Data;

/// <summary>
/// The product's database. On SQLite (the embedded default) this type itself; on PostgreSQL its
/// <see cref="PostgreSqlChangeCoordinationDb"/>, which carries that provider's own migrations. Everyone injects
/// <c>IDbContextFactory&lt;ChangeCoordinationDb&gt;</c> either way.
/// </summary>
public class ChangeCoordinationDb : DbContext, IDataProtectionKeyContext
{
    private readonly FieldProtection protection;

    public ChangeCoordinationDb(DbContextOptions<ChangeCoordinationDb> options, FieldProtection protection)
        : this((DbContextOptions)options, protection)
    {
    }

    /// <summary>For a provider's own context type (its options are typed for it).</summary>
    protected ChangeCoordinationDb(DbContextOptions options, FieldProtection protection)
        : base(options) => this.protection = protection;

    internal FieldProtection Protection => protection;

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Change> Changes => Set<Change>();

    public DbSet<ChangeRevision> ChangeRevisions => Set<ChangeRevision>();

    /// <summary>Tombstones of disposed changes: reference and disposal date only.</summary>
    public DbSet<DisposedChange> DisposedChanges => Set<DisposedChange>();

    public DbSet<InternalChange> InternalChanges => Set<InternalChange>();

    public DbSet<SupportPlan> SupportPlans => Set<SupportPlan>();

    public DbSet<SupportPlanLogEntry> SupportPlanLog => Set<SupportPlanLogEntry>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<BankHolidayOverrideRow> BankHolidayOverrides => Set<BankHolidayOverrideRow>();

    public DbSet<MethodologyVersion> MethodologyVersions => Set<MethodologyVersion>();

    public DbSet<MethodologyResponse> MethodologyResponses => Set<MethodologyResponse>();

    public DbSet<FreezeWindow> FreezeWindows => Set<FreezeWindow>();

    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutboxEmail> Outbox => Set<OutboxEmail>();

    public DbSet<ServiceRequestRow> ServiceRequests => Set<ServiceRequestRow>();

    public DbSet<VariantRuleRow> VariantRules => Set<VariantRuleRow>();

    public DbSet<VariantTable> VariantTables => Set<VariantTable>();

    public DbSet<OutageRow> Outages => Set<OutageRow>();

    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();

    /// <summary>The Data Protection key ring that encrypts the columns of <see cref="FieldProtection"/>.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    internal static JsonSerializerOptions ColumnJson { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChangeCoordinationDb).Assembly);
        new ChangeConfiguration(protection).Configure(modelBuilder.Entity<Change>());
        new ChangeReviewConfiguration(protection).Configure(modelBuilder.Entity<Change>());
        new ChangeRevisionConfiguration(protection).Configure(modelBuilder.Entity<ChangeRevision>());
        new MethodologyResponseConfiguration(protection).Configure(modelBuilder.Entity<MethodologyResponse>());
        new CalendarFeedConfiguration(protection).Configure(modelBuilder.Entity<CalendarFeed>());
    }

    /// <summary>Instants are stored as UTC ticks: comparable and sortable in SQL on every provider.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
