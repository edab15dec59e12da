using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Identity;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>Servers sharing one PostgreSQL database take turns to migrate and seed it (the initialisation lock).</summary>
public sealed class InitialisationLockTests
{
    [PostgreSqlFact]
    public async Task Two_servers_starting_together_on_one_fresh_database_migrate_and_seed_it_once()
    {
        using var database = TestDatabase.Create("cc-lock-tests");
        await using var first = new DemoServer(database);
        await using var second = new DemoServer(database);

        await Task.WhenAll(Task.Run(first.StartServer), Task.Run(second.StartServer));

        await using var db = await first.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Single(await db.MethodologyVersions.ToListAsync());
        var emails = await db.People.Select(p => p.Email).ToListAsync();
        Assert.All(DemoIdentities.All, person => Assert.Single(emails, email => email == person.Email));
        Assert.True(await db.Changes.AnyAsync(), "The demo year was not seeded.");
        Assert.True(await db.ServiceRequests.AnyAsync(), "The demo's operational month was not seeded.");
    }

    /// <summary>A server of the demo (identities and the demo year) on a database it shares.</summary>
    private sealed class DemoServer(TestDatabase database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            database.Apply(builder);
            builder.UseSetting("Identity:Mode", "Demo");
            builder.UseSetting("Demo:SeedData", "true");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(AppFactory.Now)));
        }
    }
}
