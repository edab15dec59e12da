using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChangeCoordination.Web.Identity;

public static class IdentityExtensions
{
    private const string Smart = "smart";

    /// <summary>
    /// Pages sign in with a cookie (through the OpenID Connect provider, or the demo picker); the API and the hub
    /// take bearer tokens (the provider's, or demo tokens). Roles always come from the product's own records.
    /// </summary>
    public static WebApplicationBuilder AddChangeCoordinationIdentity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Identity");
        var settings = section.Get<IdentitySettings>() ?? new IdentitySettings();
        if (section["Mode"] is null)
        {
            settings.Mode = builder.Environment.IsDevelopment() ? IdentityMode.Demo : IdentityMode.Oidc;
        }

        if (settings.Mode == IdentityMode.Demo && builder.Environment.IsProduction())
        {
            throw new OptionsValidationException("Identity", typeof(IdentitySettings), [
                "Identity:Mode=Demo is refused in Production: its demo identities let anyone sign in as anyone. Set Identity:Mode=Oidc with Identity:Oidc:Authority and Identity:Oidc:ClientId."]);
        }

        builder.Services.AddOptions<IdentitySettings>()
            .Configure(s =>
            {
                section.Bind(s);
                s.Mode = settings.Mode;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<PeopleDirectory>();
        builder.Services.AddSingleton<DemoTokenIssuer>();
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddTransient<IClaimsTransformation, CallerClaimsTransformation>();

        var authentication = builder.Services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, "Bearer or API key for the API, cookie for pages", o => o.ForwardDefaultSelector = SchemeFor)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.LoginPath = "/account/signin";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "cc.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
            })
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, _ => { })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });

        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<IdentitySettings>, DemoTokenIssuer>((o, identity, demo) =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ } token])
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = ExplainApiWriteChallenge,
                };
                if (identity.Value.Mode == IdentityMode.Demo)
                {
                    o.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = DemoTokenIssuer.Issuer,
                        ValidAudience = DemoTokenIssuer.Audience,
                        IssuerSigningKey = demo.Key,
                        NameClaimType = "email",
                    };
                }
                else
                {
                    // The provider's access tokens: signed by a key of its discovery document, issued by it, for
                    // our audience, and unexpired (the defaults of an Authority, spelled out so that none is lost).
                    o.Authority = identity.Value.Oidc.Authority;
                    o.Audience = identity.Value.Oidc.Audience ?? identity.Value.Oidc.ClientId;
                    o.RequireHttpsMetadata = identity.Value.Oidc.RequireHttpsMetadata;
                    o.TokenValidationParameters.ValidateIssuer = true;
                    o.TokenValidationParameters.ValidateAudience = true;
                    o.TokenValidationParameters.ValidateLifetime = true;
                    o.TokenValidationParameters.RequireExpirationTime = true;
                    o.TokenValidationParameters.NameClaimType = identity.Value.Oidc.EmailClaim;
                }
            });

        if (settings.Mode == IdentityMode.Oidc)
        {
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, o =>
            {
                o.Authority = settings.Oidc.Authority;
                o.ClientId = settings.Oidc.ClientId;
                o.ClientSecret = settings.Oidc.ClientSecret;
                o.RequireHttpsMetadata = settings.Oidc.RequireHttpsMetadata;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SaveTokens = false;
                o.MapInboundClaims = false;
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Scope.Add("email");
                o.TokenValidationParameters.NameClaimType = settings.Oidc.EmailClaim;

                // The provider sends the code back by a top-level GET, so the correlation and nonce cookies can be
                // SameSite=Lax and need no Secure flag on a plain-HTTP loopback (they are Secure under HTTPS).
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/account/signin?error=provider");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, CallerRevalidation>();
        builder.Services.AddScoped<ClientAddress>();
        return builder;
    }

    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<IOptions<IdentitySettings>>().Value.Mode;
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/signout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            // No form field is bound here, so the antiforgery token is checked explicitly.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired", detail: "Reload the page and sign out again.");
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/account/signin");
        });

        if (mode == IdentityMode.Demo)
        {
            account.MapPost("/signin/demo", async (HttpContext context, PeopleDirectory people, [FromForm] string email, [FromForm] string? returnUrl) =>
            {
                if (ReturnUrlProblem(returnUrl) is { } problem)
                {
                    return problem;
                }

                if (await people.FindAsync(email, context.RequestAborted) is null)
                {
                    return Results.LocalRedirect("/account/signin?error=unknown");
                }

                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Email, email), new Claim("email", email)], CookieAuthenticationDefaults.AuthenticationScheme, "email", null);
                await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
                return Results.LocalRedirect(SafeReturnUrl(returnUrl));
            })
            .RequireRateLimiting(Hosting.RateLimits.SignInPolicy);

            app.MapPost("/api/v1/dev/token", async (DevTokenRequest request, PeopleDirectory people, DemoTokenIssuer issuer, CancellationToken cancellationToken) =>
                string.IsNullOrWhiteSpace(request.Email) || request.Email.Any(char.IsControl) || await people.FindAsync(request.Email, cancellationToken) is null
                    ? Results.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["email"] = ["No demo identity has this e-mail: use one of the addresses listed in the README (for example assessor@dcc.example)."],
                    })
                    : Results.Ok(new DevTokenResponse(issuer.Issue(request.Email.Trim().ToLowerInvariant()))))
                .WithTags("Demo")
                .WithSummary("A bearer token for a demo identity (Identity:Mode=Demo only).")
                .RequireRateLimiting(Hosting.RateLimits.SignInPolicy);
        }
        else
        {
            account.MapGet("/signin/oidc", (string? returnUrl) => ReturnUrlProblem(returnUrl) ?? Results.Challenge(
                new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) },
                [OpenIdConnectDefaults.AuthenticationScheme]))
                .RequireRateLimiting(Hosting.RateLimits.SignInPolicy);
        }

        return app;
    }

    /// <summary>
    /// An API key (only on the API: pages never take one), a bearer token, or else the page cookie, except on an API
    /// write: a browser sends the cookie with any cross-site form, so a write made with the cookie alone could be
    /// someone else's page acting as the person. Pages write through their circuit, never through the API, so API
    /// writes take only what a browser never adds by itself (a bearer token or an API key).
    /// </summary>
    private static string SchemeFor(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (context.Request.Path.StartsWithSegments("/api") && ApiKeyAuthenticationHandler.KeyOf(context.Request) is not null)
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || context.Request.Query.ContainsKey("access_token") || IsApiWrite(context.Request)
            ? JwtBearerDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme;
    }

    /// <summary>
    /// A return address with a control character (a CR/LF would split the Location header) is never a page of
    /// ours: it is refused, where a merely foreign address quietly becomes the home page.
    /// </summary>
    private static IResult? ReturnUrlProblem(string? returnUrl)
    {
        if (returnUrl is null || !returnUrl.Any(char.IsControl))
        {
            return null;
        }

        var errors = new FieldErrors();
        errors.Add("returnUrl", "'returnUrl' contains control characters: give the path of a page of this site, such as /heatmap.");
        return errors.ToProblem();
    }

    private static bool IsApiWrite(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && !HttpMethods.IsGet(request.Method)
        && !HttpMethods.IsHead(request.Method)
        && !HttpMethods.IsOptions(request.Method)
        && !HttpMethods.IsTrace(request.Method);

    /// <summary>An API write that came without a token: say what it takes (the page cookie is not read there).</summary>
    private static async Task ExplainApiWriteChallenge(JwtBearerChallengeContext context)
    {
        if (!IsApiWrite(context.Request) || context.Request.Headers.Authorization.Count > 0)
        {
            return;
        }

        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = JwtBearerDefaults.AuthenticationScheme;
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API writes take a bearer token or an API key",
                Detail = $"Send Authorization: Bearer <token> or {ApiKeyAuthenticationHandler.Header}: <key>. The page's sign-in cookie is not accepted for a write through the API, so that no other site's form can act as you. Nothing was changed.",
            },
        });
    }

    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    public sealed record DevTokenRequest(string? Email);

    public sealed record DevTokenResponse(string AccessToken);
}
