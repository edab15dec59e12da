using ChangeCoordination.Core;
using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Methodologies;

/// <summary>
/// The User System Change Reporting Methodology in force, as published: generated from the very values the rules
/// compute with, so the document and the computation cannot disagree.
/// </summary>
public sealed record MethodologyDocument(
    string Version,
    double MediumFromHours,
    double LargeAboveHours,
    IReadOnlyList<ImpactRule> Impacts,
    IReadOnlyList<MatrixCell> Matrix,
    IReadOnlyList<ScoreRange> InternalScoreRanges,
    int NoticeWorkingDays,
    int ArchiveAfterDays)
{
    public static MethodologyDocument From(Methodology methodology) => new(
        methodology.Version,
        methodology.MediumFrom.TotalHours,
        methodology.LargeAbove.TotalHours,
        [.. from type in Enum.GetValues<ChangeType>()
            from complexity in Enum.GetValues<Complexity>()
            select new ImpactRule(type, complexity, RiskRules.ImpactOf(type, complexity, methodology))],
        [.. from impact in Enum.GetValues<Impact>().Reverse()
            from probability in Enum.GetValues<Probability>()
            select new MatrixCell(impact, probability, RiskRules.RiskOf(impact, probability, methodology))],
        [
            new ScoreRange(RiskStatus.Green, 1, methodology.InternalGreenMax),
            new ScoreRange(RiskStatus.Amber, methodology.InternalGreenMax + 1, methodology.InternalAmberMax),
            new ScoreRange(RiskStatus.Red, methodology.InternalAmberMax + 1, RiskRules.MaxScore * RiskRules.MaxScore),
        ],
        methodology.NoticeWorkingDays,
        methodology.ArchiveAfterDays);
}

public static class MethodologyEndpoints
{
    public static IEndpointRouteBuilder MapMethodologyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/methodology", (RuleBook rules) => Results.Ok(MethodologyDocument.From(rules.Methodology)))
            .RequireAuthorization(Policies.SignedIn)
            .WithTags("Methodology")
            .Produces<MethodologyDocument>()
            .WithSummary("The User System Change Reporting Methodology in force: the numbers every risk is computed with.");
        return app;
    }
}
