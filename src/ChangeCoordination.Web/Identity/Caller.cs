using System.Globalization;
using System.Security.Claims;
using ChangeCoordination.Web.Data;

namespace ChangeCoordination.Web.Identity;

/// <summary>Who is asking, as the product's own records say: role, organisation and detail-access grant.</summary>
public sealed record Caller(string Email, string DisplayName, PartyRole Role, int OrganisationId, string OrganisationName, bool HasDetailAccess)
{
    /// <summary>
    /// The network address the caller is working from, for the audit log: the request's for the API, and for a page
    /// the address its circuit was opened from (<see cref="ClientAddress"/>), since no request is in flight in a circuit.
    /// </summary>
    public string? Address { get; init; }

    public bool IsDccUser => Role == PartyRole.DccUser;

    public bool IsDccStaff => Role is PartyRole.DccAssessor or PartyRole.TocOperator or PartyRole.DccManager or PartyRole.SiteOwner;

    /// <summary>How much of a change this caller may see (DOMAIN.md, "Who may see what").</summary>
    public ChangeVisibility VisibilityOf(int owningOrganisationId) =>
        IsDccUser
            ? owningOrganisationId == OrganisationId ? ChangeVisibility.Full : ChangeVisibility.WindowOnly
            : StaffVisibility;

    /// <summary>How the DCC's own people (and the wall) see every change: in full only with a detail-access grant.</summary>
    public ChangeVisibility StaffVisibility => IsDccStaff && HasDetailAccess ? ChangeVisibility.Full : ChangeVisibility.Summary;

    /// <summary>The caller the claims describe, working from <paramref name="address"/> when it is known.</summary>
    public static Caller? From(ClaimsPrincipal principal, string? address = null)
    {
        if (principal.FindFirstValue(CallerClaims.Role) is not { } role
            || principal.FindFirstValue(CallerClaims.OrganisationId) is not { } organisationId)
        {
            return null;
        }

        return new Caller(
            principal.FindFirstValue(ClaimTypes.Email) ?? "",
            principal.FindFirstValue(CallerClaims.DisplayName) ?? "",
            Enum.Parse<PartyRole>(role),
            int.Parse(organisationId, System.Globalization.CultureInfo.InvariantCulture),
            principal.FindFirstValue(CallerClaims.OrganisationName) ?? "",
            principal.HasClaim(CallerClaims.DetailAccess, "true"))
        {
            Address = address,
        };
    }
}

/// <summary>
/// Full: every field. Summary: reference, organisation, type and window, never description or devices (the
/// wall display, DCC staff without a grant). WindowOnly: start and end, nothing more (another organisation's change).
/// </summary>
public enum ChangeVisibility { WindowOnly, Summary, Full }

public static class CallerClaims
{
    public const string Role = "cc:role";
    public const string OrganisationId = "cc:org";
    public const string OrganisationName = "cc:org_name";
    public const string DisplayName = "cc:name";
    public const string DetailAccess = "cc:detail_access";

    /// <summary>The claims that say who the caller is to every policy and to <see cref="Caller.From"/>.</summary>
    public static Claim[] For(Caller caller) =>
    [
        new Claim(ClaimTypes.Email, caller.Email),
        new Claim(Role, caller.Role.ToString()),
        new Claim(OrganisationId, caller.OrganisationId.ToString(CultureInfo.InvariantCulture)),
        new Claim(OrganisationName, caller.OrganisationName),
        new Claim(DisplayName, caller.DisplayName),
        new Claim(DetailAccess, caller.HasDetailAccess ? "true" : "false"),
    ];
}
