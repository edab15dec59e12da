using ChangeCoordination.TestOidcProvider;
using ChangeCoordination.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>
/// The real app in Identity:Mode=Oidc against the in-test OpenID Connect provider, over a fresh database of its own
/// (<see cref="TestDatabase"/>), with <see cref="Known"/> recorded as a DCC User of Supplier A and
/// <see cref="FirstOwner"/> as the configured first Site Owner. <see cref="Stranger"/> is known to the provider only.
/// </summary>
public sealed class OidcAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly TestUser Known = new("subject-alex", "alex.morgan@supplier-a.example", "Alex Morgan");
    public static readonly TestUser Stranger = new("subject-sam", "sam.nobody@elsewhere.example", "Sam Nobody");
    public static readonly TestUser FirstOwner = new("subject-olu", "Olu.Bello@dcc.example", "Olu Bello");

    private readonly TestDatabase database = TestDatabase.Create("cc-oidc-tests");

    public TestOidcProvider.TestOidcProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.TestOidcProvider.StartAsync(Known, Stranger, FirstOwner);
        await using var db = await Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        db.People.Add(new Person
        {
            Email = Known.Email,
            Subject = Known.Subject,
            DisplayName = Known.Name,
            Role = PartyRole.DccUser,
            Organisation = new Organisation { Name = "Supplier A", Kind = OrganisationKind.LargeSupplier },
        });
        await db.SaveChangesAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        database.Apply(builder);
        builder.UseSetting("Demo:SeedData", "false");
        builder.UseSetting("Identity:Mode", "Oidc");
        builder.UseSetting("Identity:Oidc:Authority", Provider.Authority.ToString());
        builder.UseSetting("Identity:Oidc:ClientId", TestOidcProvider.TestOidcProvider.ClientId);
        builder.UseSetting("Identity:Oidc:ClientSecret", TestOidcProvider.TestOidcProvider.ClientSecret);
        builder.UseSetting("Identity:Oidc:Audience", TestOidcProvider.TestOidcProvider.ApiAudience);
        builder.UseSetting("Identity:Oidc:RequireHttpsMetadata", "false");
        builder.UseSetting("Identity:FirstSiteOwner", FirstOwner.Email);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
        database.Dispose();
    }
}
