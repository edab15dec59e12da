using System.Security.Claims;
using System.Text.Encodings.Web;
using ChangeCoordination.Web.Features.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Identity;

/// <summary>
/// Signs a DCC User organisation's system in by its API key (<c>X-Api-Key: cc_...</c> or <c>Authorization: ApiKey cc_...</c>):
/// the caller is a DCC User of the key's organisation, with no more rights than one. Unknown or revoked keys answer 401.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeys keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    private const string AuthorizationPrefix = "ApiKey ";

    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers[Header] is [{ } key] && !string.IsNullOrWhiteSpace(key))
        {
            return key.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(AuthorizationPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[AuthorizationPrefix.Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyOf(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        if (await keys.AuthenticateAsync(key, Context.RequestAborted) is not { } caller)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var identity = new ClaimsIdentity(CallerClaims.For(caller), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
