using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>
/// The real app over a real database of its own (<see cref="TestDatabase"/>: SQLite, or PostgreSQL when the run asks),
/// in Demo identity mode, with no demo data and a fixed clock (<see cref="Now"/>, <see cref="TestClock.Now"/>): every
/// test class gets a fresh, empty, migrated database.
/// The sign-in rate limit is lifted (<c>RateLimitTests</c> sets its own low limits).
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = TestClock.Now;

    /// <summary>The key ring's certificate every test app shares (made by the first to start), outside the source tree.</summary>
    public static readonly string KeyRingCertificatePath = Path.Combine(Path.GetTempPath(), "cc-web-tests-keys", "data-protection.pfx");

    public AppFactory()
        : this(Now)
    {
    }

    /// <summary>An app whose clock starts at <paramref name="start"/> instead of <see cref="Now"/>.</summary>
    protected AppFactory(DateTimeOffset start)
        : this(TestDatabase.Create("cc-web-tests"), start, ownsDatabase: true)
    {
    }

    private AppFactory(TestDatabase database, DateTimeOffset start, bool ownsDatabase)
    {
        Clock = new FakeTimeProvider(start);
        Database = database;
        this.ownsDatabase = ownsDatabase;
    }

    private readonly bool ownsDatabase;

    public FakeTimeProvider Clock { get; }

    public TestDatabase Database { get; }

    /// <summary>A second server of a farm: the same database as <paramref name="first"/>, which keeps and drops it.</summary>
    public static AppFactory SharingDatabaseWith(AppFactory first, Action<IWebHostBuilder>? customise = null) =>
        new(first.Database, first.Clock.GetUtcNow(), ownsDatabase: false) { Customise = customise };

    /// <summary>Where this app's backups go (<c>POST /api/v1/backups</c>), outside the source tree.</summary>
    public string BackupFolder { get; } = Path.Combine(Path.GetTempPath(), "cc-web-tests-backups", Guid.NewGuid().ToString("N"));

    /// <summary>A test's own settings or services, applied after the defaults above.</summary>
    public Action<IWebHostBuilder>? Customise { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        Database.Apply(builder);
        builder.UseSetting("Identity:Mode", "Demo");
        builder.UseSetting("Demo:SeedData", "false");
        builder.UseSetting("DataProtection:CertificatePath", KeyRingCertificatePath);

        // Each app backs up into a folder of its own: apps of one run share a clock, so their files would share names.
        builder.UseSetting("Backup:Folder", BackupFolder);

        // Every test signs in from the same in-process client, hundreds of times a minute: far past a person's rate.
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "1000000");

        // TestDates hands each test fresh days, two at a time, for years ahead, and some tests park fixed days beyond
        // all of them (a summer day in 2045, a report month in 2030): the apps under test plan that far ahead.
        // PlanningHorizonTests puts the default back and tests it.
        builder.UseSetting("Planning:YearsAhead", "30");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        Customise?.Invoke(builder);
    }

    /// <summary>A client signed in as a demo identity through <c>POST /api/v1/dev/token</c>.</summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/dev/token", new { email });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (ownsDatabase)
        {
            Database.Dispose();
        }

        if (Directory.Exists(BackupFolder))
        {
            Directory.Delete(BackupFolder, recursive: true);
        }
    }

    private sealed record TokenResponse(string AccessToken);
}
