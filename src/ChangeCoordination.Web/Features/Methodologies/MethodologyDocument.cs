using ChangeCoordination.Core.Risk;
using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Calendar;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Methodologies;

/// <summary>
/// The User System Change Reporting Methodology in force, as published: generated from the very values the rules
/// compute with, so the document and the computation cannot disagree. <see cref="EffectiveFrom"/> is null for the
/// first version; <see cref="NextVersion"/> names an approved version still waiting for its effective date.
/// </summary>
public sealed record MethodologyDocument(
    string Version,
    double MediumFromHours,
    double LargeAboveHours,
    IReadOnlyList<ImpactRule> Impacts,
    IReadOnlyList<MatrixCell> Matrix,
    IReadOnlyList<ScoreRange> InternalScoreRanges,
    int NoticeWorkingDays,
    int ArchiveAfterDays,
    DateOnly? EffectiveFrom = null,
    string? NextVersion = null,
    DateOnly? NextEffectiveFrom = null)
{
    public static MethodologyDocument From(Methodology methodology)
    {
        var values = MethodologyValues.Of(methodology);
        return new(
            methodology.Version,
            values.MediumFromHours,
            values.LargeAboveHours,
            values.Impacts,
            values.Matrix,
            values.InternalScoreRanges,
            values.NoticeWorkingDays,
            values.ArchiveAfterDays);
    }

    /// <summary>The version in force today, with its effective date and the next approved version, if any.</summary>
    public static MethodologyDocument InForce(RuleBook rules)
    {
        var current = rules.Timeline.Versions[^1];
        var next = rules.Next;
        return From(current.Methodology) with
        {
            EffectiveFrom = current.EffectiveFrom == DateOnly.MinValue ? null : current.EffectiveFrom,
            NextVersion = next?.Methodology.Version,
            NextEffectiveFrom = next?.EffectiveFrom,
        };
    }
}

public static class MethodologyEndpoints
{
    private const string What = "methodology version";

    public static IEndpointRouteBuilder MapMethodologyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/methodology", (RuleBook rules) => Results.Ok(MethodologyDocument.InForce(rules)))
            .RequireAuthorization(Policies.SignedIn)
            .WithTags("Methodology")
            .Produces<MethodologyDocument>()
            .WithSummary("The User System Change Reporting Methodology in force: the numbers every risk is computed with.");

        var versions = app.MapGroup("/api/v1/methodology/versions").WithTags("Methodology");

        versions.MapGet("/", async (HttpContext context, MethodologyService service) =>
            Results.Ok(await service.ListAsync(CallerBinding.Require(context), context.RequestAborted)))
            .RequireAuthorization(Policies.SignedIn)
            .Produces<IReadOnlyList<MethodologyVersionResponse>>()
            .WithSummary("Every methodology version the caller may read, newest first: drafts for DCC staff only.");

        versions.MapGet("/{version}", async (HttpContext context, MethodologyService service, string version) =>
            await service.GetAsync(CallerBinding.Require(context), version, context.RequestAborted) is { } found
                ? Revisions.WithETag(Results.Ok(found), found.Revision, context)
                : Problems.NotFound(What))
            .RequireAuthorization(Policies.SignedIn)
            .Produces<MethodologyVersionResponse>()
            .WithSummary("One methodology version with its values and history.");

        versions.MapPost("/", async (HttpContext context, MethodologyService service) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<MethodologyVersionInput>(context.Request);
            return problem ?? (await service.CreateAsync(CallerBinding.Require(context), input!, context.RequestAborted))
                .ToResult(context, v => v.Revision, Location, What);
        })
        .RequireAuthorization(Policies.SiteOwner)
        .Accepts<MethodologyVersionInput>("application/json")
        .Produces<MethodologyVersionResponse>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .WithSummary("Draft a new version: a summary and the values (the shape of GET /api/v1/methodology).");

        versions.MapPut("/{version}", async (HttpContext context, MethodologyService service, string version) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<MethodologyVersionInput>(context.Request);
            return problem ?? (await service.UpdateAsync(CallerBinding.Require(context), version, Revisions.IfMatch(context.Request), input!, context.RequestAborted))
                .ToResult(context, v => v.Revision, Location, What);
        })
        .RequireAuthorization(Policies.SiteOwner)
        .Accepts<MethodologyVersionInput>("application/json")
        .Produces<MethodologyVersionResponse>()
        .WithSummary("Edit a draft (If-Match); a version past draft answers 409.");

        versions.MapPost("/{version}/consultation", async (HttpContext context, MethodologyService service, string version) =>
            (await service.OpenConsultationAsync(CallerBinding.Require(context), version, Revisions.IfMatch(context.Request), context.RequestAborted))
                .ToResult(context, v => v.Revision, Location, What))
        .RequireAuthorization(Policies.SiteOwner)
        .Produces<MethodologyVersionResponse>()
        .WithSummary("Open a draft for consultation (If-Match): DCC Users can read it and respond.");

        versions.MapPost("/{version}/approval", async (HttpContext context, MethodologyService service, string version) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<MethodologyApprovalInput>(context.Request);
            return problem ?? (await service.ApproveAsync(CallerBinding.Require(context), version, Revisions.IfMatch(context.Request), input!, context.RequestAborted))
                .ToResult(context, v => v.Revision, Location, What);
        })
        .RequireAuthorization(Policies.SiteOwner)
        .Accepts<MethodologyApprovalInput>("application/json")
        .Produces<MethodologyVersionResponse>()
        .ProducesValidationProblem()
        .WithSummary("Record the Panel's approval of a version in consultation (If-Match): it takes force at London midnight on effectiveFrom.");

        versions.MapPost("/{version}/withdrawal", async (HttpContext context, MethodologyService service, string version) =>
            (await service.WithdrawAsync(CallerBinding.Require(context), version, Revisions.IfMatch(context.Request), context.RequestAborted))
                .ToResult(context, v => v.Revision, Location, What))
        .RequireAuthorization(Policies.SiteOwner)
        .Produces<MethodologyVersionResponse>()
        .WithSummary("Withdraw a draft or a version in consultation (If-Match).");

        versions.MapGet("/{version}/responses", async (HttpContext context, MethodologyService service, string version) =>
            await service.ResponsesAsync(CallerBinding.Require(context), version, context.RequestAborted) is { } responses
                ? Results.Ok(responses)
                : Problems.NotFound(What))
            .RequireAuthorization(Policies.SignedIn)
            .Produces<IReadOnlyList<ConsultationResponse>>()
            .WithSummary("Consultation responses: every organisation's for DCC staff, the caller's organisation's for a DCC User.");

        versions.MapPut("/{version}/responses/mine", async (HttpContext context, MethodologyService service, string version) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<ConsultationResponseInput>(context.Request);
            return problem ?? (await service.RespondAsync(CallerBinding.Require(context), version, input!, context.RequestAborted))
                .ToResult(context, _ => 1, _ => $"/api/v1/methodology/versions/{version}/responses/mine", What);
        })
        .RequireAuthorization(Policies.DccUser)
        .Accepts<ConsultationResponseInput>("application/json")
        .Produces<ConsultationResponse>()
        .ProducesValidationProblem()
        .WithSummary("Write or replace the caller's organisation's response to a version in consultation (one per organisation).");

        return app;
    }

    private static string Location(MethodologyVersionResponse version) => $"/api/v1/methodology/versions/{version.Version}";
}
