using System.Diagnostics;
using System.ComponentModel.DataAnnotations;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Calendar;
using ChangeCoordination.Core.Heatmap;
using ChangeCoordination.Web.Demo;
using ChangeCoordination.Web.Features.Access;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Features.Freeze;
using ChangeCoordination.Web.Features.Methodologies;
using ChangeCoordination.Web.Features.Operations;
using ChangeCoordination.Web.Features.Support;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Data;

public enum DatabaseProvider { Sqlite, PostgreSQL }

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseSettings
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The section as set, or a start refused with a message that names the setting and its values.</summary>
    public static DatabaseSettings Read(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(provider))
        {
            return new DatabaseSettings();
        }

        return Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? new DatabaseSettings { Provider = parsed }
            : throw new OptionsValidationException("Database:Provider", typeof(DatabaseSettings), [
                $"Database:Provider is {string.Join(" or ", Enum.GetNames<DatabaseProvider>())}; '{provider}' is neither."]);
    }
}

/// <summary>The <c>Demo</c> configuration section.</summary>
public sealed class DemoSettings
{
    /// <summary>Fill an empty database with a realistic demo year.</summary>
    public bool SeedData { get; set; }

    /// <summary>The random seed of the demo data: the same seed and day give the same data.</summary>
    [Range(0, int.MaxValue)]
    public int Seed { get; set; } = 2026;

    /// <summary>The random seed of the demo's operational month (service requests, outages, incidents).</summary>
    [Range(0, int.MaxValue)]
    public int OperationsSeed { get; set; } = 122;
}

public static partial class DataExtensions
{
    public const string ConnectionName = "ChangeCoordination";

    public static WebApplicationBuilder AddChangeCoordinationData(this WebApplicationBuilder builder)
    {
        var database = DatabaseSettings.Read(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (database.Provider == DatabaseProvider.PostgreSQL)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new OptionsValidationException("ConnectionStrings", typeof(DatabaseSettings), [
                    $"Database:Provider=PostgreSQL needs ConnectionStrings:{ConnectionName}, an Npgsql connection string "
                    + "(for example Host=db;Database=change_coordination;Username=cc;Password=...)."]);
            }

            builder.Services.AddDbContextFactory<PostgreSqlChangeCoordinationDb>(o => o
                .UseNpgsql(connectionString)
                .ReplaceService<IModelCacheKeyFactory, ProtectedModelCacheKeyFactory>());
            builder.Services.AddSingleton<IDbContextFactory<ChangeCoordinationDb>, PostgreSqlDbFactory>();
            builder.Services.AddScoped<ChangeCoordinationDb>(s => s.GetRequiredService<PostgreSqlChangeCoordinationDb>());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var folder = Path.Combine(builder.Environment.ContentRootPath, "App_Data");
                Directory.CreateDirectory(folder);
                connectionString = $"Data Source={Path.Combine(folder, "change-coordination.db")}";
            }

            builder.Services.AddDbContextFactory<ChangeCoordinationDb>(o => o
                .UseSqlite(connectionString)
                .AddInterceptors(new SqliteConnectionPragmas())
                .ReplaceService<IModelCacheKeyFactory, ProtectedModelCacheKeyFactory>());
        }

        var keyRing = builder.Configuration.GetSection("DataProtection").Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        var certificate = KeyRingCertificate.LoadOrCreate(Path.Combine(builder.Environment.ContentRootPath, keyRing.CertificatePath), keyRing.CertificatePassword);
        builder.Services.AddSingleton(certificate);
        builder.Services.AddDataProtection()
            .SetApplicationName(FieldProtection.ApplicationName)
            .PersistKeysToDbContext<ChangeCoordinationDb>()
            .ProtectKeysWithCertificate(certificate.Certificate);
        builder.Services.AddSingleton<FieldProtection>();
        builder.Services.AddSingleton<ClusterLock>();
        builder.Services.AddSingleton<RevisionedWriter>();
        builder.Services.AddOptions<DemoSettings>()
            .BindConfiguration("Demo")
            .Configure(s => s.SeedData = builder.Configuration.GetValue("Demo:SeedData", builder.Environment.IsDevelopment()))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<PlanningSettings>()
            .BindConfiguration("Planning")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PlanningHorizon>();
        builder.Services.AddSingleton<RuleBook>();
        builder.Services.AddSingleton<DayStatusFeed>();
        builder.Services.AddSingleton<RiskLedger>();
        return builder;
    }

    /// <summary>
    /// Before the app serves anyone: migrate, set SQLite's WAL mode, make sure a data protection key exists, the demo
    /// identities and reference data exist, seed the demo year if asked, and load the rules and the day index. On
    /// PostgreSQL all of it runs under the initialisation lock, so servers starting together migrate and seed once.
    /// </summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        var services = app.Services;
        var dbFactory = services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        // Servers starting together take turns: the first migrates and seeds, the others find it done.
        await using (await services.GetRequiredService<ClusterLock>().TakeAsync("initialisation", CancellationToken.None))
        {
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            services.GetRequiredService<KeyRingCertificate>().LogIfCreated(app.Logger);
            services.GetRequiredService<FieldProtection>().EnsureKey();
            await AuditEventConfiguration.MakeAppendOnlyAsync(db);

            if (!await db.BankHolidayOverrides.AnyAsync())
            {
                db.BankHolidayOverrides.AddRange(BankHolidayRules.KnownOneOffs.Select(o => new BankHolidayOverrideRow { Date = o.Date, IsHoliday = o.IsHoliday, Name = o.Name }));
                await db.SaveChangesAsync();
            }

            await VariantBook.EnsureSeededAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
            await services.GetRequiredService<VariantBook>().LoadAsync(db, CancellationToken.None);

            var identity = services.GetRequiredService<IOptions<IdentitySettings>>().Value;
            if (identity.Mode == IdentityMode.Demo)
            {
                await DemoDataSeeder.EnsureDemoIdentitiesAsync(db);
            }
            else
            {
                await PeopleAdmin.EnsureFirstSiteOwnerAsync(db, identity.FirstSiteOwner, services.GetRequiredService<TimeProvider>());
            }

            await MethodologyService.EnsureFirstVersionAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
            var rules = services.GetRequiredService<RuleBook>();
            await rules.LoadAsync(db, CancellationToken.None);
            var demo = services.GetRequiredService<IOptions<DemoSettings>>().Value;
            if (demo.SeedData && !await db.Changes.AnyAsync() && !await db.InternalChanges.AnyAsync())
            {
                await new DemoDataSeeder(demo.Seed, services.GetRequiredService<TimeProvider>(), rules).SeedAsync(db);
                var started = Stopwatch.GetTimestamp();
                var (requests, outages, incidents) = await new DemoOperationsSeeder(demo.OperationsSeed, services.GetRequiredService<TimeProvider>(), rules).SeedAsync(db);
                var elapsed = Stopwatch.GetElapsedTime(started);
                DemoOperationsSeeded(app.Logger, requests, outages, incidents, elapsed);
            }

            await services.GetRequiredService<FreezeCalendar>().LoadAsync(db, CancellationToken.None);
            var ledger = services.GetRequiredService<RiskLedger>();
            await ledger.LoadAsync(db, CancellationToken.None);
            var plans = services.GetRequiredService<SupportPlanKeeper>();
            var today = LondonTime.DateOf(services.GetRequiredService<TimeProvider>().GetUtcNow());
            var known = await db.SupportPlans.Select(p => p.Date).ToListAsync();
            var red = ledger.Range(HeatmapView.Overall, today.AddDays(-400), today.AddDays(400))
                .Where(d => d.Status == RiskStatus.Red)
                .Select(d => d.Date);
            await plans.ReconcileAsync(red.Concat(known), CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo operations: {Requests} service requests, {Outages} outages and {Incidents} incidents in {Elapsed}.")]
    private static partial void DemoOperationsSeeded(ILogger logger, int requests, int outages, int incidents, TimeSpan elapsed);
}
