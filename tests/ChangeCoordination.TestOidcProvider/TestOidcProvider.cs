using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChangeCoordination.TestOidcProvider;

/// <summary>A person the provider knows: signs in with <see cref="TestOidcProvider.Password"/>.</summary>
public sealed record TestUser(string Subject, string Email, string Name);

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on Kestrel on a free loopback port, for the tests: the authorization-code
/// flow with PKCE for the app's confidential client, a sign-in form for its users, and the password grant so that API
/// tests can fetch a genuine access token without a browser. Its keys are ephemeral: nothing outlives the test run.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "change-coordination";
    public const string ClientSecret = "test-client-secret";
    public const string ApiAudience = "change-coordination-api";
    public const string Password = "correct horse battery staple";
    private const string ProviderCookie = "test-oidc-provider";

    private readonly WebApplication app;
    private readonly SqliteConnection connection;
    private readonly Dictionary<string, TestUser> users;

    private TestOidcProvider(WebApplication app, SqliteConnection connection, Dictionary<string, TestUser> users)
    {
        this.app = app;
        this.connection = connection;
        this.users = users;
        Authority = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    /// <summary>The issuer, ending in a slash, as the provider writes it in its tokens and discovery document.</summary>
    public Uri Authority { get; }

    /// <summary>The key the provider signs its tokens with: the tests sign tokens of their own with it to spoil one claim at a time.</summary>
    public SigningCredentials SigningCredentials =>
        app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials.First();

    public static async Task<TestOidcProvider> StartAsync(params TestUser[] people)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDbContext<ProviderDb>(o => o.UseSqlite(connection).UseOpenIddict());
        builder.Services.AddAuthentication(ProviderCookie).AddCookie(ProviderCookie, o =>
        {
            o.Cookie.Name = ProviderCookie;
            o.LoginPath = "/login";
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowPasswordFlow();
                o.RegisterScopes(Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        var known = people.ToDictionary(p => p.Email, StringComparer.OrdinalIgnoreCase);
        app.UseAuthentication();
        MapEndpoints(app, known);
        await app.StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                ClientType = ClientTypes.Confidential,
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.GrantTypes.Password,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Email,
                    Permissions.Scopes.Profile,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            });
        }

        return new TestOidcProvider(app, connection, known);
    }

    /// <summary>Lets the app's client come back to its sign-in callback at <paramref name="appBase"/>/signin-oidc.</summary>
    public async Task AllowRedirectToAsync(Uri appBase)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = await manager.FindByClientIdAsync(ClientId) ?? throw new InvalidOperationException("The app's client is missing.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await manager.PopulateAsync(descriptor, client);
        descriptor.RedirectUris.Add(new Uri(appBase, "signin-oidc"));
        await manager.UpdateAsync(client, descriptor);
    }

    /// <summary>A genuine access token for a user, through the password grant.</summary>
    public async Task<string> AccessTokenAsync(string email)
    {
        using var client = new HttpClient { BaseAddress = Authority };
        using var response = await client.PostAsync(new Uri("connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.Password,
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["username"] = email,
            ["password"] = Password,
            ["scope"] = "openid email profile",
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode
            ? body.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"The test provider refused a token for {email}: {body}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static void MapEndpoints(WebApplication app, Dictionary<string, TestUser> users)
    {
        app.MapGet("/login", (string? returnUrl) => Results.Content(LoginForm(returnUrl ?? "/", error: false), "text/html"));

        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            if (!users.TryGetValue(form["username"].ToString(), out var user) || form["password"] != Password)
            {
                return Results.Content(LoginForm(returnUrl, error: true), "text/html");
            }

            var identity = new ClaimsIdentity([new Claim(Claims.Subject, user.Subject)], ProviderCookie);
            await context.SignInAsync(ProviderCookie, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(returnUrl.StartsWith('/') ? returnUrl : "/");
        });

        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            var session = await context.AuthenticateAsync(ProviderCookie);
            var user = session.Succeeded ? users.Values.SingleOrDefault(u => u.Subject == session.Principal!.FindFirst(Claims.Subject)?.Value) : null;
            if (user is null)
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + context.Request.QueryString }, [ProviderCookie]);
            }

            return Results.SignIn(PrincipalFor(user, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        app.MapPost("/connect/token", async (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            if (request.IsAuthorizationCodeGrantType())
            {
                var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                return Results.SignIn(code.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            if (request.IsPasswordGrantType() && users.TryGetValue(request.Username ?? "", out var user) && request.Password == Password)
            {
                return Results.SignIn(PrincipalFor(user, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Unknown user or wrong password.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
    }

    private static ClaimsPrincipal PrincipalFor(TestUser user, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Email, user.Email).SetClaim(Claims.Name, user.Name);
        identity.SetScopes(scopes);
        identity.SetResources(ApiAudience);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }

    private static string LoginForm(string returnUrl, bool error) =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><title>Test provider: sign in</title></head>
        <body>
          <h1>Test provider</h1>
          {(error ? "<p role=\"alert\">Unknown user or wrong password.</p>" : "")}
          <form method="post" action="/login">
            <input type="hidden" name="returnUrl" value="{HtmlEncoder.Default.Encode(returnUrl)}" />
            <label>E-mail <input name="username" type="email" /></label>
            <label>Password <input name="password" type="password" /></label>
            <button type="submit">Sign in</button>
          </form>
        </body></html>
        """;

    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
