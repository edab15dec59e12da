using ChangeCoordination.Web.Api;
using ChangeCoordination.Web.Features.Changes;
using ChangeCoordination.Web.Identity;

namespace ChangeCoordination.Web.Features.Assessment;

/// <summary>
/// The assessment room: the assessor's queue and desk (<see cref="AssessPage"/>), the write of an assessment with the
/// advice it was given (<see cref="AssessmentDesk"/>), and that advice (<see cref="AssessmentAdvisor"/>).
/// </summary>
public static class AssessmentFeature
{
    public static WebApplicationBuilder AddAssessmentFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AssessmentDesk>();
        builder.Services.AddSingleton<AssessmentAdvisor>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAssessmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/assessment-queue", async (HttpContext context, ChangeService service) =>
            Results.Ok(await service.QueueAsync(CallerBinding.Require(context), context.RequestAborted)))
            .RequireAuthorization(Policies.Assessor)
            .WithTags("Assessment")
            .Produces<IReadOnlyList<ChangeResponse>>()
            .WithSummary("Changes awaiting assessment, earliest start first.");

        app.MapPost("/api/v1/changes/{reference}/assessment", async (HttpContext context, AssessmentDesk desk, string reference) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<AssessmentInput>(context.Request);
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await desk.AssessAsync(CallerBinding.Require(context), reference, Revisions.IfMatch(context.Request), input!, context.RequestAborted);
            return outcome.ToResult(context, c => c.Revision, c => $"/api/v1/changes/{c.Reference}", "change");
        })
            .RequireAuthorization(Policies.Assessor)
            .WithTags("Assessment")
            .Accepts<AssessmentInput>("application/json")
            .Produces<ChangeResponse>()
            .WithSummary("Assess a change's probability: { probability, rationale } (If-Match). The advice of similar changes, when there is any, is recorded against the probability chosen (audit: assessment.advice.followed or .overruled).");

        app.MapGet("/api/v1/changes/{reference}/advice", async (AssessmentAdvisor advisor, string reference, CancellationToken cancellationToken) =>
            (await advisor.AdviseAsync([reference], cancellationToken)).TryGetValue(reference, out var advice)
                ? Results.Ok(advice)
                : Problems.NotFound("change"))
            .RequireAuthorization(Policies.Assessor)
            .WithTags("Assessment")
            .Produces<AssessmentAdvice>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary($"What similar changes (same type and complexity; firmware sharing a device type; the organisation's own when it has {AdviceRules.MinimumHistory}, else every User's; the latest {AdviceRules.MaximumHistory}) went on to do, and the probability they suggest, with the evidence. Advice only: it is never applied.");

        return app;
    }
}
