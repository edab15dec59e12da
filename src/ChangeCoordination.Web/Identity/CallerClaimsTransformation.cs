using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChangeCoordination.Web.Identity;

/// <summary>
/// Adds the caller's role, organisation and grant from the product's records to any signed-in principal, found by the
/// provider's subject or e-mail (the claims named by Identity:Oidc:SubjectClaim and :EmailClaim). A principal the
/// records do not know keeps no role, so every policy refuses it.
/// </summary>
internal sealed class CallerClaimsTransformation(PeopleDirectory people, IOptions<IdentitySettings> settings) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == CallerClaims.Role))
        {
            return principal;
        }

        var oidc = settings.Value.Oidc;
        var email = principal.FindFirstValue(oidc.EmailClaim) ?? principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email");
        if (string.Equals(principal.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase))
        {
            // A provider that says it has not verified the address: the address proves nothing.
            email = null;
        }

        var subject = settings.Value.Mode == IdentityMode.Oidc ? principal.FindFirstValue(oidc.SubjectClaim) : null;
        if ((email is null && subject is null) || await people.FindAsync(subject, email, CancellationToken.None) is not { } caller)
        {
            return principal;
        }

        var identity = new ClaimsIdentity(CallerClaims.For(caller));
        var transformed = principal.Clone();
        transformed.AddIdentity(identity);
        return transformed;
    }
}
