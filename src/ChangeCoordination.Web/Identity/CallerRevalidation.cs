using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace ChangeCoordination.Web.Identity;

/// <summary>
/// An open page (a Blazor circuit) keeps the caller it started with; every minute this checks the product's records
/// still say the same role, organisation and detail-access grant, and signs the page out when they do not. So a
/// grant the Site Owner withdraws also closes the pages already open, not only the next request.
/// </summary>
internal sealed class CallerRevalidation(ILoggerFactory loggerFactory, PeopleDirectory people) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    /// <summary>Whether the records still describe the signed-in caller exactly as their claims do.</summary>
    public static async Task<bool> IsCurrentAsync(PeopleDirectory people, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Caller.From(user) is not { } caller || await people.FindAsync(caller.Email, cancellationToken) == caller;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsCurrentAsync(people, authenticationState.User, cancellationToken);
}
