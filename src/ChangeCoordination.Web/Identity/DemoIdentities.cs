using ChangeCoordination.Web.Data;

namespace ChangeCoordination.Web.Identity;

/// <summary>The built-in people of Identity:Mode=Demo (shared/API.md), created in every database in Demo mode.</summary>
public static class DemoIdentities
{
    public sealed record DemoPerson(string Email, string DisplayName, PartyRole Role, string Organisation, OrganisationKind Kind);

    public const string Dcc = "DCC";

    public static IReadOnlyList<DemoPerson> All { get; } =
    [
        new("user@supplier-a.example", "Alex Morgan", PartyRole.DccUser, "Supplier A", OrganisationKind.LargeSupplier),
        new("user@supplier-b.example", "Bea Patel", PartyRole.DccUser, "Supplier B", OrganisationKind.SmallSupplier),
        new("user@network-c.example", "Chris Owen", PartyRole.DccUser, "Network C", OrganisationKind.NetworkOperator),
        new("assessor@dcc.example", "Dana Reid", PartyRole.DccAssessor, Dcc, OrganisationKind.Dcc),
        new("toc@dcc.example", "Tom Okafor", PartyRole.TocOperator, Dcc, OrganisationKind.Dcc),
        new("manager@dcc.example", "Maya Singh", PartyRole.DccManager, Dcc, OrganisationKind.Dcc),
        new("owner@dcc.example", "Sam Whitfield", PartyRole.SiteOwner, Dcc, OrganisationKind.Dcc),
        new("wall@dcc.example", "TOC wall display", PartyRole.WallDisplay, Dcc, OrganisationKind.Dcc),
    ];

    public static string Describe(PartyRole role) => role switch
    {
        PartyRole.DccUser => "DCC User",
        PartyRole.DccAssessor => "DCC Assessor",
        PartyRole.TocOperator => "TOC Operator",
        PartyRole.DccManager => "DCC Manager",
        PartyRole.SiteOwner => "Site Owner",
        _ => "Wall display",
    };
}
