using ChangeCoordination.Web.Data;
using Microsoft.AspNetCore.Authorization;

namespace ChangeCoordination.Web.Identity;

public static class Policies
{
    public const string SignedIn = nameof(SignedIn);
    public const string DccUser = nameof(DccUser);
    public const string Assessor = nameof(Assessor);
    public const string DccStaff = nameof(DccStaff);
    public const string ChangeReader = nameof(ChangeReader);
    public const string Manager = nameof(Manager);
    public const string Toc = nameof(Toc);
    public const string TocOrManager = nameof(TocOrManager);
    public const string SiteOwner = nameof(SiteOwner);
    public const string AuditReader = nameof(AuditReader);
    public const string ManagerOrOwner = nameof(ManagerOrOwner);

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.RequireClaim(CallerClaims.Role));
        options.AddPolicy(DccUser, p => p.RequireClaim(CallerClaims.Role, nameof(PartyRole.DccUser)));
        options.AddPolicy(Assessor, p => p.RequireClaim(CallerClaims.Role, nameof(PartyRole.DccAssessor)));
        options.AddPolicy(DccStaff, p => p.RequireClaim(
            CallerClaims.Role,
            nameof(PartyRole.DccAssessor),
            nameof(PartyRole.TocOperator),
            nameof(PartyRole.DccManager),
            nameof(PartyRole.SiteOwner)));
        options.AddPolicy(ChangeReader, p => p.RequireClaim(
            CallerClaims.Role,
            nameof(PartyRole.DccUser),
            nameof(PartyRole.DccAssessor),
            nameof(PartyRole.TocOperator),
            nameof(PartyRole.DccManager),
            nameof(PartyRole.SiteOwner),
            nameof(PartyRole.WallDisplay)));
        options.AddPolicy(Manager, p => p.RequireClaim(CallerClaims.Role, nameof(PartyRole.DccManager)));
        options.AddPolicy(Toc, p => p.RequireClaim(CallerClaims.Role, nameof(PartyRole.TocOperator)));
        options.AddPolicy(TocOrManager, p => p.RequireClaim(CallerClaims.Role, nameof(PartyRole.TocOperator), nameof(PartyRole.DccManager)));
        options.AddPolicy(SiteOwner, p => p.RequireClaim(CallerClaims.Role, nameof(PartyRole.SiteOwner)));
        options.AddPolicy(AuditReader, p => p.RequireClaim(CallerClaims.Role, nameof(PartyRole.DccManager), nameof(PartyRole.SiteOwner)));
        options.AddPolicy(ManagerOrOwner, p => p.RequireClaim(CallerClaims.Role, nameof(PartyRole.DccManager), nameof(PartyRole.SiteOwner)));
        options.FallbackPolicy = null;
    }
}
