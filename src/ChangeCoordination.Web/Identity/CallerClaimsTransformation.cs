using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace ChangeCoordination.Web.Identity;

/// <summary>Adds the caller's role, organisation and grant from the product's records to any signed-in principal.</summary>
internal sealed class CallerClaimsTransformation(PeopleDirectory people) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == CallerClaims.Role))
        {
            return principal;
        }

        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email");
        if (email is null || await people.FindAsync(email, CancellationToken.None) is not { } caller)
        {
            return principal;
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Email, caller.Email),
            new Claim(CallerClaims.Role, caller.Role.ToString()),
            new Claim(CallerClaims.OrganisationId, caller.OrganisationId.ToString(CultureInfo.InvariantCulture)),
            new Claim(CallerClaims.OrganisationName, caller.OrganisationName),
            new Claim(CallerClaims.DisplayName, caller.DisplayName),
            new Claim(CallerClaims.DetailAccess, caller.HasDetailAccess ? "true" : "false"),
        ]);
        var transformed = principal.Clone();
        transformed.AddIdentity(identity);
        return transformed;
    }
}
