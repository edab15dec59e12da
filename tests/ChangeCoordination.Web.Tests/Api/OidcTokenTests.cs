using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using ChangeCoordination.Web.Data;
using ChangeCoordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChangeCoordination.Web.Tests.Api;

/// <summary>Identity:Mode=Oidc: the API takes the provider's access tokens for our audience, and nothing else.</summary>
public sealed class OidcTokenTests(OidcAppFactory app) : IClassFixture<OidcAppFactory>
{
    private const string Route = "/api/v1/heatmap?from=2027-01-04&to=2027-01-04";

    [Fact]
    public async Task A_providers_access_token_for_a_recorded_person_is_accepted()
    {
        var token = await app.Provider.AccessTokenAsync(OidcAppFactory.Known.Email);

        using var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_from_an_untrusted_issuer_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var foreignKey = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "foreign" }, SecurityAlgorithms.RsaSha256);
        var token = await SignAsync(foreignKey, issuer: "http://127.0.0.1:9/", audience: TestOidcProvider.TestOidcProvider.ApiAudience, expires: DateTime.UtcNow.AddHours(1));

        using var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_the_providers_key_but_naming_another_issuer_is_refused()
    {
        var token = await SignAsync(app.Provider.SigningCredentials, issuer: "http://127.0.0.1:9/", audience: TestOidcProvider.TestOidcProvider.ApiAudience, expires: DateTime.UtcNow.AddHours(1));

        using var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = await SignAsync(app.Provider.SigningCredentials, await IssuerAsync(), TestOidcProvider.TestOidcProvider.ApiAudience, expires: DateTime.UtcNow.AddHours(-1));

        using var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = await SignAsync(app.Provider.SigningCredentials, await IssuerAsync(), "another-api", expires: DateTime.UtcNow.AddHours(1));

        using var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_same_token_made_well_is_accepted_so_each_refusal_is_for_the_one_spoiled_claim()
    {
        var token = await SignAsync(app.Provider.SigningCredentials, await IssuerAsync(), TestOidcProvider.TestOidcProvider.ApiAudience, expires: DateTime.UtcNow.AddHours(1));

        using var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_for_someone_the_product_does_not_record_is_forbidden()
    {
        var token = await app.Provider.AccessTokenAsync(OidcAppFactory.Stranger.Email);

        using var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_token_with_a_recorded_persons_email_but_another_subject_is_forbidden()
    {
        var token = await SignAsync(app.Provider.SigningCredentials, await IssuerAsync(), TestOidcProvider.TestOidcProvider.ApiAudience, DateTime.UtcNow.AddHours(1), subject: "someone-else");

        using var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_email_the_provider_has_not_verified_does_not_sign_in_as_the_person_it_names()
    {
        var email = await RecordPersonWithoutSubjectAsync("unverified");
        var token = await SignAsync(app.Provider.SigningCredentials, await IssuerAsync(), TestOidcProvider.TestOidcProvider.ApiAudience, DateTime.UtcNow.AddHours(1), subject: "subject-unverified", email: email, emailVerified: false);

        using var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await SubjectOfAsync(email));
    }

    [Fact]
    public async Task The_first_sign_in_by_email_links_the_subject_and_another_subject_with_that_email_is_then_refused()
    {
        var email = await RecordPersonWithoutSubjectAsync("linked");
        var issuer = await IssuerAsync();
        var first = await SignAsync(app.Provider.SigningCredentials, issuer, TestOidcProvider.TestOidcProvider.ApiAudience, DateTime.UtcNow.AddHours(1), subject: "subject-linked", email: email, emailVerified: true);
        var other = await SignAsync(app.Provider.SigningCredentials, issuer, TestOidcProvider.TestOidcProvider.ApiAudience, DateTime.UtcNow.AddHours(1), subject: "subject-impostor", email: email, emailVerified: true);

        using var accepted = await CallAsync(first);
        using var refused = await CallAsync(other);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("subject-linked", await SubjectOfAsync(email));
    }

    [Fact]
    public async Task The_configured_first_site_owner_can_manage_access_from_the_first_start()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.Provider.AccessTokenAsync(OidcAppFactory.FirstOwner.Email));

        var people = await client.GetJsonAsync("/api/v1/people");

        var owner = Assert.Single(people.EnumerateArray(), p => p.Text("role") == "SiteOwner");
        Assert.Equal("olu.bello@dcc.example", owner.Text("email"));
        Assert.Equal("DCC", owner.Text("organisation"));
    }

    [Fact]
    public async Task No_demo_token_is_issued_in_oidc_mode()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/v1/dev/token", UriKind.Relative), JsonContent(OidcAppFactory.Known.Email));

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST /api/v1/dev/token answered {(int)response.StatusCode}");
    }

    private static StringContent JsonContent(string email) => new($"{{\"email\":\"{email}\"}}", System.Text.Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> CallAsync(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(new Uri(Route, UriKind.Relative));
    }

    /// <summary>The issuer exactly as the provider writes it, read from one of its own tokens.</summary>
    private async Task<string> IssuerAsync() =>
        new JsonWebToken(await app.Provider.AccessTokenAsync(OidcAppFactory.Known.Email)).Issuer;

    private async Task<string> RecordPersonWithoutSubjectAsync(string name)
    {
        var email = $"{name}@supplier-a.example";
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        var supplierA = await db.Organisations.SingleAsync(o => o.Name == "Supplier A");
        db.People.Add(new Person { Email = email, DisplayName = name, Role = PartyRole.DccUser, OrganisationId = supplierA.Id });
        await db.SaveChangesAsync();
        return email;
    }

    private async Task<string?> SubjectOfAsync(string email)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ChangeCoordinationDb>>().CreateDbContextAsync();
        return await db.People.Where(p => p.Email == email).Select(p => p.Subject).SingleAsync();
    }

    private static Task<string> SignAsync(SigningCredentials key, string issuer, string audience, DateTime expires, string? subject = null, string? email = null, bool? emailVerified = null) =>
        Task.FromResult(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", subject ?? OidcAppFactory.Known.Subject),
                new Claim("email", email ?? OidcAppFactory.Known.Email),
                .. emailVerified is { } verified ? [new Claim("email_verified", verified ? "true" : "false")] : Array.Empty<Claim>(),
            ]),
            IssuedAt = expires.AddHours(-2),
            NotBefore = expires.AddHours(-2),
            Expires = expires,
            SigningCredentials = key,
        }));
}
