using ChangeCoordination.TestOidcProvider;
using ChangeCoordination.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provider = ChangeCoordination.TestOidcProvider.TestOidcProvider;

namespace ChangeCoordination.EndToEnd;

/// <summary>
/// The app in Identity:Mode=Oidc, signing people in through a real OpenID Connect provider running in the test
/// (authorization code with PKCE). Alex is recorded in the product as a DCC User of Supplier A; Sam is not.
/// </summary>
public sealed class OidcLiveApp : LiveApp
{
    public static readonly TestUser Alex = new("subject-alex", "alex.morgan@supplier-a.example", "Alex Morgan");
    public static readonly TestUser Sam = new("subject-sam", "sam.nobody@elsewhere.example", "Sam Nobody");

    public Provider Provider { get; private set; } = null!;

    protected override async Task BeforeStartAsync() => Provider = await Provider.StartAsync(Alex, Sam);

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Identity:Mode", "Oidc");
        builder.UseSetting("Identity:Oidc:Authority", Provider.Authority.ToString());
        builder.UseSetting("Identity:Oidc:ClientId", Provider.ClientId);
        builder.UseSetting("Identity:Oidc:ClientSecret", Provider.ClientSecret);
        builder.UseSetting("Identity:Oidc:Audience", Provider.ApiAudience);
        builder.UseSetting("Identity:Oidc:RequireHttpsMetadata", "false");
    }

    protected override async Task AfterStartAsync(IServiceProvider services)
    {
        await Provider.AllowRedirectToAsync(BaseAddress);
        await using var db = await services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        db.People.Add(new Person
        {
            Email = Alex.Email,
            DisplayName = Alex.Name,
            Role = PartyRole.DccUser,
            Organisation = new Organisation { Name = "Supplier A", Kind = OrganisationKind.LargeSupplier },
        });
        await db.SaveChangesAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

public sealed class OidcSignInTests(OidcLiveApp app) : IClassFixture<OidcLiveApp>
{
    [Fact]
    public async Task A_recorded_person_signs_in_through_the_provider_and_lands_signed_in_with_their_name()
    {
        var page = await SignInThroughProviderAsync(OidcLiveApp.Alex);

        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("Alex Morgan · DCC User · Supplier A");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The next four weeks" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_person_the_product_does_not_record_is_told_to_ask_the_site_owner()
    {
        var page = await SignInThroughProviderAsync(OidcLiveApp.Sam);

        await Expect(page.GetByTestId("unknown-person")).ToContainTextAsync("Ask your Site Owner");
        await Expect(page.GetByTestId("unknown-person")).ToContainTextAsync(OidcLiveApp.Sam.Email);
    }

    private async Task<IPage> SignInThroughProviderAsync(TestUser user)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to sign in" }).ClickAsync();


        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test provider" })).ToBeVisibleAsync();
        Assert.StartsWith(app.Provider.Authority.ToString(), page.Url, StringComparison.Ordinal);
        await page.GetByLabel("E-mail").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(Provider.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(app.BaseAddress.ToString())));
        return page;
    }
}
